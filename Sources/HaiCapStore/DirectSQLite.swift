import Foundation
import Logging
import NIOCore
import NIOPosix
import SQLKit
import SQLiteKit
import Synchronization
import VaporCSQLite

/// The SQLite connection that writes, driven through SQLite's C API on the calling thread (decision 0007,
/// "Writes in place").
///
/// sqlite-nio runs every statement as a job on its thread pool and hands each row back through the event loop,
/// so one statement costs three thread wake-ups; a save is about seven statements, and the task holding the
/// transaction queues behind every other request's work between them. Measured with
/// `haicap bench reporting --submissions-only`: the write transaction was held for 1.7 ms each, and held 100 %
/// of the run, while the CPUs were a third idle. Here a statement runs to completion where it is called (tens of
/// microseconds for HaiCap's writes), so a transaction holds the connection only for its own work.
///
/// The connection runs one statement at a time (a lock around prepare … finalize); the `ConnectionGate` above it
/// keeps other statements out of an open transaction. A statement that meets another process's write lock
/// (a CLI import beside `haicap serve`) waits asynchronously and retries, rather than blocking a thread.
final class DirectSQLiteConnection: Sendable {
    /// The sqlite3 handle and the statements prepared on it, keyed by their SQL.
    private struct State: ~Copyable, @unchecked Sendable {
        var handle: OpaquePointer?
        var statements: [String: OpaquePointer] = [:]
    }

    private let state: Mutex<State>
    let logger: Logger
    let eventLoop: any EventLoop
    /// How long a statement keeps retrying while another process holds the write lock.
    static let busyDeadline: Duration = .seconds(30)
    /// Prepared statements kept for reuse; past this many, all are finalized and the cache starts again.
    static let statementCacheLimit = 256

    private init(handle: OpaquePointer, logger: Logger) {
        self.state = Mutex(State(handle: handle))
        self.logger = logger
        self.eventLoop = MultiThreadedEventLoopGroup.singleton.any()
    }

    /// SQLite's one-time global set-up, done once before the first open (a `static let` runs exactly once).
    private static let libraryInitialized: Void = { _ = sqlite_nio_sqlite3_initialize() }()

    /// Opens `path` (or an in-memory database for nil), creating the file if needed.
    static func open(path: String?, logger: Logger) throws -> DirectSQLiteConnection {
        _ = libraryInitialized
        var handle: OpaquePointer?
        let flags = SQLITE_OPEN_CREATE | SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX | SQLITE_OPEN_URI | SQLITE_OPEN_EXRESCODE
        let code = sqlite_nio_sqlite3_open_v2(path ?? ":memory:", &handle, flags, nil)
        guard code == SQLITE_OK, let handle else {
            let message = handle.map { String(cString: sqlite_nio_sqlite3_errmsg($0)) } ?? "cannot open"
            if let handle { sqlite_nio_sqlite3_close_v2(handle) }
            throw SQLiteFailure(code: code, message: message)
        }
        // A short wait in SQLite itself for a lock held a moment; longer waits retry without holding a thread.
        sqlite_nio_sqlite3_busy_timeout(handle, 10)
        return DirectSQLiteConnection(handle: handle, logger: logger)
    }

    /// Runs one statement to completion and returns its rows.
    func run(_ sql: String, _ binds: [SQLiteData]) async throws -> DirectSQLiteResult {
        let clock = ContinuousClock()
        let deadline = clock.now + Self.busyDeadline
        var pause: Duration = .milliseconds(2)
        while true {
            do {
                return try runOnce(sql, binds)
            } catch let failure as SQLiteFailure where failure.isRetryableBusy && clock.now < deadline {
                try await Task.sleep(for: pause)
                pause = min(pause * 2, .milliseconds(50))
            }
        }
    }

    private func runOnce(_ sql: String, _ binds: [SQLiteData]) throws -> DirectSQLiteResult {
        try state.withLock { state in
            guard let db = state.handle else { throw SQLiteFailure(code: SQLITE_MISUSE, message: "connection closed") }
            let statement = try Self.statement(for: sql, in: &state, db: db)
            defer {
                sqlite_nio_sqlite3_reset(statement)
                sqlite_nio_sqlite3_clear_bindings(statement)
            }
            try Self.bind(binds, to: statement, db: db)
            let count = sqlite_nio_sqlite3_column_count(statement)
            var names: [String] = []
            names.reserveCapacity(Int(count))
            for index in 0..<count {
                names.append(sqlite_nio_sqlite3_column_name(statement, index).map { String(cString: $0) } ?? "")
            }
            var rows: [[SQLiteData]] = []
            while true {
                let step = sqlite_nio_sqlite3_step(statement)
                if step == SQLITE_DONE { break }
                guard step == SQLITE_ROW else { throw SQLiteFailure(code: step, db: db) }
                var row: [SQLiteData] = []
                row.reserveCapacity(Int(count))
                for index in 0..<count { row.append(Self.value(statement, index)) }
                rows.append(row)
            }
            return DirectSQLiteResult(columns: DirectSQLiteColumns(names), rows: rows)
        }
    }

    /// The prepared statement for `sql`, from the cache or newly prepared (and kept).
    private static func statement(for sql: String, in state: inout State, db: OpaquePointer) throws -> OpaquePointer {
        if let cached = state.statements[sql] { return cached }
        var statement: OpaquePointer?
        let code = sqlite_nio_sqlite3_prepare_v3(db, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
        guard code == SQLITE_OK, let statement else {
            if let statement { sqlite_nio_sqlite3_finalize(statement) }
            throw SQLiteFailure(code: code, db: db)
        }
        if state.statements.count >= statementCacheLimit {
            for (_, old) in state.statements { sqlite_nio_sqlite3_finalize(old) }
            state.statements.removeAll(keepingCapacity: true)
        }
        state.statements[sql] = statement
        return statement
    }

    private static func bind(_ binds: [SQLiteData], to statement: OpaquePointer, db: OpaquePointer) throws {
        let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
        for (offset, bind) in binds.enumerated() {
            let index = Int32(offset + 1)
            let code: Int32
            switch bind {
            case .integer(let value): code = sqlite_nio_sqlite3_bind_int64(statement, index, Int64(value))
            case .float(let value): code = sqlite_nio_sqlite3_bind_double(statement, index, value)
            case .text(let value):
                code = sqlite_nio_sqlite3_bind_text64(statement, index, value, UInt64(value.utf8.count), transient, UInt8(SQLITE_UTF8))
            case .blob(let buffer):
                code = buffer.withUnsafeReadableBytes {
                    sqlite_nio_sqlite3_bind_blob64(statement, index, $0.baseAddress, UInt64($0.count), transient)
                }
            case .null: code = sqlite_nio_sqlite3_bind_null(statement, index)
            }
            guard code == SQLITE_OK else { throw SQLiteFailure(code: code, db: db) }
        }
    }

    private static func value(_ statement: OpaquePointer, _ index: Int32) -> SQLiteData {
        switch sqlite_nio_sqlite3_column_type(statement, index) {
        case SQLITE_INTEGER: return .integer(Int(sqlite_nio_sqlite3_column_int64(statement, index)))
        case SQLITE_FLOAT: return .float(sqlite_nio_sqlite3_column_double(statement, index))
        case SQLITE_TEXT:
            let count = Int(sqlite_nio_sqlite3_column_bytes(statement, index))
            guard let text = sqlite_nio_sqlite3_column_text(statement, index) else { return .text("") }
            return .text(String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self))
        case SQLITE_BLOB:
            let count = Int(sqlite_nio_sqlite3_column_bytes(statement, index))
            var buffer = ByteBufferAllocator().buffer(capacity: count)
            if let bytes = sqlite_nio_sqlite3_column_blob(statement, index) {
                buffer.writeBytes(UnsafeRawBufferPointer(start: bytes, count: count))
            }
            return .blob(buffer)
        default: return .null
        }
    }

    /// Finalizes the prepared statements and closes the handle; later statements fail.
    func close() {
        state.withLock { state in
            for (_, statement) in state.statements { sqlite_nio_sqlite3_finalize(statement) }
            state.statements.removeAll()
            if let handle = state.handle { sqlite_nio_sqlite3_close_v2(handle) }
            state.handle = nil
        }
    }
}

/// A SQLite error from `DirectSQLiteConnection`, with SQLite's extended result code.
public struct SQLiteFailure: Error, CustomStringConvertible, Sendable {
    /// The extended result code (the primary code is its low byte).
    public let code: Int32
    public let message: String

    init(code: Int32, message: String) {
        self.code = code
        self.message = message
    }

    init(code: Int32, db: OpaquePointer) {
        self.init(code: code, message: String(cString: sqlite_nio_sqlite3_errmsg(db)))
    }

    public var primaryCode: Int32 { code & 0xff }

    /// Another connection holds a lock a retry can outwait (not a stale snapshot, which needs a new transaction).
    var isRetryableBusy: Bool {
        (primaryCode == SQLITE_BUSY && code != 517 /* SQLITE_BUSY_SNAPSHOT */) || primaryCode == SQLITE_LOCKED
    }

    public var description: String { "SQLite error \(code): \(message)" }
}

/// Column names of a result, shared by its rows.
final class DirectSQLiteColumns: Sendable {
    let names: [String]
    let index: [String: Int]

    init(_ names: [String]) {
        self.names = names
        var index: [String: Int] = [:]
        for (offset, name) in names.enumerated() where index[name] == nil { index[name] = offset }
        self.index = index
    }
}

struct DirectSQLiteResult: Sendable {
    var columns: DirectSQLiteColumns
    var rows: [[SQLiteData]]
}

/// One row as SQLKit reads it, decoded the way SQLiteKit decodes (`SQLiteDataDecoder`).
struct DirectSQLiteRow: SQLRow {
    let columns: DirectSQLiteColumns
    let values: [SQLiteData]
    let decoder: SQLiteDataDecoder

    var allColumns: [String] { columns.names }

    func contains(column: String) -> Bool { columns.index[column] != nil }

    func decodeNil(column: String) throws -> Bool {
        guard let offset = columns.index[column] else { return true }
        return values[offset] == .null
    }

    func decode<D: Decodable>(column: String, as type: D.Type) throws -> D {
        guard let offset = columns.index[column] else {
            throw DecodingError.keyNotFound(SQLiteColumnKey(column), .init(codingPath: [], debugDescription: "Không có cột \(column)."))
        }
        return try decoder.decode(D.self, from: values[offset])
    }
}

private struct SQLiteColumnKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ name: String) { stringValue = name }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

/// SQLKit over `DirectSQLiteConnection`, with SQLiteKit's dialect and data encoding.
struct DirectSQLiteDatabase: SQLDatabase {
    let connection: DirectSQLiteConnection
    let encoder = SQLiteDataEncoder()
    let decoder = SQLiteDataDecoder()

    var logger: Logger { connection.logger }
    var eventLoop: any EventLoop { connection.eventLoop }
    var version: (any SQLDatabaseReportedVersion)? { SQLiteDirectVersion.runtime }
    var dialect: any SQLDialect { SQLiteDialect() }
    var queryLogLevel: Logger.Level? { .debug }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) -> EventLoopFuture<Void> {
        let promise = eventLoop.makePromise(of: Void.self)
        promise.completeWithTask { try await self.execute(sql: query, onRow) }
        return promise.futureResult
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) async throws {
        let (sql, rawBinds) = serialize(query)
        if logger.logLevel <= .debug {
            logger.debug("Executing query", metadata: ["sql": .string(sql), "binds": .array(rawBinds.map { .string("\($0)") })])
        }
        let binds = try rawBinds.map { try encoder.encode($0) }
        let result = try await connection.run(sql, binds)
        for values in result.rows {
            onRow(DirectSQLiteRow(columns: result.columns, values: values, decoder: decoder))
        }
        // A statement here never suspends; outside a transaction, give other tasks their turn, or a task that
        // loops over statements would keep a thread of the (small) concurrency pool to itself.
        if !Database.insideSQLiteTransaction { await Task.yield() }
    }
}

/// The linked SQLite library's version, for SQLKit's feature checks.
struct SQLiteDirectVersion: SQLDatabaseReportedVersion {
    let intValue: Int
    let stringValue: String

    static let runtime = SQLiteDirectVersion(
        intValue: Int(sqlite_nio_sqlite3_libversion_number()),
        stringValue: String(cString: sqlite_nio_sqlite3_libversion()))

    func isEqual(to otherVersion: any SQLDatabaseReportedVersion) -> Bool {
        (otherVersion as? Self)?.intValue == intValue
    }

    func isOlder(than otherVersion: any SQLDatabaseReportedVersion) -> Bool {
        (otherVersion as? Self).map { intValue < $0.intValue } ?? false
    }
}
