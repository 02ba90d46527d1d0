import Foundation
import HaiCapCore
import HaiCapStore
@testable import HaiCapWeb
import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing

/// Rate limits, password hashing cost, uploads and downloads.
@Suite("Rate limits, bcrypt cost, uploads and downloads")
struct AbuseLimitTests {
    // The API assistant's 429 is proven in ProcedureAPITests.rateLimit, sign-in throttling in AuthTests.

    @Test("the assistant page answers 429 with Retry-After beyond the limit", arguments: [TestBackend.sqlite])
    func assistantPageIsRateLimited(backend: TestBackend) async throws {
        var config = TestApp.config()
        config.assistantRateLimit = 2
        try await TestApp.run(backend, config: config) { h in
            let jar = CookieJar()
            try await h.get("/thu-tuc", cookies: jar)
            var statuses: [HTTPResponse.Status] = []
            var last: TestResponse?
            for question in ["khai sinh", "khai tu", "ket hon"] {
                let response = try await h.postForm("/thu-tuc", ["question": question], cookies: jar)
                statuses.append(response.status)
                last = response
            }
            #expect(statuses == [.ok, .ok, .tooManyRequests])
            let retry = try #require(last?.headers[.retryAfter].flatMap(Int.init))
            #expect(retry > 0 && retry <= 60)
            #expect(last?.text.contains("Retry") == false)
        }
    }

    @Test("passwords are hashed with bcrypt cost 12 or more under the default configuration", arguments: TestBackend.enabled)
    func bcryptCostIsAtLeast12(backend: TestBackend) async throws {
        #expect(AppConfig().bcryptCost >= 12)
        let loaded = try AppConfig.load(flags: [:], environment: [:], envFile: nil)
        #expect(loaded.bcryptCost >= 12)
        try await TestDatabase.withFresh(backend) { database in
            var config = AppConfig()
            config.adminPassword = "admin-secret-1"
            _ = try await Bootstrap(database: database, config: config, now: { fixedNow }).run()
            struct Row: Decodable { var password_hash: String }
            let row = try #require(try await database.sql.select().column("password_hash").from("users")
                .where("username", .equal, "admin").first(decoding: Row.self))
            // "$2b$12$…": version, cost, salt and hash.
            let parts = row.password_hash.split(separator: "$")
            #expect(row.password_hash.hasPrefix("$2"), "not a bcrypt hash")
            #expect(parts.count == 3 && (Int(parts[1]) ?? 0) >= 12, "hash \(row.password_hash.prefix(7))")
        }
    }

    @Test("downloads are attachments with a non-HTML type; uploads are checked by type and size", arguments: [TestBackend.sqlite])
    func downloadsAndUploads(backend: TestBackend) async throws {
        try await TestApp.run(backend) { h in
            let fixtures = try await SecurityFixtures.make(h)
            let province = fixtures.tokens[.province]
            let period = fixtures.ids["period"]!, form = fixtures.ids["form"]!
            for uri in ["/api/v1/periods/\(period)/aggregate.csv", "/api/v1/periods/\(period)/aggregate.xlsx",
                        "/api/v1/monitoring/assignments.csv", "/api/v1/monitoring/assignments.xlsx", "/bao-cao/bieu-mau/\(form).json"] {
                let response = try await h.get(uri, token: province)
                #expect(response.status == .ok, "\(uri)")
                #expect(response.headers[.contentDisposition]?.hasPrefix("attachment") == true, "\(uri)")
                #expect(response.headers[.contentType]?.contains("html") == false, "\(uri)")
                #expect(response.headers[.xContentTypeOptions] == "nosniff")
            }
            // An HTML file is refused with a Vietnamese message naming the field.
            let boundary = "ranh-gioi-7"
            func upload(_ name: String, _ type: String, _ content: String) -> ByteBuffer {
                var body = ""
                for (key, value) in ["number": "99/2026/NĐ-CP", "title": "Thử"] {
                    body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(key)\"\r\n\r\n\(value)\r\n"
                }
                body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(name)\"\r\nContent-Type: \(type)\r\n\r\n\(content)\r\n--\(boundary)--\r\n"
                return ByteBuffer(string: body)
            }
            let html = try await h.send(.post, "/tham-quyen/van-ban", token: province,
                headers: [.contentType: "multipart/form-data; boundary=\(boundary)"], body: upload("x.html", "text/html", "<script>alert(1)</script>"))
            #expect(html.status == .unprocessableContent)
            #expect(html.text.contains("Chỉ nhận tệp văn bản .txt"))
            let big = try await h.send(.post, "/tham-quyen/van-ban", token: province,
                headers: [.contentType: "multipart/form-data; boundary=\(boundary)"], body: upload("x.txt", "text/plain", String(repeating: "a", count: 70_000)))
            #expect(big.status == .contentTooLarge)
            #expect(big.text.contains("vượt quá giới hạn"))
        }
    }
}
