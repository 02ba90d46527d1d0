import Foundation
import HaiCapCore
@testable import HaiCapStore
@testable import HaiCapWeb
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Reporting API: forms, regimes, periods, submissions, province view")
struct ReportingAPITests {
    struct Created: Decodable { var id: Int64; var version: Int? }
    struct Periods: Decodable {
        struct Item: Decodable { var id: Int64; var label: String; var from: String; var to: String; var deadline: String }
        var items: [Item]
        var total: Int
    }
    struct Report: Decodable {
        var status: String
        var values: [String: JSONValue]
        var late: Bool
        var comment: String?
        var formVersion: Int
        var issues: [FieldError]?
    }
    struct Status: Decodable { var expected: Int; var submitted: Int; var onTime: Int; var late: Int; var missing: [String] }
    struct Aggregate: Decodable {
        struct Item: Decodable { var key: String; var sum: Double?; var avg: Double?; var min: Double?; var max: Double?; var count: Int; var previousSum: Double?; var change: Double? }
        var indicators: [Item]
    }
    struct ErrorBody: Decodable {
        struct Body: Decodable { var code: String; var message: String; var fields: [FieldError]? }
        var error: Body
    }

    static let formJSON = """
    {"name": "Một cửa thử", "indicators": [
      {"key": "received", "label": "Hồ sơ tiếp nhận", "type": "integer", "unit": "hồ sơ", "required": true, "min": 0},
      {"key": "resolved", "label": "Đã giải quyết", "type": "integer", "required": true, "min": 0},
      {"key": "on_time", "label": "Đúng hạn", "type": "integer", "required": true, "min": 0},
      {"key": "rate", "label": "Tỷ lệ đúng hạn", "type": "percent", "formula": "round(on_time / resolved * 100, 1)"},
      {"key": "note", "label": "Ghi chú", "type": "text"}],
     "rules": [{"expression": "on_time <= resolved", "message": "Số hồ sơ giải quyết đúng hạn không được lớn hơn tổng số hồ sơ đã giải quyết."}],
     "outline": [{"title": "Kết quả", "hint": "Nêu kết quả nổi bật"}]}
    """

    /// A province token, a form and a regime over two units of Đắk Lắk; returns the regime id and its newest generated period.
    func setUp(_ h: TestHarness, deadline: String = "2026-12-16") async throws -> (province: String, regime: Int64, period: Int64) {
        let province = try await h.token(username: "tinh.a", role: .province)
        let form = try await h.json(.post, "/api/v1/report-forms", token: province, Self.formJSON)
        #expect(form.status == .created)
        let formID = try form.decode(Created.self).id
        let regime = try await h.json(.post, "/api/v1/regimes", token: province,
            #"{"name": "Một cửa hằng tháng", "form": \#(formID), "frequency": "monthly", "deadlineWorkingDays": 2, "units": ["24121", "22015", "22045"]}"#)
        #expect(regime.status == .created)
        let regimeID = try regime.decode(Created.self).id
        let periods = try await h.get("/api/v1/regimes/\(regimeID)/periods", token: province).decode(Periods.self)
        let current = try #require(periods.items.first { $0.label == "Tháng 12/2026" })
        #expect(current.from == "2026-11-15")
        #expect(current.to == "2026-12-14")
        #expect(current.deadline == deadline)
        return (province, regimeID, current.id)
    }

    @Test("forms are validated, versioned, and read back", arguments: TestBackend.enabled)
    func forms(backend: TestBackend) async throws {
        try await TestApp.run(backend) { h in
            let province = try await h.token(username: "tinh.a", role: .province)
            let bad = try await h.json(.post, "/api/v1/report-forms", token: province,
                #"{"name": "x", "indicators": [{"key": "a", "label": "A", "type": "integer", "formula": "b + 1"}]}"#)
            #expect(bad.status == .unprocessableContent)
            #expect(try bad.decode(ErrorBody.self).error.fields?.first?.key == "indicators[0].formula")
            let created = try await h.json(.post, "/api/v1/report-forms", token: province, Self.formJSON)
            let id = try created.decode(Created.self).id
            #expect(try created.decode(Created.self).version == 1)
            let changed = Self.formJSON.replacingOccurrences(of: "Một cửa thử", with: "Một cửa thử (sửa)")
            let updated = try await h.json(.put, "/api/v1/report-forms/\(id)", token: province, changed)
            #expect(try updated.decode(Created.self).version == 2)
            let same = try await h.json(.put, "/api/v1/report-forms/\(id)", token: province, changed)
            #expect(try same.decode(Created.self).version == 2)
            let v1 = try await h.get("/api/v1/report-forms/\(id)?version=1", token: province).text
            #expect(v1.contains("\"name\":\"Một cửa thử\""))
            let commune = try await h.token(username: "xa.a", role: .commune, unit: "24121")
            #expect(try await h.json(.post, "/api/v1/report-forms", token: commune, Self.formJSON).status == .forbidden)
            #expect(try await h.get("/api/v1/report-forms/\(id)").status == .unauthorized)
            #expect(try await h.get("/api/v1/report-forms/999", token: province).status == .notFound)
        }
    }

    @Test("regimes check their form, frequency and units", arguments: TestBackend.enabled)
    func regimeValidation(backend: TestBackend) async throws {
        try await TestApp.run(backend) { h in
            let province = try await h.token(username: "tinh.a", role: .province)
            let r1 = try await h.json(.post, "/api/v1/regimes", token: province, #"{"name": "x", "form": 1, "frequency": "daily", "deadlineWorkingDays": 2, "units": "all"}"#)
            #expect(r1.status == .unprocessableContent)
            let r2 = try await h.json(.post, "/api/v1/regimes", token: province, #"{"name": "x", "form": 1, "frequency": "monthly", "deadlineWorkingDays": 2, "units": ["00004"]}"#)
            #expect(r2.status == .unprocessableContent)
            #expect(try r2.decode(ErrorBody.self).error.message.contains("00004"))
            let r3 = try await h.json(.post, "/api/v1/regimes", token: province, #"{"name": "x", "form": 99, "frequency": "monthly", "deadlineWorkingDays": 2, "units": "all"}"#)
            #expect(r3.status == .unprocessableContent)
            let r4 = try await h.json(.post, "/api/v1/regimes", token: province, #"{"name": "x", "form": 1, "frequency": "quarterly", "deadlineWorkingDays": 3, "units": "all"}"#)
            #expect(r4.status == .created)
            // The bundled examples are there too, marked as examples.
            let list = try await h.get("/api/v1/regimes", token: province).text
            #expect(list.contains("\"example\":true"))
        }
    }

    @Test("officials acting at once on one report: no state is skipped, every step is kept", arguments: TestBackend.enabled)
    func concurrentSteps(backend: TestBackend) async throws {
        try await TestApp.run(backend) { h in
            let (province, _, period) = try await setUp(h)
            let commune = try await h.token(username: "xa.a", role: .commune, unit: "24121")
            let path = "/api/v1/periods/\(period)/reports/24121"
            // Eight saves at once, each with different numbers: all land, the last one wins, eight versions are kept.
            let saves = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for n in 0..<8 {
                    group.addTask { try await h.json(.put, path, token: commune, #"{"values": {"received": \#(10 + n), "resolved": 5, "on_time": 4}}"#).status }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(saves.allSatisfy { $0 == .ok })
            // Six submissions and two returns at once: exactly one submission succeeds, and a return can only
            // follow it (never skip the submitted state).
            let steps = try await withThrowingTaskGroup(of: (String, HTTPResponse.Status).self) { group in
                for _ in 0..<6 { group.addTask { ("submit", try await h.json(.post, path + "/submit", token: commune, "").status) } }
                for _ in 0..<2 { group.addTask { ("return", try await h.json(.post, path + "/return", token: province, #"{"comment": "Xem lại"}"#).status) } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            let submitted = steps.filter { $0.0 == "submit" && $0.1 == .ok }.count
            let returned = steps.filter { $0.0 == "return" && $0.1 == .ok }.count
            #expect(submitted >= 1)
            #expect(steps.allSatisfy { $0.1 == .ok || $0.1 == .conflict })
            let stored = try #require(try await ReportingRepository(db: h.database.sql).report(periodID: period, unitCode: "24121"))
            let versions = try await ReportingRepository(db: h.database.sql).versions(reportID: stored.id)
            #expect(versions.count == 8 + submitted + returned)
            #expect(versions.map(\.sequence) == Array(1...versions.count))
            // Submissions and returns alternate: never two submissions or two returns in a row.
            let kept = versions.dropFirst(8).map(\.action)
            #expect(zip(kept, kept.dropFirst()).allSatisfy { $0 != $1 })
            #expect(kept.first == .submit)
            #expect(stored.status == (kept.last == .submit ? .submitted : .returned))
        }
    }

    @Test("draft, validation, submit, return, resubmit, accept, reopen — with every version kept", arguments: TestBackend.enabled)
    func lifecycle(backend: TestBackend) async throws {
        try await TestApp.run(backend) { h in
            let (province, _, period) = try await setUp(h)
            let commune = try await h.token(username: "xa.a", role: .commune, unit: "24121")
            let path = "/api/v1/periods/\(period)/reports/24121"

            #expect(try await h.json(.post, path + "/submit", token: commune, "").status == .conflict)
            let draft = try await h.json(.put, path, token: commune, #"{"values": {"received": "abc", "resolved": 10, "on_time": 12}, "narrative": {"Kết quả": "Tốt"}}"#)
            #expect(draft.status == .ok)
            let saved = try draft.decode(Report.self)
            #expect(saved.status == "draft")
            #expect(saved.values["received"] == .string("abc"))
            #expect(saved.issues?.contains { $0.key == "received" } == true)
            #expect(saved.issues?.contains { $0.key == "resolved" && $0.message.contains("đúng hạn") } == true)

            let refused = try await h.json(.post, path + "/submit", token: commune, "")
            #expect(refused.status == .unprocessableContent)
            let fields = try refused.decode(ErrorBody.self).error.fields ?? []
            #expect(Set(fields.map(\.key)) == ["received", "resolved"])

            let unknown = try await h.json(.put, path, token: commune, #"{"values": {"nope": 1}}"#)
            #expect(unknown.status == .unprocessableContent)
            let badNarrative = try await h.json(.put, path, token: commune, #"{"values": {}, "narrative": {"Không có": "x"}}"#)
            #expect(badNarrative.status == .unprocessableContent)

            _ = try await h.json(.put, path, token: commune, #"{"values": {"received": 20, "resolved": 10, "on_time": 9}}"#)
            let submitted = try await h.json(.post, path + "/submit", token: commune, "")
            #expect(submitted.status == .ok)
            let report = try submitted.decode(Report.self)
            #expect(report.status == "submitted")
            #expect(!report.late)
            #expect(report.values["rate"] == .number(90))

            #expect(try await h.json(.put, path, token: commune, #"{"values": {"received": 1}}"#).status == .conflict)
            #expect(try await h.json(.post, path + "/accept", token: commune, "").status == .forbidden)
            let noComment = try await h.json(.post, path + "/return", token: province, "")
            #expect(noComment.status == .unprocessableContent)
            let returned = try await h.json(.post, path + "/return", token: province, #"{"comment": "Kiểm tra lại số tiếp nhận"}"#)
            #expect(try returned.decode(Report.self).status == "returned")
            let seen = try await h.get(path, token: commune).decode(Report.self)
            #expect(seen.comment == "Kiểm tra lại số tiếp nhận")

            _ = try await h.json(.put, path, token: commune, #"{"values": {"received": 25, "resolved": 10, "on_time": 9}}"#)
            #expect(try await h.json(.post, path + "/submit", token: commune, "").status == .ok)
            #expect(try await h.json(.post, path + "/accept", token: province, "").status == .ok)
            #expect(try await h.json(.put, path, token: commune, #"{"values": {"received": 1}}"#).status == .conflict)
            #expect(try await h.json(.post, path + "/return", token: province, #"{"comment": "x"}"#).status == .conflict)
            #expect(try await h.json(.post, path + "/reopen", token: province, "").status == .unprocessableContent)
            let reopened = try await h.json(.post, path + "/reopen", token: province, #"{"comment": "Sai số liệu tháng trước"}"#)
            #expect(try reopened.decode(Report.self).status == "returned")

            let stored = try #require(try await ReportingRepository(db: h.database.sql).report(periodID: period, unitCode: "24121"))
            let versions = try await ReportingRepository(db: h.database.sql).versions(reportID: stored.id)
            #expect(versions.map(\.action) == [.save, .save, .submit, .return, .save, .submit, .accept, .reopen])
            #expect(versions.first?.values["received"] == .string("abc"))
            let audit = try await AuditRepository(db: h.database.sql).list(entity: "report", page: .init(page: 1, per: 50))
            #expect(audit.total == 8)
        }
    }

    @Test("permission matrix: own unit only; anonymous nothing; unassigned unit 404", arguments: TestBackend.enabled)
    func permissions(backend: TestBackend) async throws {
        try await TestApp.run(backend) { h in
            let (_, _, period) = try await setUp(h)
            let own = try await h.token(username: "xa.a", role: .commune, unit: "24121")
            let other = try await h.token(username: "xa.b", role: .commune, unit: "22015")
            let outsider = try await h.token(username: "xa.c", role: .commune, unit: "22051")
            let path = "/api/v1/periods/\(period)/reports/24121"
            #expect(try await h.get(path, token: own).status == .ok)
            #expect(try await h.get(path, token: other).status == .forbidden)
            #expect(try await h.json(.put, path, token: other, #"{"values": {"received": 1}}"#).status == .forbidden)
            #expect(try await h.json(.post, path + "/submit", token: other, "").status == .forbidden)
            #expect(try await h.get(path).status == .unauthorized)
            // Anonymous writes stop at the CSRF check (403) or at sign-in (401); either way nothing is written.
            #expect([.unauthorized, .forbidden].contains(try await h.json(.put, path, #"{"values": {}}"#).status))
            #expect(try await h.get("/api/v1/periods/\(period)/reports/22051", token: outsider).status == .notFound)
            for province in ["status", "aggregate", "narrative", "aggregate.csv", "aggregate.xlsx"] {
                #expect(try await h.get("/api/v1/periods/\(period)/\(province)", token: own).status == .forbidden, "\(province)")
                #expect(try await h.get("/api/v1/periods/\(period)/\(province)").status == .unauthorized, "\(province)")
            }
            #expect(try await h.get("/api/v1/regimes").status == .unauthorized)
            #expect(try await h.json(.put, "/api/v1/calendar/days/2027-02-15", token: own, #"{"kind": "off"}"#).status == .forbidden)
        }
    }

    /// Submits values for one unit as its own official.
    func submit(_ h: TestHarness, period: Int64, unit: String, received: Int, resolved: Int, onTime: Int) async throws {
        let token = try await h.token(username: "xa.\(unit)", role: .commune, unit: unit)
        let path = "/api/v1/periods/\(period)/reports/\(unit)"
        let saved = try await h.json(.put, path, token: token, #"{"values": {"received": \#(received), "resolved": \#(resolved), "on_time": \#(onTime)}}"#)
        #expect(saved.status == .ok)
        #expect(try await h.json(.post, path + "/submit", token: token, "").status == .ok)
    }

    @Test("status, aggregates with change against the previous period, narrative, late submissions", arguments: TestBackend.enabled)
    func provinceView(backend: TestBackend) async throws {
        try await TestApp.run(backend) { h in
            let (province, regime, period) = try await setUp(h)
            // A past period, added by hand, whose deadline has gone: submissions to it are late.
            let past = try await h.json(.post, "/api/v1/regimes/\(regime)/periods", token: province,
                #"{"label": "Tháng 11/2026", "from": "2026-10-15", "to": "2026-11-14", "deadline": "2026-11-18"}"#)
            #expect(past.status == .created)
            let pastID = try past.decode(Created.self).id
            try await submit(h, period: pastID, unit: "24121", received: 80, resolved: 10, onTime: 10)
            try await submit(h, period: pastID, unit: "22015", received: 20, resolved: 10, onTime: 5)
            try await submit(h, period: period, unit: "24121", received: 100, resolved: 20, onTime: 18)
            try await submit(h, period: period, unit: "22015", received: 12, resolved: 10, onTime: 10)

            let pastStatus = try await h.get("/api/v1/periods/\(pastID)/status", token: province).decode(Status.self)
            #expect(pastStatus.late == 2)
            let status = try await h.get("/api/v1/periods/\(period)/status", token: province).decode(Status.self)
            #expect(status.expected == 3)
            #expect(status.submitted == 2)
            #expect(status.onTime == 2)
            #expect(status.missing == ["22045"])

            let aggregate = try await h.get("/api/v1/periods/\(period)/aggregate", token: province).decode(Aggregate.self)
            let received = try #require(aggregate.indicators.first { $0.key == "received" })
            #expect(received.sum == 112)
            #expect(received.avg == 56)
            #expect(received.min == 12)
            #expect(received.max == 100)
            #expect(received.count == 2)
            #expect(received.previousSum == 100)
            #expect(abs((received.change ?? 0) - 0.12) < 1e-9)
            let rate = try #require(aggregate.indicators.first { $0.key == "rate" })
            #expect(rate.avg == 95)
            #expect(aggregate.indicators.contains { $0.key == "note" } == false)

            struct Narrative: Decodable { var text: String; var draft: String; var saved: Bool }
            let narrative = try await h.get("/api/v1/periods/\(period)/narrative", token: province).decode(Narrative.self)
            #expect(!narrative.saved)
            #expect(narrative.text.contains("2/3 đơn vị cấp xã đã gửi báo cáo (66,7%); 1 đơn vị chưa gửi:"))
            #expect(narrative.text.contains("Hồ sơ tiếp nhận: tổng 112 hồ sơ (đơn vị thấp nhất 12, cao nhất 100), tăng 12,0% so với kỳ trước (100 hồ sơ)."))
            let edited = narrative.text + "\nĐề nghị các xã còn lại gửi trước ngày 20/12."
            #expect(try await h.json(.put, "/api/v1/periods/\(period)/narrative", token: province, String(decoding: try JSONEncoder().encode(["text": edited]), as: UTF8.self)).status == .noContent)
            let again = try await h.get("/api/v1/periods/\(period)/narrative", token: province).decode(Narrative.self)
            #expect(again.saved)
            #expect(again.text == edited)
            #expect(again.draft == narrative.draft)
        }
    }

    @Test("CSV (UTF-8 with BOM) and XLSX exports read back", arguments: TestBackend.enabled)
    func exports(backend: TestBackend) async throws {
        try await TestApp.run(backend) { h in
            let (province, _, period) = try await setUp(h)
            try await submit(h, period: period, unit: "24121", received: 100, resolved: 20, onTime: 18)
            let csv = try await h.get("/api/v1/periods/\(period)/aggregate.csv", token: province)
            #expect(csv.status == .ok)
            #expect(csv.headers[.contentType]?.hasPrefix("text/csv") == true)
            #expect(csv.headers[.contentDisposition]?.contains("attachment") == true)
            let bytes = Array(csv.body.readableBytesView)
            #expect(bytes.prefix(3) == [0xEF, 0xBB, 0xBF])
            let text = String(decoding: bytes.dropFirst(3), as: UTF8.self)
            let lines = text.components(separatedBy: "\r\n").filter { !$0.isEmpty }
            #expect(lines.first?.hasPrefix("Mã đơn vị,Tên đơn vị,Trạng thái,Thời điểm gửi,Đúng hạn,Hồ sơ tiếp nhận (hồ sơ)") == true)
            #expect(lines.contains { $0.hasPrefix("24121,") && $0.contains(",100,20,18,90,") })
            #expect(lines.contains { $0.hasPrefix("22045,") && $0.contains("Chưa nhập") })
            #expect(lines.contains { $0.hasPrefix("Tổng,") && $0.contains(",100,20,18,") })

            let xlsx = try await h.get("/api/v1/periods/\(period)/aggregate.xlsx", token: province)
            #expect(xlsx.status == .ok)
            let entries = try ZipArchive.entries(of: Data(xlsx.body.readableBytesView))
            #expect(entries["xl/workbook.xml"].map { String(decoding: $0, as: UTF8.self).contains("Theo đơn vị") } == true)
            let sheet1 = String(decoding: try #require(entries["xl/worksheets/sheet1.xml"]), as: UTF8.self)
            #expect(sheet1.contains("Hồ sơ tiếp nhận (hồ sơ)"))
            // Rows follow unit codes: 22015, 22045, then 24121 on row 4; column F is the first indicator.
            #expect(sheet1.contains(#"<c r="F4"><v>100</v></c>"#))
            let sheet2 = String(decoding: try #require(entries["xl/worksheets/sheet2.xml"]), as: UTF8.self)
            #expect(sheet2.contains("received"))
        }
    }

    @Test("an administrator's day off moves deadlines of periods generated afterwards", arguments: TestBackend.enabled)
    func calendarDays(backend: TestBackend) async throws {
        try await TestApp.run(backend) { h in
            let admin = try await h.adminToken()
            let set = try await h.json(.put, "/api/v1/calendar/days/2026-12-15", token: admin, #"{"kind": "off", "note": "Nghỉ theo quyết định của tỉnh"}"#)
            #expect(set.status == .ok)
            #expect(try await h.json(.put, "/api/v1/calendar/days/2026-02-30", token: admin, #"{"kind": "off"}"#).status == .unprocessableContent)
            #expect(try await h.json(.put, "/api/v1/calendar/days/2026-12-16", token: admin, #"{"kind": "holiday"}"#).status == .unprocessableContent)
            // Tuesday 15/12 off: two working days after Monday 14/12 become 16/12 and 17/12.
            _ = try await setUp(h, deadline: "2026-12-17")
            #expect(try await h.send(.delete, "/api/v1/calendar/days/2026-12-15", token: admin).status == .noContent)
            #expect(try await h.send(.delete, "/api/v1/calendar/days/2026-12-15", token: admin).status == .notFound)
        }
    }

    @Test("returning a report and approaching deadlines are announced through the outbox, once", arguments: TestBackend.enabled)
    func notifications(backend: TestBackend) async throws {
        try await TestApp.run(backend) { h in
            let (province, regime, period) = try await setUp(h)
            try await submit(h, period: period, unit: "24121", received: 10, resolved: 5, onTime: 5)
            _ = try await h.json(.post, "/api/v1/periods/\(period)/reports/24121/return", token: province, #"{"comment": "Sai số liệu"}"#)
            let returned = try await h.database.sql.select().column("audience_json").from("outbox").where("event", .equal, "report.returned").all()
            #expect(returned.count == 1)
            #expect(try returned.first?.decode(column: "audience_json", as: String.self).contains("24121") == true)

            // A period due on Monday 30/11 (today is Friday 27/11): the three units that have not sent are reminded once.
            _ = try await h.json(.post, "/api/v1/regimes/\(regime)/periods", token: province,
                #"{"label": "Kỳ đột xuất", "from": "2026-11-01", "to": "2026-11-25", "deadline": "2026-11-30"}"#)
            let service = ReportingService(database: h.database, provinceCode: "66", now: { fixedNow })
            #expect(try await service.scanDueReports() == 3)
            #expect(try await service.scanDueReports() == 0)
        }
    }
}
