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

    @Test("behind a trusted proxy the client is the right-most X-Forwarded-For hop that is not a proxy; otherwise the header is ignored")
    func clientAddressBehindProxy() throws {
        let proxies: Set<String> = ["127.0.0.1", "::1", "10.0.0.2"]
        #expect(ClientAddress.resolve(peer: "127.0.0.1", forwardedFor: ["203.0.113.7"], trusted: proxies) == "203.0.113.7")
        // A client that writes its own header cannot choose the key: nginx appends the address it saw.
        #expect(ClientAddress.resolve(peer: "127.0.0.1", forwardedFor: ["1.2.3.4, 203.0.113.7"], trusted: proxies) == "203.0.113.7")
        #expect(ClientAddress.resolve(peer: "127.0.0.1", forwardedFor: ["203.0.113.7, 10.0.0.2"], trusted: proxies) == "203.0.113.7")
        #expect(ClientAddress.resolve(peer: "127.0.0.1", forwardedFor: ["203.0.113.7", "10.0.0.2"], trusted: proxies) == "203.0.113.7")
        #expect(ClientAddress.resolve(peer: "::ffff:127.0.0.1", forwardedFor: ["2001:db8::1"], trusted: proxies) == "2001:db8::1")
        // Not from a proxy: the header is whatever the client wrote, and ignored.
        #expect(ClientAddress.resolve(peer: "198.51.100.9", forwardedFor: ["203.0.113.7"], trusted: proxies) == "198.51.100.9")
        // Garbage, or only proxies: the last trusted hop keys the limit, never the client's text.
        #expect(ClientAddress.resolve(peer: "127.0.0.1", forwardedFor: ["<script>, 10.0.0.2"], trusted: proxies) == "10.0.0.2")
        #expect(ClientAddress.resolve(peer: "127.0.0.1", forwardedFor: [], trusted: proxies) == "127.0.0.1")

        let config = try AppConfig.load(flags: [:], environment: ["HAICAP_TRUSTED_PROXIES": " 127.0.0.1, ::1 "], envFile: nil)
        #expect(config.trustedProxies == ["127.0.0.1", "::1"])
        #expect(try AppConfig.load(flags: [:], environment: [:], envFile: nil).trustedProxies.isEmpty)
        #expect(throws: ConfigError.self) { try AppConfig.load(flags: [:], environment: ["HAICAP_TRUSTED_PROXIES": "nginx"], envFile: nil) }
    }

    @Test("over a real connection: clients behind a trusted proxy are limited one by one; an untrusted header changes nothing", arguments: [TestBackend.sqlite])
    func rateLimitPerClientBehindProxy(backend: TestBackend) async throws {
        // A blank question: the limit is counted before the question is read, so each request is cheap and the
        // test does not wait on the assistant's first index build, which on a busy 2-core CI machine outlasted
        // the live client's 20 s read timeout. Answers (422) and refusals (429) still tell the counts apart.
        @Sendable func ask(_ h: TestHarness, from client: String) async throws -> HTTPResponse.Status {
            let body = ByteBuffer(string: #"{"question":"  "}"#)
            return try await h.client.execute(
                uri: "/api/v1/assistant/procedures", method: .post,
                headers: [.contentType: "application/json", .init("X-Forwarded-For")!: client], body: body).status
        }
        var config = TestApp.config()
        config.assistantRateLimit = 2
        config.trustedProxies = ["127.0.0.1", "::1"]
        try await TestApp.run(backend, config: config, over: .live) { h in
            var statuses: [HTTPResponse.Status] = []
            for client in ["203.0.113.1", "203.0.113.1", "203.0.113.1", "203.0.113.2"] { statuses.append(try await ask(h, from: client)) }
            // The third question from one citizen is refused; another citizen behind the same proxy has their own count.
            #expect(statuses == [.unprocessableContent, .unprocessableContent, .tooManyRequests, .unprocessableContent])
        }
        config.trustedProxies = []
        try await TestApp.run(backend, config: config, over: .live) { h in
            var statuses: [HTTPResponse.Status] = []
            for client in ["203.0.113.1", "203.0.113.2", "203.0.113.3"] { statuses.append(try await ask(h, from: client)) }
            // Without a trusted proxy the header is not believed: one connection address, one count.
            #expect(statuses == [.unprocessableContent, .unprocessableContent, .tooManyRequests])
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
