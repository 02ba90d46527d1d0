import Foundation
import HaiCapCore
import HaiCapStore
@testable import HaiCapWeb
import SQLKit
import Testing

/// Setup, per-round fixtures and the final check of `KillRestartTests`.
extension KillRestartTests {
    struct Official: Sendable {
        var code: String
        var token: String
    }

    /// Bootstraps the data folder as a first start would, with a province official, eight commune officials and a webhook.
    static func prepare(_ path: String, webhook: String) async throws -> (units: [Official], province: String) {
        let database = try await Database.open(.sqliteFile(path), logger: TestDatabase.logger)
        do {
            let config = TestApp.config()
            _ = try await Bootstrap(database: database, config: config).run()
            let accounts = Accounts(database: database, bcryptCost: 4)
            _ = try await accounts.create(username: "tinh.fx", displayName: nil, password: "password-123", role: .province, unitCode: nil, by: "test")
            let province = try await accounts.createToken(username: "tinh.fx", name: "fx", by: "test").token
            let codes = try await database.sql.select().column("code").from("units")
                .where("province_code", .equal, config.provinceCode).orderBy("code").limit(8).all()
                .map { try $0.decode(column: "code", as: String.self) }
            var units: [Official] = []
            for code in codes {
                _ = try await accounts.create(username: "xa.fx.\(code)", displayName: nil, password: "password-123", role: .commune, unitCode: code, by: "test")
                units.append(Official(code: code, token: try await accounts.createToken(username: "xa.fx.\(code)", name: "fx", by: "test").token))
            }
            _ = try await NotificationRepository(db: database.sql).createWebhook(
                url: webhook, secret: "kill-restart-secret-0123", events: ["*"], by: "test", now: Date())
            try await database.close()
            return (units, province)
        } catch {
            try? await database.close()
            throw error
        }
    }

    static func createRegime(_ base: String, province: String, units: [String]) async throws -> Int64 {
        let form = try await HTTP.send("POST", base + "/api/v1/report-forms", token: province, json: """
            {"name": "Một cửa (thử lỗi)", "indicators": [
              {"key": "received", "label": "Hồ sơ tiếp nhận", "type": "integer", "required": true, "min": 0},
              {"key": "resolved", "label": "Đã giải quyết", "type": "integer", "required": true, "min": 0},
              {"key": "on_time", "label": "Đúng hạn", "type": "integer", "required": true, "min": 0}]}
            """)
        let formID = try #require((form.body as? [String: Any])?["id"] as? Int, "form: \(form)")
        let unitList = units.map { "\"\($0)\"" }.joined(separator: ", ")
        let regime = try await HTTP.send("POST", base + "/api/v1/regimes", token: province,
            json: #"{"name": "Thử lỗi hằng tháng", "form": \#(formID), "frequency": "monthly", "deadlineWorkingDays": 2, "units": [\#(unitList)]}"#)
        return Int64(try #require((regime.body as? [String: Any])?["id"] as? Int, "regime: \(regime)"))
    }

    /// A fresh period for the round, so every round's reports start empty.
    static func startRound(_ round: Int, base: String, province: String, regime: Int64, units: [Official]) async throws -> WriteDriver {
        let year = 2030 + round / 12
        let month = round % 12 + 1
        let day = String(format: "%04d-%02d", year, month)
        let period = try await HTTP.send("POST", base + "/api/v1/regimes/\(regime)/periods", token: province,
            json: #"{"label": "Kỳ thử \#(round)", "from": "\#(day)-01", "to": "\#(day)-14", "deadline": "\#(day)-25"}"#)
        let id = try #require((period.body as? [String: Any])?["id"] as? Int, "period: \(period)")
        return WriteDriver(base: base, period: Int64(id), round: round)
    }

    /// One directive per round with an acknowledged assignment for each unit.
    static func assignments(_ round: Int, base: String, province: String, units: [Official]) async throws -> [WriteDriver.Unit] {
        let directive = try await HTTP.send("POST", base + "/api/v1/directives", token: province,
            json: #"{"number": "\#(round)/UBND-TL", "date": "2026-11-20", "issuer": "UBND tỉnh", "signer": "Chủ tịch", "summary": "Thử lỗi vòng \#(round)", "text": "Giao các xã báo cáo tiến độ."}"#)
        let directiveID = try #require((directive.body as? [String: Any])?["id"] as? Int, "directive: \(directive)")
        let unitList = units.map { "\"\($0.code)\"" }.joined(separator: ", ")
        let given = try await HTTP.send("POST", base + "/api/v1/directives/\(directiveID)/assignments", token: province,
            json: #"{"content": "Báo cáo tiến độ vòng \#(round)", "expectedResult": "Báo cáo", "units": [\#(unitList)], "coordinating": [], "deadline": "2030-12-16", "workingDays": null, "priority": "normal"}"#)
        let items = try #require((given.body as? [String: Any])?["items"] as? [[String: Any]], "assignments: \(given)")
        var result: [WriteDriver.Unit] = []
        for unit in units {
            let id = try #require(items.first { $0["unit"] as? String == unit.code }?["id"] as? Int)
            let ack = try await HTTP.send("POST", base + "/api/v1/assignments/\(id)/acknowledge", token: unit.token)
            try #require(ack.status == 200, "acknowledge: \(ack)")
            result.append(.init(code: unit.code, token: unit.token, assignment: Int64(id)))
        }
        return result
    }

    /// Waits until the restarted server has fanned out every event and delivered every row (claims of the killed
    /// server expire after their lease first).
    static func waitForDeliveries(_ path: String, server: Process) async throws {
        let database = try await Database.open(.sqliteFile(path), logger: TestDatabase.logger)
        do {
            let queue = DeliveryQueue(database: database)
            let deadline = Date().addingTimeInterval(180)
            var backlog = try await queue.backlog()
            while (backlog.outbox > 0 || backlog.pending > 0) && Date() < deadline && server.isRunning {
                try await Task.sleep(for: .milliseconds(300))
                backlog = try await queue.backlog()
            }
            try await database.close()
        } catch {
            try? await database.close()
            throw error
        }
    }

    /// Compares what the driver was told with what the database holds and what the webhook received.
    static func verify(_ path: String, drivers: [WriteDriver], received: [(event: String, delivery: String)]) async throws -> KillRestartSummary {
        var summary = KillRestartSummary()
        summary.rounds = drivers.count
        let database = try await Database.open(.sqliteFile(path), logger: TestDatabase.logger)
        do {
            #expect(try await database.integrityProblems() == [])
            let notes = Set(try await database.sql.select().column("note").from("assignment_events")
                .where("note", .like, "fx-%").all().map { try $0.decode(column: "note", as: String.self) })
            for driver in drivers {
                summary.reportSaves += driver.lastSave.values.reduce(0, +)
                summary.reportSubmits += driver.submitted.count
                summary.progressUpdates += driver.progressNotes.count
                summary.missingWrites += driver.progressNotes.filter { !notes.contains($0) }.count
                let rows = try await database.sql.select().column("unit_code").column("status").column("values_json").from("reports")
                    .where("period_id", .equal, driver.period).all()
                var stored: [String: (status: String, received: Int)] = [:]
                for row in rows {
                    let values = try JSONSerialization.jsonObject(with: Data(try row.decode(column: "values_json", as: String.self).utf8)) as? [String: Any]
                    stored[try row.decode(column: "unit_code", as: String.self)] = (
                        try row.decode(column: "status", as: String.self), (values?["received"] as? Int) ?? 0)
                }
                for (unit, saves) in driver.lastSave {
                    // The save in flight at the kill may have committed too; an acknowledged one must never be missing.
                    summary.missingWrites += max(0, saves - (stored[unit]?.received ?? 0))
                }
                summary.missingWrites += driver.submitted.filter { stored[$0]?.status == "draft" || stored[$0] == nil }.count
            }
            summary.acknowledgedWrites = summary.reportSaves + summary.reportSubmits + summary.progressUpdates
            let events = Set(try await database.sql.select().column("event_id").from("outbox").all()
                .map { try $0.decode(column: "event_id", as: String.self) })
            summary.notificationEvents = events.count
            summary.notificationsReceived = received.count
            summary.notificationsLost = events.subtracting(received.map(\.event)).count
            var first: [String: String] = [:]
            for copy in received {
                if let id = first[copy.event] {
                    summary.duplicates += 1
                    if id == copy.delivery { summary.duplicatesWithFirstDeliveryID += 1 }
                } else {
                    first[copy.event] = copy.delivery
                }
            }
            try await database.close()
        } catch {
            try? await database.close()
            throw error
        }
        return summary
    }
}
