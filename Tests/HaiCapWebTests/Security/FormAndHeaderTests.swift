import Foundation
import HaiCapCore
@testable import HaiCapWeb
import Hummingbird
import HummingbirdTesting
import Testing

/// CSRF on every form, security headers on every kind of response, cookie flags, no inline script.
@Suite("CSRF on every form; security headers and cookies")
struct FormAndHeaderTests {
    /// Every GET page (text/html) as a signed-in province official and administrator: each POST form carries
    /// the CSRF field, and no page holds an inline script or event-handler attribute (the CSP would block it).
    @Test("every POST form on every page carries the CSRF field; no inline script", arguments: TestBackend.enabled)
    func everyFormCarriesCSRF(backend: TestBackend) async throws {
        try await TestApp.run(backend) { h in
            let fixtures = try await SecurityFixtures.make(h)
            let router = try await buildRouter(AppDependencies(config: h.config, database: h.database, now: { fixedNow }))
            var problems: [String] = []
            var forms = 0
            for (username, password) in [("tinh.a", "password-123"), ("admin", TestApp.adminPassword), ("xa.a", "password-123")] {
                let jar = try await h.signIn(username, password)
                for route in router.routes where route.method == .get {
                    let uri = fixtures.fill(route.path.description)
                    let response = try await h.get(uri, cookies: jar)
                    guard response.headers[.contentType]?.hasPrefix("text/html") == true else { continue }
                    let html = response.text
                    for form in Self.postForms(html) {
                        forms += 1
                        if !form.contains(#"name="_csrf""#) { problems.append("\(route.path) as \(username): form without _csrf: \(form.prefix(160))") }
                    }
                    if html.range(of: #"<script(?![^>]*\bsrc=)[^>]*>"#, options: [.regularExpression, .caseInsensitive]) != nil {
                        problems.append("\(route.path): inline <script>")
                    }
                    if html.range(of: #"<[^>]+\son[a-z]+\s*="#, options: [.regularExpression, .caseInsensitive]) != nil {
                        problems.append("\(route.path): inline event handler (on…=)")
                    }
                }
            }
            #expect(forms > 20, "only \(forms) forms seen: the pages did not render")
            #expect(problems.isEmpty, Comment(rawValue: problems.joined(separator: "\n")))
        }
    }

    /// A browser session posting any page form, or writing through the API, without the token is refused.
    @Test("a cookie-session write without the CSRF token is refused on every POST route", arguments: TestBackend.enabled)
    func cookieWritesWithoutTokenAreRefused(backend: TestBackend) async throws {
        try await TestApp.run(backend) { h in
            let fixtures = try await SecurityFixtures.make(h)
            let router = try await buildRouter(AppDependencies(config: h.config, database: h.database, now: { fixedNow }))
            let jar = try await h.signIn("admin", TestApp.adminPassword)
            var problems: [String] = []
            for route in router.routes where route.method != .get && route.method != .head {
                let path = route.path.description
                if CSRFMiddleware.isPublicAPI(path) { continue }
                let uri = fixtures.fill(path)
                let api = path.hasPrefix("/api/")
                let response = try await h.send(
                    route.method, uri, cookies: jar,
                    headers: [.contentType: api ? "application/json" : "application/x-www-form-urlencoded"],
                    body: ByteBuffer(string: api ? (RouteBodies.json(route.method, path) ?? "{}") : "question=x&comment=x"))
                if response.status != .forbidden { problems.append("\(route.method) \(path): \(response.status.code) without CSRF token") }
            }
            #expect(problems.isEmpty, Comment(rawValue: problems.joined(separator: "\n")))
        }
    }

    static func postForms(_ html: String) -> [String] {
        var forms: [String] = []
        var rest = html[...]
        while let start = rest.range(of: "<form", options: .caseInsensitive) {
            let end = rest.range(of: "</form>", options: .caseInsensitive, range: start.upperBound..<rest.endIndex)?.upperBound ?? rest.endIndex
            let form = String(rest[start.lowerBound..<end])
            let tag = form.prefix { $0 != ">" }.lowercased()
            if tag.contains(#"method="post""#) || tag.contains("method=post") { forms.append(form) }
            rest = rest[end...]
        }
        return forms
    }

    /// The headers every response must carry.
    static func checkHeaders(_ response: TestResponse, _ what: String) {
        let csp = response.headers[.contentSecurityPolicy] ?? ""
        let scriptSrc = csp.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            .first { $0.hasPrefix("script-src") } ?? csp.split(separator: ";").first { $0.contains("default-src") }.map(String.init) ?? ""
        #expect(!scriptSrc.isEmpty && !scriptSrc.contains("unsafe-inline") && !scriptSrc.contains("unsafe-eval"), "\(what): CSP \(csp)")
        #expect(csp.contains("frame-ancestors 'none'"), "\(what): CSP \(csp)")
        #expect(response.headers[.xContentTypeOptions] == "nosniff", "\(what): nosniff")
    }

    @Test("HTML, JSON, static files, 401, 404, 405, 413 and 500 all carry CSP, nosniff and frame-ancestors", arguments: [TestBackend.sqlite])
    func securityHeadersOnEveryKindOfResponse(backend: TestBackend) async throws {
        var config = TestApp.config()
        config.maxBodyBytes = 1024
        try await TestApp.run(backend, config: config) { h in
            for uri in ["/", "/thu-tuc", "/api/v1/provinces", "/healthz", "/static/app.css", "/static/assistant.js",
                        "/khong-co", "/api/v1/khong-co", "/api/v1/me", "/account", "/metrics"] {
                Self.checkHeaders(try await h.get(uri), uri)
            }
            Self.checkHeaders(try await h.send(.delete, "/thu-tuc"), "405")
            Self.checkHeaders(try await h.json(.post, "/api/v1/assistant/procedures", String(repeating: "x", count: 4096)), "413")
        }
        // A 500: an unexpected error thrown by a handler, through the app's own middleware.
        let views = try await Views(provinceName: "Đắk Lắk")
        let router = Router(context: AppRequestContext.self)
        router.add(middleware: ResponseHeadersMiddleware())
        router.add(middleware: ErrorMiddleware(views: views))
        struct Boom: Error {}
        router.get("/boom") { _, _ -> String in throw Boom() }
        router.get("/api/boom") { _, _ -> String in throw Boom() }
        try await Application(router: router).test(.router) { client in
            for uri in ["/boom", "/api/boom"] {
                let response = try await client.executeRequest(uri: uri, method: .get, headers: [:], body: nil)
                #expect(response.status == .internalServerError)
                Self.checkHeaders(response, "500 \(uri)")
            }
        }
    }

    @Test("session and CSRF cookies are HttpOnly and SameSite, and Secure when behind TLS", arguments: [false, true])
    func cookieFlags(secure: Bool) async throws {
        var config = TestApp.config()
        config.secureCookies = secure
        try await TestApp.run(.sqlite, config: config) { h in
            let login = try await h.get("/login")
            let csrf = try #require(login.headers[values: .setCookie].first { $0.hasPrefix("haicap_csrf=") })
            let jar = CookieJar()
            jar.absorb(login)
            let signed = try await h.postForm("/login", ["username": "admin", "password": TestApp.adminPassword], cookies: jar)
            let session = try #require(signed.headers[values: .setCookie].first { $0.hasPrefix("haicap_session=") })
            for (name, cookie, sameSite) in [("csrf", csrf, "SameSite=Strict"), ("session", session, "SameSite=Lax")] {
                #expect(cookie.contains("HttpOnly"), "\(name): \(cookie)")
                #expect(cookie.contains(sameSite), "\(name): \(cookie)")
                #expect(cookie.contains("Secure") == secure, "\(name): \(cookie)")
            }
        }
    }
}
