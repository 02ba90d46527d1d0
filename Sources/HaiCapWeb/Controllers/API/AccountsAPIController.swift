import Foundation
import HaiCapCore
import HaiCapStore
import Hummingbird

/// `/api/v1/me`, and for administrators `/api/v1/users` and `/api/v1/audit`.
struct AccountsAPIController {
    let database: Database
    let accounts: Accounts

    struct UserDTO: ResponseEncodable {
        struct UnitRef: Encodable, Sendable {
            var code: String
            var name: String
        }
        var id: Int64
        var username: String
        var displayName: String
        var role: Role
        var unit: UnitRef?
        var disabled: Bool
        var createdAt: String
    }

    struct CreateUser: Decodable {
        var username: String
        var displayName: String?
        var password: String
        var role: Role
        var unit: String?
    }

    struct AuditDTO: Encodable, Sendable {
        var id: Int64
        var at: String
        var actor: String
        var action: String
        var entity: String
        var entityId: String
        var before: String?
        var after: String?
    }

    func dto(_ account: UserAccount) async throws -> UserDTO {
        var unit: UserDTO.UnitRef?
        if let code = account.unitCode, let found = try await UnitRepository(db: database.sql).find(code: code) {
            unit = .init(code: found.code, name: found.name)
        }
        return UserDTO(
            id: account.id, username: account.username, displayName: account.displayName, role: account.role,
            unit: unit, disabled: account.disabled, createdAt: CivilTime.rfc3339(account.createdAt))
    }

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("me") { _, context in
            try await dto(try AccessPolicy.requireSignedIn(context.actor))
        }
        group.get("users") { request, context -> ListResponse<UserDTO> in
            _ = try AccessPolicy.requireAdmin(context.actor)
            let page = try PageRequest(page: request.query("page"), per: request.query("per"))
            let all = try await UserRepository(db: database.sql).list()
            var items: [UserDTO] = []
            for account in all.dropFirst(page.offset).prefix(page.per) { items.append(try await dto(account)) }
            return ListResponse(items: items, total: all.count, page: page.page, per: page.per)
        }
        group.post("users") { request, context -> EditedResponse<UserDTO> in
            let admin = try AccessPolicy.requireAdmin(context.actor)
            let body = try await request.json(CreateUser.self)
            let created = try await accounts.create(
                username: body.username, displayName: body.displayName, password: body.password,
                role: body.role, unitCode: body.unit, by: admin.username)
            return .init(status: .created, response: try await dto(created))
        }
        group.get("audit") { request, context -> ListResponse<AuditDTO> in
            _ = try AccessPolicy.requireAdmin(context.actor)
            let page = try PageRequest(page: request.query("page"), per: request.query("per"))
            let paged = try await AuditRepository(db: database.sql).list(entity: request.query("entity"), page: page)
            let items = paged.items.map {
                AuditDTO(id: $0.id, at: CivilTime.rfc3339($0.at), actor: $0.actor, action: $0.action, entity: $0.entity, entityId: $0.entityID, before: $0.before, after: $0.after)
            }
            return ListResponse(items: items, total: paged.total, page: page.page, per: page.per)
        }
    }
}
