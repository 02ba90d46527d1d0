import Foundation
import HaiCapCore
import HaiCapStore
import Hummingbird

/// `/thong-bao`: the signed-in official's inbox, newest first, with the unread count.
struct NotificationPages {
    let views: Views
    let database: Database
    let now: @Sendable () -> Date

    struct ItemView {
        var id: Int64
        var title: String
        var body: String
        var link: String?
        var when: String
        var read: Bool
        var eventLabel: String
    }

    struct Content {
        var items: [ItemView]
        var hasItems: Bool
        var total: Int
        var unread: Int
        var summary: String
        var pager: Pager?
    }

    static func label(_ event: String) -> String {
        switch NotificationEventName(rawValue: event) {
        case .assignmentCreated: "Nhiệm vụ mới"
        case .assignmentAcknowledged: "Đã tiếp nhận"
        case .assignmentDueSoon: "Sắp đến hạn"
        case .assignmentOverdue: "Quá hạn"
        case .assignmentExtensionRequested: "Xin gia hạn"
        case .assignmentExtensionDecided: "Kết quả gia hạn"
        case .assignmentReturned: "Trả lại"
        case .assignmentProgress: "Cập nhật tiến độ"
        case .assignmentCompleted: "Hoàn thành"
        case .reportDue: "Đến hạn báo cáo"
        case .reportReturned: "Báo cáo bị trả lại"
        case nil: "Thông báo"
        }
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/thong-bao") { request, context in
            let account = try AccessPolicy.requireSignedIn(context.actor)
            let page = try PageRequest(page: request.query("page"), per: "20")
            let repository = NotificationRepository(db: database.sql)
            let paged = try await repository.inbox(username: account.username, page: page)
            let unread = try await repository.unreadCount(username: account.username)
            let items = paged.items.map {
                ItemView(id: $0.id, title: $0.title, body: $0.body, link: $0.link, when: CivilTime.display($0.createdAt), read: $0.read, eventLabel: Self.label($0.event))
            }
            let summary = paged.total == 0 ? "Chưa có thông báo nào." : "\(paged.total) thông báo, \(unread) chưa đọc."
            let content = Content(
                items: items, hasItems: !items.isEmpty, total: paged.total, unread: unread, summary: summary,
                pager: Pager(path: "/thong-bao", query: [], paged: paged))
            return try views.page("notifications", title: unread > 0 ? "Thông báo (\(unread))" : "Thông báo", content, context: context, path: "/thong-bao")
        }
        // Opening a notification marks it read, then goes to what it is about.
        router.post("/thong-bao/{id}/doc") { _, context in
            let account = try AccessPolicy.requireSignedIn(context.actor)
            guard let id = Int64(try context.parameters.require("id")) else { throw HaiCapError.notFound("Không có thông báo này.") }
            let at = now()
            let found = try await database.transaction { db in
                try await NotificationRepository(db: db).markRead(id: id, username: account.username, now: at)
            }
            guard found else { throw HaiCapError.notFound("Không có thông báo số \(id) trong hộp thư của bạn.") }
            let item = try await database.sql.select().column("link").from("notifications").where("id", .equal, id).first()
            let link = try item?.decode(column: "link", as: String?.self)
            return Views.redirect(link.flatMap { $0.hasPrefix("/") && !$0.hasPrefix("//") ? $0 : nil } ?? "/thong-bao")
        }
        router.post("/thong-bao/doc-het") { _, context in
            let account = try AccessPolicy.requireSignedIn(context.actor)
            let at = now()
            try await database.transaction { db in try await NotificationRepository(db: db).markAllRead(username: account.username, now: at) }
            return Views.redirect("/thong-bao")
        }
    }
}
