import Hummingbird

/// Rejects bodies over the configured limit with 413 and buffers the rest, so later steps
/// (CSRF check, form and JSON decoding) can read the body more than once.
struct BodyLimitMiddleware<Context: RequestContext>: RouterMiddleware {
    let maxBytes: Int

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.method != .get, request.method != .head else { return try await next(request, context) }
        if let length = request.headers[.contentLength].flatMap(Int.init), length > maxBytes {
            throw HTTPError(.contentTooLarge)
        }
        var request = request
        let buffer = try await request.body.collect(upTo: maxBytes)
        request.body = .init(buffer: buffer)
        return try await next(request, context)
    }
}

/// Adds the request id and the security headers to every response; marks cookies HttpOnly.
struct ResponseHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        response.headers[.init("X-Request-Id")!] = context.id
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[.init("X-Frame-Options")!] = "DENY"
        response.headers[.init("Referrer-Policy")!] = "same-origin"
        response.headers[.contentSecurityPolicy] =
            "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'"
        // hummingbird-auth's session cookie has no HttpOnly flag: no script of ours needs it.
        let cookies = response.headers[values: .setCookie]
        if !cookies.isEmpty {
            response.headers[values: .setCookie] = cookies.map { $0.contains("HttpOnly") ? $0 : $0 + "; HttpOnly" }
        }
        return response
    }
}
