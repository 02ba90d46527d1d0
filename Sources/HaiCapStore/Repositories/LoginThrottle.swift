import Foundation
import SQLKit

/// Counts failed sign-ins per key (user name + client) in the database, so every instance sees them.
public struct LoginThrottle: Sendable {
    /// Failures allowed within the window before the key is locked.
    public var maxFailures: Int = 5
    /// Window in which failures are counted, and lock duration once exceeded.
    public var windowSeconds: Int64 = 300

    let db: any SQLDatabase

    public init(db: any SQLDatabase, maxFailures: Int = 5, windowSeconds: Int64 = 300) {
        self.db = db
        self.maxFailures = maxFailures
        self.windowSeconds = windowSeconds
    }

    /// Seconds until the key may try again, or nil when it may try now.
    public func retryAfter(key: String, now: Date) async throws -> Int? {
        guard let row = try await db.select().column("locked_until").from("login_attempts").where("key", .equal, key).first(),
              let until = try row.decode(column: "locked_until", as: Int64?.self)
        else { return nil }
        let current = Int64(now.timeIntervalSince1970)
        return until > current ? Int(until - current) : nil
    }

    /// Records a failure; returns the lock duration when this failure locks the key.
    @discardableResult
    public func recordFailure(key: String, now: Date) async throws -> Int? {
        let current = Int64(now.timeIntervalSince1970)
        let row = try await db.select().columns("failures", "window_start").from("login_attempts").where("key", .equal, key).first()
        var failures = 1
        var windowStart = current
        if let row {
            let start = try row.decode(column: "window_start", as: Int64.self)
            if current - start < windowSeconds {
                failures = try row.decode(column: "failures", as: Int.self) + 1
                windowStart = start
            }
            try await db.delete(from: "login_attempts").where("key", .equal, key).run()
        }
        let locked: Int64? = failures >= maxFailures ? current + windowSeconds : nil
        try await db.insert(into: "login_attempts").columns("key", "failures", "window_start", "locked_until")
            .values(SQLBind(key), SQLBind(failures), SQLBind(windowStart), SQLBind(locked)).run()
        return locked.map { Int($0 - current) }
    }

    /// Forgets failures after a successful sign-in.
    public func reset(key: String) async throws {
        try await db.delete(from: "login_attempts").where("key", .equal, key).run()
    }
}
