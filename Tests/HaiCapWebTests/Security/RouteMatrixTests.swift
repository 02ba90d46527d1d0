import Foundation
import HaiCapCore
import HaiCapNotify
@testable import HaiCapStore
@testable import HaiCapWeb
import Hummingbird
import HummingbirdTesting
import Testing

/// Every route the router knows × every kind of caller, checked against `RoutePolicy.table`.
/// A route added without an entry in the table fails the test: no route can skip the policy check.
@Suite("Route permission matrix (from the router's own route table)")
struct RouteMatrixTests {
    @Test("every route has an access class; callers outside it never get through", arguments: TestBackend.enabled)
    func everyRouteFollowsItsAccessClass(backend: TestBackend) async throws {
        try await TestApp.run(backend) { h in
            let fixtures = try await SecurityFixtures.make(h)
            let router = try await buildRouter(AppDependencies(config: h.config, database: h.database, now: { fixedNow }))
            // The marker is really in commune A's data, so its absence from commune B's answers means something.
            let own = try await fixtures.send(.get, "/api/v1/assignments/\(fixtures.ids["assignment"]!)", as: .communeA)
            #expect(own.text.contains(SecurityFixtures.marker))
            var failures: [String] = []
            for route in router.routes {
                let key = "\(route.method) \(route.path)"
                guard let access = RoutePolicy.table[key] else {
                    failures.append("new route \(key) has no entry in the access table (RoutePolicy.table): decide who may call it")
                    continue
                }
                let uri = fixtures.fill(route.path.description)
                // Denied callers first: a valid request that gets through is then a real leak, before any allowed
                // caller changes the state.
                let ordered = Caller.allCases.sorted { !access.allows($0) && access.allows($1) }
                for caller in ordered {
                    let response = try await fixtures.send(route.method, uri, as: caller)
                    let status = response.status.code
                    if status >= 500 { failures.append("\(key) as \(caller): \(status) \(response.text.prefix(200))") }
                    if access.allows(caller) {
                        let gone = status == 404 && RoutePolicy.consumesFixture.contains(key)
                        if RouteMatrixTests.isDenial(response), !gone {
                            failures.append("\(key) as \(caller): expected access (\(access)), got \(status)")
                        }
                    } else if !RouteMatrixTests.isDenial(response) {
                        failures.append("\(key) as \(caller): expected 401/403/404 (\(access)), got \(status)")
                    } else if caller == .anonymous, route.path.description.hasPrefix("/api/"), status != 401 {
                        failures.append("\(key) as anonymous: the API answers 401, got \(status)")
                    }
                    if caller == .communeB, (200..<300).contains(status), response.text.contains(SecurityFixtures.marker) {
                        failures.append("\(key) as commune B: shows commune A's private data")
                    }
                }
            }
            #expect(failures.isEmpty, Comment(rawValue: "\(failures.count) problems:\n" + failures.joined(separator: "\n")))
        }
    }

    @Test("the access table lists no route the router lacks", arguments: [TestBackend.sqlite])
    func tableHasNoStaleEntries(backend: TestBackend) async throws {
        try await TestApp.run(backend) { h in
            let router = try await buildRouter(AppDependencies(config: h.config, database: h.database, now: { fixedNow }))
            let present = Set(router.routes.map { "\($0.method) \($0.path)" })
            // `/metrics` exists only when metrics are enabled.
            let stale = Set(RoutePolicy.table.keys).subtracting(present).subtracting(["GET /metrics"])
            #expect(stale.isEmpty, "stale entries: \(stale.sorted())")
        }
    }

    /// 401/403/404, or a page telling an anonymous caller to sign in.
    static func isDenial(_ response: TestResponse) -> Bool {
        switch response.status.code {
        case 401, 403, 404: true
        case 302, 303: response.headers[.location]?.contains("/login") == true
        default: false
        }
    }
}
