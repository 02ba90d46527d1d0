import Foundation
import Logging
import NIOCore
import NIOPosix
import PostgresKit
import SQLKit
import SQLiteKit
import Synchronization

/// Where the data lives: an embedded SQLite file (the default), in-memory SQLite (tests), or PostgreSQL.
public enum DatabaseLocation: Sendable, Equatable {
    case sqliteFile(String)
    case sqliteMemory
    case postgres(url: String)
}

/// When a SQLite commit counts as done (`PRAGMA synchronous` in WAL mode); see decision 0007.
public enum SQLiteSync: String, Sendable, CaseIterable {
    /// The WAL is synced at checkpoints, not at every commit: a commit survives the process being killed,
    /// and the file is never corrupted, but the last commits may roll back after a power loss or OS crash.
    case normal
    /// Every commit waits for the disk (≈ 4 ms each on the reference VM).
    case full
}

/// The SQL dialect, for the few DDL details that differ.
public enum SQLDialectKind: Sendable {
    case sqlite
    case postgres
}

/// One open database: SQLKit over a single SQLite connection or a PostgreSQL pool.
///
/// SQLite gets one connection (SQLite serialises writers anyway) and transactions are serialised by
/// a gate so that no other statement runs on the connection inside one `BEGIN … COMMIT`.
public final class Database: Sendable {
    /// Statements outside a transaction. On SQLite each one waits while a transaction is open (see
    /// `SerializedSQLiteDatabase`); inside a transaction body use the `db` it is given.
    public let sql: any SQLDatabase
    public let dialect: SQLDialectKind
    private let closeHandler: @Sendable () async throws -> Void
    private let gate: ConnectionGate
    /// The SQLite connection itself, used by transactions (nil on PostgreSQL).
    private let sqliteConnection: (any SQLDatabase)?
    /// Immutable rows read on hot paths (see `RowCache`).
    public let rowCache = RowCache()

    private init(sql: any SQLDatabase, dialect: SQLDialectKind, readers: [any SQLDatabase] = [], close: @escaping @Sendable () async throws -> Void) {
        let gate = ConnectionGate()
        self.gate = gate
        self.dialect = dialect
        self.closeHandler = close
        switch dialect {
        case .postgres:
            self.sql = sql
            self.sqliteConnection = nil
        case .sqlite:
            self.sql = SerializedSQLiteDatabase(base: sql, gate: gate, readers: ReaderPool(readers))
            self.sqliteConnection = sql
        }
    }

    /// True inside `transaction`'s body (SQLite): statements there run on the connection without waiting.
    @TaskLocal static var insideSQLiteTransaction = false

    /// Opens the database; for a SQLite file, creates its folder first. `connectionWait` is how long a statement
    /// waits for a free PostgreSQL connection before failing (a server under load answers 503 rather than queue
    /// forever; the tests, which share two cores with every other suite, wait longer).
    public static func open(
        _ location: DatabaseLocation, logger: Logger, sqliteSync: SQLiteSync = .normal,
        connectionWait: TimeAmount = .seconds(10)
    ) async throws -> Database {
        switch location {
        case .sqliteMemory:
            return try await openSQLite(storage: .memory, logger: logger, sync: sqliteSync)
        case .sqliteFile(let path):
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            return try await openSQLite(storage: .file(path: path), logger: logger, sync: sqliteSync)
        case .postgres(let url):
            let configuration = try SQLPostgresConfiguration(url: url)
            let pool = EventLoopGroupConnectionPool(
                source: PostgresConnectionSource(sqlConfiguration: configuration),
                maxConnectionsPerEventLoop: 4,
                requestTimeout: connectionWait,
                logger: logger,
                on: MultiThreadedEventLoopGroup.singleton
            )
            let sql = pool.database(logger: logger).sql()
            let box = PoolBox(pool: pool)
            return Database(sql: sql, dialect: .postgres) { try await box.pool.shutdownAsync() }
        }
    }

    /// Read-only connections a SQLite file gets besides the one that writes (see `SerializedSQLiteDatabase`).
    static let sqliteReaderCount = 4

    private static func openSQLite(storage: SQLiteConnection.Storage, logger: Logger, sync: SQLiteSync) async throws -> Database {
        let path: String? = if case .file(let path) = storage { path } else { nil }
        let writer = try DirectSQLiteConnection.open(path: path, logger: logger)
        var readers: [SQLiteConnection] = []
        @Sendable func closeAll(_ readers: [SQLiteConnection]) async throws {
            for reader in readers { try? await reader.close().get() }
            writer.close()
        }
        let sql = DirectSQLiteDatabase(connection: writer)
        do {
            // WAL lets the CLI write while `haicap serve` reads the same file, and lets the reader connections
            // read while a transaction writes.
            if path != nil {
                try await sql.raw("PRAGMA journal_mode=WAL").run()
                try await sql.raw(sync == .full ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=NORMAL").run()
                // Each in-memory connection would be a database of its own: readers only for a file.
                for _ in 0..<sqliteReaderCount {
                    let reader = try await SQLiteConnection.open(
                        storage: storage, threadPool: .singleton, logger: logger,
                        on: MultiThreadedEventLoopGroup.singleton.any()
                    ).get()
                    readers.append(reader)
                    try await reader.sql().raw("PRAGMA query_only=ON").run()
                    try await reader.sql().raw("PRAGMA busy_timeout=5000").run()
                }
            }
            try await sql.raw("PRAGMA foreign_keys=ON").run()
        } catch {
            try? await closeAll(readers)
            throw error
        }
        let opened = readers
        return Database(sql: sql, dialect: .sqlite, readers: opened.map { $0.sql() }) { try await closeAll(opened) }
    }

    /// Runs `body` in one transaction: everything it writes lands, or nothing does.
    public func transaction<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        switch dialect {
        case .postgres:
            return try await sql.withSession { session in
                try await Self.runInTransaction(session, body)
            }
        case .sqlite:
            let connection = sqliteConnection ?? sql
            // A transaction started inside another one's body joins it (there is one connection).
            if Self.insideSQLiteTransaction { return try await body(connection) }
            await gate.enterExclusive()
            do {
                let result = try await Self.$insideSQLiteTransaction.withValue(true) {
                    try await Self.runInTransaction(connection, body)
                }
                gate.leaveExclusive()
                // The transaction ran without suspending (see `DirectSQLiteConnection`): let others run.
                await Task.yield()
                return result
            } catch {
                gate.leaveExclusive()
                throw error
            }
        }
    }

    private static func runInTransaction<T: Sendable>(
        _ db: any SQLDatabase, _ body: @Sendable (any SQLDatabase) async throws -> T
    ) async throws -> T {
        try await db.raw("BEGIN").run()
        do {
            let result = try await body(db)
            try await db.raw("COMMIT").run()
            return result
        } catch {
            try? await db.raw("ROLLBACK").run()
            throw error
        }
    }

    /// True when `error` is a unique-constraint violation: two writers created the same row at once, and the
    /// loser can retry and find the row.
    public static func isUniqueViolation(_ error: any Error) -> Bool {
        if let error = error as? PSQLError { return error.serverInfo?[.sqlState] == "23505" }
        return false
    }

    /// True when a trivial query answers.
    public func ping() async -> Bool {
        do {
            _ = try await sql.raw("SELECT 1 AS one").first()
            return true
        } catch {
            return false
        }
    }

    /// Closes the connection or pool; call once at shutdown (sqlite-nio traps on a leaked connection).
    public func close() async throws {
        try await closeHandler()
    }
}

/// The one SQLite connection as everything but a transaction sees it. SQLite has one connection here, and a
/// `BEGIN … COMMIT` on it covers every statement sent on it meanwhile, whoever sends it: without this wrapper a
/// concurrent request's write would land inside another request's transaction (and vanish if that one rolls
/// back, after its own client was told it succeeded), and `COMMIT` could fail with "SQL statements in progress".
/// So statements outside a transaction pass a `ConnectionGate` shared (they still overlap one another), and a
/// transaction holds it exclusively; statements inside a transaction's body (same task,
/// `Database.insideSQLiteTransaction`) go straight through.
///
/// On a file, a plain `SELECT` outside a transaction goes to one of the read-only connections instead, without
/// the gate: in WAL mode it sees every committed transaction and none in progress, and it runs while a
/// transaction holds the writing connection (so a long save no longer holds up every page and answer).
struct SerializedSQLiteDatabase: SQLDatabase {
    let base: any SQLDatabase
    let gate: ConnectionGate
    let readers: ReaderPool

    var logger: Logger { base.logger }
    var eventLoop: any EventLoop { base.eventLoop }
    var version: (any SQLDatabaseReportedVersion)? { base.version }
    var dialect: any SQLDialect { base.dialect }
    var queryLogLevel: Logger.Level? { base.queryLogLevel }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) -> EventLoopFuture<Void> {
        let promise = eventLoop.makePromise(of: Void.self)
        promise.completeWithTask { try await self.execute(sql: query, onRow) }
        return promise.futureResult
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) async throws {
        if Database.insideSQLiteTransaction { return try await base.execute(sql: query, onRow) }
        if !readers.isEmpty, Self.isPlainRead(query, in: base) {
            if let reader = readers.tryAcquire() {
                return try await readers.using(reader) { try await $0.execute(sql: query, onRow) }
            }
            // Every reader busy: the writing connection serves the read if no transaction holds it (it has made
            // every commit, so it is never behind); else wait for the first reader to come free.
            guard gate.tryEnterShared() else {
                return try await readers.withReader { try await $0.execute(sql: query, onRow) }
            }
        } else {
            await gate.enterShared()
        }
        do {
            try await base.execute(sql: query, onRow)
            gate.leaveShared()
        } catch {
            gate.leaveShared()
            throw error
        }
    }
}

extension SerializedSQLiteDatabase {
    /// A statement that only reads: it starts with SELECT (a `WITH` may hide a write, a PRAGMA may change the
    /// connection, so both stay on the writing connection).
    static func isPlainRead(_ query: any SQLExpression, in database: any SQLDatabase) -> Bool {
        if query is SQLSelect { return true }
        if query is SQLInsert || query is SQLUpdate || query is SQLDelete { return false }
        var serializer = SQLSerializer(database: database)
        query.serialize(to: &serializer)
        let head = serializer.sql.drop { $0 == " " || $0 == "\n" || $0 == "(" }.prefix(7).uppercased()
        return head.hasPrefix("SELECT ") || head.hasPrefix("SELECT\n")
    }
}

/// The read-only connections, each running one statement at a time. SQLite keeps a connection's read snapshot
/// for as long as any statement on it is active, so statements overlapping on one reader would chain snapshots
/// together and keep serving data from before the latest commit (a client could save, be told so, and read the
/// old row back). One statement per reader makes every read start from the last commit. A statement takes a free
/// reader, or waits for the first one to come free.
final class ReaderPool: Sendable {
    private struct State {
        var free: [Int]
        var waiting: [CheckedContinuation<Int, Never>] = []
    }

    private let readers: [any SQLDatabase]
    private let state: Mutex<State>

    init(_ readers: [any SQLDatabase]) {
        self.readers = readers
        self.state = Mutex(State(free: Array(readers.indices)))
    }

    var isEmpty: Bool { readers.isEmpty }

    /// Runs `body` on a reader that nothing else uses meanwhile.
    func withReader<T>(_ body: (any SQLDatabase) async throws -> T) async throws -> T {
        try await using(await acquire(), body)
    }

    /// A free reader's index, without waiting.
    func tryAcquire() -> Int? {
        state.withLock { $0.free.popLast() }
    }

    /// Runs `body` on the reader `index` (taken by `tryAcquire` or `acquire`), then gives it back.
    func using<T>(_ index: Int, _ body: (any SQLDatabase) async throws -> T) async throws -> T {
        do {
            let result = try await body(readers[index])
            release(index)
            return result
        } catch {
            release(index)
            throw error
        }
    }

    private func acquire() async -> Int {
        if let index = state.withLock({ $0.free.popLast() }) { return index }
        return await withCheckedContinuation { (waiter: CheckedContinuation<Int, Never>) in
            let now: Int? = state.withLock { s in
                if let index = s.free.popLast() { return index }
                s.waiting.append(waiter)
                return nil
            }
            if let now { waiter.resume(returning: now) }
        }
    }

    private func release(_ index: Int) {
        let next: CheckedContinuation<Int, Never>? = state.withLock { s in
            if s.waiting.isEmpty {
                s.free.append(index)
                return nil
            }
            return s.waiting.removeFirst()
        }
        next?.resume(returning: index)
    }
}

/// A shared/exclusive gate without threads blocking: plain statements enter shared and run side by side; a
/// transaction enters exclusive, waiting for the statements in flight to finish and holding back new ones. Waiting
/// transactions hold back newly arriving statements (so a transaction is never starved), and the statements that
/// waited during a transaction all go in before the next transaction (so statements are not starved either).
/// An actor-based mutex around every statement was measured first: it cut the citizen assistant from 1,640 to 670
/// answers/s, because each statement had to wait for the previous one's task to be scheduled.
final class ConnectionGate: Sendable {
    private struct State {
        var shared = 0
        var exclusive = false
        var exclusiveWaiting: [CheckedContinuation<Void, Never>] = []
        var sharedWaiting: [CheckedContinuation<Void, Never>] = []
    }

    private let state = Mutex(State())

    func enterShared() async {
        let admitted = state.withLock { s in
            guard !s.exclusive, s.exclusiveWaiting.isEmpty else { return false }
            s.shared += 1
            return true
        }
        if admitted { return }
        await withCheckedContinuation { (waiter: CheckedContinuation<Void, Never>) in
            let now = state.withLock { s in
                guard !s.exclusive, s.exclusiveWaiting.isEmpty else {
                    s.sharedWaiting.append(waiter)
                    return false
                }
                s.shared += 1
                return true
            }
            if now { waiter.resume() }
        }
    }

    /// Enters shared only if that needs no wait (no transaction holds or waits for the connection).
    func tryEnterShared() -> Bool {
        state.withLock { s in
            guard !s.exclusive, s.exclusiveWaiting.isEmpty else { return false }
            s.shared += 1
            return true
        }
    }

    func leaveShared() {
        let next: CheckedContinuation<Void, Never>? = state.withLock { s in
            s.shared -= 1
            guard s.shared == 0, !s.exclusive, !s.exclusiveWaiting.isEmpty else { return nil }
            s.exclusive = true
            return s.exclusiveWaiting.removeFirst()
        }
        next?.resume()
    }

    func enterExclusive() async {
        await withCheckedContinuation { (waiter: CheckedContinuation<Void, Never>) in
            let now = state.withLock { s in
                guard !s.exclusive, s.shared == 0, s.exclusiveWaiting.isEmpty else {
                    s.exclusiveWaiting.append(waiter)
                    return false
                }
                s.exclusive = true
                return true
            }
            if now { waiter.resume() }
        }
    }

    func leaveExclusive() {
        let (next, statements): (CheckedContinuation<Void, Never>?, [CheckedContinuation<Void, Never>]) = state.withLock { s in
            if !s.sharedWaiting.isEmpty {
                // Statements that waited go first, all at once; the next transaction waits for them to finish.
                let waiting = s.sharedWaiting
                s.sharedWaiting = []
                s.exclusive = false
                s.shared += waiting.count
                return (nil, waiting)
            }
            if !s.exclusiveWaiting.isEmpty { return (s.exclusiveWaiting.removeFirst(), []) }
            s.exclusive = false
            return (nil, [])
        }
        next?.resume()
        for waiter in statements { waiter.resume() }
    }
}

/// The pool synchronises internally on its event loops but is not marked Sendable.
private final class PoolBox: @unchecked Sendable {
    let pool: EventLoopGroupConnectionPool<PostgresConnectionSource>

    init(pool: EventLoopGroupConnectionPool<PostgresConnectionSource>) {
        self.pool = pool
    }
}
