import Foundation
import HaiCapCore
import HaiCapStore
@testable import HaiCapWeb
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

/// Records every log line (message and metadata) in memory.
final class CapturedLog: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []

    var text: String { lock.withLock { lines.joined(separator: "\n") } }

    func append(_ line: String) { lock.withLock { lines.append(line) } }

    func logger(masking: Bool) -> Logger {
        var logger = Logger(label: "haicap-log-test") { _ in
            let capture = CaptureHandler(log: self)
            return masking ? MaskingLogHandler(capture) : capture
        }
        logger.logLevel = .trace
        return logger
    }
}

struct CaptureHandler: LogHandler {
    let log: CapturedLog
    var logLevel: Logger.Level = .trace
    var metadata: Logger.Metadata = [:]
    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(level: Logger.Level, message: Logger.Message, metadata: Logger.Metadata?, source: String, file: String, function: String, line: UInt) {
        let all = self.metadata.merging(metadata ?? [:]) { $1 }
        log.append("\(level) \(message) \(all.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " "))")
    }
}

@Suite("No personal data or secret in logs")
struct LogMaskingTests {
    static let cccd = "079203001234"
    static let cmnd = "271234567"
    static let phone = "0912345678"
    static let phoneIntl = "+84987654321"
    static let email = "nguyen.van.a@gmail.com"
    static let password = "Mat-khau-Bi-Mat-99"

    /// Every raw value the requests below carry; none may appear in the captured log.
    static func secrets(token: String) -> [String] {
        [cccd, cmnd, phone, "987654321", email, password, token, String(token.dropFirst(3).prefix(20))]
    }

    /// Requests carrying personal data in queries, form and JSON bodies and headers.
    /// Returns the secrets created along the way (a real session id).
    @discardableResult
    static func sendProbes(_ h: TestHarness, token: String) async throws -> [String] {
        let q = "Tôi tên A, CCCD \(cccd), CMND \(cmnd), điện thoại \(phone) hoặc \(phoneIntl), thư \(email)"
        let encoded = q.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
        try await h.get("/thu-tuc/danh-muc?q=\(encoded)&phone=\(phone)")
        try await h.get("/api/v1/procedures?q=\(encoded)")
        try await h.get("/api/v1/units/lookup?q=\(encoded)")
        try await h.get("/khong-co-trang-nay?email=\(email)&cccd=\(cccd)")
        try await h.get("/api/v1/me?access_token=\(token)", token: token)
        try await h.get("/api/v1/me", token: "hc_sai-\(password)")
        _ = try await h.json(.post, "/api/v1/assistant/procedures", #"{"question": "\#(q)"}"#)
        let jar = CookieJar()
        try await h.get("/login", cookies: jar)
        try await h.postForm("/login", ["username": email, "password": password], cookies: jar)
        try await h.postForm("/login", ["username": "admin", "password": password], cookies: jar)
        try await h.postForm("/thu-tuc", ["question": q], cookies: jar)
        try await h.send(.get, "/account", headers: [.cookie: "haicap_session=\(password); haicap_csrf=\(token)", .authorization: "Basic \(password)"])
        let signedIn = try await h.signIn("xa.log", "password-123")
        try await h.get("/account", cookies: signedIn)
        return ["password-123", try #require(signedIn.values["haicap_session"])]
    }

    @Test("requests carrying ID numbers, phones, e-mails, passwords and tokens leave none of them in the log, SQL included",
          arguments: [TestBackend.sqlite])
    func nothingSensitiveInTheServeLog(backend: TestBackend) async throws {
        let log = CapturedLog()
        // The same wrapping as `haicap serve`, at trace level: request log, errors and the database driver's queries.
        let logger = log.logger(masking: true)
        let database = try await Database.open(.sqliteMemory, logger: logger)
        let config = TestApp.config()
        _ = try await Bootstrap(database: database, config: config, now: { fixedNow }).run()
        let router = try await buildRouter(AppDependencies(config: config, database: database, now: { fixedNow }))
        let app = Application(router: router, logger: logger)
        try await app.test(.router) { client in
            let h = TestHarness(client: client, database: database, config: config)
            let token = try await h.token(username: "xa.log", role: .commune, unit: "24121")
            let more = try await Self.sendProbes(h, token: token)
            let text = log.text
            #expect(text.contains("Request"), "the request log is on")
            for secret in Self.secrets(token: token) + more {
                #expect(!text.contains(secret), "log shows \(secret)")
            }
            #expect(!text.contains("$2b$"), "log shows a bcrypt hash")
        }
        try await database.close()
    }

    @Test("the request and error logs mask at the source, even without the masking handler", arguments: [TestBackend.sqlite])
    func requestLogMasksAtTheSource(backend: TestBackend) async throws {
        let log = CapturedLog()
        try await TestDatabase.withFresh(backend) { database in
            let config = TestApp.config()
            _ = try await Bootstrap(database: database, config: config, now: { fixedNow }).run()
            let router = try await buildRouter(AppDependencies(config: config, database: database, now: { fixedNow }))
            let app = Application(router: router, logger: log.logger(masking: false))
            try await app.test(.router) { client in
                let h = TestHarness(client: client, database: database, config: config)
                let token = try await h.token(username: "xa.log", role: .commune, unit: "24121")
                let more = try await Self.sendProbes(h, token: token)
                let text = log.text
                #expect(text.contains("hb.request.query"))
                for secret in Self.secrets(token: token) + more {
                    #expect(!text.contains(secret), "log shows \(secret)")
                }
            }
        }
    }

    @Test("the masking handler masks messages and every kind of metadata value")
    func maskingHandler() {
        let log = CapturedLog()
        let logger = log.logger(masking: true)
        logger.error("Gửi tới \(Self.email) lỗi", metadata: [
            "to": "\(Self.phone)", "list": .array([.string(Self.cccd)]), "map": .dictionary(["pw": .string("password=\(Self.password)")]),
            "auth": .stringConvertible("Authorization: Bearer hc_abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"),
        ])
        let text = log.text
        for secret in [Self.email, Self.phone, Self.cccd, Self.password, "hc_abcdefghijklmnopqrstuvwxyz"] {
            #expect(!text.contains(secret), "log shows \(secret)")
        }
        #expect(text.contains("[email]") && text.contains("[số điện thoại]") && text.contains("[số CCCD]"))
    }
}
