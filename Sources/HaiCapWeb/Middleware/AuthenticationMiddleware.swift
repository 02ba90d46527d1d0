import Foundation
import HaiCapCore
import HaiCapStore
import Hummingbird
import HummingbirdAuth

/// Finds the caller: a bearer token (for `/api/v1` integrations) or the browser session.
/// Disabled accounts are treated as anonymous.
struct AuthenticationMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let database: Database
    let now: @Sendable () -> Date

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if let authorization = request.headers[.authorization] {
            guard authorization.lowercased().hasPrefix("bearer "),
                  let account = try await UserRepository(db: database.sql).find(
                      tokenHash: TokenRepository.hash(String(authorization.dropFirst(7)).trimmingCharacters(in: .whitespaces))),
                  !account.disabled
            else {
                // A wrong token is an error, not silently anonymous: the integration must be fixed.
                throw HaiCapError.unauthorized
            }
            context.identity = account
            context.authenticatedByToken = true
        } else if let session = context.sessions.session,
                  let account = try await UserRepository(db: database.sql).find(id: session.userID), !account.disabled {
            context.identity = account
        }
        return try await next(request, context)
    }
}
