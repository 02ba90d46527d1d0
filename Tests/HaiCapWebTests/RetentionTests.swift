import Foundation
import HaiCapStore
@testable import HaiCapWeb
import SQLKit
import Testing

/// Retention periods (`HAICAP_RETAIN_*`): what `Retention` deletes, what it must keep, and `haicap prune`.
@Suite("Retention of questions, conversations, notifications and the audit log")
struct RetentionTests {
    static let day: Int64 = 86_400
    static var now: Int64 { Int64(fixedNow.timeIntervalSince1970) }

    /// Two rows of every kind, one 400 days old and one a day old, plus the rows that must outlive any period.
    static func fill(_ sql: any SQLDatabase) async throws {
        for (age, tag) in [(400 * day, "old"), (day, "new")] {
            let at = now - age
            try await sql.raw("""
                INSERT INTO assistant_questions (at, conversation, question, intent, kind) VALUES (\(bind: at), \(bind: tag), 'Làm giấy khai sinh cần gì?', 'procedure', 'answer')
                """).run()
            try await sql.raw("""
                INSERT INTO authority_questions (at, asked_by, question, as_of, kind) VALUES (\(bind: at), 'xa.a', 'Ai cấp phép xây dựng?', '2026-11-27', 'answer')
                """).run()
            try await sql.raw("""
                INSERT INTO assistant_conversations (id, updated_at) VALUES (\(bind: "conv-" + tag), \(bind: at))
                """).run()
            try await sql.raw("""
                INSERT INTO notifications (event_id, username, event, title, body, created_at) VALUES (\(bind: "ev-" + tag), 'xa.a', 'assignment.created', 'T', 'B', \(bind: at))
                """).run()
            try await sql.raw("""
                INSERT INTO audit_log (at, actor, action, entity, entity_id) VALUES (\(bind: at), 'tinh.a', 'directive.create', 'directive', '1')
                """).run()
            // An event fully delivered (sent + dead letter), and one with a delivery still pending.
            for (event, status) in [("ev-\(tag)", "sent"), ("ev-\(tag)", "dead"), ("ev-\(tag)-pending", "pending")] {
                try await sql.raw("""
                    INSERT INTO notification_deliveries (delivery_id, event_id, channel, target, address, status, attempts, next_attempt_at, created_at)
                    VALUES (\(bind: UUID().uuidString), \(bind: event), \(bind: status == "dead" ? "email" : "webhook"), '1', 'x', \(bind: status), 1, 0, \(bind: at))
                    """).run()
            }
            for event in ["ev-\(tag)", "ev-\(tag)-pending"] {
                try await sql.raw("""
                    INSERT INTO outbox (event_id, event, occurred_at, data_json, audience_json, title, body, fanned_out)
                    VALUES (\(bind: event), 'assignment.created', \(bind: at), '{}', '{}', 'T', 'B', \(bind: true))
                    """).run()
            }
        }
    }

    static func count(_ sql: any SQLDatabase, _ table: String) async throws -> Int {
        try await sql.raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: table)").first()?.decode(column: "n", as: Int.self) ?? -1
    }

    @Test("rows beyond their period go, in batches; recent rows, pending deliveries and their events stay; the audit log is kept unless a period is set", arguments: TestBackend.enabled)
    func prunes(backend: TestBackend) async throws {
        try await TestDatabase.withFresh(backend) { database in
            try await Migrator(database: database).migrate(now: fixedNow)
            try await Self.fill(database.sql)
            let retention = Retention(database: database, batchSize: 1)
            let policy = RetentionPolicy()

            let plan = try await retention.plan(policy, now: fixedNow)
            let planned = Dictionary(plan.map { ($0.table, $0.rows) }, uniquingKeysWith: +)
            #expect(planned == [
                "assistant_questions": 1, "authority_questions": 1, "assistant_conversations": 1, "notifications": 1,
                "notification_deliveries": 2, "outbox": 0, "audit_log": 0,
            ])
            #expect(plan.first { $0.table == "audit_log" }?.days == 0, "the audit log is kept for good by default")

            let pruned = try await retention.pruneAndRecord(policy, now: fixedNow, actor: "system")
            // The outbox event becomes prunable once its finished deliveries are gone (same run).
            #expect(Dictionary(pruned.map { ($0.table, $0.rows) }, uniquingKeysWith: +) == [
                "assistant_questions": 1, "authority_questions": 1, "assistant_conversations": 1, "notifications": 1,
                "notification_deliveries": 2, "outbox": 1, "audit_log": 0,
            ])
            let sql = database.sql
            #expect(try await Self.count(sql, "assistant_questions") == 1)
            #expect(try await sql.raw("SELECT conversation FROM assistant_questions").first()?.decode(column: "conversation", as: String.self) == "new")
            #expect(try await sql.raw("SELECT id FROM assistant_conversations").first()?.decode(column: "id", as: String.self) == "conv-new")
            #expect(try await Self.count(sql, "authority_questions") == 1)
            #expect(try await Self.count(sql, "notifications") == 1)
            // The old pending delivery and its event stay: nothing is lost before it is delivered.
            let deliveries = try await sql.raw("SELECT event_id, status FROM notification_deliveries ORDER BY event_id, status").all()
                .map { "\(try $0.decode(column: "event_id", as: String.self)) \(try $0.decode(column: "status", as: String.self))" }
            #expect(deliveries == ["ev-new dead", "ev-new sent", "ev-new-pending pending", "ev-old-pending pending"])
            let events = try await sql.raw("SELECT event_id FROM outbox ORDER BY event_id").all().map { try $0.decode(column: "event_id", as: String.self) }
            #expect(events == ["ev-new", "ev-new-pending", "ev-old-pending"])
            // Two audit entries from the fill, and the run itself.
            let audit = try await sql.raw("SELECT actor, after_json FROM audit_log WHERE action = 'retention.prune'").all()
            #expect(audit.count == 1)
            #expect(try audit.first?.decode(column: "actor", as: String.self) == "system")
            #expect(try audit.first?.decode(column: "after_json", as: String.self).contains("\"assistant_questions\":1") == true)
            #expect(try await Self.count(sql, "audit_log") == 3)

            // A second run finds nothing and writes no audit entry; an audit period then prunes the old entry.
            #expect(try await retention.pruneAndRecord(policy, now: fixedNow, actor: "system").allSatisfy { $0.rows == 0 })
            #expect(try await Self.count(sql, "audit_log") == 3)
            var strict = policy
            strict.auditDays = 365
            let audited = try await retention.prune(strict, now: fixedNow)
            #expect(audited.first { $0.table == "audit_log" }?.rows == 1)
            #expect(try await Self.count(sql, "audit_log") == 2)
        }
    }

    @Test("the HAICAP_RETAIN_* keys: defaults, values, 0 keeps for good, a bad value names its key")
    func configuration() throws {
        let defaults = try AppConfig.parse { _ in nil }
        #expect(defaults.retention == RetentionPolicy())
        #expect(defaults.retention.questionDays == 365 && defaults.retention.conversationDays == 30 && defaults.retention.auditDays == 0)
        let set = try AppConfig.parse { ["HAICAP_RETAIN_QUESTIONS_DAYS": "90", "HAICAP_RETAIN_AUDIT_DAYS": "1825", "HAICAP_RETAIN_CONVERSATIONS_DAYS": "0"][$0] }
        #expect(set.retention.questionDays == 90 && set.retention.auditDays == 1825 && set.retention.conversationDays == 0)
        #expect(throws: ConfigError.self) { try AppConfig.parse { ["HAICAP_RETAIN_NOTIFICATIONS_DAYS": "mãi"][$0] } }
        do {
            _ = try AppConfig.parse { ["HAICAP_RETAIN_NOTIFICATIONS_DAYS": "-5"][$0] }
            Issue.record("a negative period was accepted")
        } catch let error as ConfigError {
            #expect(error.description.contains("HAICAP_RETAIN_NOTIFICATIONS_DAYS=-5"))
        }
        #expect(AppConfig.keys.contains { $0.key == "HAICAP_RETAIN_AUDIT_DAYS" && $0.defaultValue == "0" })
    }

    /// Adds a citizen's question asked at `at` to the SQLite file in `data`.
    static func addQuestion(at: Int64, data: URL) async throws {
        let database = try await BackupRestoreTests.open(data.appendingPathComponent("haicap.sqlite").path)
        do {
            try await database.sql.raw("""
                INSERT INTO assistant_questions (at, conversation, question, intent, kind) VALUES (\(bind: at), 'c', 'Hỏi', 'procedure', 'answer')
                """).run()
            try await database.close()
        } catch {
            try? await database.close()
            throw error
        }
    }

    @Test("haicap prune lists what is due and deletes only with --yes; serve prunes on its own")
    func command() async throws {
        try await BackupRestoreTests.withFolder { folder in
            let data = folder.appendingPathComponent("data")
            let environment = HaicapProcess.environment(folder: data)
            // The first run makes the data folder; rows are then added as if the server had run for a long time.
            let empty = try await HaicapProcess.run(["prune"], environment: environment, folder: folder)
            #expect(empty.status == 0, "\(empty.output)")
            #expect(empty.output.contains("Không có dữ liệu nào quá thời hạn lưu giữ."))
            try await Self.addQuestion(at: Int64(Date().timeIntervalSince1970) - 400 * Self.day, data: data)

            let listed = try await HaicapProcess.run(["prune"], environment: environment, folder: folder)
            #expect(listed.status == 0, "\(listed.output)")
            #expect(listed.output.contains("Câu hỏi của người dân (trợ lý thủ tục) (giữ 365 ngày): 1 dòng"), "\(listed.output)")
            #expect(listed.output.contains("--yes"))
            let kept = try await HaicapProcess.run(["prune", "--questions-days", "500"], environment: environment, folder: folder)
            #expect(kept.output.contains("Không có dữ liệu nào quá thời hạn lưu giữ."), "\(kept.output)")

            let deleted = try await HaicapProcess.run(["prune", "--yes"], environment: environment, folder: folder)
            #expect(deleted.status == 0, "\(deleted.output)")
            #expect(deleted.output.contains("Đã xóa:"))
            let after = try await HaicapProcess.run(["prune"], environment: environment, folder: folder)
            #expect(after.output.contains("Không có dữ liệu nào quá thời hạn lưu giữ."), "\(after.output)")

            let bad = try await HaicapProcess.run(["prune", "--audit-days", "99999"], environment: environment, folder: folder)
            #expect(bad.status != 0)
            #expect(bad.output.contains("--audit-days cần một số nguyên từ 0 đến 36500."))

            // `serve` runs the same job on start (then every 6 h), with the periods of its configuration.
            try await Self.addQuestion(at: Int64(Date().timeIntervalSince1970) - 100 * Self.day, data: data)
            let port = try await HaicapProcess.freePort()
            let serving = HaicapProcess.environment(folder: data, port: port, ["HAICAP_RETAIN_QUESTIONS_DAYS": "90"])
            let server = try HaicapProcess.start(["serve"], environment: serving, folder: folder, log: "server")
            defer { if server.isRunning { kill(server.processIdentifier, SIGKILL) } }
            try #require(await HaicapProcess.waitUntilHealthy(port: port, process: server), "\(HaicapProcess.log(folder, "server"))")
            var pruned = false
            for _ in 0..<100 where !pruned {
                let listed = try await HaicapProcess.run(["prune", "--questions-days", "90"], environment: environment, folder: folder)
                pruned = listed.output.contains("Không có dữ liệu nào quá thời hạn lưu giữ.")
                if !pruned { try await Task.sleep(for: .milliseconds(200)) }
            }
            #expect(pruned, "the job in serve did not prune a 100-day-old question with a 90-day period")
            kill(server.processIdentifier, SIGTERM)
            await HaicapProcess.waitForExit(server)
        }
    }
}
