import Foundation
import HaiCapCore
@testable import HaiCapStore
@testable import HaiCapWeb
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

/// Mutated JSON bodies through the real router on in-memory SQLite: the two assistants, the report form editor and
/// the commune's report (save and submit). Whatever the body, the answer is 2xx, or 4xx with a JSON error; never 5xx.
extension FuzzTests {
    @Suite("Fuzz: HTTP API")
    struct APIFuzz {
        static let tokens = FuzzTokens.json + FuzzTokens.question + FuzzTokens.common

        /// One application for both targets: bootstrapping one (units, procedures, legal texts) is most of the time.
        @Test("the assistants, report forms, report values saved and submitted")
        func api() async throws {
            try await FuzzApp.run { app in
                try await Self.assistants(app)
                try await Self.reports(app)
            }
        }

        /// `POST /api/v1/assistant/procedures` and `/api/v1/assistant/authority`.
        static func assistants(_ app: FuzzApp) async throws {
            let official = try await app.token(username: "xa.fuzz", role: .commune, unit: "24121")
            // The first question builds each assistant's index; that is start-up time, not an input's.
            try await app.expectClean(.post, "/api/v1/assistant/procedures", body: Array(#"{"question": "khai sinh"}"#.utf8))
            try await app.expectClean(.post, "/api/v1/assistant/authority", token: official, body: Array(#"{"question": "ai cấp giấy phép xây dựng"}"#.utf8))
            let runner = try FuzzRunner(target: "api-assistant", mutator: Mutator(tokens: tokens, maxLength: 16 * 1024))
            var turn = 0
            await runner.run { bytes in
                turn += 1
                // Both assistants take `{"question": …}`; every input goes to one of them in turn.
                if turn % 2 == 0 {
                    try await app.expectClean(.post, "/api/v1/assistant/procedures", body: bytes)
                } else {
                    try await app.expectClean(.post, "/api/v1/assistant/authority", token: official, body: bytes)
                }
            }
        }

        /// `PUT /api/v1/periods/{id}/reports/{unit}`, its `/submit`, and `POST /api/v1/report-forms`.
        static func reports(_ app: FuzzApp) async throws {
            let province = try await app.token(username: "tinh.fuzz", role: .province)
            let commune = try await app.token(username: "xa.fuzz.bao-cao", role: .commune, unit: "24121")
            let period = try await app.reportingPeriod(province: province)
            let report = "/api/v1/periods/\(period)/reports/24121"
            let runner = try FuzzRunner(target: "api-report", mutator: Mutator(tokens: tokens + FuzzTokens.formula, maxLength: 32 * 1024))
            var turn = 0
            await runner.run { bytes in
                turn += 1
                let saved = try await app.expectClean(.put, report, token: commune, body: bytes)
                if turn % 4 == 0 {
                    try await app.expectClean(.post, "/api/v1/report-forms", token: province, body: bytes)
                }
                if saved.status == .ok, turn % 3 == 0 {
                    let submitted = try await app.expectClean(.post, report + "/submit", token: commune, body: [])
                    if submitted.status == .ok {
                        // Returned so the next inputs are saved to an open report again.
                        let returned = try await app.expectClean(.post, report + "/return", token: province, body: Array(#"{"comment": "x"}"#.utf8))
                        try ensure(returned.status == .ok, "return answered \(returned.status.code)")
                    }
                }
            }
        }
    }
}

/// The application as the web tests build it, on a fresh in-memory SQLite database.
struct FuzzApp: Sendable {
    let client: any TestClientProtocol
    let database: Database

    static let now = Date(timeIntervalSince1970: 1_795_746_600)

    static func run(_ body: @escaping @Sendable (FuzzApp) async throws -> Void) async throws {
        var logger = Logger(label: "haicap-fuzz")
        logger.logLevel = .critical
        var config = AppConfig()
        config.bcryptCost = 4
        config.adminPassword = "admin-secret-1"
        config.maxBodyBytes = 64 * 1024
        config.assistantRateLimit = 0
        let database = try await Database.open(.sqliteMemory, logger: logger)
        do {
            _ = try await Bootstrap(database: database, config: config, now: { now }).run()
            let router = try await buildRouter(AppDependencies(config: config, database: database, now: { now }))
            let app = Application(router: router, logger: logger)
            try await app.test(.router) { client in
                try await body(FuzzApp(client: client, database: database))
            }
        } catch {
            try? await database.close()
            throw error
        }
        try? await database.close()
    }

    func token(username: String, role: Role, unit: String? = nil) async throws -> String {
        let accounts = Accounts(database: database, bcryptCost: 4, now: { Self.now })
        _ = try await accounts.create(username: username, displayName: nil, password: "password-123", role: role, unitCode: unit, by: "fuzz")
        return try await accounts.createToken(username: username, name: "fuzz", by: "fuzz").token
    }

    /// Sends `body` as JSON and checks the answer: below 500, and a JSON `{"error": {"code", "message"}}` when 4xx.
    @discardableResult
    func expectClean(_ method: HTTPRequest.Method, _ uri: String, token: String? = nil, body: [UInt8]) async throws -> TestResponse {
        var headers: HTTPFields = [.contentType: "application/json"]
        if let token { headers[.authorization] = "Bearer \(token)" }
        let response = try await client.executeRequest(uri: uri, method: method, headers: headers, body: ByteBuffer(bytes: body))
        let code = response.status.code
        try ensure(code < 500, "\(method) \(uri) answered \(code): \(String(buffer: response.body).prefix(300))")
        if code >= 400 {
            let object = try? JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any]
            let error = object?["error"] as? [String: Any]
            try ensure(error?["code"] is String && error?["message"] is String, "\(method) \(uri) answered \(code) without a JSON error: \(String(buffer: response.body).prefix(300))")
        }
        return response
    }

    /// A form and a monthly regime over the commune; returns the id of the period open on the fixed day.
    func reportingPeriod(province: String) async throws -> Int64 {
        struct Created: Decodable { var id: Int64 }
        struct Periods: Decodable {
            struct Item: Decodable { var id: Int64; var label: String }
            var items: [Item]
        }
        let formJSON = try String(contentsOf: FuzzCorpus.directory("api-report").appendingPathComponent("form.json"), encoding: .utf8)
        let form = try await expectClean(.post, "/api/v1/report-forms", token: province, body: Array(formJSON.utf8))
        let formID = try JSONDecoder().decode(Created.self, from: Data(form.body.readableBytesView)).id
        let regime = try await expectClean(.post, "/api/v1/regimes", token: province, body: Array(
            #"{"name": "Fuzz hằng tháng", "form": \#(formID), "frequency": "monthly", "deadlineWorkingDays": 2, "units": ["24121"]}"#.utf8))
        let regimeID = try JSONDecoder().decode(Created.self, from: Data(regime.body.readableBytesView)).id
        let periods = try await client.executeRequest(
            uri: "/api/v1/regimes/\(regimeID)/periods", method: .get, headers: [.authorization: "Bearer \(province)"], body: nil)
        let items = try JSONDecoder().decode(Periods.self, from: Data(periods.body.readableBytesView)).items
        return try #require(items.first { $0.label == "Tháng 12/2026" } ?? items.first).id
    }
}
