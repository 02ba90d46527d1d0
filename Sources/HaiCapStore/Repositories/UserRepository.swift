import Foundation
import HaiCapCore
import SQLKit

/// Accounts of officials; password hashes never leave this type except for verification.
public struct UserRepository: Sendable {
    let db: any SQLDatabase

    public init(db: any SQLDatabase) {
        self.db = db
    }

    struct UserRow: Decodable {
        var id: Int64
        var username: String
        var display_name: String
        var password_hash: String
        var role: String
        var unit_code: String?
        var disabled: Bool
        var created_at: Int64

        var account: UserAccount {
            UserAccount(
                id: id, username: username, displayName: display_name, role: Role(rawValue: role) ?? .commune,
                unitCode: unit_code, disabled: disabled, createdAt: Date(timeIntervalSince1970: TimeInterval(created_at)))
        }
    }

    /// Creates an account; a taken user name is a conflict.
    public func create(
        username: String, displayName: String, passwordHash: String, role: Role, unitCode: String?, now: Date
    ) async throws -> UserAccount {
        if try await findRow(username: username) != nil {
            throw HaiCapError.conflict("Tên đăng nhập '\(username)' đã có người dùng.")
        }
        let row = try await db.insert(into: "users")
            .columns("username", "display_name", "password_hash", "role", "unit_code", "disabled", "created_at")
            .values(
                SQLBind(username), SQLBind(displayName), SQLBind(passwordHash), SQLBind(role.rawValue),
                SQLBind(unitCode), SQLBind(false), SQLBind(Int64(now.timeIntervalSince1970)))
            .returning("id").first()
        let id = try row?.decode(column: "id", as: Int64.self) ?? 0
        return UserAccount(
            id: id, username: username, displayName: displayName, role: role,
            unitCode: unitCode, disabled: false, createdAt: Date(timeIntervalSince1970: TimeInterval(Int64(now.timeIntervalSince1970))))
    }

    func findRow(username: String) async throws -> UserRow? {
        try await db.select().column("*").from("users").where("username", .equal, username).first(decoding: UserRow.self)
    }

    /// The account and its password hash, for signing in.
    public func credentials(username: String) async throws -> (account: UserAccount, passwordHash: String)? {
        guard let row = try await findRow(username: username) else { return nil }
        return (row.account, row.password_hash)
    }

    public func find(username: String) async throws -> UserAccount? {
        try await findRow(username: username)?.account
    }

    /// The account a live API token belongs to, in one query (every API request asks).
    public func find(tokenHash: String) async throws -> UserAccount? {
        try await db.select().column(SQLColumn(SQLLiteral.all, table: SQLIdentifier("users"))).from("users")
            .join("api_tokens", on: SQLColumn("user_id", table: "api_tokens"), .equal, SQLColumn("id", table: "users"))
            .where(SQLColumn("token_hash", table: "api_tokens"), .equal, SQLBind(tokenHash))
            .where(SQLColumn("revoked_at", table: "api_tokens"), .is, SQLLiteral.null)
            .first(decoding: UserRow.self)?.account
    }

    public func find(id: Int64) async throws -> UserAccount? {
        try await db.select().column("*").from("users").where("id", .equal, id).first(decoding: UserRow.self)?.account
    }

    /// Every account, by user name.
    public func list() async throws -> [UserAccount] {
        try await db.select().column("*").from("users").orderBy("username").all(decoding: UserRow.self).map(\.account)
    }

    public func count() async throws -> Int {
        try await db.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("users")
            .first()?.decode(column: "n", as: Int.self) ?? 0
    }

    public func setPasswordHash(userID: Int64, hash: String) async throws {
        try await db.update("users").set("password_hash", to: hash).where("id", .equal, userID).run()
    }

    public func setDisabled(userID: Int64, disabled: Bool) async throws {
        try await db.update("users").set("disabled", to: disabled).where("id", .equal, userID).run()
    }
}
