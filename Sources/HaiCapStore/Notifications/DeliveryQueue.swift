import Foundation
import HaiCapCore
import SQLKit

/// A delivery a worker has claimed, with the event it carries.
public struct ClaimedDelivery: Sendable {
    public var id: Int64
    public var deliveryID: String
    public var channel: NotificationChannel
    /// Webhook id, or the username of an e-mail or Zalo recipient.
    public var target: String
    /// Webhook URL, e-mail address or Zalo user id, as resolved at fan-out.
    public var address: String
    /// Attempts made before this one.
    public var attempts: Int
    public var event: NotificationEvent
}

/// What one delivery attempt came to.
public struct DeliveryFailure: Sendable {
    public var delivery: ClaimedDelivery
    public var error: String
    /// No retry can help (e.g. the webhook was deleted): straight to the dead-letter list.
    public var permanent: Bool

    public init(delivery: ClaimedDelivery, error: String, permanent: Bool = false) {
        self.delivery = delivery
        self.error = error
        self.permanent = permanent
    }
}

/// The delivery side of the outbox: fan-out of events into per-target rows, claims with a lease,
/// outcomes in batches, and the dead-letter list.
///
/// At least once: a row is only marked sent after the target accepted it; a worker that dies mid-delivery
/// leaves a claim that expires (`claimed_until`), and the row is tried again with the same `delivery_id`.
public struct DeliveryQueue: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    private var skipLocked: String { database.dialect == .postgres ? " FOR UPDATE SKIP LOCKED" : "" }

    static func ms(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded()) }

    // MARK: Fan-out

    /// Turns up to `limit` new outbox rows into inbox rows and delivery rows (idempotent: a unique
    /// (event, channel, target) key); returns how many outbox rows it handled.
    @discardableResult
    /// `onlyEventID` fans out that one event (the CLI's inbox test, which must not reach webhooks).
    public func fanOut(limit: Int, channels: Set<NotificationChannel>, now: Date, onlyEventID: String? = nil) async throws -> Int {
        let skipLocked = self.skipLocked
        let only: SQLQueryString = onlyEventID.map { " AND event_id = \(bind: $0)" } ?? ""
        // Look before opening a transaction: the worker polls every second, and on SQLite a transaction holds back
        // every other statement while it runs.
        let waiting = try await database.sql.raw("""
            SELECT id FROM outbox WHERE fanned_out = \(bind: false)\(only) LIMIT 1
            """).first()
        guard waiting != nil else { return 0 }
        return try await database.transaction { db in
            let rows = try await db.raw("""
                SELECT id, event_id, event, audience_json, title, body, link FROM outbox
                WHERE fanned_out = \(bind: false)\(only)
                ORDER BY id LIMIT \(bind: limit)\(unsafeRaw: skipLocked)
                """).all()
            guard !rows.isEmpty else { return 0 }
            struct Pending {
                var rowID: Int64, eventID: String, event: String, audience: NotificationAudience, title: String, body: String, link: String?
            }
            let decoder = JSONDecoder()
            let pending = try rows.map { row in
                Pending(
                    rowID: try row.decode(column: "id", as: Int64.self), eventID: try row.decode(column: "event_id", as: String.self),
                    event: try row.decode(column: "event", as: String.self),
                    audience: (try? decoder.decode(NotificationAudience.self, from: Data(try row.decode(column: "audience_json", as: String.self).utf8))) ?? .init(),
                    title: try row.decode(column: "title", as: String.self), body: try row.decode(column: "body", as: String.self),
                    link: try row.decode(column: "link", as: String?.self))
            }
            let webhooks = channels.contains(.webhook) ? try await NotificationRepository(db: db).webhooks() : []
            let recipients = try await Self.recipients(db, usernames: Set(pending.flatMap(\.audience.users)), units: Set(pending.flatMap(\.audience.units)))

            let createdAt = Int64(now.timeIntervalSince1970)
            let nowMs = Self.ms(now)
            var inbox: [[any SQLExpression]] = []
            var deliveries: [[any SQLExpression]] = []
            func delivery(_ p: Pending, _ channel: NotificationChannel, target: String, address: String) {
                deliveries.append([
                    SQLBind(UUID().uuidString.lowercased()), SQLBind(p.eventID), SQLBind(channel.rawValue), SQLBind(target), SQLBind(address),
                    SQLBind(DeliveryStatus.pending.rawValue), SQLBind(0), SQLBind(nowMs), SQLBind(createdAt),
                ])
            }
            for p in pending {
                let named = Set(p.audience.users)
                let units = Set(p.audience.units)
                for user in recipients where named.contains(user.username) || (user.role == Role.commune.rawValue && user.unitCode.map(units.contains) == true) {
                    inbox.append([
                        SQLBind(p.eventID), SQLBind(user.username), SQLBind(p.event), SQLBind(p.title), SQLBind(p.body), SQLBind(p.link), SQLBind(createdAt),
                    ])
                    if channels.contains(.email), let email = user.email, !email.isEmpty {
                        delivery(p, .email, target: user.username, address: email)
                    }
                    if channels.contains(.zalo), let zalo = user.zaloUserID, !zalo.isEmpty {
                        delivery(p, .zalo, target: user.username, address: zalo)
                    }
                }
                for hook in webhooks where hook.receives(p.event) {
                    delivery(p, .webhook, target: String(hook.id), address: hook.url)
                }
            }
            for chunk in inbox.chunked(400) {
                let insert = db.insert(into: "notifications").columns("event_id", "username", "event", "title", "body", "link", "created_at")
                for row in chunk { insert.values(row) }
                try await insert.ignoringConflicts(with: ["event_id", "username"]).run()
            }
            for chunk in deliveries.chunked(400) {
                let insert = db.insert(into: "notification_deliveries")
                    .columns("delivery_id", "event_id", "channel", "target", "address", "status", "attempts", "next_attempt_at", "created_at")
                for row in chunk { insert.values(row) }
                try await insert.ignoringConflicts(with: ["event_id", "channel", "target"]).run()
            }
            for chunk in pending.map(\.rowID).chunked(500) {
                try await db.update("outbox").set("fanned_out", to: true).where("id", .in, Array(chunk)).run()
            }
            return pending.count
        }
    }

    struct Recipient {
        var username: String
        var role: String
        var unitCode: String?
        var email: String?
        var zaloUserID: String?
    }

    /// Enabled accounts named in `usernames`, and enabled accounts bound to one of `units`.
    static func recipients(_ db: any SQLDatabase, usernames: Set<String>, units: Set<String>) async throws -> [Recipient] {
        guard !usernames.isEmpty || !units.isEmpty else { return [] }
        let query = db.select().columns("username", "role", "unit_code", "email", "zalo_user_id").from("users")
            .where("disabled", .equal, false)
            .where { group in
                if !usernames.isEmpty { group.orWhere("username", .in, Array(usernames)) }
                if !units.isEmpty { group.orWhere("unit_code", .in, Array(units)) }
                return group
            }
        return try await query.all().map { row in
            Recipient(
                username: try row.decode(column: "username", as: String.self), role: try row.decode(column: "role", as: String.self),
                unitCode: try row.decode(column: "unit_code", as: String?.self), email: try row.decode(column: "email", as: String?.self),
                zaloUserID: try row.decode(column: "zalo_user_id", as: String?.self))
        }
    }

    // MARK: Claims and outcomes

    /// Claims up to `limit` due deliveries until `now + lease`. PostgreSQL skips rows another instance is claiming.
    public func claim(limit: Int, lease: TimeInterval, now: Date) async throws -> [ClaimedDelivery] {
        let nowMs = Self.ms(now)
        let until = nowMs + Int64(lease * 1000)
        let skipLocked = self.skipLocked
        // As in `fanOut`: no transaction when nothing is due.
        let due = try await database.sql.raw("""
            SELECT id FROM notification_deliveries
            WHERE status = \(bind: DeliveryStatus.pending.rawValue) AND next_attempt_at <= \(bind: nowMs)
            AND (claimed_until IS NULL OR claimed_until <= \(bind: nowMs)) LIMIT 1
            """).first()
        guard due != nil else { return [] }
        let rows = try await database.transaction { db in
            try await db.raw("""
                UPDATE notification_deliveries SET claimed_until = \(bind: until)
                WHERE id IN (SELECT id FROM notification_deliveries
                    WHERE status = \(bind: DeliveryStatus.pending.rawValue) AND next_attempt_at <= \(bind: nowMs)
                    AND (claimed_until IS NULL OR claimed_until <= \(bind: nowMs))
                    ORDER BY next_attempt_at, id LIMIT \(bind: limit)\(unsafeRaw: skipLocked))
                RETURNING id, delivery_id, event_id, channel, target, address, attempts
                """).all()
        }
        guard !rows.isEmpty else { return [] }
        let eventIDs = Set(try rows.map { try $0.decode(column: "event_id", as: String.self) })
        var events: [String: NotificationEvent] = [:]
        for chunk in Array(eventIDs).chunked(500) {
            for event in try await self.events(ids: Array(chunk)) { events[event.id] = event }
        }
        return try rows.compactMap { row in
            let eventID = try row.decode(column: "event_id", as: String.self)
            guard let event = events[eventID],
                  let channel = NotificationChannel(rawValue: try row.decode(column: "channel", as: String.self)) else { return nil }
            return ClaimedDelivery(
                id: try row.decode(column: "id", as: Int64.self), deliveryID: try row.decode(column: "delivery_id", as: String.self),
                channel: channel, target: try row.decode(column: "target", as: String.self),
                address: try row.decode(column: "address", as: String.self), attempts: try row.decode(column: "attempts", as: Int.self),
                event: event)
        }.sorted { $0.id < $1.id }
    }

    /// Events from the outbox by id.
    public func events(ids: [String]) async throws -> [NotificationEvent] {
        guard !ids.isEmpty else { return [] }
        let decoder = JSONDecoder()
        return try await database.sql.select().columns("event_id", "event", "occurred_at", "data_json", "audience_json", "title", "body", "link")
            .from("outbox").where("event_id", .in, ids).all().compactMap { row in
                guard let name = NotificationEventName(rawValue: try row.decode(column: "event", as: String.self)) else { return nil }
                return NotificationEvent(
                    id: try row.decode(column: "event_id", as: String.self), name: name,
                    occurredAt: Date(timeIntervalSince1970: TimeInterval(try row.decode(column: "occurred_at", as: Int64.self))),
                    data: (try? decoder.decode([String: JSONValue].self, from: Data(try row.decode(column: "data_json", as: String.self).utf8))) ?? [:],
                    audience: (try? decoder.decode(NotificationAudience.self, from: Data(try row.decode(column: "audience_json", as: String.self).utf8))) ?? .init(),
                    title: try row.decode(column: "title", as: String.self), body: try row.decode(column: "body", as: String.self),
                    link: try row.decode(column: "link", as: String?.self))
            }
    }

    /// Marks deliveries sent, in one statement per 500.
    public func markSent(_ ids: [Int64], now: Date) async throws {
        guard !ids.isEmpty else { return }
        let nowMs = Self.ms(now)
        try await database.transaction { db in
            for chunk in ids.chunked(500) {
                try await db.raw("""
                    UPDATE notification_deliveries SET status = \(bind: DeliveryStatus.sent.rawValue), attempts = attempts + 1,
                    sent_at = \(bind: nowMs), claimed_until = NULL, last_error = NULL WHERE id IN (\(binds: Array(chunk)))
                    """).run()
            }
        }
    }

    /// Records failed attempts: the next one after the backoff, or the dead-letter list after the last.
    public func markFailed(_ failures: [DeliveryFailure], policy: RetryPolicy, now: Date) async throws {
        guard !failures.isEmpty else { return }
        try await database.transaction { db in
            for failure in failures {
                let attempts = failure.delivery.attempts + 1
                let dead = failure.permanent || attempts >= policy.maxAttempts
                let next = Self.ms(now.addingTimeInterval(policy.delay(afterFailures: attempts)))
                try await db.update("notification_deliveries")
                    .set("attempts", to: attempts)
                    .set("status", to: dead ? DeliveryStatus.dead.rawValue : DeliveryStatus.pending.rawValue)
                    .set("next_attempt_at", to: next)
                    .set("claimed_until", to: SQLLiteral.null)
                    .set("last_error", to: String(failure.error.prefix(1000)))
                    .where("id", .equal, failure.delivery.id).run()
            }
        }
    }

    // MARK: Inspection and dead letters

    /// Deliveries given up on, newest first.
    public func deadLetters(page: PageRequest) async throws -> Paged<DeliveryRecord> {
        try await list(status: .dead, page: page)
    }

    public func list(status: DeliveryStatus? = nil, eventID: String? = nil, page: PageRequest = .init(page: 1, per: 500)) async throws -> Paged<DeliveryRecord> {
        func filtered(_ b: SQLSelectBuilder) -> SQLSelectBuilder {
            if let status { b.where(SQLColumn("status", table: "d"), .equal, SQLBind(status.rawValue)) }
            if let eventID { b.where(SQLColumn("event_id", table: "d"), .equal, SQLBind(eventID)) }
            return b
        }
        let total = try await filtered(database.sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
            .from(SQLAlias(SQLIdentifier("notification_deliveries"), as: SQLIdentifier("d"))))
            .first()?.decode(column: "n", as: Int.self) ?? 0
        let rows = try await filtered(database.sql.select()
            .column(SQLColumn(SQLLiteral.all, table: SQLIdentifier("d"))).column(SQLColumn("event", table: "o"))
            .from(SQLAlias(SQLIdentifier("notification_deliveries"), as: SQLIdentifier("d")))
            .join(SQLAlias(SQLIdentifier("outbox"), as: SQLIdentifier("o")), method: SQLJoinMethod.left,
                  on: SQLColumn("event_id", table: "o"), .equal, SQLColumn("event_id", table: "d")))
            .orderBy(SQLOrderBy(expression: SQLColumn("id", table: "d"), direction: SQLDirection.descending)).limit(page.per).offset(page.offset).all()
        let items = try rows.map(Self.record)
        return Paged(items: items, total: total, page: page)
    }

    static func record(_ row: any SQLRow) throws -> DeliveryRecord {
        DeliveryRecord(
            id: try row.decode(column: "id", as: Int64.self), deliveryID: try row.decode(column: "delivery_id", as: String.self),
            eventID: try row.decode(column: "event_id", as: String.self), event: try row.decode(column: "event", as: String?.self) ?? "",
            channel: NotificationChannel(rawValue: try row.decode(column: "channel", as: String.self)) ?? .webhook,
            target: try row.decode(column: "target", as: String.self), address: try row.decode(column: "address", as: String.self),
            status: DeliveryStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .pending,
            attempts: try row.decode(column: "attempts", as: Int.self),
            nextAttemptAt: Date(timeIntervalSince1970: TimeInterval(try row.decode(column: "next_attempt_at", as: Int64.self)) / 1000),
            lastError: try row.decode(column: "last_error", as: String?.self),
            createdAt: Date(timeIntervalSince1970: TimeInterval(try row.decode(column: "created_at", as: Int64.self))))
    }

    /// Puts a dead delivery back in the queue, due now, with a fresh count of attempts and the same delivery id.
    /// False when there is no dead delivery with that id.
    public func replay(id: Int64, now: Date) async throws -> Bool {
        let nowMs = Self.ms(now)
        return try await database.transaction { db in
            let row = try await db.raw("""
                UPDATE notification_deliveries SET status = \(bind: DeliveryStatus.pending.rawValue), attempts = 0,
                next_attempt_at = \(bind: nowMs), claimed_until = NULL
                WHERE id = \(bind: id) AND status = \(bind: DeliveryStatus.dead.rawValue) RETURNING id
                """).first()
            return row != nil
        }
    }

    /// Deliveries not yet sent nor dead, and outbox rows not yet fanned out.
    public func backlog() async throws -> (outbox: Int, pending: Int) {
        let outbox = try await database.sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("outbox")
            .where("fanned_out", .equal, false).first()?.decode(column: "n", as: Int.self) ?? 0
        let pending = try await database.sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("notification_deliveries")
            .where("status", .equal, DeliveryStatus.pending.rawValue).first()?.decode(column: "n", as: Int.self) ?? 0
        return (outbox, pending)
    }
}
