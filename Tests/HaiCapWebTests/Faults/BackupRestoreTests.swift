import Foundation
import HaiCapStore
import SQLKit
import Testing

/// `SQLiteBackup` (behind `haicap backup` / `haicap restore`) and the two commands run as a person would.
@Suite("Backup and restore of the SQLite data file", .serialized)
struct BackupRestoreTests {
    static func withFolder(_ body: (URL) async throws -> Void) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("haicap-backup-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try await body(folder)
    }

    static func open(_ path: String) async throws -> Database {
        try await Database.open(.sqliteFile(path), logger: TestDatabase.logger)
    }

    @Test("a backup taken while another connection writes is one instant: sound, and both tables of each transaction agree")
    func backupDuringWritesIsConsistent() async throws {
        try await Self.withFolder { folder in
            let path = folder.appendingPathComponent("haicap.sqlite").path
            let server = try await Self.open(path)
            try await Migrator(database: server).migrate()
            try await server.sql.raw("CREATE TABLE fx_orders (id INTEGER PRIMARY KEY, note TEXT NOT NULL)").run()
            try await server.sql.raw("CREATE TABLE fx_lines (order_id INTEGER NOT NULL, amount INTEGER NOT NULL)").run()
            // The writer commits an order and its three lines in one transaction, as fast as it can.
            let writer = Task {
                var n = 0
                while !Task.isCancelled {
                    n += 1
                    let id = n
                    try await server.transaction { db in
                        try await db.insert(into: "fx_orders").columns("id", "note").values(SQLBind(id), SQLBind(String(repeating: "x", count: 200))).run()
                        for amount in 1...3 {
                            try await db.insert(into: "fx_lines").columns("order_id", "amount").values(SQLBind(id), SQLBind(amount)).run()
                        }
                    }
                }
                return n
            }
            // Wait for the writer's commits rather than for a fixed time: a loaded CI machine may start it late.
            func committed() async throws -> Int {
                try await server.sql.raw("SELECT COUNT(*) AS n FROM fx_orders").first()?.decode(column: "n", as: Int.self) ?? 0
            }
            func waitForMore(than count: Int) async throws {
                let deadline = ContinuousClock.now + .seconds(60)
                while try await committed() <= count + 2, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
            }
            try await waitForMore(than: 0)
            var copies: [SQLiteBackup.Summary] = []
            for i in 1...3 {
                let cli = try await Self.open(path)
                copies.append(try await SQLiteBackup.backup(cli, to: folder.appendingPathComponent("copy-\(i).sqlite").path, logger: TestDatabase.logger))
                try await cli.close()
                try await waitForMore(than: copies.last?.counts["fx_orders"] ?? 0)
            }
            writer.cancel()
            let written = (try? await writer.value) ?? Int.max
            try await server.close()
            for copy in copies {
                let orders = copy.counts["fx_orders"] ?? -1
                #expect(orders > 0)
                #expect(orders <= written)
                #expect(copy.counts["fx_lines"] == orders * 3, "a backup caught a transaction half-way")
                #expect(copy.schemaVersion == Migrator.all.map(\.version).max())
            }
            #expect(Set(copies.map { $0.counts["fx_orders"] ?? 0 }).count == copies.count, "the writer did not run during the backups")
        }
    }

    @Test("restore checks the file, keeps the previous database with its WAL, and refuses damaged, foreign or newer files")
    func restoreChecksAndKeeps() async throws {
        try await Self.withFolder { folder in
            let data = folder.appendingPathComponent("data")
            let target = data.appendingPathComponent("haicap.sqlite").path
            let live = try await Self.open(target)
            try await Migrator(database: live).migrate()
            try await live.sql.raw("CREATE TABLE fx_marker (v TEXT)").run()
            try await live.sql.insert(into: "fx_marker").columns("v").values(SQLBind("backup")).run()
            let backup = folder.appendingPathComponent("good.sqlite").path
            _ = try await SQLiteBackup.backup(live, to: backup, logger: TestDatabase.logger)
            try await live.sql.insert(into: "fx_marker").columns("v").values(SQLBind("after backup")).run()
            try await live.close()

            let garbage = folder.appendingPathComponent("garbage.sqlite").path
            try Data((0..<65_536).map { UInt8(truncatingIfNeeded: $0 &* 31) }).write(to: URL(fileURLWithPath: garbage))
            let truncated = folder.appendingPathComponent("truncated.sqlite").path
            let bytes = try Data(contentsOf: URL(fileURLWithPath: backup))
            try bytes.prefix(bytes.count / 2).write(to: URL(fileURLWithPath: truncated))
            let foreign = folder.appendingPathComponent("foreign.sqlite").path
            let other = try await Self.open(foreign)
            try await other.sql.raw("CREATE TABLE t (x INTEGER)").run()
            try await other.close()
            let newer = folder.appendingPathComponent("newer.sqlite").path
            try FileManager.default.copyItem(atPath: backup, toPath: newer)
            let future = try await Self.open(newer)
            try await future.sql.insert(into: "schema_migrations").columns("version", "name", "applied_at").values(SQLBind(999), SQLBind("future"), SQLBind(0)).run()
            try await future.close()

            for (file, expected) in [(garbage, "damaged"), (truncated, "damaged"), (foreign, "notHaiCap"), (newer, "newerSchema")] {
                do {
                    _ = try await SQLiteBackup.restore(from: file, into: target, logger: TestDatabase.logger)
                    Issue.record("restored \(file)")
                } catch let fault as StorageFault {
                    #expect(String(describing: fault).isEmpty == false)
                    #expect("\(Mirror(reflecting: fault).children.first?.label ?? "")" == expected, "\(file): \(fault)")
                }
            }
            #expect(try FileManager.default.contentsOfDirectory(atPath: data.path).filter { $0.contains("before-restore") || $0.contains("restoring") } == [])

            let restored = try await SQLiteBackup.restore(from: backup, into: target, logger: TestDatabase.logger)
            let kept = try #require(restored.previousKeptAs)
            #expect(restored.summary.counts["fx_marker"] == 1)
            let previous = try await Self.open(kept)
            #expect(try await previous.sql.select().column("v").from("fx_marker").all().count == 2)
            try await previous.close()
            let now = try await Self.open(target)
            #expect(try await now.sql.select().column("v").from("fx_marker").all().map { try $0.decode(column: "v", as: String.self) } == ["backup"])
            try await now.close()
        }
    }

    @Test("the commands: backup will not overwrite without --force, restore needs --yes and refuses while serve runs")
    func commands() async throws {
        try await Self.withFolder { folder in
            let port = try await HaicapProcess.freePort()
            let environment = HaicapProcess.environment(folder: folder.appendingPathComponent("data"), port: port)
            let copy = folder.appendingPathComponent("copy.sqlite").path
            let server = try HaicapProcess.start(["serve"], environment: environment, folder: folder, log: "server")
            defer { if server.isRunning { kill(server.processIdentifier, SIGKILL) } }
            try #require(await HaicapProcess.waitUntilHealthy(port: port, process: server), "\(HaicapProcess.log(folder, "server"))")

            let backup = try await HaicapProcess.run(["backup", copy], environment: environment, folder: folder)
            #expect(backup.status == 0, "\(backup.output)")
            #expect(backup.output.contains("Kiểm tra toàn vẹn (PRAGMA integrity_check): ổn."))
            #expect(backup.output.contains("units 3321"))
            let again = try await HaicapProcess.run(["backup", copy], environment: environment, folder: folder)
            #expect(again.status != 0)
            #expect(again.output.contains("--force"))
            #expect(try await HaicapProcess.run(["backup", copy, "--force"], environment: environment, folder: folder).status == 0)

            let unconfirmed = try await HaicapProcess.run(["restore", copy], environment: environment, folder: folder)
            #expect(unconfirmed.status != 0)
            #expect(unconfirmed.output.contains("--yes"))
            let running = try await HaicapProcess.run(["restore", copy, "--yes"], environment: environment, folder: folder)
            #expect(running.status != 0)
            #expect(running.output.contains("đang dùng thư mục dữ liệu"), "\(running.output)")

            kill(server.processIdentifier, SIGKILL)
            await HaicapProcess.waitForExit(server)
            let restored = try await HaicapProcess.run(["restore", copy, "--yes"], environment: environment, folder: folder)
            #expect(restored.status == 0, "\(restored.output)")
            #expect(restored.output.contains("Dữ liệu trước khi khôi phục được giữ ở"))

            let postgres = environment.merging(["DATABASE_URL": "postgres://nobody@127.0.0.1:1/none"]) { $1 }
            let explained = try await HaicapProcess.run(["backup", copy + ".pg"], environment: postgres, folder: folder)
            #expect(explained.status != 0)
            #expect(explained.output.contains("pg_dump -Fc"))
        }
    }
}
