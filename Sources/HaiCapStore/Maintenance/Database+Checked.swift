import Foundation
import Logging
import SQLKit

extension Database {
    /// Opens the database for `serve` or `migrate`: a SQLite file is first checked for a writable folder and
    /// then with `PRAGMA quick_check`, so a damaged or read-only file stops the start with a `StorageFault`
    /// instead of failing later inside a request. Nothing is written to a file that fails the check.
    public static func openChecked(_ location: DatabaseLocation, logger: Logger, sqliteSync: SQLiteSync = .normal) async throws -> Database {
        guard case .sqliteFile(let path) = location else { return try await open(location, logger: logger, sqliteSync: sqliteSync) }
        try SQLiteFiles.checkWritable(path: path)
        let database: Database
        do {
            database = try await open(location, logger: logger, sqliteSync: sqliteSync)
        } catch {
            throw StorageFault.classify(error, path: path) ?? error
        }
        do {
            let problems = try await database.integrityProblems(quick: true)
            if !problems.isEmpty {
                throw StorageFault.damaged(path: path, detail: problems.prefix(3).joined(separator: "; "))
            }
            return database
        } catch {
            try? await database.close()
            throw StorageFault.classify(error, path: path) ?? error
        }
    }

    /// What `PRAGMA integrity_check` (or the faster `quick_check`) finds wrong; empty when the file is sound. SQLite only.
    public func integrityProblems(quick: Bool = false) async throws -> [String] {
        let rows = try await sql.raw(quick ? "PRAGMA quick_check" : "PRAGMA integrity_check").all()
        let lines = rows.compactMap { row in row.allColumns.first.flatMap { try? row.decode(column: $0, as: String.self) } }
        return lines == ["ok"] ? [] : lines
    }

    /// The row count of each table, in name order, for comparing a copy with its source.
    public func tableCounts() async throws -> [(table: String, rows: Int)] {
        let names = try await sql.raw("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all()
            .map { try $0.decode(column: "name", as: String.self) }
        var counts: [(table: String, rows: Int)] = []
        for name in names {
            let row = try await sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from(name).first()
            counts.append((name, try row?.decode(column: "n", as: Int.self) ?? 0))
        }
        return counts
    }
}

/// File-level checks and names around the SQLite data file.
public enum SQLiteFiles {
    /// The companion files SQLite keeps next to a database in WAL mode.
    public static let companions = ["-wal", "-shm"]

    /// Throws `StorageFault.readOnly` when the folder of `path` (or the file itself) cannot be written.
    /// A probe file is created and removed: permission bits alone do not tell a read-only mount, and root ignores them.
    public static func checkWritable(path: String) throws {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw StorageFault.readOnly(path: folder.path)
        }
        let probe = folder.appendingPathComponent(".haicap-write-probe-\(getpid())").path
        let fd = Foundation.open(probe, O_CREAT | O_WRONLY | O_TRUNC, 0o600)
        guard fd >= 0 else { throw StorageFault.readOnly(path: folder.path) }
        close(fd)
        unlink(probe)
        if FileManager.default.fileExists(atPath: path) {
            let file = Foundation.open(path, O_WRONLY)
            guard file >= 0 else { throw StorageFault.readOnly(path: path) }
            close(file)
        }
    }
}
