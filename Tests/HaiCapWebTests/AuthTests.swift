import Foundation
import HaiCapCore
import HaiCapStore
import Hummingbird
import HummingbirdTesting
import Testing
@testable import HaiCapWeb

@Suite("Sign-in, CSRF, throttling")
struct AuthTests {
    @Test("sign in and out through the forms", arguments: TestBackend.enabled)
    func loginAndLogout(backend: TestBackend) async throws {
        try await TestApp.run(backend) { h in
            let jar = try await h.signIn("admin", TestApp.adminPassword)
            #expect(jar.values["haicap_session"] != nil)
            let account = try await h.get("/account", cookies: jar)
            #expect(account.status == .ok)
            #expect(account.text.contains("Quản trị viên"))
            let me = try await h.send(.get, "/api/v1/me", cookies: jar)
            #expect(me.status == .ok)

            let logout = try await h.postForm("/logout", [:], cookies: jar)
            #expect(logout.status == .seeOther)
            let after = try await h.get("/account", cookies: jar)
            #expect(after.status == .unauthorized)
            #expect(after.text.contains("Cần đăng nhập"))
        }
    }

    @Test("a wrong password re-shows the form with a Vietnamese message", arguments: TestBackend.enabled)
    func wrongPassword(backend: TestBackend) async throws {
        try await TestApp.run(backend) { h in
            let jar = CookieJar()
            try await h.get("/login", cookies: jar)
            let response = try await h.postForm("/login", ["username": "admin", "password": "wrong-password"], cookies: jar)
            #expect(response.status == .unauthorized)
            #expect(response.text.contains("Tên đăng nhập hoặc mật khẩu không đúng"))
            #expect(jar.values["haicap_session"] == nil)
        }
    }

    @Test("a form post without its CSRF token is rejected", arguments: TestBackend.enabled)
    func formWithoutCSRFIsRejected(backend: TestBackend) async throws {
        try await TestApp.run(backend) { h in
            let jar = CookieJar()
            try await h.get("/login", cookies: jar)
            let response = try await h.postForm(
                "/login", ["username": "admin", "password": TestApp.adminPassword], cookies: jar, includeCSRF: false)
            #expect(response.status == .forbidden)
            #expect(response.text.contains("CSRF"))
            #expect(jar.values["haicap_session"] == nil)

            let forged = try await h.postForm(
                "/login", ["username": "admin", "password": TestApp.adminPassword, "_csrf": "hc_forged"], cookies: jar, includeCSRF: false)
            #expect(forged.status == .forbidden)
        }
    }

    @Test("a cookie-authenticated API write needs the X-CSRF-Token header", arguments: TestBackend.enabled)
    func apiWriteWithCookieNeedsCSRFHeader(backend: TestBackend) async throws {
        try await TestApp.run(backend) { h in
            let jar = try await h.signIn("admin", TestApp.adminPassword)
            let body = ByteBuffer(string: #"{"username":"tinh.a","password":"password-123","role":"province"}"#)
            let without = try await h.send(.post, "/api/v1/users", cookies: jar, headers: [.contentType: "application/json"], body: body)
            #expect(without.status == .forbidden)
            let csrf = try #require(jar.values["haicap_csrf"])
            let with = try await h.send(
                .post, "/api/v1/users", cookies: jar,
                headers: [.contentType: "application/json", .init("X-CSRF-Token")!: csrf], body: body)
            #expect(with.status == .created)
        }
    }

    @Test("repeated failed sign-ins are throttled with 429 and Retry-After", arguments: TestBackend.enabled)
    func throttling(backend: TestBackend) async throws {
        try await TestApp.run(backend) { h in
            let jar = CookieJar()
            try await h.get("/login", cookies: jar)
            var statuses: [HTTPResponse.Status] = []
            for _ in 0..<5 {
                statuses.append(try await h.postForm("/login", ["username": "admin", "password": "nope-nope"], cookies: jar).status)
            }
            #expect(statuses.prefix(4).allSatisfy { $0 == .unauthorized })
            #expect(statuses.last == .tooManyRequests)
            // Even the right password waits until the lock ends.
            let locked = try await h.postForm("/login", ["username": "admin", "password": TestApp.adminPassword], cookies: jar)
            #expect(locked.status == .tooManyRequests)
            let retry = try #require(locked.headers[.retryAfter].flatMap(Int.init))
            #expect(retry > 0 && retry <= 300)
        }
    }

    @Test("session cookies are HttpOnly and security headers are set", arguments: TestBackend.enabled)
    func cookieFlagsAndHeaders(backend: TestBackend) async throws {
        try await TestApp.run(backend) { h in
            let jar = CookieJar()
            try await h.get("/login", cookies: jar)
            let response = try await h.postForm("/login", ["username": "admin", "password": TestApp.adminPassword], cookies: jar)
            let cookies = response.headers[values: .setCookie]
            #expect(cookies.contains { $0.hasPrefix("haicap_session=") && $0.contains("HttpOnly") && $0.contains("SameSite=Lax") })
            #expect(response.headers[.xContentTypeOptions] == "nosniff")
            #expect(response.headers[.contentSecurityPolicy]?.contains("frame-ancestors 'none'") == true)
            #expect(response.headers[.init("X-Request-Id")!] != nil)
        }
    }

    @Test("the login form only redirects to same-site paths")
    func safeRedirects() {
        #expect(AuthController.safeNext("/account") == "/account")
        #expect(AuthController.safeNext("//evil.example") == "/")
        #expect(AuthController.safeNext("https://evil.example") == "/")
        #expect(AuthController.safeNext(nil) == "/")
    }
}
