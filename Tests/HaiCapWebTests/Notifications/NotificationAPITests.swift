import Foundation
import HaiCapCore
import HaiCapNotify
import HaiCapStore
@testable import HaiCapWeb
import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing

@Suite("Notifications API: webhooks, inbox, dead letters, contacts")
struct NotificationAPITests {
    @Test("administrators register, list and delete webhooks; bad input is 422 naming the field; others get 403", arguments: TestBackend.enabled)
    func webhooks(backend: TestBackend) async throws {
        try await TestApp.run(backend) { h in
            let admin = try await h.adminToken()
            let commune = try await h.token(username: "xa.hook", role: .commune, unit: "24121")
            let bad = try await h.json(.post, "/api/v1/webhooks", token: admin, #"{"url": "ftp://x", "secret": "short", "events": ["nope"]}"#)
            #expect(bad.status == .unprocessableContent)
            #expect(bad.text.contains("\"url\"") && bad.text.contains("\"secret\"") && bad.text.contains("\"events\""))
            let forbidden = try await h.json(.post, "/api/v1/webhooks", token: commune, #"{"url": "https://a.vn/h", "secret": "0123456789abcdef", "events": ["*"]}"#)
            #expect(forbidden.status == .forbidden)
            let created = try await h.json(.post, "/api/v1/webhooks", token: admin,
                #"{"url": "https://tich-hop.daklak.gov.vn/haicap", "secret": "0123456789abcdef", "events": ["assignment.created", "report.due"]}"#)
            #expect(created.status == .created)
            struct Created: Decodable { var id: Int64 }
            let id = try created.decode(Created.self).id
            let list = try await h.get("/api/v1/webhooks", token: admin)
            #expect(list.status == .ok)
            #expect(list.text.contains("tich-hop.daklak.gov.vn"))
            #expect(!list.text.contains("0123456789abcdef"))  // the secret is never shown again
            #expect(try await h.get("/api/v1/webhooks", token: commune).status == .forbidden)
            #expect(try await h.send(.delete, "/api/v1/webhooks/\(id)", token: admin).status == .noContent)
            #expect(try await h.send(.delete, "/api/v1/webhooks/\(id)", token: admin).status == .notFound)
        }
    }

    @Test("each account reads its own inbox, newest first, and marks items read", arguments: TestBackend.enabled)
    func inbox(backend: TestBackend) async throws {
        try await TestApp.run(backend) { h in
            let mine = try await h.token(username: "xa.hop-thu", role: .commune, unit: "24121")
            let other = try await h.token(username: "xa.khac", role: .commune, unit: "24490")
            try await NotificationTest.record(h.database, [
                NotificationTest.event(.assignmentCreated, audience: .init(units: ["24121"])),
                NotificationTest.event(.assignmentDueSoon, audience: .init(users: ["xa.hop-thu"])),
            ])
            try await DeliveryQueue(database: h.database).fanOut(limit: 10, channels: [.webhook], now: fixedNow)
            struct Item: Decodable { var id: Int64; var event: String; var title: String; var body: String; var link: String?; var createdAt: String; var read: Bool }
            struct Page: Decodable { var items: [Item]; var total: Int; var page: Int; var per: Int }
            let page = try await h.get("/api/v1/notifications?per=1", token: mine).decode(Page.self)
            #expect(page.total == 2)
            #expect(page.per == 1)
            #expect(page.items.first?.event == "assignment.due_soon")
            #expect(page.items.first?.createdAt == "2026-11-27T09:30:00+07:00")
            let id = try #require(page.items.first?.id)
            #expect(try await h.get("/api/v1/notifications", token: other).decode(Page.self).total == 0)
            #expect(try await h.send(.post, "/api/v1/notifications/\(id)/read", token: other).status == .notFound)
            #expect(try await h.send(.post, "/api/v1/notifications/\(id)/read", token: mine).status == .noContent)
            let after = try await h.get("/api/v1/notifications", token: mine).decode(Page.self)
            #expect(after.items.first { $0.id == id }?.read == true)
            #expect(after.items.filter { !$0.read }.count == 1)
            #expect(try await h.get("/api/v1/notifications").status == .unauthorized)
        }
    }

    @Test("administrators list dead letters and replay them; contacts are set through the API", arguments: TestBackend.enabled)
    func deadLettersAndContacts(backend: TestBackend) async throws {
        try await TestApp.run(backend) { h in
            let admin = try await h.adminToken()
            let province = try await h.token(username: "tinh.dl", role: .province)
            _ = try await NotificationRepository(db: h.database.sql).createWebhook(
                url: "http://127.0.0.1:9/closed", secret: "dead-letter-secret-2", events: ["*"], by: "admin", now: fixedNow)
            try await NotificationTest.record(h.database, [NotificationTest.event()])
            let queue = DeliveryQueue(database: h.database)
            try await queue.fanOut(limit: 10, channels: [.webhook], now: fixedNow)
            let claimed = try await queue.claim(limit: 10, lease: 30, now: fixedNow)
            try await queue.markFailed(claimed.map { DeliveryFailure(delivery: $0, error: "HTTP 500", permanent: true) }, policy: RetryPolicy(), now: fixedNow)

            #expect(try await h.get("/api/v1/notifications/dead-letters", token: province).status == .forbidden)
            let list = try await h.get("/api/v1/notifications/dead-letters", token: admin)
            #expect(list.status == .ok)
            struct Letter: Decodable { var id: Int64; var deliveryId: String; var event: String; var channel: String; var status: String; var lastError: String? }
            struct Page: Decodable { var items: [Letter]; var total: Int }
            let page = try list.decode(Page.self)
            #expect(page.total == 1)
            let letter = try #require(page.items.first)
            #expect(letter.channel == "webhook" && letter.status == "dead" && letter.event == "assignment.created")
            #expect(letter.deliveryId == claimed.first?.deliveryID)
            #expect(try await h.send(.post, "/api/v1/notifications/dead-letters/\(letter.id)/replay", token: admin).status == .noContent)
            #expect(try await h.send(.post, "/api/v1/notifications/dead-letters/\(letter.id)/replay", token: admin).status == .notFound)
            #expect(try await h.get("/api/v1/notifications/dead-letters", token: admin).decode(Page.self).total == 0)
            #expect(try await queue.list(status: .pending).items.first?.deliveryID == letter.deliveryId)

            let bad = try await h.json(.put, "/api/v1/users/tinh.dl/contact", token: admin, #"{"email": "khong-hop-le", "zaloUserId": "abc"}"#)
            #expect(bad.status == .unprocessableContent)
            let ok = try await h.json(.put, "/api/v1/users/tinh.dl/contact", token: admin, #"{"email": "tinh.dl@daklak.gov.vn", "zaloUserId": "123456789"}"#)
            #expect(ok.status == .ok)
            #expect(try await NotificationRepository(db: h.database.sql).contact(username: "tinh.dl") == .init(email: "tinh.dl@daklak.gov.vn", zaloUserID: "123456789"))
            #expect(try await h.json(.put, "/api/v1/users/khong-co/contact", token: admin, #"{"email": null}"#).status == .notFound)
            #expect(try await h.json(.put, "/api/v1/users/tinh.dl/contact", token: province, #"{"email": null}"#).status == .forbidden)
        }
    }

    @Test("the inbox page lists notifications with the unread count; opening one marks it read and follows its link", arguments: TestBackend.enabled)
    func inboxPage(backend: TestBackend) async throws {
        try await TestApp.run(backend) { h in
            _ = try await h.accounts.create(username: "xa.trang", displayName: "Cán bộ xã", password: "password-123", role: .commune, unitCode: "24121", by: "test")
            let jar = try await h.signIn("xa.trang", "password-123")
            let empty = try await h.get("/thong-bao", cookies: jar)
            #expect(empty.status == .ok)
            #expect(empty.text.contains("Chưa có thông báo nào."))
            try await NotificationTest.record(h.database, [
                NotificationTest.event(.assignmentCreated, audience: .init(units: ["24121"])),
                NotificationTest.event(.reportDue, audience: .init(users: ["xa.trang"])),
            ])
            try await DeliveryQueue(database: h.database).fanOut(limit: 10, channels: [], now: fixedNow)
            let page = try await h.get("/thong-bao", cookies: jar)
            #expect(page.text.contains("2 thông báo, 2 chưa đọc."))
            #expect(page.text.contains("Nhiệm vụ mới: báo cáo tình hình lũ"))
            #expect(page.text.contains("Đến hạn báo cáo"))
            let id = try #require(try await NotificationRepository(db: h.database.sql).inbox(username: "xa.trang", page: .init()).items.last?.id)
            let open = try await h.postForm("/thong-bao/\(id)/doc", [:], cookies: jar)
            #expect(open.status == .seeOther)
            #expect(open.headers[.location] == "/dieu-hanh/nhiem-vu/7")
            #expect(try await h.get("/thong-bao", cookies: jar).text.contains("2 thông báo, 1 chưa đọc."))
            #expect(try await h.postForm("/thong-bao/doc-het", [:], cookies: jar).status == .seeOther)
            #expect(try await h.get("/thong-bao", cookies: jar).text.contains("2 thông báo, 0 chưa đọc."))
            #expect(try await h.get("/thong-bao").status == .unauthorized)
        }
    }

    @Test("configuration: SMTP and Zalo keys are read and every bad one is reported")
    func configuration() throws {
        let config = try AppConfig.parse { [
            "HAICAP_SMTP_HOST": "smtp.daklak.gov.vn", "HAICAP_SMTP_FROM": "HaiCap <thongbao@daklak.gov.vn>", "HAICAP_SMTP_TLS": "tls",
            "HAICAP_SMTP_USERNAME": "thongbao", "HAICAP_SMTP_PASSWORD": "secret", "HAICAP_ZALO_ACCESS_TOKEN": "tok",
            "HAICAP_NOTIFY_MAX_ATTEMPTS": "4", "HAICAP_PUBLIC_URL": "https://haicap.daklak.gov.vn",
        ][$0] }
        #expect(config.notifications.smtp == SMTPSettings(host: "smtp.daklak.gov.vn", port: 465, username: "thongbao", password: "secret", from: "HaiCap <thongbao@daklak.gov.vn>", security: .tls))
        #expect(config.notifications.zalo == ZaloSettings(accessToken: "tok", apiURL: "https://openapi.zalo.me/v3.0/oa/message/cs"))
        #expect(config.notifications.retry.maxAttempts == 4)
        #expect(config.notifications.channels == [.webhook, .email, .zalo])
        #expect(config.notifications.absoluteLink("/thong-bao") == "https://haicap.daklak.gov.vn/thong-bao")
        #expect(AppConfig().notifications.channels == [.webhook])
        do {
            _ = try AppConfig.parse { [
                "HAICAP_SMTP_HOST": "smtp.x.vn", "HAICAP_SMTP_TLS": "ssl", "HAICAP_SMTP_PORT": "0", "HAICAP_ZALO_ACCESS_TOKEN": "t",
                "HAICAP_ZALO_API_URL": "openapi.zalo.me", "HAICAP_NOTIFY_TIMEOUT_SECONDS": "0",
            ][$0] }
            Issue.record("expected a configuration error")
        } catch let error as ConfigError {
            let text = error.description
            for key in ["HAICAP_SMTP_TLS", "HAICAP_SMTP_PORT", "HAICAP_SMTP_FROM", "HAICAP_ZALO_API_URL", "HAICAP_NOTIFY_TIMEOUT_SECONDS"] {
                #expect(text.contains(key), "\(key)")
            }
        }
    }
}
