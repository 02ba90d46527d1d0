import Foundation
import Logging
import NIOCore
import NIOPosix
import PostgresKit
import SQLKit
import SQLiteKit

/// Where the data lives: an embedded SQLite file (the default), in-memory SQLite (tests), or PostgreSQL.
public enum DatabaseLocation: Sendable, Equatable {
    case sqliteFile(String)
    case sqliteMemory
    case postgres(url: String)
}

/// The SQL dialect, for the few DDL details that differ.
public enum SQLDialectKind: Sendable {
    case sqlite
    case postgres
}

/// One open database: SQLKit over a single SQLite connection or a PostgreSQL pool.
///
/// SQLite gets one connection (SQLite serialises writers anyway) and transactions are serialised by
/// an async lock so that two requests never interleave inside one `BEGIN … COMMIT`.
public final class Database: Sendable {
    public let sql: any SQLDatabase
    public let dialect: SQLDialectKind
    private let closeHandler: @Sendable () async throws -> Void
    private let transactionLock = AsyncLock()

    private init(sql: any SQLDatabase, dialect: SQLDialectKind, close: @escaping @Sendable () async throws -> Void) {
        self.sql = sql
        self.dialect = dialect
        self.closeHandler = close
    }

    /// Opens the database; for a SQLite file, creates its folder first.
    public static func open(_ location: DatabaseLocation, logger: Logger) async throws -> Database {
        switch location {
        case .sqliteMemory:
            return try await openSQLite(storage: .memory, logger: logger)
        case .sqliteFile(let path):
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            return try await openSQLite(storage: .file(path: path), logger: logger)
        case .postgres(let url):
            let configuration = try SQLPostgresConfiguration(url: url)
            let pool = EventLoopGroupConnectionPool(
                source: PostgresConnectionSource(sqlConfiguration: configuration),
                maxConnectionsPerEventLoop: 4,
                requestTimeout: .seconds(10),
                logger: logger,
                on: MultiThreadedEventLoopGroup.singleton
            )
            let sql = pool.database(logger: logger).sql()
            let box = PoolBox(pool: pool)
            return Database(sql: sql, dialect: .postgres) { try await box.pool.shutdownAsync() }
        }
    }

    private static func openSQLite(storage: SQLiteConnection.Storage, logger: Logger) async throws -> Database {
        let connection = try await SQLiteConnection.open(
            storage: storage, threadPool: .singleton, logger: logger,
            on: MultiThreadedEventLoopGroup.singleton.any()
        ).get()
        let sql = connection.sql()
        do {
            // WAL lets the CLI write while `haicap serve` reads the same file.
            if case .file = storage { try await sql.raw("PRAGMA journal_mode=WAL").run() }
            try await sql.raw("PRAGMA foreign_keys=ON").run()
        } catch {
            try? await connection.close().get()
            throw error
        }
        return Database(sql: sql, dialect: .sqlite) { try await connection.close().get() }
    }

    /// Runs `body` in one transaction: everything it writes lands, or nothing does.
    public func transaction<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        switch dialect {
        case .postgres:
            return try await sql.withSession { session in
                try await Self.runInTransaction(session, body)
            }
        case .sqlite:
            return try await transactionLock.withLock {
                try await Self.runInTransaction(self.sql, body)
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

/// The pool synchronises internally on its event loops but is not marked Sendable.
private final class PoolBox: @unchecked Sendable {
    let pool: EventLoopGroupConnectionPool<PostgresConnectionSource>

    init(pool: EventLoopGroupConnectionPool<PostgresConnectionSource>) {
        self.pool = pool
    }
}

/// A FIFO async mutex: waiters resume in order, without blocking threads.
actor AsyncLock {
    private var locked = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    func withLock<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        await acquire()
        defer { release() }
        return try await body()
    }

    private func acquire() async {
        if !locked {
            locked = true
            return
        }
        await withCheckedContinuation { waiters.append($0) }
    }

    private func release() {
        if waiters.isEmpty {
            locked = false
        } else {
            waiters.removeFirst().resume()
        }
    }
}
