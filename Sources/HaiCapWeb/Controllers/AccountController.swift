import Foundation
import HaiCapCore
import HaiCapStore
import Hummingbird

/// The signed-in official's own page: details, password change, API tokens.
struct AccountController {
    let views: Views
    let database: Database
    let accounts: Accounts

    struct AccountView {
        var username: String
        var displayName: String
        var roleLabel: String
        var unitCode: String?
        var unitName: String?
    }

    struct TokenView {
        var id: Int64
        var name: String
        var created: String
        var revoked: Bool
    }

    struct Content {
        var account: AccountView
        var tokens: [TokenView]
        var hasTokens: Bool
        var newToken: String?
        var flash: String?
        var error: String?
    }

    struct PasswordForm: Decodable {
        var current: String
        var password: String
    }

    struct TokenForm: Decodable {
        var name: String
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/account") { request, context in
            let flash: String? = switch request.query("done") {
            case "password": "Đã đổi mật khẩu."
            case "revoked": "Đã thu hồi mã truy cập."
            default: nil
            }
            return try await render(context, flash: flash)
        }
        router.post("/account/password") { request, context in
            let account = try AccessPolicy.requireSignedIn(context.actor)
            let form = try await request.form(PasswordForm.self)
            guard try await accounts.authenticate(username: account.username, password: form.current) != nil else {
                return try await render(context, error: "Mật khẩu hiện tại không đúng.", status: .unprocessableContent)
            }
            do {
                try await accounts.setPassword(username: account.username, password: form.password, by: account.username)
            } catch let error as HaiCapError {
                return try await render(context, error: error.message, status: .unprocessableContent)
            }
            return Views.redirect("/account?done=password")
        }
        router.post("/account/tokens") { request, context in
            let account = try AccessPolicy.requireSignedIn(context.actor)
            let form = try await request.form(TokenForm.self)
            let name = form.name.trimmingCharacters(in: .whitespaces)
            guard (1...100).contains(name.count) else {
                return try await render(context, error: "Tên mã truy cập cần từ 1 đến 100 ký tự.", status: .unprocessableContent)
            }
            let created = try await accounts.createToken(username: account.username, name: name, by: account.username)
            return try await render(context, newToken: created.token)
        }
        router.post("/account/tokens/{id}/revoke") { _, context in
            let account = try AccessPolicy.requireSignedIn(context.actor)
            guard let id = Int64(try context.parameters.require("id")),
                  try await accounts.revokeToken(id: id, token: nil, ownerID: account.id, by: account.username)
            else { throw HaiCapError.notFound("Không có mã truy cập đang dùng với số này trong tài khoản của bạn.") }
            return Views.redirect("/account?done=revoked")
        }
    }

    func render(
        _ context: AppRequestContext, flash: String? = nil, error: String? = nil, newToken: String? = nil,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let account = try AccessPolicy.requireSignedIn(context.actor)
        let unitName = try await account.unitCode.asyncMap { try await UnitRepository(db: database.sql).find(code: $0)?.name }
        let tokens = try await TokenRepository(db: database.sql).list(userID: account.id).map {
            TokenView(id: $0.id, name: $0.name, created: CivilTime.display($0.createdAt), revoked: $0.revoked)
        }
        let content = Content(
            account: AccountView(username: account.username, displayName: account.displayName, roleLabel: account.role.label, unitCode: account.unitCode, unitName: unitName ?? nil),
            tokens: tokens, hasTokens: !tokens.isEmpty, newToken: newToken, flash: flash, error: error)
        return try views.page("account", title: "Tài khoản", content, context: context, path: "/account", status: status)
    }
}

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
