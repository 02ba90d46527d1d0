import Foundation
import HaiCapCore
@testable import HaiCapWeb
import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing

/// Hostile values in every search and filter parameter of every GET route, as every caller.
@Suite("Injection probes on every search and filter parameter")
struct InjectionProbeTests {
    /// The query parameters the controllers read (`request.query`, `formQuery`); sent to every GET route.
    static let parameters = ["q", "search", "status", "field", "level", "document", "province", "unit", "directive", "entity",
                             "from", "to", "sort", "case", "asOf", "conversation", "version", "nam", "loc", "in", "next", "done"]
    /// Already percent-encoded where the raw form matters (`%`, NUL, invalid UTF-8).
    static let probes: [String] = [
        "' OR '1'='1", "\"; DROP TABLE users; --", "1; DELETE FROM users", "_", "\\", "<script>alert(7)</script>",
        "\"><img src=x onerror=alert(7)>", "../../etc/passwd", "{{name}}", "${7*7}",
    ].map { $0.addingPercentEncoding(withAllowedCharacters: .alphanumerics)! }
        + ["%", "%25", "%00", "a%00b", "%C3%28", "%FF%FE", String(repeating: "x", count: 10_000), "-1"]
    static let pageProbes = ["-1", "0", "99999999999999999999", "1e309", "NaN", "%27%20OR%201%3D1", "%00", String(repeating: "9", count: 400)]

    @Test("no 5xx, the users table intact, and no probe reflected unescaped", arguments: TestBackend.enabled)
    func probesAreHarmless(backend: TestBackend) async throws {
        try await TestApp.run(backend) { h in
            let fixtures = try await SecurityFixtures.make(h)
            let router = try await buildRouter(AppDependencies(config: h.config, database: h.database, now: { fixedNow }))
            let usersBefore = try await h.database.sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("users").first()?.decode(column: "n", as: Int.self)
            var problems: [String] = []
            let routes = router.routes.filter { $0.method == .get && $0.path.description != "/metrics" }
            for route in routes {
                let base = fixtures.fill(route.path.description)
                var queries = Self.probes.map { probe in Self.parameters.map { "\($0)=\(probe)" }.joined(separator: "&") }
                queries += Self.pageProbes.map { "page=\($0)&per=\($0)" }
                for query in queries {
                    for caller in [Caller.anonymous, .communeB, .province, .admin] {
                        let response = try await fixtures.send(.get, base + "?" + query, as: caller)
                        if response.status.code >= 500 {
                            problems.append("GET \(route.path) as \(caller) with \(query.prefix(60)): \(response.status.code)")
                        }
                        // JSON may echo a query as data (application/json + nosniff is never rendered); HTML must escape it.
                        let html = response.headers[.contentType]?.hasPrefix("text/html") == true
                        let body = response.text
                        if html, body.contains("<script>alert(7)") || body.contains("<img src=x onerror") {
                            problems.append("GET \(route.path) as \(caller): probe reflected unescaped")
                        }
                    }
                }
            }
            let usersAfter = try await h.database.sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("users").first()?.decode(column: "n", as: Int.self)
            #expect(usersBefore != nil && usersBefore == usersAfter, "users table changed: \(String(describing: usersBefore)) → \(String(describing: usersAfter))")
            #expect(problems.isEmpty, Comment(rawValue: "\(problems.count) problems:\n" + problems.prefix(60).joined(separator: "\n")))
        }
    }
}
