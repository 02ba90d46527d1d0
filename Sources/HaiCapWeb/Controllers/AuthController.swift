import Foundation
import HaiCapCore
import HaiCapStore
import Hummingbird
import HummingbirdAuth

/// Sign in and out with a cookie session; repeated failures are throttled (429 with Retry-After).
struct AuthController {
    let views: Views
    let database: Database
    let accounts: Accounts
    let now: @Sendable () -> Date

    struct LoginContent {
        var username: String
        var next: String
        var error: String?
    }

    struct LoginForm: Decodable {
        var username: String
        var password: String
        var next: String?
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/login") { request, context in
            try views.page(
                "login", title: "Đăng nhập",
                LoginContent(username: "", next: Self.safeNext(request.query("next")), error: nil),
                context: context, path: "/login")
        }
        router.post("/login") { request, context in
            let form = try await request.form(LoginForm.self)
            let username = form.username.trimmingCharacters(in: .whitespaces).lowercased()
            let throttle = LoginThrottle(db: database.sql)
            let key = "login:" + username
            if let wait = try await throttle.retryAfter(key: key, now: now()) {
                throw HaiCapError.tooManyRequests(retryAfterSeconds: wait)
            }
            guard let account = try await accounts.authenticate(username: username, password: form.password) else {
                if let wait = try await throttle.recordFailure(key: key, now: now()) {
                    throw HaiCapError.tooManyRequests(retryAfterSeconds: wait)
                }
                return try views.page(
                    "login", title: "Đăng nhập",
                    LoginContent(username: username, next: Self.safeNext(form.next), error: "Tên đăng nhập hoặc mật khẩu không đúng, hoặc tài khoản đã bị khóa."),
                    context: context, path: "/login", status: .unauthorized)
            }
            try await throttle.reset(key: key)
            // Sign-ins are rare enough to sweep expired sessions here, with no background job to run.
            try await SQLPersistDriver(db: database.sql, now: now).purgeExpired()
            context.sessions.setSession(WebSession(userID: account.id))
            return Views.redirect(Self.safeNext(form.next))
        }
        router.post("/logout") { _, context in
            context.sessions.clearSession()
            return Views.redirect("/")
        }
    }

    /// Only same-site paths, so the login form cannot be used to redirect elsewhere.
    static func safeNext(_ next: String?) -> String {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.contains("\\") else { return "/" }
        return next
    }
}
