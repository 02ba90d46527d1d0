import Foundation

/// A searchable index that changes over time: readers take the current `IndexSnapshot` and search it
/// without waiting, while one writer at a time builds the next snapshot and swaps it in.
public final class LiveIndex: @unchecked Sendable {
    // Two locks so a slow rebuild (writer) never blocks readers, who only copy a reference.
    private let snapshotLock = NSLock()
    private let writerLock = NSLock()
    private var current: IndexSnapshot
    private var builder: IndexBuilder

    /// Creates an index holding `documents`.
    public init(schema: IndexSchema, documents: [SearchDocument] = []) {
        var builder = IndexBuilder(schema: schema)
        builder.add(contentsOf: documents)
        self.builder = builder
        self.current = builder.snapshot()
    }

    /// The snapshot to search now; it never changes, later updates produce new ones.
    public var snapshot: IndexSnapshot {
        snapshotLock.withLock { current }
    }

    /// Applies changes (add, replace, remove), builds a new snapshot and publishes it; returns it.
    @discardableResult
    public func update(_ changes: (inout IndexBuilder) throws -> Void) rethrows -> IndexSnapshot {
        try writerLock.withLock {
            var next = builder
            try changes(&next)
            let snapshot = next.snapshot()
            builder = next
            snapshotLock.withLock { current = snapshot }
            return snapshot
        }
    }

    /// Searches the current snapshot.
    public func search(_ query: String, options: SearchOptions = SearchOptions()) -> [SearchHit] {
        snapshot.search(query, options: options)
    }
}
