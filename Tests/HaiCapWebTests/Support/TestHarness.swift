import Foundation
import HaiCapCore
import HaiCapStore
@testable import HaiCapWeb
import Hummingbird
import HummingbirdTesting
import Logging
import SQLKit
import Testing

/// The databases every web test runs on: in-memory SQLite always, PostgreSQL when
/// `HAICAP_TEST_DATABASE_URL` is set (CI sets it).
enum TestBackend: String, CustomStringConvertible, CaseIterable, Sendable {
    case sqlite
    case postgres

    static var enabled: [TestBackend] {
        ProcessInfo.processInfo.environment["HAICAP_TEST_DATABASE_URL"].map { _ in [.sqlite, .postgres] } ?? [.sqlite]
    }

    var description: String { rawValue }
}

/// A fixed instant: Friday 27/11/2026 09:30 in Vietnam.
let fixedNow = Date(timeIntervalSince1970: 1_795_746_600)

enum TestDatabase {
    static let logger: Logger = {
        var logger = Logger(label: "haicap-test")
        logger.logLevel = .warning
        return logger
    }()

    /// Opens a fresh, empty database; PostgreSQL gets its own database per test so suites never collide.
    static func withFresh<T>(_ backend: TestBackend, _ body: (Database) async throws -> T) async throws -> T {
        switch backend {
        case .sqlite:
            let database = try await Database.open(.sqliteMemory, logger: logger)
            return try await run(database, body)
        case .postgres:
            guard let adminURL = ProcessInfo.processInfo.environment["HAICAP_TEST_DATABASE_URL"] else {
                throw TestSetupError("HAICAP_TEST_DATABASE_URL is not set")
            }
            // Swift Testing starts every test at once; a gate keeps the PostgreSQL connections (an admin one plus a
            // pool per test) well under the server's max_connections.
            await PostgresGate.shared.acquire()
            defer { Task { await PostgresGate.shared.release() } }
            let name = "haicap_t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
            let admin = try await Database.open(.postgres(url: adminURL), logger: logger, connectionWait: .seconds(120))
            try await admin.sql.raw("CREATE DATABASE \(unsafeRaw: String(name))").run()
            let url = try databaseURL(adminURL, replacingNameWith: String(name))
            do {
                let database = try await Database.open(.postgres(url: url), logger: logger, connectionWait: .seconds(120))
                let result = try await run(database, body)
                try await admin.sql.raw("DROP DATABASE IF EXISTS \(unsafeRaw: String(name)) WITH (FORCE)").run()
                try await admin.close()
                return result
            } catch {
                try? await admin.sql.raw("DROP DATABASE IF EXISTS \(unsafeRaw: String(name)) WITH (FORCE)").run()
                try? await admin.close()
                throw error
            }
        }
    }

    private static func run<T>(_ database: Database, _ body: (Database) async throws -> T) async throws -> T {
        do {
            let result = try await body(database)
            try? await database.close()
            return result
        } catch {
            try? await database.close()
            throw error
        }
    }

    static func databaseURL(_ url: String, replacingNameWith name: String) throws -> String {
        guard var components = URLComponents(string: url) else { throw TestSetupError("bad URL \(url)") }
        components.path = "/" + name
        guard let result = components.string else { throw TestSetupError("bad URL \(url)") }
        return result
    }
}

struct TestSetupError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// At most `limit` PostgreSQL test databases open at a time.
actor PostgresGate {
    static let shared = PostgresGate(limit: 12)

    private let limit: Int
    private var inUse = 0
    private var waiters: [CheckedContinuation<Void, Never>] = []

    init(limit: Int) {
        self.limit = limit
    }

    func acquire() async {
        if inUse < limit {
            inUse += 1
            return
        }
        await withCheckedContinuation { waiters.append($0) }
    }

    func release() {
        if waiters.isEmpty {
            inUse -= 1
        } else {
            waiters.removeFirst().resume()
        }
    }
}

/// A test application: the real router over a freshly bootstrapped database.
struct TestApp {
    static let adminPassword = "admin-secret-1"

    static func config() -> AppConfig {
        var config = AppConfig()
        config.bcryptCost = 4
        config.adminPassword = adminPassword
        config.maxBodyBytes = 64 * 1024
        return config
    }

    /// Bootstraps the database and runs `body` with a client for the real router.
    static func run(
        _ backend: TestBackend, config: AppConfig = TestApp.config(), over mode: TestingSetup = .router,
        _ body: @escaping @Sendable (TestHarness) async throws -> Void
    ) async throws {
        try await TestDatabase.withFresh(backend) { database in
            _ = try await Bootstrap(database: database, config: config, now: { fixedNow }).run()
            let deps = AppDependencies(config: config, database: database, now: { fixedNow })
            let router = try await buildRouter(deps)
            let app = Application(router: router, logger: TestDatabase.logger)
            try await app.test(mode) { client in
                try await body(TestHarness(client: client, database: database, config: config))
            }
        }
    }
}

/// Helpers for scenarios: sign-in, tokens, and a cookie jar for browser-like flows.
struct TestHarness: Sendable {
    let client: any TestClientProtocol
    let database: Database
    let config: AppConfig

    var accounts: Accounts { Accounts(database: database, bcryptCost: 4, now: { fixedNow }) }

    /// Creates an account and returns a bearer token for it.
    func token(username: String, role: Role, unit: String? = nil) async throws -> String {
        if try await UserRepository(db: database.sql).find(username: username) == nil {
            _ = try await accounts.create(username: username, displayName: nil, password: "password-123", role: role, unitCode: unit, by: "test")
        }
        return try await accounts.createToken(username: username, name: "test", by: "test").token
    }

    func adminToken() async throws -> String {
        try await accounts.createToken(username: "admin", name: "test", by: "test").token
    }

    @discardableResult
    func get(_ uri: String, token: String? = nil, cookies: CookieJar? = nil) async throws -> TestResponse {
        try await send(.get, uri, token: token, cookies: cookies)
    }

    @discardableResult
    func send(
        _ method: HTTPRequest.Method, _ uri: String, token: String? = nil, cookies: CookieJar? = nil,
        headers: HTTPFields = [:], body: ByteBuffer? = nil
    ) async throws -> TestResponse {
        var headers = headers
        if let token { headers[.authorization] = "Bearer \(token)" }
        if let cookies, let header = cookies.header { headers[.cookie] = header }
        let response = try await client.executeRequest(uri: uri, method: method, headers: headers, body: body)
        cookies?.absorb(response)
        return response
    }

    func json(_ method: HTTPRequest.Method, _ uri: String, token: String? = nil, _ text: String) async throws -> TestResponse {
        try await send(method, uri, token: token, headers: [.contentType: "application/json"], body: ByteBuffer(string: text))
    }

    /// Posts a form the way a browser does, with the CSRF token from the jar unless told otherwise.
    @discardableResult
    func postForm(_ uri: String, _ fields: [String: String], cookies: CookieJar, includeCSRF: Bool = true) async throws -> TestResponse {
        var fields = fields
        if includeCSRF, let csrf = cookies.values["haicap_csrf"] { fields["_csrf"] = csrf }
        let body = fields.sorted { $0.key < $1.key }.map { key, value in
            "\(key)=\(value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? value)"
        }.joined(separator: "&")
        return try await send(
            .post, uri, cookies: cookies, headers: [.contentType: "application/x-www-form-urlencoded"], body: ByteBuffer(string: body))
    }

    /// Signs in through the login form; the jar then holds the session cookie.
    func signIn(_ username: String, _ password: String) async throws -> CookieJar {
        let jar = CookieJar()
        try await get("/login", cookies: jar)
        let response = try await postForm("/login", ["username": username, "password": password], cookies: jar)
        #expect(response.status == .seeOther)
        return jar
    }
}

/// Remembers cookies set by responses, like a browser.
final class CookieJar: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String: String] = [:]

    var values: [String: String] { lock.withLock { stored } }

    var header: String? {
        let all = values
        return all.isEmpty ? nil : all.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: "; ")
    }

    func absorb(_ response: TestResponse) {
        for line in response.headers[values: .setCookie] {
            guard let pair = line.split(separator: ";").first, let eq = pair.firstIndex(of: "=") else { continue }
            let name = String(pair[..<eq]).trimmingCharacters(in: .whitespaces)
            let value = String(pair[pair.index(after: eq)...])
            lock.withLock {
                if line.contains("Max-Age=0") || value.isEmpty { stored[name] = nil } else { stored[name] = value }
            }
        }
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(body.readableBytesView))
    }

    /// The `error` object of an API error body.
    var apiError: (code: String, message: String)? {
        struct Envelope: Decodable {
            struct Body: Decodable {
                var code: String
                var message: String
            }
            var error: Body
        }
        return (try? decode(Envelope.self)).map { ($0.error.code, $0.error.message) }
    }
}
