import ArgumentParser
import AsyncHTTPClient
import Foundation
import HaiCapCore
import HaiCapNotify
import HaiCapStore
import Logging

struct NotifyTestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test", abstract: "Gửi một thông báo thử qua một kênh với cấu hình hiện tại: inbox, email, webhook hoặc zalo.",
        discussion: """
            inbox: ghi vào hộp thư của --username (mặc định admin) qua hàng đợi thông báo.
            email: gửi tới --to (hoặc e-mail của --username) qua máy chủ HAICAP_SMTP_HOST.
            webhook: gửi tới mọi webhook đã đăng ký (hoặc --url với --secret), có chữ ký.
            zalo: gửi tới --zalo-user-id (hoặc mã Zalo của --username) qua Zalo OA.
            """)

    enum Channel: String, ExpressibleByArgument, CaseIterable {
        case inbox, email, webhook, zalo
    }

    @Argument(help: "inbox, email, webhook hoặc zalo.") var channel: Channel
    @Option(help: "Tài khoản nhận (inbox; email và zalo lấy địa chỉ của tài khoản).") var username: String?
    @Option(help: "Địa chỉ e-mail nhận (kênh email).") var to: String?
    @Option(name: .customLong("zalo-user-id"), help: "Mã người dùng Zalo nhận (kênh zalo).") var zaloUserID: String?
    @Option(help: "Gửi tới địa chỉ này thay vì các webhook đã đăng ký (kênh webhook).") var url: String?
    @Option(help: "Khóa bí mật để ký khi dùng --url.") var secret: String?
    @OptionGroup var storage: StorageOptions

    func run() async throws {
        let ok = try await storage.withDatabase { database, config in
            let settings = config.notifications
            let event = NotificationEvent(
                name: .assignmentCreated, occurredAt: Date(), data: ["test": .bool(true)],
                audience: .init(users: [username ?? "admin"]),
                title: "Thông báo thử từ HaiCap", body: "Đây là thông báo thử qua kênh \(channel.rawValue). Nếu bạn nhận được, kênh này đã hoạt động.",
                link: "/thong-bao")
            switch channel {
            case .inbox:
                return try await inbox(database, settings: settings, event: event)
            case .email:
                guard let smtp = settings.smtp else { throw CLIError("Chưa cấu hình máy chủ thư: đặt HAICAP_SMTP_HOST và HAICAP_SMTP_FROM.") }
                let address = try await address(to, username: username, database: database) { $0.email }
                guard let address else { throw CLIError("Cần --to, hoặc --username của tài khoản đã có e-mail.") }
                let message = EmailSender.message(for: event, to: address, link: settings.absoluteLink(event.link), messageID: event.id)
                return report(await EmailSender(settings: smtp, timeout: settings.timeout).send(message), "thư tới \(address) qua \(smtp.host):\(smtp.port)")
            case .webhook:
                return try await webhooks(database, settings: settings, event: event)
            case .zalo:
                guard let zalo = settings.zalo else { throw CLIError("Chưa cấu hình Zalo OA: đặt HAICAP_ZALO_ACCESS_TOKEN.") }
                let userID = try await address(zaloUserID, username: username, database: database) { $0.zaloUserID }
                guard let userID else { throw CLIError("Cần --zalo-user-id, hoặc --username của tài khoản đã có mã Zalo.") }
                let client = HTTPClient(eventLoopGroupProvider: .singleton)
                let outcome = await ZaloSender(client: client, settings: zalo, timeout: settings.timeout)
                    .send(userID: userID, text: ZaloSender.text(for: event, link: settings.absoluteLink(event.link)))
                try await client.shutdown()
                return report(outcome, "tin Zalo tới \(userID) qua \(zalo.apiURL)")
            }
        }
        if !ok { throw ExitCode(1) }
    }

    func address(_ given: String?, username: String?, database: Database, _ pick: (NotificationRepository.Contact) -> String?) async throws -> String? {
        if let given { return given }
        guard let username else { return nil }
        guard let contact = try await NotificationRepository(db: database.sql).contact(username: username) else {
            throw CLIError("Không có tài khoản '\(username)'.")
        }
        return pick(contact)
    }

    func report(_ outcome: DeliveryOutcome, _ what: String) -> Bool {
        switch outcome {
        case .sent:
            print("Đã gửi \(what).")
            return true
        case .failed(let message, _):
            print("Không gửi được \(what): \(message)")
            return false
        }
    }

    func inbox(_ database: Database, settings: NotificationSettings, event: NotificationEvent) async throws -> Bool {
        let recipient = username ?? "admin"
        guard try await UserRepository(db: database.sql).find(username: recipient) != nil else { throw CLIError("Không có tài khoản '\(recipient)'.") }
        try await database.transaction { db in try await Outbox(db: db).record(event) }
        // Fan out only this event, to the inbox only: webhooks and other channels have their own tests.
        try await DeliveryQueue(database: database).fanOut(limit: 1, channels: [], now: Date(), onlyEventID: event.id)
        let inbox = try await NotificationRepository(db: database.sql).inbox(username: recipient, page: .init(page: 1, per: 1))
        guard inbox.items.first?.eventID == event.id else {
            print("Không thấy thông báo thử trong hộp thư của \(recipient).")
            return false
        }
        print("Đã ghi thông báo thử vào hộp thư của \(recipient) (\(inbox.total) thông báo). Xem tại /thong-bao hoặc GET /api/v1/notifications.")
        return true
    }

    func webhooks(_ database: Database, settings: NotificationSettings, event: NotificationEvent) async throws -> Bool {
        var targets: [(String, String)] = []
        if let url {
            guard let secret, secret.count >= 16 else { throw CLIError("Cần --secret (ít nhất 16 ký tự) khi dùng --url.") }
            targets = [(url, secret)]
        } else {
            targets = try await NotificationRepository(db: database.sql).webhooks().map { ($0.url, $0.secret) }
            guard !targets.isEmpty else { throw CLIError("Chưa có webhook nào: đăng ký bằng POST /api/v1/webhooks, hoặc dùng --url và --secret.") }
        }
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        var allSent = true
        for (url, secret) in targets {
            let outcome = await WebhookSender(client: client, timeout: settings.timeout)
                .send(event, deliveryID: UUID().uuidString.lowercased(), url: url, secret: secret)
            allSent = report(outcome, "sự kiện thử tới webhook \(url)") && allSent
        }
        try await client.shutdown()
        return allSent
    }
}
