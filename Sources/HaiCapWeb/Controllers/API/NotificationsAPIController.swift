import Foundation
import HaiCapCore
import HaiCapStore
import Hummingbird

/// `/api/v1/notifications…` (the caller's inbox; dead letters for administrators), `/api/v1/webhooks`
/// and `/api/v1/users/{username}/contact` (administrators).
struct NotificationsAPIController {
    let database: Database
    let now: @Sendable () -> Date

    struct NewWebhook: Decodable {
        var url: String
        var secret: String
        var events: [String]
    }

    struct Created: ResponseEncodable {
        var id: Int64
    }

    struct WebhookDTO: Encodable, Sendable {
        var id: Int64
        var url: String
        var events: [String]
        var createdAt: String
        var createdBy: String
    }

    struct InboxDTO: Encodable, Sendable {
        var id: Int64
        var event: String
        var title: String
        var body: String
        var link: String?
        var createdAt: String
        var read: Bool
    }

    struct DeliveryDTO: Encodable, Sendable {
        var id: Int64
        var deliveryId: String
        var eventId: String
        var event: String
        var channel: String
        var target: String
        var address: String
        var status: String
        var attempts: Int
        var lastError: String?
        var createdAt: String
    }

    struct ContactBody: Decodable {
        var email: String?
        var zaloUserId: String?
    }

    struct ContactDTO: ResponseEncodable {
        var username: String
        var email: String?
        var zaloUserId: String?
    }

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.post("webhooks") { request, context -> EditedResponse<Created> in
            let admin = try AccessPolicy.requireAdmin(context.actor)
            let body = try await request.json(NewWebhook.self)
            let url = body.url.trimmingCharacters(in: .whitespaces)
            let events = Array(Set(body.events.map { $0.trimmingCharacters(in: .whitespaces) })).sorted()
            let problems = WebhookSubscription.validate(url: url, secret: body.secret, events: events)
            guard problems.isEmpty else { throw HaiCapError.validation(problems) }
            let at = now()
            let hook = try await database.transaction { db in
                let hook = try await NotificationRepository(db: db).createWebhook(url: url, secret: body.secret, events: events, by: admin.username, now: at)
                try await AuditRepository(db: db).record(
                    actor: admin.username, action: "create", entity: "webhook", entityID: String(hook.id),
                    before: String?.none, after: ["url": url, "events": events.joined(separator: ",")], now: at)
                return hook
            }
            return .init(status: .created, response: Created(id: hook.id))
        }
        group.get("webhooks") { request, context -> ListResponse<WebhookDTO> in
            _ = try AccessPolicy.requireAdmin(context.actor)
            let page = try PageRequest(page: request.query("page"), per: request.query("per"))
            let all = try await NotificationRepository(db: database.sql).webhooks()
            let items = all.dropFirst(page.offset).prefix(page.per).map {
                WebhookDTO(id: $0.id, url: $0.url, events: $0.events, createdAt: CivilTime.rfc3339($0.createdAt), createdBy: $0.createdBy)
            }
            return ListResponse(items: Array(items), total: all.count, page: page.page, per: page.per)
        }
        group.delete("webhooks/{id}") { _, context -> Response in
            let admin = try AccessPolicy.requireAdmin(context.actor)
            let id = try Self.id(context)
            let at = now()
            try await database.transaction { db in
                let repository = NotificationRepository(db: db)
                guard let hook = try await repository.webhook(id: id) else { throw HaiCapError.notFound("Không có webhook số \(id).") }
                try await repository.deleteWebhook(id: id)
                try await AuditRepository(db: db).record(
                    actor: admin.username, action: "delete", entity: "webhook", entityID: String(id),
                    before: ["url": hook.url, "events": hook.events.joined(separator: ",")], after: String?.none, now: at)
            }
            return Response(status: .noContent)
        }
        group.get("notifications") { request, context -> ListResponse<InboxDTO> in
            let account = try AccessPolicy.requireSignedIn(context.actor)
            let page = try PageRequest(page: request.query("page"), per: request.query("per"))
            let paged = try await NotificationRepository(db: database.sql).inbox(username: account.username, page: page)
            let items = paged.items.map {
                InboxDTO(id: $0.id, event: $0.event, title: $0.title, body: $0.body, link: $0.link, createdAt: CivilTime.rfc3339($0.createdAt), read: $0.read)
            }
            return ListResponse(items: items, total: paged.total, page: page.page, per: page.per)
        }
        group.post("notifications/{id}/read") { _, context -> Response in
            let account = try AccessPolicy.requireSignedIn(context.actor)
            let id = try Self.id(context)
            let at = now()
            let found = try await database.transaction { db in
                try await NotificationRepository(db: db).markRead(id: id, username: account.username, now: at)
            }
            guard found else { throw HaiCapError.notFound("Không có thông báo số \(id) trong hộp thư của bạn.") }
            return Response(status: .noContent)
        }
        group.get("notifications/dead-letters") { request, context -> ListResponse<DeliveryDTO> in
            _ = try AccessPolicy.requireAdmin(context.actor)
            let page = try PageRequest(page: request.query("page"), per: request.query("per"))
            let paged = try await DeliveryQueue(database: database).deadLetters(page: page)
            return ListResponse(items: paged.items.map(Self.dto), total: paged.total, page: page.page, per: page.per)
        }
        group.post("notifications/dead-letters/{id}/replay") { _, context -> Response in
            let admin = try AccessPolicy.requireAdmin(context.actor)
            let id = try Self.id(context)
            let at = now()
            guard try await DeliveryQueue(database: database).replay(id: id, now: at) else {
                throw HaiCapError.notFound("Không có thông báo gửi lỗi số \(id).")
            }
            try await database.transaction { db in
                try await AuditRepository(db: db).record(
                    actor: admin.username, action: "replay", entity: "notification_delivery", entityID: String(id),
                    before: String?.none, after: String?.none, now: at)
            }
            return Response(status: .noContent)
        }
        group.put("users/{username}/contact") { request, context -> ContactDTO in
            let admin = try AccessPolicy.requireAdmin(context.actor)
            let username = try context.parameters.require("username")
            let body = try await request.json(ContactBody.self)
            func clean(_ s: String?) -> String? {
                guard let t = s?.trimmingCharacters(in: .whitespaces), !t.isEmpty else { return nil }
                return t
            }
            let contact = NotificationRepository.Contact(email: clean(body.email), zaloUserID: clean(body.zaloUserId))
            let problems = NotificationRepository.validate(contact)
            guard problems.isEmpty else { throw HaiCapError.validation(problems) }
            let at = now()
            try await database.transaction { db in
                let repository = NotificationRepository(db: db)
                guard let before = try await repository.contact(username: username) else {
                    throw HaiCapError.notFound("Không có tài khoản '\(username)'.")
                }
                try await repository.setContact(username: username, contact)
                try await AuditRepository(db: db).record(
                    actor: admin.username, action: "update_contact", entity: "user", entityID: username,
                    before: ["email": before.email ?? "", "zaloUserId": before.zaloUserID ?? ""],
                    after: ["email": contact.email ?? "", "zaloUserId": contact.zaloUserID ?? ""], now: at)
            }
            return ContactDTO(username: username, email: contact.email, zaloUserId: contact.zaloUserID)
        }
    }

    static func dto(_ r: DeliveryRecord) -> DeliveryDTO {
        DeliveryDTO(
            id: r.id, deliveryId: r.deliveryID, eventId: r.eventID, event: r.event, channel: r.channel.rawValue, target: r.target,
            address: r.address, status: r.status.rawValue, attempts: r.attempts, lastError: r.lastError, createdAt: CivilTime.rfc3339(r.createdAt))
    }

    static func id(_ context: AppRequestContext) throws -> Int64 {
        guard let raw = context.parameters.get("id"), let id = Int64(raw), id > 0 else {
            throw HaiCapError.notFound("Không tìm thấy: mã số phải là số nguyên dương.")
        }
        return id
    }
}
