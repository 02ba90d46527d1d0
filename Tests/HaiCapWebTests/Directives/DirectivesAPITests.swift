import Foundation
import HaiCapCore
@testable import HaiCapStore
@testable import HaiCapWeb
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Directives and assignments API: lifecycle, permissions, monitoring, outbox")
struct DirectivesAPITests {
    struct Created: Decodable { var id: Int64 }
    struct CreatedAssignments: Decodable {
        struct Item: Decodable { var id: Int64; var unit: String }
        var items: [Item]
        var parent: Int64?
    }
    struct AssignmentBody: Decodable {
        struct Event: Decodable { var kind: String; var actor: String; var progress: Int?; var note: String?; var fromDeadline: String?; var toDeadline: String? }
        var id: Int64
        var unit: String?
        var state: String
        var status: String
        var dueSoon: Bool
        var progress: Int
        var deadline: String
        var originalDeadline: String
        var acknowledgedBy: String?
        var timeline: [Event]
        var children: [Item]
    }
    struct Item: Decodable { var id: Int64; var unit: String?; var status: String; var dueSoon: Bool }
    struct List: Decodable { var items: [Item]; var total: Int }
    struct Units: Decodable {
        struct Row: Decodable { var unit: String; var total: Int; var onTimeRate: Double?; var overdue: Int; var light: String }
        var items: [Row]
    }
    struct ErrorBody: Decodable {
        struct Body: Decodable { var code: String; var message: String }
        var error: Body
    }

    static let directiveJSON = #"{"number": "125/UBND-TH", "date": "2026-11-20", "issuer": "UBND tỉnh Đắk Lắk", "signer": "Chủ tịch", "summary": "Triển khai rà soát thủ tục hành chính", "text": "Giao UBND các xã, phường rà soát thủ tục hành chính, báo cáo trước ngày 16/12/2026."}"#

    func body(_ response: TestResponse) throws -> AssignmentBody { try response.decode(AssignmentBody.self) }

    @Test("directive → assignments per unit under a parent → acknowledge → progress → extension → complete → return → complete → confirm", arguments: TestBackend.enabled)
    func lifecycle(backend: TestBackend) async throws {
        try await TestApp.run(backend) { h in
            let province = try await h.token(username: "tinh.a", role: .province)
            let commune = try await h.token(username: "xa.a", role: .commune, unit: "22015")
            let created = try await h.json(.post, "/api/v1/directives", token: province, Self.directiveJSON)
            #expect(created.status == .created)
            let directive = try created.decode(Created.self).id
            let list = try await h.get("/api/v1/directives", token: commune)
            #expect(list.text.contains(#"125\/UBND-TH"#) || list.text.contains("125/UBND-TH"))

            let given = try await h.json(.post, "/api/v1/directives/\(directive)/assignments", token: province,
                #"{"content": "Rà soát thủ tục hành chính", "expectedResult": "Báo cáo kết quả rà soát", "units": ["22015", "22045"], "coordinating": ["22051"], "deadline": "2026-12-16", "workingDays": null, "priority": "high"}"#)
            #expect(given.status == .created)
            let items = try given.decode(CreatedAssignments.self)
            #expect(items.items.map(\.unit) == ["22015", "22045"])
            let parent = try #require(items.parent)
            let mine = try #require(items.items.first { $0.unit == "22015" }).id
            let path = "/api/v1/assignments/\(mine)"

            #expect(try await h.json(.post, path + "/progress", token: commune, #"{"progress": 10}"#).status == .conflict)
            let ack = try body(try await h.json(.post, path + "/acknowledge", token: commune, ""))
            #expect(ack.state == "acknowledged")
            #expect(ack.acknowledgedBy == "xa.a")
            #expect(try await h.json(.post, path + "/acknowledge", token: commune, "").status == .conflict)
            #expect(try await h.json(.post, path + "/progress", token: commune, #"{"progress": 140}"#).status == .unprocessableContent)
            #expect(try await h.json(.post, path + "/progress", token: commune, #"{"progress": 40, "note": "Đã rà soát 20 thủ tục", "evidence": ["ftp://x"]}"#).status == .unprocessableContent)
            let progressed = try body(try await h.json(.post, path + "/progress", token: commune, #"{"progress": 40, "note": "Đã rà soát 20 thủ tục", "evidence": ["https://vb.daklak.gov.vn/x.pdf"]}"#))
            #expect(progressed.state == "in_progress")
            #expect(progressed.progress == 40)

            #expect(try await h.json(.post, path + "/extension", token: commune, #"{"deadline": "2026-12-10", "reason": "x"}"#).status == .unprocessableContent)
            #expect(try await h.json(.post, path + "/extension", token: commune, #"{"deadline": "2026-12-23"}"#).status == .unprocessableContent)
            let asked = try body(try await h.json(.post, path + "/extension", token: commune, #"{"deadline": "2026-12-23", "reason": "Chờ số liệu của bưu điện"}"#))
            #expect(asked.state == "extension_requested")
            #expect(try await h.json(.post, path + "/complete", token: commune, "").status == .conflict)
            #expect(try await h.json(.post, path + "/extension/decide", token: commune, #"{"approve": true}"#).status == .forbidden)
            let decided = try body(try await h.json(.post, path + "/extension/decide", token: province, #"{"approve": true, "note": "Đồng ý"}"#))
            #expect(decided.deadline == "2026-12-23")
            #expect(decided.originalDeadline == "2026-12-16")
            #expect(decided.state == "in_progress")
            #expect(decided.timeline.contains { $0.kind == "extension_approved" && $0.fromDeadline == "2026-12-16" && $0.toDeadline == "2026-12-23" })

            let done = try body(try await h.json(.post, path + "/complete", token: commune, #"{"note": "Đã xong"}"#))
            #expect(done.state == "completion_reported")
            #expect(try await h.json(.post, path + "/return", token: province, "").status == .unprocessableContent)
            let returned = try body(try await h.json(.post, path + "/return", token: province, #"{"comment": "Thiếu danh sách thủ tục"}"#))
            #expect(returned.state == "in_progress")
            _ = try await h.json(.post, path + "/complete", token: commune, "")
            let confirmed = try body(try await h.json(.post, path + "/confirm", token: province, ""))
            #expect(confirmed.state == "completed")
            #expect(confirmed.status == "done_on_time")
            #expect(try await h.json(.post, path + "/progress", token: commune, #"{"progress": 50}"#).status == .conflict)

            let shared = try body(try await h.get("/api/v1/assignments/\(parent)", token: province))
            #expect(shared.progress == 50) // (100 + 0) / 2
            #expect(shared.children.count == 2)
            #expect(try await h.json(.post, "/api/v1/assignments/\(parent)/acknowledge", token: province, "").status == .conflict)

            // Every step announced through the outbox, in the same transactions.
            let events = try await h.database.sql.select().column("event").from("outbox").orderBy("id").all().map { try $0.decode(column: "event", as: String.self) }
            #expect(events.filter { $0 == "assignment.created" }.count == 2)
            for name in ["assignment.acknowledged", "assignment.progress", "assignment.extension_requested", "assignment.extension_decided", "assignment.completed", "assignment.returned"] {
                #expect(events.contains(name), "\(name)")
            }
        }
    }

    @Test("permission matrix: commune officials see and act only on their unit; coordinating units read", arguments: TestBackend.enabled)
    func permissions(backend: TestBackend) async throws {
        try await TestApp.run(backend) { h in
            let province = try await h.token(username: "tinh.a", role: .province)
            let own = try await h.token(username: "xa.a", role: .commune, unit: "22015")
            let other = try await h.token(username: "xa.b", role: .commune, unit: "22045")
            let coord = try await h.token(username: "xa.c", role: .commune, unit: "22051")
            #expect(try await h.json(.post, "/api/v1/directives", token: own, Self.directiveJSON).status == .forbidden)
            let directive = try await h.json(.post, "/api/v1/directives", token: province, Self.directiveJSON).decode(Created.self).id
            let given = try await h.json(.post, "/api/v1/directives/\(directive)/assignments", token: province,
                #"{"content": "Báo cáo", "units": ["22015"], "coordinating": ["22051"], "workingDays": 5}"#).decode(CreatedAssignments.self)
            let id = try #require(given.items.first).id
            #expect(try await h.get("/api/v1/assignments/\(id)", token: own).status == .ok)
            #expect(try await h.get("/api/v1/assignments/\(id)", token: coord).status == .ok)
            #expect(try await h.get("/api/v1/assignments/\(id)", token: other).status == .forbidden)
            #expect(try await h.json(.post, "/api/v1/assignments/\(id)/acknowledge", token: other, "").status == .forbidden)
            #expect(try await h.json(.post, "/api/v1/assignments/\(id)/acknowledge", token: coord, "").status == .forbidden)
            #expect(try await h.get("/api/v1/assignments?unit=22015", token: other).status == .forbidden)
            #expect(try await h.get("/api/v1/assignments", token: other).decode(List.self).total == 0)
            #expect(try await h.get("/api/v1/assignments", token: coord).decode(List.self).total == 1)
            #expect(try await h.get("/api/v1/monitoring/units", token: own).status == .forbidden)
            #expect(try await h.get("/api/v1/assignments").status == .unauthorized)
            // 5 working days from Friday 20/11/2026 → Friday 27/11/2026.
            #expect(try await h.get("/api/v1/assignments/\(id)", token: own).decode(AssignmentBody.self).deadline == "2026-11-27")
            let bad = try await h.json(.post, "/api/v1/directives/\(directive)/assignments", token: province, #"{"content": "x", "units": ["00004"], "deadline": "2026-12-01"}"#)
            #expect(bad.status == .unprocessableContent)
            let both = try await h.json(.post, "/api/v1/directives/\(directive)/assignments", token: province, #"{"content": "x", "units": ["22015"], "deadline": "2026-12-01", "workingDays": 3}"#)
            #expect(both.status == .unprocessableContent)
        }
    }

    @Test("monitoring: classes, ranking, lights, filters, exports, brief, reminder scan once", arguments: TestBackend.enabled)
    func monitoring(backend: TestBackend) async throws {
        try await TestApp.run(backend) { h in
            let province = try await h.token(username: "tinh.a", role: .province)
            let directive = try await h.json(.post, "/api/v1/directives", token: province, Self.directiveJSON).decode(Created.self).id
            // Today is 27/11/2026 (fixed clock). A past deadline records work already under way: overdue.
            let late = try await h.json(.post, "/api/v1/directives/\(directive)/assignments", token: province,
                #"{"content": "Việc đã quá hạn", "units": ["22015"], "deadline": "2026-11-20"}"#).decode(CreatedAssignments.self)
            _ = try await h.json(.post, "/api/v1/directives/\(directive)/assignments", token: province,
                #"{"content": "Việc sắp đến hạn", "units": ["22045"], "deadline": "2026-12-01"}"#)
            _ = try await h.json(.post, "/api/v1/directives/\(directive)/assignments", token: province,
                #"{"content": "Việc còn xa", "units": ["22051"], "deadline": "2027-01-15", "recurrence": "monthly"}"#)
            let overdue = try await h.get("/api/v1/assignments?status=overdue", token: province).decode(List.self)
            #expect(overdue.items.map(\.id) == late.items.map(\.id))
            let soon = try await h.get("/api/v1/assignments?unit=22045", token: province).decode(List.self)
            #expect(soon.items.first?.dueSoon == true)
            #expect(try await h.get("/api/v1/assignments?status=late", token: province).status == .unprocessableContent)
            #expect(try await h.get("/api/v1/assignments?from=2026-13-01", token: province).status == .unprocessableContent)

            let units = try await h.get("/api/v1/monitoring/units", token: province).decode(Units.self)
            #expect(units.items.count == 102)
            #expect(units.items.first { $0.unit == "22015" }?.light == "red")
            #expect(units.items.first { $0.unit == "22045" }?.light == "yellow")
            #expect(units.items.first { $0.unit == "22051" }?.light == "green")
            #expect(units.items.last?.onTimeRate == 0 || units.items.last?.onTimeRate == nil)
            let brief = try await h.get("/api/v1/monitoring/brief", token: province).decode([String: String].self)["text"] ?? ""
            #expect(brief.contains("quá hạn chưa hoàn thành 1"))
            #expect(brief.contains("Việc đã quá hạn"))
            let csv = try await h.get("/api/v1/monitoring/assignments.csv?unit=22015", token: province)
            #expect(Array(csv.body.readableBytesView.prefix(3)) == [0xEF, 0xBB, 0xBF])
            #expect(csv.text.contains("Quá hạn chưa hoàn thành"))
            let xlsx = try await h.get("/api/v1/monitoring/assignments.xlsx", token: province)
            let sheet = String(decoding: try #require(try ZipArchive.entries(of: Data(xlsx.body.readableBytesView))["xl/worksheets/sheet1.xml"]), as: UTF8.self)
            #expect(sheet.contains("Việc sắp đến hạn"))

            let service = DirectiveService(database: h.database, provinceCode: "66", now: { fixedNow })
            let first = try await service.scanReminders()
            #expect(first == 2) // one due soon, one overdue
            #expect(try await service.scanReminders() == 0) // once per deadline
            let names = try await h.database.sql.select().column("event").from("outbox").all().map { try $0.decode(column: "event", as: String.self) }
            #expect(names.contains("assignment.due_soon"))
            #expect(names.contains("assignment.overdue"))
        }
    }
}
