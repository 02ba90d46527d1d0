import Foundation
import HaiCapCore
import SQLKit

/// Synthetic reporting data for `haicap bench reporting` and its tests: a form of N numeric indicators
/// (integers, decimals, percentages, two formulas and a rule), a regime over an explicit list of units
/// (any units, so national scale too: it does not go through `ReportingService.createRegime`'s province
/// check), monthly periods, and submitted reports with deterministic pseudo-random values, written in
/// batched transactions with multi-row inserts.
public struct ReportingBenchFixture: Sendable {
    /// What `build` created.
    public struct Dataset: Sendable {
        public var formID: Int64
        public var regimeID: Int64
        public var definition: ReportFormDefinition
        /// The period measured, and the one before it (for "change vs previous").
        public var periodID: Int64
        public var previousPeriodID: Int64
        public var unitCodes: [String]
        /// Reports and `report_values` rows written, both periods together.
        public var reports: Int
        public var values: Int
        /// SUM per indicator of the measured period, computed in Swift while writing (for checks).
        public var expectedSums: [String: Double]
    }

    public let database: Database
    /// The name written as author of forms, reports and versions.
    public let actor = "bench"
    public let seed: UInt64
    /// Rows per multi-row INSERT into `report_values`.
    public var rowsPerInsert = 500
    /// Units whose reports go in one transaction.
    public var unitsPerTransaction = 250
    let now: @Sendable () -> Date

    public init(database: Database, seed: UInt64 = 2026_11_27, now: @escaping @Sendable () -> Date = Date.init) {
        self.database = database
        self.seed = seed
        self.now = now
    }

    var repository: ReportingRepository { ReportingRepository(db: database.sql) }

    // MARK: Units

    /// Every commune-level unit in the country (3,321 with the bundled data), by code.
    public func nationalUnitCodes() async throws -> [String] {
        try await database.sql.select().column("code").from("units").orderBy("code").all()
            .map { try $0.decode(column: "code", as: String.self) }
    }

    /// The commune-level units of one province, by code.
    public func provinceUnitCodes(_ province: String) async throws -> [String] {
        try await database.sql.select().column("code").from("units").where("province_code", .equal, province).orderBy("code").all()
            .map { try $0.decode(column: "code", as: String.self) }
    }

    // MARK: Form and values

    /// Key of the `index`-th entered indicator ("ct001", …).
    static func key(_ index: Int) -> String { String(format: "ct%03d", index + 1) }

    /// A form of `indicators` numeric indicators (at least 4): the last two are computed ("ct_tong", "ct_ty_le"),
    /// and a rule says ct002 ≤ ct001. Every tenth entered indicator is a percentage, two in ten are decimals.
    public static func form(indicators: Int, name: String = "Biểu mẫu thử tải") -> ReportFormDefinition {
        let entered = max(2, indicators - 2)
        var items: [Indicator] = []
        for i in 0..<entered {
            let section = "Phần \(i / 10 + 1)"
            let key = key(i)
            switch i < 2 ? 0 : i % 10 {
            case 7, 8:
                items.append(Indicator(key: key, label: "Chỉ tiêu thập phân \(i + 1)", type: .decimal, unit: "triệu đồng", section: section, required: true, min: 0))
            case 9:
                items.append(Indicator(key: key, label: "Tỷ lệ \(i + 1)", type: .percent, unit: "%", section: section, required: true))
            default:
                items.append(Indicator(key: key, label: "Chỉ tiêu số nguyên \(i + 1)", type: .integer, unit: "hồ sơ", section: section, required: true, min: 0))
            }
        }
        items.append(Indicator(key: "ct_tong", label: "Tổng chỉ tiêu 1 và 2", type: .integer, unit: "hồ sơ", section: "Tổng hợp", formula: "ct001 + ct002"))
        items.append(Indicator(key: "ct_ty_le", label: "Tỷ lệ chỉ tiêu 2 trên chỉ tiêu 1", type: .percent, unit: "%", section: "Tổng hợp", formula: "round(ct002 / ct001 * 100, 1)"))
        return ReportFormDefinition(
            name: name, description: "Dữ liệu tổng hợp giả lập để đo hiệu năng; không phải số liệu thật.",
            indicators: items,
            rules: [FormRule(expression: "ct002 <= ct001", message: "Chỉ tiêu 2 không được lớn hơn chỉ tiêu 1.")],
            outline: [OutlineItem(title: "Kết quả nổi bật"), OutlineItem(title: "Kiến nghị, đề xuất")])
    }

    /// The entered values of the `unit`-th unit in round `round` (a period): deterministic and always valid for submission.
    public static func values(for form: ReportFormDefinition, unit: Int, round: Int, seed: UInt64) -> [String: JSONValue] {
        var out: [String: JSONValue] = [:]
        var first = 0.0
        for (i, item) in form.indicators.enumerated() where !item.isComputed {
            let r = fraction(seed, UInt64(round), UInt64(unit), UInt64(i))
            let value: Double
            switch item.type {
            case .decimal: value = (r * 100_000).rounded() / 100
            case .percent: value = (r * 1_000).rounded() / 10
            default:
                if i == 0 {
                    value = 100 + (r * 4_900).rounded()
                    first = value
                } else if i == 1 {
                    value = (first * r).rounded(.down)
                } else {
                    value = (r * 5_000).rounded()
                }
            }
            out[item.key] = .number(value)
        }
        return out
    }

    /// A number in [0, 1) from SplitMix64 over the inputs.
    static func fraction(_ parts: UInt64...) -> Double {
        var x: UInt64 = 0x9E37_79B9_7F4A_7C15
        for part in parts {
            x = (x ^ part) &+ 0x9E37_79B9_7F4A_7C15
            x = (x ^ (x >> 30)) &* 0xBF58_476D_1CE4_E5B9
            x = (x ^ (x >> 27)) &* 0x94D0_49BB_1331_11EB
            x ^= x >> 31
        }
        return Double(x >> 11) / Double(1 << 53)
    }

    // MARK: Building blocks

    /// Stores the form (version 1).
    public func createForm(_ definition: ReportFormDefinition) async throws -> Int64 {
        try definition.validate()
        let at = now()
        let actor = actor
        return try await database.transaction { db in
            try await ReportingRepository(db: db).insertForm(definition, by: actor, now: at)
        }
    }

    /// An ad hoc regime (no periods generated by the scheduler) over exactly these units.
    public func createRegime(name: String, formID: Int64, units: [String]) async throws -> Int64 {
        let regime = ReportRegime(
            id: 0, name: name, formID: formID, frequency: .adHoc, deadlineWorkingDays: 5, units: .list(units),
            createdAt: now(), createdBy: actor)
        return try await repository.insertRegime(regime)
    }

    /// `count` monthly periods ending with the month of `last` (oldest first), created if missing; returns their ids.
    public func createPeriods(regimeID: Int64, count: Int, last: CalendarDay = CalendarDay(year: 2026, month: 10, day: 1)!) async throws -> [ReportingPeriod] {
        let at = now()
        var windows: [(key: String, label: String, from: CalendarDay, to: CalendarDay, deadline: CalendarDay)] = []
        var year = last.year, month = last.month
        for _ in 0..<count {
            let from = CalendarDay(year: year, month: month, day: 1)!
            let to = CalendarDay(year: year, month: month, day: CalendarDay.daysIn(month: month, year: year))!
            windows.insert((String(format: "T-%04d-%02d", year, month), "Tháng \(month)/\(year) (thử tải)", from, to, to.adding(days: 7)), at: 0)
            month -= 1
            if month == 0 { month = 12; year -= 1 }
        }
        let planned = windows
        try await database.transaction { db in
            let repository = ReportingRepository(db: db)
            for w in planned {
                try await repository.insertPeriodIfMissing(regimeID: regimeID, key: w.key, label: w.label, from: w.from, to: w.to, deadline: w.deadline, now: at)
            }
        }
        let byKey = Dictionary(try await repository.periods(regimeID: regimeID).map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
        return try windows.map { w in
            guard let period = byKey[w.key] else { throw HaiCapError.conflict("Không tạo được kỳ báo cáo \(w.key).") }
            return period
        }
    }

    /// Writes a submitted report (row, one kept version, aggregation values) for every unit in a period;
    /// `round` picks the pseudo-random values. Returns the `report_values` rows written and the sums per indicator.
    @discardableResult
    public func submitReports(
        periodID: Int64, formVersion: Int = 1, units: [String], definition: ReportFormDefinition, round: Int,
        progress: @Sendable (_ done: Int, _ total: Int) -> Void = { _, _ in }
    ) async throws -> (values: Int, sums: [String: Double]) {
        let at = now()
        let actor = actor
        let rowsPerInsert = max(1, rowsPerInsert)
        var written = 0
        var sums: [String: Double] = [:]
        var start = 0
        while start < units.count {
            let chunk = Array(units[start..<min(units.count, start + max(1, unitsPerTransaction))])
            // Values are checked with the form, as a real submission is: computed indicators included.
            var reports: [(UnitReport, [(String, Double)])] = []
            for (offset, code) in chunk.enumerated() {
                let check = try definition.check(Self.values(for: definition, unit: start + offset, round: round, seed: seed), forSubmit: true)
                guard check.isValid else {
                    throw HaiCapError.conflict("Dữ liệu thử tải không hợp lệ: \(check.issues.map(\.message).joined(separator: "; "))")
                }
                let numbers = check.numbers.filter { $0.value.isFinite }.sorted { $0.key < $1.key }
                for (key, value) in numbers { sums[key, default: 0] += value }
                reports.append((UnitReport(
                    id: 0, periodID: periodID, unitCode: code, formVersion: formVersion, status: .submitted, values: check.values,
                    narrative: [:], firstSubmittedAt: at, submittedAt: at, late: false, comment: nil, updatedAt: at, updatedBy: actor), numbers))
            }
            let batch = reports
            written += try await database.transaction { db in
                let repository = ReportingRepository(db: db)
                var versions: [(Int64, UnitReport)] = []
                for (report, _) in batch {
                    versions.append((try await repository.insertReport(report), report))
                }
                var insert = db.insert(into: "report_versions")
                    .columns("report_id", "sequence", "action", "status", "values_json", "narrative_json", "comment", "actor", "at")
                for (id, r) in versions {
                    insert = insert.values(
                        SQLBind(id), SQLBind(1), SQLBind(ReportAction.submit.rawValue), SQLBind(r.status.rawValue),
                        SQLBind(try ReportingRepository.json(r.values)), SQLBind(try ReportingRepository.json(r.narrative)),
                        SQLBind(r.comment), SQLBind(r.updatedBy), SQLBind(ReportingRepository.stamp(r.updatedAt)))
                }
                try await insert.run()
                let rows = batch.flatMap { report, numbers in numbers.map { (report.unitCode, $0.0, $0.1) } }
                var index = 0
                while index < rows.count {
                    var values = db.insert(into: "report_values").columns("period_id", "unit_code", "indicator", "value")
                    for (code, key, value) in rows[index..<min(rows.count, index + rowsPerInsert)] {
                        values = values.values(SQLBind(periodID), SQLBind(code), SQLBind(key), SQLBind(value))
                    }
                    try await values.run()
                    index += rowsPerInsert
                }
                return rows.count
            }
            start += chunk.count
            progress(start, units.count)
        }
        return (written, sums)
    }

    // MARK: Whole dataset

    /// A form of `indicators` indicators, a regime over `units`, two periods (October 2026 and the month before)
    /// and a submitted report from every unit in both.
    public func build(
        name: String, units: [String], indicators: Int, progress: @Sendable (String) -> Void = { _ in }
    ) async throws -> Dataset {
        guard indicators >= 4 else { throw HaiCapError.badRequest("Cần ít nhất 4 chỉ tiêu (2 nhập, 2 công thức).") }
        guard !units.isEmpty else { throw HaiCapError.badRequest("Cần ít nhất một đơn vị.") }
        let definition = Self.form(indicators: indicators, name: "\(name) — \(indicators) chỉ tiêu")
        let formID = try await createForm(definition)
        let regimeID = try await createRegime(name: name, formID: formID, units: units)
        let periods = try await createPeriods(regimeID: regimeID, count: 2)
        var values = 0
        var sums: [String: Double] = [:]
        for (round, period) in periods.enumerated() {
            let (written, periodSums) = try await submitReports(periodID: period.id, units: units, definition: definition, round: round) { done, total in
                progress("\(period.label): \(done)/\(total) báo cáo")
            }
            values += written
            sums = periodSums
        }
        return Dataset(
            formID: formID, regimeID: regimeID, definition: definition, periodID: periods[1].id, previousPeriodID: periods[0].id,
            unitCodes: units, reports: units.count * 2, values: values, expectedSums: sums)
    }
}
