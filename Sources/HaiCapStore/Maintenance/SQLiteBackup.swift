import Foundation
import Logging
import SQLKit

/// Online backup and restore of the SQLite data file.
///
/// The backup is `VACUUM INTO` on a connection of its own: one read transaction, so the copy is the database at
/// one instant even while `haicap serve` keeps writing (WAL lets readers and the writer proceed together).
public enum SQLiteBackup {
    /// What a backup or a restored file holds.
    public struct Summary: Sendable {
        public var path: String
        public var bytes: Int
        public var schemaVersion: Int
        public var counts: [String: Int]
    }

    /// Writes a consistent copy of `database` to `destination` (which must not exist) and checks the copy.
    public static func backup(_ database: Database, to destination: String, logger: Logger) async throws -> Summary {
        try await database.sql.raw("VACUUM INTO \(bind: destination)").run()
        return try await inspect(destination, logger: logger)
    }

    /// Opens `path` and checks that it is a sound HaiCap database this program can run; throws a `StorageFault` if not.
    public static func inspect(_ path: String, logger: Logger) async throws -> Summary {
        let database: Database
        do {
            database = try await Database.open(.sqliteFile(path), logger: logger)
        } catch {
            throw StorageFault.classify(error, path: path) ?? error
        }
        do {
            let problems = try await database.integrityProblems()
            guard problems.isEmpty else { throw StorageFault.damaged(path: path, detail: problems.prefix(3).joined(separator: "; ")) }
            let hasMigrations = try await database.sql.raw(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").first() != nil
            guard hasMigrations else { throw StorageFault.notHaiCap(path: path) }
            let row = try await database.sql.select().column(SQLFunction("MAX", args: SQLColumn("version")), as: "v")
                .from("schema_migrations").first()
            let version = try row.flatMap { try $0.decode(column: "v", as: Int?.self) } ?? 0
            let supported = Migrator.all.map(\.version).max() ?? 0
            guard version <= supported else { throw StorageFault.newerSchema(path: path, found: version, supported: supported) }
            let counts = Dictionary(uniqueKeysWithValues: try await database.tableCounts().map { ($0.table, $0.rows) })
            try await database.close()
            let bytes = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
            return Summary(path: path, bytes: bytes, schemaVersion: version, counts: counts)
        } catch {
            try? await database.close()
            throw StorageFault.classify(error, path: path) ?? error
        }
    }

    /// What `restore` did: the restored file's summary and where the previous database was kept.
    public struct Restored: Sendable {
        public var summary: Summary
        public var previousKeptAs: String?
    }

    /// Replaces the database at `target` with a checked copy of `source`; the previous file (and its WAL companions)
    /// is renamed to `<target>.before-restore-<timestamp>`, never deleted. The caller makes sure no server runs.
    public static func restore(from source: String, into target: String, now: Date = Date(), logger: Logger) async throws -> Restored {
        let staging = target + ".restoring"
        removeWithCompanions(staging)
        do {
            try FileManager.default.copyItem(atPath: source, toPath: staging)
        } catch {
            throw StorageFault.classify(error, path: staging) ?? error
        }
        let summary: Summary
        do {
            summary = try await inspect(staging, logger: logger)
        } catch {
            removeWithCompanions(staging)
            throw error
        }
        var kept: String?
        if FileManager.default.fileExists(atPath: target) {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "Asia/Ho_Chi_Minh")
            formatter.dateFormat = "yyyyMMdd-HHmmss"
            let name = target + ".before-restore-" + formatter.string(from: now)
            // The WAL may hold committed transactions not yet in the main file: it moves with it, under the name SQLite expects.
            for suffix in [""] + SQLiteFiles.companions where FileManager.default.fileExists(atPath: target + suffix) {
                try FileManager.default.moveItem(atPath: target + suffix, toPath: name + suffix)
            }
            kept = name
        }
        removeWithCompanions(staging, keepingMain: true)
        try FileManager.default.moveItem(atPath: staging, toPath: target)
        return Restored(summary: Summary(path: target, bytes: summary.bytes, schemaVersion: summary.schemaVersion, counts: summary.counts), previousKeptAs: kept)
    }

    private static func removeWithCompanions(_ path: String, keepingMain: Bool = false) {
        for suffix in (keepingMain ? [] : [""]) + SQLiteFiles.companions {
            try? FileManager.default.removeItem(atPath: path + suffix)
        }
    }
}
