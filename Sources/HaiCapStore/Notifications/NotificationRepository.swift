import Foundation
import HaiCapCore
import SQLKit

/// Webhook subscriptions, the in-app inbox, and the contact addresses of accounts.
public struct NotificationRepository: Sendable {
    let db: any SQLDatabase

    public init(db: any SQLDatabase) {
        self.db = db
    }

    // MARK: Webhooks

    public func createWebhook(url: String, secret: String, events: [String], by actor: String, now: Date) async throws -> WebhookSubscription {
        let eventsJSON = String(decoding: try JSONEncoder().encode(events), as: UTF8.self)
        let createdAt = Int64(now.timeIntervalSince1970)
        let row = try await db.insert(into: "webhooks")
            .columns("url", "secret", "events_json", "created_at", "created_by")
            .values(SQLBind(url), SQLBind(secret), SQLBind(eventsJSON), SQLBind(createdAt), SQLBind(actor))
            .returning("id").first()
        let id = try row?.decode(column: "id", as: Int64.self) ?? 0
        return WebhookSubscription(id: id, url: url, secret: secret, events: events, createdAt: Date(timeIntervalSince1970: TimeInterval(createdAt)), createdBy: actor)
    }

    public func webhooks() async throws -> [WebhookSubscription] {
        try await db.select().column("*").from("webhooks").orderBy("id").all().map(Self.webhook)
    }

    public func webhook(id: Int64) async throws -> WebhookSubscription? {
        try await db.select().column("*").from("webhooks").where("id", .equal, id).first().map(Self.webhook)
    }

    public func deleteWebhook(id: Int64) async throws {
        try await db.delete(from: "webhooks").where("id", .equal, id).run()
    }

    static func webhook(_ row: any SQLRow) throws -> WebhookSubscription {
        let events = try JSONDecoder().decode([String].self, from: Data(try row.decode(column: "events_json", as: String.self).utf8))
        return WebhookSubscription(
            id: try row.decode(column: "id", as: Int64.self), url: try row.decode(column: "url", as: String.self),
            secret: try row.decode(column: "secret", as: String.self), events: events,
            createdAt: Date(timeIntervalSince1970: TimeInterval(try row.decode(column: "created_at", as: Int64.self))),
            createdBy: try row.decode(column: "created_by", as: String.self))
    }

    // MARK: Inbox

    /// An account's inbox, newest first.
    public func inbox(username: String, page: PageRequest) async throws -> Paged<InboxItem> {
        let total = try await db.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("notifications")
            .where("username", .equal, username).first()?.decode(column: "n", as: Int.self) ?? 0
        let rows = try await db.select().column("*").from("notifications").where("username", .equal, username)
            .orderBy("id", .descending).limit(page.per).offset(page.offset).all()
        let items = try rows.map { row in
            InboxItem(
                id: try row.decode(column: "id", as: Int64.self), eventID: try row.decode(column: "event_id", as: String.self),
                event: try row.decode(column: "event", as: String.self), title: try row.decode(column: "title", as: String.self),
                body: try row.decode(column: "body", as: String.self), link: try row.decode(column: "link", as: String?.self),
                createdAt: Date(timeIntervalSince1970: TimeInterval(try row.decode(column: "created_at", as: Int64.self))),
                read: try row.decode(column: "read_at", as: Int64?.self) != nil)
        }
        return Paged(items: items, total: total, page: page)
    }

    public func unreadCount(username: String) async throws -> Int {
        try await db.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("notifications")
            .where("username", .equal, username).where("read_at", .is, SQLLiteral.null)
            .first()?.decode(column: "n", as: Int.self) ?? 0
    }

    /// Marks one of the account's notifications read; false when it has no such notification.
    public func markRead(id: Int64, username: String, now: Date) async throws -> Bool {
        let found = try await db.select().column("read_at").from("notifications")
            .where("id", .equal, id).where("username", .equal, username).first()
        guard let found else { return false }
        if try found.decode(column: "read_at", as: Int64?.self) == nil {
            try await db.update("notifications").set("read_at", to: Int64(now.timeIntervalSince1970))
                .where("id", .equal, id).where("username", .equal, username).run()
        }
        return true
    }

    public func markAllRead(username: String, now: Date) async throws {
        try await db.update("notifications").set("read_at", to: Int64(now.timeIntervalSince1970))
            .where("username", .equal, username).where("read_at", .is, SQLLiteral.null).run()
    }

    // MARK: Contacts

    public struct Contact: Sendable, Equatable {
        public var email: String?
        public var zaloUserID: String?

        public init(email: String?, zaloUserID: String?) {
            self.email = email
            self.zaloUserID = zaloUserID
        }
    }

    public func contact(username: String) async throws -> Contact? {
        guard let row = try await db.select().column("email").column("zalo_user_id").from("users")
            .where("username", .equal, username).first() else { return nil }
        return Contact(email: try row.decode(column: "email", as: String?.self), zaloUserID: try row.decode(column: "zalo_user_id", as: String?.self))
    }

    public func setContact(username: String, _ contact: Contact) async throws {
        try await db.update("users").set("email", to: SQLBind(contact.email)).set("zalo_user_id", to: SQLBind(contact.zaloUserID))
            .where("username", .equal, username).run()
    }

    /// Checks an e-mail address and a Zalo user id (digits) before they are stored; empty means none.
    public static func validate(_ contact: Contact) -> [FieldError] {
        var problems: [FieldError] = []
        if let email = contact.email {
            let parts = email.split(separator: "@", omittingEmptySubsequences: false)
            if parts.count != 2 || parts[0].isEmpty || !parts[1].contains(".") || email.contains(where: { $0.isWhitespace || $0 == "<" || $0 == ">" }) {
                problems.append(.init(key: "email", message: "Địa chỉ e-mail '\(email)' không hợp lệ."))
            }
        }
        if let zalo = contact.zaloUserID, zalo.isEmpty || !zalo.allSatisfy({ $0.isASCII && $0.isNumber }) || zalo.count > 32 {
            problems.append(.init(key: "zaloUserId", message: "Mã người dùng Zalo (user_id của Official Account) chỉ gồm chữ số."))
        }
        return problems
    }
}
