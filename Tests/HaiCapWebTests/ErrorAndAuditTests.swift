import Foundation
import HaiCapCore
import HaiCapStore
@testable import HaiCapWeb
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Errors, audit, operations")
struct ErrorAndAuditTests {
    @Test("each error status has the JSON shape under /api", arguments: TestBackend.enabled)
    func apiErrorStatuses(backend: TestBackend) async throws {
        try await TestApp.run(backend) { h in
            let admin = try await h.adminToken()
            let malformed = try await h.json(.post, "/api/v1/users", token: admin, #"{"username": "a", "#)
            #expect(malformed.status == .badRequest)
            #expect(malformed.apiError?.code == "bad_request")

            let invalidUTF8 = try await h.send(
                .post, "/api/v1/users", token: admin, headers: [.contentType: "application/json"],
                body: ByteBuffer(bytes: [0x7B, 0x22, 0xFF, 0xFE, 0x22, 0x7D]))
            #expect(invalidUTF8.status == .badRequest)
            #expect(invalidUTF8.apiError?.message.contains("UTF-8") == true)

            let unauthorized = try await h.get("/api/v1/me")
            #expect(unauthorized.status == .unauthorized)
            #expect(unauthorized.apiError?.message == "Bạn cần đăng nhập để dùng chức năng này.")

            let forbidden = try await h.get("/api/v1/users", token: try await h.token(username: "tinh", role: .province))
            #expect(forbidden.status == .forbidden)

            let notFound = try await h.get("/api/v1/units/00000")
            #expect(notFound.status == .notFound)
            #expect(notFound.apiError?.code == "not_found")
            let noRoute = try await h.get("/api/v1/khong-co")
            #expect(noRoute.status == .notFound)
            #expect(noRoute.headers[.contentType]?.hasPrefix("application/json") == true)

            let tooLarge = try await h.json(.post, "/api/v1/users", token: admin, String(repeating: " ", count: 70 * 1024) + "{}")
            #expect(tooLarge.status == .contentTooLarge)
            #expect(tooLarge.apiError?.code == "payload_too_large")

            let invalid = try await h.json(.post, "/api/v1/users", token: admin, #"{"username":"Cán Bộ","password":"short","role":"commune"}"#)
            #expect(invalid.status == .unprocessableContent)
            #expect(invalid.text.contains("\"key\":\"username\""))
            let badRole = try await h.json(.post, "/api/v1/users", token: admin, #"{"username":"abc","password":"password-123","role":"mayor"}"#)
            #expect(badRole.status == .unprocessableContent)
            #expect(badRole.text.contains("\"key\":\"role\""))
            let communeWithoutUnit = try await h.json(.post, "/api/v1/users", token: admin, #"{"username":"abc","password":"password-123","role":"commune"}"#)
            #expect(communeWithoutUnit.text.contains("\"key\":\"unit\""))

            let duplicate = try await h.json(.post, "/api/v1/users", token: admin, #"{"username":"admin","password":"password-123","role":"admin"}"#)
            #expect(duplicate.status == .conflict)
        }
    }

    @Test("a database that is gone: no internals shown, /healthz turns 503", arguments: TestBackend.enabled)
    func serverErrorAndHealth(backend: TestBackend) async throws {
        try await TestApp.run(backend) { h in
            #expect(try await h.get("/healthz").text == #"{"status":"ok"}"#)
            try await h.database.close()
            let health = try await h.get("/healthz")
            #expect(health.status == .serviceUnavailable)
            // PostgreSQL's pool reports an outage (503 storage_unavailable, try again later); a closed SQLite
            // connection is a server fault (500). Either way the answer names no driver and carries the request id.
            let (status, code): (HTTPResponse.Status, String) = backend == .postgres
                ? (.serviceUnavailable, "storage_unavailable") : (.internalServerError, "internal_error")
            let failure = try await h.get("/api/v1/units")
            #expect(failure.status == status)
            #expect(failure.apiError?.code == code)
            #expect(!failure.text.lowercased().contains("sqlite"))
            #expect(!failure.text.lowercased().contains("psql"))
            let page = try await h.get("/units")
            #expect(page.status == status)
            #expect(page.text.contains("Mã yêu cầu"))
        }
    }

    @Test("HTML errors are Vietnamese pages", arguments: TestBackend.enabled)
    func htmlErrors(backend: TestBackend) async throws {
        try await TestApp.run(backend) { h in
            let missing = try await h.get("/khong-co-trang-nay")
            #expect(missing.status == .notFound)
            #expect(missing.text.contains("Không tìm thấy trang"))
            let needsLogin = try await h.get("/admin/users")
            #expect(needsLogin.status == .unauthorized)
            #expect(needsLogin.text.contains("Đăng nhập"))
        }
    }

    @Test("every write is in the audit log with who, what, before and after", arguments: TestBackend.enabled)
    func auditEntries(backend: TestBackend) async throws {
        try await TestApp.run(backend) { h in
            let admin = try await h.adminToken()
            let created = try await h.json(.post, "/api/v1/users", token: admin, #"{"username":"xa.tanlap","password":"password-123","role":"commune","unit":"24121"}"#)
            #expect(created.status == .created)
            _ = try await h.accounts.setDisabled(username: "xa.tanlap", disabled: true, by: "admin")

            struct Entries: Decodable {
                struct Entry: Decodable {
                    var actor: String
                    var action: String
                    var entity: String
                    var before: String?
                    var after: String?
                    var at: String
                }
                var items: [Entry]
                var total: Int
            }
            let log = try await h.get("/api/v1/audit?entity=user", token: admin).decode(Entries.self)
            let create = try #require(log.items.first { $0.action == "user.create" && $0.after?.contains("xa.tanlap") == true })
            #expect(create.actor == "admin")
            #expect(create.before == nil)
            #expect(create.at.hasSuffix("+07:00"))
            let disable = try #require(log.items.first { $0.action == "user.disable" })
            #expect(disable.before?.contains("\"disabled\":false") == true)
            #expect(disable.after?.contains("\"disabled\":true") == true)
            #expect(!(create.after ?? "").contains("password"))

            let jar = try await h.signIn("admin", TestApp.adminPassword)
            let page = try await h.get("/admin/audit", cookies: jar)
            #expect(page.text.contains("Tạo tài khoản"))
        }
    }

    @Test("admin pages create and lock accounts, with a confirmation step", arguments: TestBackend.enabled)
    func adminPages(backend: TestBackend) async throws {
        try await TestApp.run(backend) { h in
            let jar = try await h.signIn("admin", TestApp.adminPassword)
            let created = try await h.postForm(
                "/admin/users", ["username": "xa.tuyhoa", "role": "commune", "unit": "22015", "password": "password-123", "displayName": "Nguyễn Văn A"],
                cookies: jar)
            #expect(created.status == .seeOther)
            let confirm = try await h.get("/admin/users/xa.tuyhoa/disable", cookies: jar)
            #expect(confirm.text.contains("Khóa tài khoản “xa.tuyhoa”"))
            #expect(try await UserRepository(db: h.database.sql).find(username: "xa.tuyhoa")?.disabled == false)
            let done = try await h.postForm("/admin/users/xa.tuyhoa/disable", [:], cookies: jar)
            #expect(done.status == .seeOther)
            #expect(try await UserRepository(db: h.database.sql).find(username: "xa.tuyhoa")?.disabled == true)
            let badUnit = try await h.postForm(
                "/admin/users", ["username": "xa.x", "role": "commune", "unit": "99999", "password": "password-123"], cookies: jar)
            #expect(badUnit.status == .unprocessableContent)
            #expect(badUnit.text.contains("Không có đơn vị hành chính mã 99999"))
        }
    }

    @Test("HEAD answers like GET, without a body; an unknown path stays 404", arguments: TestBackend.enabled)
    func head(backend: TestBackend) async throws {
        try await TestApp.run(backend) { h in
            for path in ["/healthz", "/", "/thu-tuc", "/api/v1/units/22015"] {
                let get = try await h.get(path)
                let head = try await h.send(.head, path)
                #expect(get.status == .ok, "GET \(path)")
                #expect(head.status == .ok, "HEAD \(path)")
                #expect(head.body.readableBytes == 0, "HEAD \(path) has no body")
                #expect(head.headers[.contentType] == get.headers[.contentType], "HEAD \(path) has GET's type")
            }
            #expect(try await h.send(.head, "/khong-co-trang-nay").status == .notFound)
        }
    }

    @Test("metrics are Prometheus text with per-route counts; the OpenAPI document covers every /api/v1 route", arguments: TestBackend.enabled)
    func metricsAndOpenAPI(backend: TestBackend) async throws {
        try await TestApp.run(backend) { h in
            try await h.get("/api/v1/units?province=66")
            let metrics = try await h.get("/metrics")
            #expect(metrics.status == .ok)
            #expect(metrics.text.contains("haicap_http_requests_total"))
            #expect(metrics.text.contains("route=\"/api/v1/units\""))
            // Notification queue gauges, read from the database at each scrape (deploy/prometheus/haicap-rules.yml).
            #expect(metrics.text.contains("haicap_notification_deliveries{status=\"dead\"} 0"))
            #expect(metrics.text.contains("haicap_notification_deliveries_overdue 0"))
            #expect(metrics.text.contains("haicap_outbox_pending_events "))

            let document = try await h.get("/api/v1/openapi.json")
            let json = try JSONSerialization.jsonObject(with: Data(document.body.readableBytesView)) as? [String: Any]
            let paths = try #require(json?["paths"] as? [String: [String: Any]])
            let router = try await buildRouter(AppDependencies(config: TestApp.config(), database: h.database, now: { fixedNow }))
            let apiRoutes = router.routes.filter { $0.path.description.hasPrefix("/api/v1") }
            #expect(apiRoutes.count >= 8)
            for route in apiRoutes {
                // Router parameters ":name" are "{name}" in OpenAPI.
                let path = route.path.description.split(separator: "/", omittingEmptySubsequences: false)
                    .map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0) }.joined(separator: "/")
                let operation = paths[path]?[route.method.rawValue.lowercased()]
                #expect(operation != nil, "\(route.method) \(path) is missing from openapi.json")
            }
        }
    }
}
