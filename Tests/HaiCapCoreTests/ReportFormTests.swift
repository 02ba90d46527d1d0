import Foundation
import HaiCapCore
import Testing

@Suite("Report forms: indicators, formulas, rules, the state machine and the narrative")
struct ReportFormTests {
    static let form = ReportFormDefinition(
        name: "Một cửa",
        indicators: [
            Indicator(key: "received", label: "Hồ sơ tiếp nhận", type: .integer, unit: "hồ sơ", required: true, min: 0),
            Indicator(key: "online", label: "Tiếp nhận trực tuyến", type: .integer, unit: "hồ sơ", min: 0),
            Indicator(key: "resolved", label: "Đã giải quyết", type: .integer, unit: "hồ sơ", required: true, min: 0),
            Indicator(key: "on_time", label: "Giải quyết đúng hạn", type: .integer, unit: "hồ sơ", required: true, min: 0),
            Indicator(key: "late", label: "Quá hạn", type: .integer, formula: "resolved - on_time"),
            Indicator(key: "on_time_rate", label: "Tỷ lệ đúng hạn", type: .percent, unit: "%", formula: "round(on_time / resolved * 100, 1)"),
            Indicator(key: "budget", label: "Kinh phí", type: .decimal, unit: "triệu đồng"),
            Indicator(key: "complaints", label: "Có phản ánh", type: .boolean),
            Indicator(key: "security", label: "An ninh", type: .choice, choices: ["Ổn định", "Phức tạp"]),
            Indicator(key: "reviewed", label: "Ngày rà soát", type: .date),
            Indicator(key: "note", label: "Ghi chú", type: .text),
        ],
        rules: [FormRule(expression: "on_time <= resolved", message: "Số hồ sơ giải quyết đúng hạn không được lớn hơn tổng số hồ sơ đã giải quyết.")],
        outline: [OutlineItem(title: "Kết quả"), OutlineItem(title: "Kiến nghị")])

    @Test("a sound form has no problems")
    func soundForm() {
        #expect(Self.form.problems().isEmpty)
    }

    static func broken(_ name: String) -> ReportFormDefinition {
        var f = form
        switch name {
        case "bad key": f.indicators[0].key = "1abc"
        case "duplicate key": f.indicators[1].key = "received"
        case "keyword key": f.indicators[1].key = "and"
        case "min above max": f.indicators[0].max = -1
        case "choice without choices": f.indicators[8].choices = []
        case "formula on text": f.indicators[10].formula = "received + 1"
        case "formula syntax": f.indicators[4].formula = "resolved - (on_time"
        case "formula unknown key": f.indicators[4].formula = "resolved - nothing"
        case "formula over text": f.indicators[4].formula = "resolved - note"
        case "cycle": f.indicators[4].formula = "on_time_rate + 1"; f.indicators[5].formula = "late * 2"
        case "rule not a condition": f.rules[0].expression = "on_time + resolved"
        case "rule without message": f.rules[0].message = " "
        case "empty name": f.name = ""
        default: break
        }
        return f
    }

    @Test("form problems name the field to fix", arguments: [
        ("bad key", "indicators[0].key"),
        ("duplicate key", "indicators[1].key"),
        ("keyword key", "indicators[1].key"),
        ("min above max", "indicators[0].min"),
        ("choice without choices", "indicators[8].choices"),
        ("formula on text", "indicators[10].formula"),
        ("formula syntax", "indicators[4].formula"),
        ("formula unknown key", "indicators[4].formula"),
        ("formula over text", "indicators[4].formula"),
        ("cycle", "indicators"),
        ("rule not a condition", "rules[0].expression"),
        ("rule without message", "rules[0].message"),
        ("empty name", "name"),
    ])
    func problems(_ name: String, key: String) {
        let problems = Self.broken(name).problems()
        #expect(problems.contains { $0.key == key }, "\(name): \(problems)")
        #expect(problems.allSatisfy { !$0.message.isEmpty })
    }

    @Test("values are typed, computed and checked; what was typed is kept")
    func checkValues() throws {
        let check = try Self.form.check([
            "received": .string("1.234"), "online": .number(300), "resolved": .string("100"), "on_time": .number(90),
            "budget": .string("12,5"), "complaints": .string("có"), "security": .string("Ổn định"), "reviewed": .string("20/11/2026"),
            "note": .string("Ổn"),
        ], forSubmit: true)
        #expect(check.issues.isEmpty)
        #expect(check.numbers["received"] == 1234)
        #expect(check.numbers["budget"] == 12.5)
        #expect(check.numbers["late"] == 10)
        #expect(check.numbers["on_time_rate"] == 90)
        #expect(check.numbers["complaints"] == 1)
        #expect(check.values["reviewed"] == .string("2026-11-20"))
        #expect(check.values["late"] == .number(10))
    }

    @Test("wrong values get messages beside their fields and are kept as typed")
    func wrongValues() throws {
        let check = try Self.form.check([
            "received": .string("abc"), "resolved": .number(10.5), "on_time": .number(-1), "complaints": .string("maybe"),
            "security": .string("Khác"), "reviewed": .string("31/02/2026"),
        ], forSubmit: true)
        let keys = Dictionary(grouping: check.issues, by: \.key)
        #expect(keys["received"]?.first?.message == "“Hồ sơ tiếp nhận” phải là một số.")
        #expect(keys["resolved"]?.first?.message.contains("số nguyên") == true)
        #expect(keys["on_time"]?.first?.message == "“Giải quyết đúng hạn” không được nhỏ hơn 0 hồ sơ.")
        #expect(keys["complaints"] != nil)
        #expect(keys["security"] != nil)
        #expect(keys["reviewed"] != nil)
        #expect(check.values["received"] == .string("abc"))
    }

    @Test("required fields are checked on submit only; a broken rule is reported beside its first field")
    func requiredAndRules() throws {
        let draft = try Self.form.check(["on_time": .number(12), "resolved": .number(10)], forSubmit: false)
        #expect(draft.issues.map(\.key) == ["resolved"])
        #expect(draft.issues.first?.message == "Số hồ sơ giải quyết đúng hạn không được lớn hơn tổng số hồ sơ đã giải quyết.")
        let submit = try Self.form.check(["on_time": .number(12), "resolved": .number(10)], forSubmit: true)
        #expect(submit.issues.contains { $0.key == "received" && $0.message.contains("bắt buộc") })
    }

    @Test("unknown keys are refused; computed values sent by a client are ignored")
    func unknownAndComputed() throws {
        #expect(throws: HaiCapError.self) { try Self.form.check(["nope": .number(1)], forSubmit: false) }
        let check = try Self.form.check(["resolved": .number(0), "on_time": .number(0)], forSubmit: false)
        #expect(check.numbers["on_time_rate"] == nil) // division by zero leaves the rate empty
        #expect(check.numbers["late"] == 0)
    }

    @Test("percent defaults to 0–100")
    func percentBounds() throws {
        let form = ReportFormDefinition(name: "p", indicators: [Indicator(key: "share", label: "Tỷ lệ", type: .percent)])
        #expect(try form.check(["share": .number(101)], forSubmit: false).issues.count == 1)
        #expect(try form.check(["share": .number(100)], forSubmit: false).issues.isEmpty)
    }

    static let allowed: [(ReportStatus, ReportAction, ReportStatus)] = [
        (.notStarted, .save, .draft), (.draft, .save, .draft), (.returned, .save, .draft),
        (.draft, .submit, .submitted), (.returned, .submit, .submitted),
        (.submitted, .return, .returned), (.submitted, .accept, .accepted), (.accepted, .reopen, .returned),
    ]

    @Test("every transition: allowed ones lead where they should, the rest are refused with 409")
    func workflow() {
        for status in ReportStatus.allCases {
            for action in ReportAction.allCases {
                if let expected = Self.allowed.first(where: { $0.0 == status && $0.1 == action })?.2 {
                    #expect((try? ReportWorkflow.next(from: status, action: action)) == expected, "\(status) \(action)")
                } else {
                    do {
                        _ = try ReportWorkflow.next(from: status, action: action)
                        Issue.record("\(status) + \(action) should be refused")
                    } catch {
                        guard case .conflict(let message) = error else { Issue.record("expected conflict"); continue }
                        #expect(!message.isEmpty)
                    }
                }
            }
        }
    }

    @Test("status counts submitted, on time, late and missing")
    func status() {
        let summary = PeriodStatusSummary(
            expectedUnits: ["3", "1", "2", "4", "5"],
            reports: ["1": (.submitted, false), "2": (.accepted, true), "3": (.draft, false), "4": (.returned, false)])
        #expect(summary.expected == 5)
        #expect(summary.submitted == 2)
        #expect(summary.onTime == 1)
        #expect(summary.late == 1)
        #expect(summary.accepted == 1)
        #expect(summary.returned == 1)
        #expect(summary.missing == ["3", "4", "5"])
        #expect(summary.completeness == 0.4)
        #expect(summary.timeliness == 0.5)
    }

    @Test("the narrative is written from the numbers and every number is traceable")
    func narrative() throws {
        let status = PeriodStatusSummary(expected: 102, submitted: 98, onTime: 90, late: 8, accepted: 0, returned: 0, missing: ["1", "2", "3", "4"])
        let aggregates = Self.form.aggregates(
            current: ["received": IndicatorFigures(sum: 12_345, avg: 126, min: 3, max: 900, count: 98),
                      "on_time_rate": IndicatorFigures(sum: 8_800, avg: 89.8, min: 40, max: 100, count: 98)],
            previous: ["received": IndicatorFigures(sum: 10_991, avg: 110, min: 2, max: 800, count: 100),
                       "on_time_rate": IndicatorFigures(sum: 8_800, avg: 89.8, min: 40, max: 100, count: 98)])
        let n = ReportNarrative.draft(
            periodLabel: "Tháng 11/2026", from: CalendarDay(iso: "2026-10-15")!, to: CalendarDay(iso: "2026-11-14")!,
            deadline: CalendarDay(iso: "2026-11-18")!, status: status, aggregates: aggregates,
            unitNames: ["1": "Phường Ea Kao", "2": "Xã Hòa Phú", "3": "Xã Ea Tu", "4": "Xã Cư Êbur"])
        #expect(n.text.hasPrefix("Trong kỳ Tháng 11/2026 (số liệu từ ngày 15/10/2026 đến ngày 14/11/2026), 98/102 đơn vị cấp xã đã gửi báo cáo (96,1%); 4 đơn vị chưa gửi: Phường Ea Kao, Xã Hòa Phú, Xã Ea Tu, Xã Cư Êbur."))
        #expect(n.text.contains("Có 90 báo cáo gửi đúng hạn (91,8% số đã gửi) và 8 báo cáo gửi trễ hạn (hạn gửi ngày 18/11/2026)."))
        #expect(n.text.contains("- Hồ sơ tiếp nhận: tổng 12.345 hồ sơ (đơn vị thấp nhất 3, cao nhất 900), tăng 12,3% so với kỳ trước (10.991 hồ sơ)."))
        #expect(n.text.contains("- Tỷ lệ đúng hạn: bình quân 89,8%, thấp nhất 40%, cao nhất 100%, không đổi so với kỳ trước."))
        // Every number in the text is listed with its source, and the sources exist.
        #expect(n.facts.contains { $0.source == "aggregate.received.sum" && $0.value == 12_345 && $0.text == "12.345" })
        #expect(n.facts.contains { $0.source == "aggregate.received.change" && abs($0.value - 0.1232) < 0.001 })
        #expect(n.facts.contains { $0.source == "status.completeness" && $0.text == "96,1%" })
        for fact in n.facts { #expect(n.text.contains(fact.text), "\(fact.text) not in text") }
    }
}
