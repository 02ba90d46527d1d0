import Foundation
import HaiCapStore
import SQLKit
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
