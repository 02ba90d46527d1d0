import Foundation
import HaiCapStore
import Hummingbird
import SQLKit

/// Hummingbird's key/value persistence on the `sessions` table, so several instances share sessions.
public struct SQLPersistDriver: PersistDriver {
    let db: any SQLDatabase
    let now: @Sendable () -> Date

    public init(db: any SQLDatabase, now: @escaping @Sendable () -> Date = Date.init) {
        self.db = db
        self.now = now
    }

    private func expiry(_ expires: Duration?) -> Int64? {
        expires.map { Int64(now().timeIntervalSince1970) + $0.components.seconds }
    }

    public func create<Object: Codable & Sendable>(key: String, value: Object, expires: Duration?) async throws {
        if try await get(key: key, as: Object.self) != nil { throw PersistError.duplicate }
        try await remove(key: key)
        try await db.insert(into: "sessions").columns("key", "value", "expires_at")
            .values(SQLBind(Self.stored(key)), SQLBind(try Self.encode(value)), SQLBind(expiry(expires))).run()
    }

    public func set<Object: Codable & Sendable>(key: String, value: Object, expires: Duration?) async throws {
        let text = try Self.encode(value)
        let existing = try await db.select().column("expires_at").from("sessions").where("key", .equal, Self.stored(key)).first()
        if let existing {
            // Keep the original expiry when none is given, as the protocol asks.
            let keep = try existing.decode(column: "expires_at", as: Int64?.self)
            try await db.update("sessions").set("value", to: text).set("expires_at", to: expiry(expires) ?? keep)
                .where("key", .equal, Self.stored(key)).run()
        } else {
            try await db.insert(into: "sessions").columns("key", "value", "expires_at")
                .values(SQLBind(Self.stored(key)), SQLBind(text), SQLBind(expiry(expires))).run()
        }
    }

    public func get<Object: Codable & Sendable>(key: String, as: Object.Type) async throws -> Object? {
        guard let row = try await db.select().columns("value", "expires_at").from("sessions")
            .where("key", .equal, Self.stored(key)).first()
        else { return nil }
        if let expires = try row.decode(column: "expires_at", as: Int64?.self), expires <= Int64(now().timeIntervalSince1970) {
            try await remove(key: key)
            return nil
        }
        let text = try row.decode(column: "value", as: String.self)
        return try? JSONDecoder().decode(Object.self, from: Data(text.utf8))
    }

    public func remove(key: String) async throws {
        try await db.delete(from: "sessions").where("key", .equal, Self.stored(key)).run()
    }

    /// Deletes expired sessions; run now and then.
    public func purgeExpired() async throws {
        try await db.delete(from: "sessions").where("expires_at", .lessThanOrEqual, Int64(now().timeIntervalSince1970)).run()
    }

    /// Only a SHA-256 of the session id is stored (like API tokens): neither a database copy nor a debug log of
    /// the queries' values gives anyone a usable session cookie.
    static func stored(_ key: String) -> String {
        TokenRepository.hash(key)
    }

    static func encode<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try JSONEncoder().encode(value), as: UTF8.self)
    }
}
