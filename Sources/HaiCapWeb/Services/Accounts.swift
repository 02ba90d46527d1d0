import Foundation
import HaiCapCore
import HaiCapStore
import HummingbirdBcrypt
import NIOPosix

/// Account operations shared by the CLI, the web pages and the API: each validates, writes,
/// and records the write in the audit log in one transaction.
public struct Accounts: Sendable {
    let database: Database
    let bcryptCost: Int
    let now: @Sendable () -> Date

    public init(database: Database, bcryptCost: Int, now: @escaping @Sendable () -> Date = Date.init) {
        self.database = database
        self.bcryptCost = bcryptCost
        self.now = now
    }

    /// bcrypt is deliberately slow: run it off the event loops.
    func hash(_ password: String) async throws -> String {
        let cost = UInt8(bcryptCost)
        return try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    func verify(_ password: String, hash: String) async throws -> Bool {
        try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: hash) }
    }

    /// Creates an account after checking the user name, password, role and unit.
    public func create(
        username: String, displayName: String?, password: String, role: Role, unitCode: String?, by actor: String
    ) async throws -> UserAccount {
        let username = username.trimmingCharacters(in: .whitespaces).lowercased()
        let unitCode = unitCode.flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0.trimmingCharacters(in: .whitespaces) }
        try AccountRules.validateUsername(username)
        try AccountRules.validatePassword(password)
        try AccountRules.validateUnit(role: role, unitCode: unitCode)
        if let unitCode, try await UnitRepository(db: database.sql).find(code: unitCode) == nil {
            throw HaiCapError.validation([.init(key: "unit", message: "Không có đơn vị hành chính mã \(unitCode).")])
        }
        let passwordHash = try await hash(password)
        let name = displayName.flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 } ?? username
        let time = now()
        return try await database.transaction { db in
            let account = try await UserRepository(db: db).create(
                username: username, displayName: name, passwordHash: passwordHash, role: role, unitCode: unitCode, now: time)
            try await AuditRepository(db: db).record(
                actor: actor, action: "user.create", entity: "user", entityID: String(account.id),
                before: UserAccount?.none, after: account, now: time)
            return account
        }
    }

    /// Checks a user name and password; nil when they do not match an enabled account.
    public func authenticate(username: String, password: String) async throws -> UserAccount? {
        let username = username.trimmingCharacters(in: .whitespaces).lowercased()
        guard let (account, passwordHash) = try await UserRepository(db: database.sql).credentials(username: username) else {
            // Same cost as a real check, so timing does not reveal which user names exist.
            _ = try await hash(password)
            return nil
        }
        guard try await verify(password, hash: passwordHash), !account.disabled else { return nil }
        // A password hashed at a lower cost (an account made while testing, or before the cost was raised) is
        // hashed again at the configured cost now that the password is at hand. Best effort: the login stands.
        if let cost = Self.cost(of: passwordHash), cost < bcryptCost, let stronger = try? await hash(password) {
            try? await UserRepository(db: database.sql).setPasswordHash(userID: account.id, hash: stronger)
        }
        return account
    }

    /// The cost of a bcrypt hash ("$2b$12$…" → 12).
    static func cost(of hash: String) -> Int? {
        let parts = hash.split(separator: "$", omittingEmptySubsequences: true)
        guard parts.count >= 3, parts[0].hasPrefix("2") else { return nil }
        return Int(parts[1])
    }

    /// Sets a new password.
    public func setPassword(username: String, password: String, by actor: String) async throws {
        try AccountRules.validatePassword(password)
        let account = try await require(username)
        let passwordHash = try await hash(password)
        let time = now()
        try await database.transaction { db in
            try await UserRepository(db: db).setPasswordHash(userID: account.id, hash: passwordHash)
            try await AuditRepository(db: db).record(
                actor: actor, action: "user.password", entity: "user", entityID: String(account.id),
                before: String?.none, after: String?.none, now: time)
        }
    }

    /// Disables or re-enables an account; a disabled account cannot sign in and its tokens stop working.
    public func setDisabled(username: String, disabled: Bool, by actor: String) async throws -> UserAccount {
        let account = try await require(username)
        var after = account
        after.disabled = disabled
        let time = now()
        try await database.transaction { [after] db in
            try await UserRepository(db: db).setDisabled(userID: account.id, disabled: disabled)
            try await AuditRepository(db: db).record(
                actor: actor, action: disabled ? "user.disable" : "user.enable", entity: "user",
                entityID: String(account.id), before: account, after: after, now: time)
        }
        return after
    }

    /// Issues an API token for a user; the token text is returned once and never stored.
    public func createToken(username: String, name: String, by actor: String) async throws -> (token: String, record: APIToken) {
        let account = try await require(username)
        guard !account.disabled else { throw HaiCapError.conflict("Tài khoản '\(username)' đã bị khóa; mở khóa trước khi cấp mã truy cập.") }
        let time = now()
        return try await database.transaction { db in
            let created = try await TokenRepository(db: db).create(userID: account.id, name: name, now: time)
            try await AuditRepository(db: db).record(
                actor: actor, action: "token.create", entity: "api_token", entityID: String(created.record.id),
                before: APIToken?.none, after: created.record, now: time)
            return created
        }
    }

    /// Revokes a token by id (or by its text); false when nothing live matched.
    public func revokeToken(id: Int64?, token: String?, ownerID: Int64? = nil, by actor: String) async throws -> Bool {
        let time = now()
        return try await database.transaction { db in
            let tokens = TokenRepository(db: db)
            var targetID = id
            if targetID == nil, let token { targetID = try await tokens.id(forToken: token) }
            guard let targetID else { return false }
            if let ownerID, try await tokens.owner(of: targetID) != ownerID { return false }
            guard try await tokens.revoke(id: targetID, now: time) else { return false }
            try await AuditRepository(db: db).record(
                actor: actor, action: "token.revoke", entity: "api_token", entityID: String(targetID),
                before: String?.none, after: String?.none, now: time)
            return true
        }
    }

    func require(_ username: String) async throws -> UserAccount {
        guard let account = try await UserRepository(db: database.sql).find(username: username.lowercased()) else {
            throw HaiCapError.notFound("Không có tài khoản '\(username)'.")
        }
        return account
    }
}
