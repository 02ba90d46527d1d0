import Foundation
import HaiCapStore
import SQLKit
import Synchronization
import Testing

@Suite("Database transactions")
struct DatabaseTransactionTests {
    struct Failure: Error {}

    @Test("a statement from another request never lands inside a transaction that rolls back", arguments: TestBackend.enabled)
    func isolation(backend: TestBackend) async throws {
        try await TestDatabase.withFresh(backend) { database in
            try await database.sql.raw("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL)").run()
            let (opened, openedSink) = AsyncStream.makeStream(of: Void.self)
            async let rolledBack: Void = {
                do {
                    try await database.transaction { db in
                        try await db.raw("INSERT INTO notes (id, text) VALUES (1, 'rolled back')").run()
                        openedSink.yield()
                        try await Task.sleep(for: .milliseconds(300))
                        throw Failure()
                    }
                } catch is Failure {}
            }()
            var iterator = opened.makeAsyncIterator()
            _ = await iterator.next()
            // Another request writes while the transaction is open; it is acknowledged once this returns.
            try await database.sql.raw("INSERT INTO notes (id, text) VALUES (2, 'acknowledged')").run()
            try await rolledBack
            let texts = try await database.sql.raw("SELECT text FROM notes ORDER BY id").all().map { try $0.decode(column: "text", as: String.self) }
            #expect(texts == ["acknowledged"])
        }
    }

    @Test("on a SQLite file, reads outside a transaction run while one is open and never see its uncommitted rows")
    func sqliteFileReadersDuringTransaction() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("haicap-readers-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = try await Database.open(.sqliteFile(folder.appendingPathComponent("t.sqlite").path), logger: TestDatabase.logger)
        do {
            try await database.sql.raw("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL)").run()
            try await database.sql.raw("INSERT INTO notes (id, text) VALUES (1, 'before')").run()
            let (opened, openedSink) = AsyncStream.makeStream(of: Void.self)
            let committed = Atomic<Bool>(false)
            async let writer: Void = database.transaction { db in
                try await db.raw("INSERT INTO notes (id, text) VALUES (2, 'inside')").run()
                openedSink.yield()
                try await Task.sleep(for: .milliseconds(400))
                committed.store(true, ordering: .sequentiallyConsistent)
            }
            var iterator = opened.makeAsyncIterator()
            _ = await iterator.next()
            // A read (query builder and raw SQL) answers before the transaction ends, from the last commit.
            let built = try await database.sql.select().column("text").from("notes").orderBy("id").all().map { try $0.decode(column: "text", as: String.self) }
            let raw = try await database.sql.raw("SELECT count(*) AS n FROM notes").first()?.decode(column: "n", as: Int.self)
            #expect(committed.load(ordering: .sequentiallyConsistent) == false, "the read waited for the transaction")
            #expect(built == ["before"])
            #expect(raw == 1)
            try await writer
            let after = try await database.sql.raw("SELECT text FROM notes ORDER BY id").all().map { try $0.decode(column: "text", as: String.self) }
            #expect(after == ["before", "inside"])
            // Plain writes outside a transaction still land, and are read back at once.
            try await database.sql.insert(into: "notes").columns("id", "text").values(SQLLiteral.numeric("3"), SQLBind("plain")).run()
            #expect(try await database.sql.raw("SELECT count(*) AS n FROM notes").first()?.decode(column: "n", as: Int.self) == 3)
        } catch {
            try? await database.close()
            throw error
        }
        try await database.close()
    }

    @Test("on a SQLite file, a read after a commit sees it even while other reads keep the readers busy")
    func sqliteFileReadYourWritesUnderLoad() async throws {
        // SQLite keeps one read snapshot per connection while any statement on it is active: if reads overlapped
        // on a reader connection, a busy reader would keep serving a snapshot from before the last commit.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("haicap-ryw-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = try await Database.open(.sqliteFile(folder.appendingPathComponent("t.sqlite").path), logger: TestDatabase.logger)
        do {
            try await database.sql.raw("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL)").run()
            let stale = try await withThrowingTaskGroup(of: Int?.self) { group in
                for _ in 0..<12 {
                    group.addTask {
                        while !Task.isCancelled {
                            _ = try await database.sql.raw("SELECT count(*) AS n FROM notes").first()
                        }
                        return nil
                    }
                }
                group.addTask {
                    var stale = 0
                    for i in 1...300 {
                        try await database.transaction { db in
                            try await db.raw("INSERT INTO notes (id, text) VALUES (\(bind: i), 'x')").run()
                        }
                        let seen = try await database.sql.raw("SELECT count(*) AS n FROM notes WHERE id = \(bind: i)").first()?.decode(column: "n", as: Int.self)
                        if seen != 1 { stale += 1 }
                    }
                    return stale
                }
                // The writer's count is the only non-nil result; the readers stop once it is in.
                for try await result in group {
                    if let result { group.cancelAll(); return result }
                }
                return -1
            }
            #expect(stale == 0, "reads after a commit that did not see it")
        } catch {
            try? await database.close()
            throw error
        }
        try await database.close()
    }

    @Test("many concurrent transactions and plain statements all land, none fails", arguments: TestBackend.enabled)
    func concurrency(backend: TestBackend) async throws {
        try await TestDatabase.withFresh(backend) { database in
            try await database.sql.raw("CREATE TABLE counters (id INTEGER PRIMARY KEY, n INTEGER NOT NULL)").run()
            try await database.sql.raw("CREATE TABLE log (id INTEGER PRIMARY KEY, source TEXT NOT NULL)").run()
            try await database.sql.raw("INSERT INTO counters (id, n) VALUES (1, 0)").run()
            try await withThrowingTaskGroup(of: Void.self) { group in
                for i in 0..<40 {
                    group.addTask {
                        if i.isMultiple(of: 2) {
                            try await database.transaction { db in
                                try await db.raw("UPDATE counters SET n = n + 1 WHERE id = 1").run()
                                try await db.raw("INSERT INTO log (id, source) VALUES (\(bind: i), 'transaction')").run()
                            }
                        } else {
                            try await database.sql.raw("INSERT INTO log (id, source) VALUES (\(bind: i), 'plain')").run()
                        }
                    }
                }
                try await group.waitForAll()
            }
            let n = try await database.sql.raw("SELECT n FROM counters WHERE id = 1").first()?.decode(column: "n", as: Int.self)
            let logged = try await database.sql.raw("SELECT COUNT(*) AS c FROM log").first()?.decode(column: "c", as: Int.self)
            #expect(n == 20)
            #expect(logged == 40)
        }
    }
}
