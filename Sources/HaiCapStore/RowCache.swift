import Synchronization

/// Rows that never change once written — reporting periods, regimes, form versions — kept per open database,
/// because every report save and submission reads them. Only immutable rows belong here: nothing in HaiCap
/// updates or deletes them, so an entry can never be stale, on one instance or on several sharing a database.
/// If one of them ever becomes editable, its writes must call `forget` (and other instances would need a
/// version check), or it must leave this cache.
public final class RowCache: Sendable {
    private let entries = Mutex<[String: any Sendable]>([:])
    private let limit: Int

    public init(limit: Int = 4_096) {
        self.limit = limit
    }

    /// The cached value for `key`, or the loaded one (cached when not nil).
    public func value<T: Sendable>(_ key: String, as type: T.Type = T.self, load: () async throws -> T?) async throws -> T? {
        if let hit = entries.withLock({ $0[key] }) as? T { return hit }
        guard let loaded = try await load() else { return nil }
        entries.withLock { entries in
            // Periods accumulate over the years; a full clear is simpler than LRU and costs one reload each.
            if entries.count >= limit { entries.removeAll(keepingCapacity: true) }
            entries[key] = loaded
        }
        return loaded
    }

    public func forget(_ key: String) {
        _ = entries.withLock { $0.removeValue(forKey: key) }
    }
}
