import Foundation
import SQLKit

/// Named leases in the `leases` table, so that one instance among several runs a periodic job.
public struct LeaseRepository: Sendable {
    let db: any SQLDatabase

    public init(db: any SQLDatabase) {
        self.db = db
    }

    /// Takes or renews the lease `name` for `holder` until `now + duration`; true when `holder` holds it afterwards.
    /// Atomic on both databases: one upsert that only overwrites an expired lease or the holder's own.
    public func acquire(name: String, holder: String, for duration: TimeInterval, now: Date) async throws -> Bool {
        let nowMs = Int64(now.timeIntervalSince1970 * 1000)
        let until = nowMs + Int64(duration * 1000)
        let row = try await db.raw("""
            INSERT INTO leases (name, holder, expires_at) VALUES (\(bind: name), \(bind: holder), \(bind: until))
            ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
            WHERE leases.expires_at <= \(bind: nowMs) OR leases.holder = excluded.holder
            RETURNING holder
            """).first()
        guard let row else { return false }
        return try row.decode(column: "holder", as: String.self) == holder
    }

    /// Gives the lease up early (at shutdown), so another instance need not wait for it to expire.
    public func release(name: String, holder: String) async throws {
        try await db.delete(from: "leases").where("name", .equal, name).where("holder", .equal, holder).run()
    }

    /// The current holder while the lease runs.
    public func holder(name: String, now: Date) async throws -> String? {
        let nowMs = Int64(now.timeIntervalSince1970 * 1000)
        return try await db.select().column("holder").from("leases").where("name", .equal, name)
            .where("expires_at", .greaterThan, nowMs).first()?.decode(column: "holder", as: String.self)
    }
}
