import Crypto
import Foundation
import HaiCapCore
import SQLKit

/// An API token's record (never the token itself, only its SHA-256).
public struct APIToken: Codable, Sendable, Equatable {
    public var id: Int64
    public var userID: Int64
    public var name: String
    public var createdAt: Date
    public var revoked: Bool
}

/// API tokens: random 256-bit values shown once, stored as SHA-256 hex digests.
public struct TokenRepository: Sendable {
    let db: any SQLDatabase

    public init(db: any SQLDatabase) {
        self.db = db
    }

    /// SHA-256 hex of a token; tokens are high-entropy, so a fast hash is enough (bcrypt is for passwords).
    public static func hash(_ token: String) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var hex: [UInt8] = []
        hex.reserveCapacity(64)
        for byte in SHA256.hash(data: Data(token.utf8)) {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: hex, as: UTF8.self)
    }

    /// A new random token: 32 bytes, URL-safe base64 without padding, prefixed so it is recognisable in a leak.
    public static func generate() -> String {
        // 32 random bytes in four draws from the system generator (one `getrandom` each), not thirty-two.
        var generator = SystemRandomNumberGenerator()
        var bytes: [UInt8] = []
        bytes.reserveCapacity(32)
        for _ in 0..<4 { withUnsafeBytes(of: generator.next() as UInt64) { bytes.append(contentsOf: $0) } }
        let base64 = Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
        return "hc_" + base64
    }

    /// Stores a new token for a user and returns the token text (shown once) with its record.
    public func create(userID: Int64, name: String, now: Date) async throws -> (token: String, record: APIToken) {
        let token = Self.generate()
        let created = Int64(now.timeIntervalSince1970)
        let row = try await db.insert(into: "api_tokens")
            .columns("user_id", "name", "token_hash", "created_at")
            .values(SQLBind(userID), SQLBind(name), SQLBind(Self.hash(token)), SQLBind(created))
            .returning("id").first()
        let id = try row?.decode(column: "id", as: Int64.self) ?? 0
        return (token, APIToken(id: id, userID: userID, name: name, createdAt: Date(timeIntervalSince1970: TimeInterval(created)), revoked: false))
    }

    /// The user id a live token belongs to.
    public func userID(forToken token: String) async throws -> Int64? {
        try await db.select().column("user_id").from("api_tokens")
            .where("token_hash", .equal, Self.hash(token)).where("revoked_at", .is, SQLLiteral.null)
            .first()?.decode(column: "user_id", as: Int64.self)
    }

    /// Tokens of one user, newest first.
    public func list(userID: Int64) async throws -> [APIToken] {
        try await db.select().columns("id", "user_id", "name", "created_at", "revoked_at").from("api_tokens")
            .where("user_id", .equal, userID).orderBy("id", .descending).all().map { row in
                APIToken(
                    id: try row.decode(column: "id", as: Int64.self),
                    userID: try row.decode(column: "user_id", as: Int64.self),
                    name: try row.decode(column: "name", as: String.self),
                    createdAt: Date(timeIntervalSince1970: TimeInterval(try row.decode(column: "created_at", as: Int64.self))),
                    revoked: try row.decodeNil(column: "revoked_at") == false)
            }
    }

    /// Revokes by id; returns false when there was no live token with that id.
    public func revoke(id: Int64, now: Date) async throws -> Bool {
        let live = try await db.select().column("id").from("api_tokens")
            .where("id", .equal, id).where("revoked_at", .is, SQLLiteral.null).first()
        guard live != nil else { return false }
        try await db.update("api_tokens").set("revoked_at", to: Int64(now.timeIntervalSince1970)).where("id", .equal, id).run()
        return true
    }

    /// The id of a token given its text.
    public func id(forToken token: String) async throws -> Int64? {
        try await db.select().column("id").from("api_tokens")
            .where("token_hash", .equal, Self.hash(token)).first()?.decode(column: "id", as: Int64.self)
    }

    /// The user a token id belongs to.
    public func owner(of id: Int64) async throws -> Int64? {
        try await db.select().column("user_id").from("api_tokens").where("id", .equal, id)
            .first()?.decode(column: "user_id", as: Int64.self)
    }
}
