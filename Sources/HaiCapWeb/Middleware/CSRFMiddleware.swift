import Foundation
import HaiCapCore
import HaiCapStore
import Hummingbird

/// Double-submit CSRF protection: a random token in a SameSite cookie must come back in every form
/// (`_csrf` field) and in cookie-authenticated API writes (`X-CSRF-Token` header). Bearer-token
/// requests carry no cookie authority, so they need none.
struct CSRFMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    static let cookieName = "haicap_csrf"
    static let fieldName = "_csrf"
    let secureCookies: Bool

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        let existing = request.cookies[Self.cookieName]?.value
        // JSON endpoints render no form, so they need no new token: only pages issue one (a random token per API
        // request was 4 % of the citizen assistant's CPU). A token already held is still checked below.
        let issues = !request.uri.path.hasPrefix("/api/")
        let token = existing.flatMap { $0.count == 46 ? $0 : nil } ?? (issues ? TokenRepository.generate() : "")
        context.csrfToken = token
        if Self.isWrite(request.method), !context.authenticatedByToken, !Self.isPublicAPI(request.uri.path) {
            let sent: String?
            if request.uri.path.hasPrefix("/api/") {
                sent = request.headers[.init("X-CSRF-Token")!]
            } else {
                sent = try await Self.formField(Self.fieldName, in: request)
            }
            guard let existing, let sent, Self.constantTimeEqual(existing, sent) else {
                throw HaiCapError.forbidden("Phiên biểu mẫu đã hết hạn hoặc thiếu mã bảo vệ (CSRF). Hãy tải lại trang rồi gửi lại.")
            }
        }
        var response = try await next(request, context)
        if issues, existing != token {
            response.setCookie(.init(name: Self.cookieName, value: token, path: "/", secure: secureCookies, httpOnly: true, sameSite: .strict))
        }
        return response
    }

    /// Public API writes act for nobody (no session, no account), so a forged request gains nothing.
    static func isPublicAPI(_ path: String) -> Bool {
        path.hasPrefix("/api/v1/assistant/")
    }

    static func isWrite(_ method: HTTPRequest.Method) -> Bool {
        method == .post || method == .put || method == .patch || method == .delete
    }

    static func formField(_ name: String, in request: Request) async throws -> String? {
        if request.headers[.contentType]?.lowercased().hasPrefix("multipart/form-data") == true {
            return try? await MultipartForm.parse(request).fields[name]
        }
        guard request.headers[.contentType]?.hasPrefix("application/x-www-form-urlencoded") == true else { return nil }
        let buffer = try await request.body.collect(upTo: .max)
        let text = String(buffer: buffer)
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            if parts.first == Substring(name) {
                return parts.count > 1 ? String(parts[1]).removingPercentEncoding : ""
            }
        }
        return nil
    }

    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
