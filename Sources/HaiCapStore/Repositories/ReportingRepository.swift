import Foundation
import HaiCapCore
import SQLKit

/// Rows of the reporting tables; the rules live in `ReportingService` and HaiCapCore.
public struct ReportingRepository: Sendable {
    let db: any SQLDatabase

    public init(db: any SQLDatabase) {
        self.db = db
    }

    // MARK: Forms

    /// A stored form version.
    public struct FormVersion: Sendable, Equatable {
        public var formID: Int64
        public var version: Int
        public var currentVersion: Int
        public var definition: ReportFormDefinition
        public var createdAt: Date
        public var createdBy: String
    }

    /// A form in a list: its latest version's name.
    public struct FormSummary: Sendable, Equatable, Encodable {
        public var id: Int64
        public var name: String
        public var version: Int
        public var example: Bool
        public var updatedAt: Date
    }

    func insertForm(_ definition: ReportFormDefinition, by actor: String, now: Date) async throws -> Int64 {
        let stamp = Int64(now.timeIntervalSince1970)
        let row = try await db.insert(into: "report_forms")
            .columns("name", "current_version", "example", "created_at", "updated_at")
            .values(SQLBind(definition.name), SQLBind(1), SQLBind(definition.example), SQLBind(stamp), SQLBind(stamp))
            .returning("id").first()
        guard let id = try row?.decode(column: "id", as: Int64.self) else { throw HaiCapError.conflict("Không tạo được biểu mẫu.") }
        try await insertVersion(formID: id, version: 1, definition: definition, by: actor, now: now)
        return id
    }

    func insertVersion(formID: Int64, version: Int, definition: ReportFormDefinition, by actor: String, now: Date) async throws {
        try await db.insert(into: "report_form_versions")
            .columns("form_id", "version", "definition_json", "created_at", "created_by")
            .values(SQLBind(formID), SQLBind(version), SQLBind(try Self.json(definition)), SQLBind(Int64(now.timeIntervalSince1970)), SQLBind(actor))
            .run()
        try await db.update("report_forms")
            .set("name", to: SQLBind(definition.name)).set("current_version", to: SQLBind(version))
            .set("updated_at", to: SQLBind(Int64(now.timeIntervalSince1970)))
            .where("id", .equal, formID).run()
    }

    /// A form's version (the latest when `version` is nil).
    public func form(id: Int64, version: Int? = nil) async throws -> FormVersion? {
        // One query: the version row with the form's current version beside it.
        let wanted: any SQLExpression = version.map { SQLBind($0) } ?? SQLColumn("current_version", table: "f")
        guard let row = try await db.select()
            .columns(SQLColumn("version", table: "v"), SQLColumn("definition_json", table: "v"), SQLColumn("created_at", table: "v"),
                     SQLColumn("created_by", table: "v"), SQLColumn("current_version", table: "f"))
            .from(SQLAlias(SQLIdentifier("report_form_versions"), as: SQLIdentifier("v")))
            .join(SQLAlias(SQLIdentifier("report_forms"), as: SQLIdentifier("f")), on: SQLColumn("id", table: "f"), .equal, SQLColumn("form_id", table: "v"))
            .where(SQLColumn("form_id", table: "v"), .equal, SQLBind(id))
            .where(SQLColumn("version", table: "v"), .equal, wanted)
            .first()
        else { return nil }
        return FormVersion(
            formID: id, version: try row.decode(column: "version", as: Int.self), currentVersion: try row.decode(column: "current_version", as: Int.self),
            definition: try FormDefinitionCache.shared.definition(try row.decode(column: "definition_json", as: String.self)),
            createdAt: Self.date(try row.decode(column: "created_at", as: Int64.self)),
            createdBy: try row.decode(column: "created_by", as: String.self))
    }

    /// A form's current version number; nil when there is no such form.
    func currentVersion(formID: Int64) async throws -> Int? {
        try await db.select().column("current_version").from("report_forms").where("id", .equal, formID).first()?
            .decode(column: "current_version", as: Int.self)
    }

    public func forms() async throws -> [FormSummary] {
        try await db.select().column("*").from("report_forms").orderBy("id").all().map {
            FormSummary(
                id: try $0.decode(column: "id", as: Int64.self), name: try $0.decode(column: "name", as: String.self),
                version: try $0.decode(column: "current_version", as: Int.self), example: try $0.decode(column: "example", as: Bool.self),
                updatedAt: Self.date(try $0.decode(column: "updated_at", as: Int64.self)))
        }
    }

    public func formCount() async throws -> Int {
        try await db.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("report_forms").first()?.decode(column: "n", as: Int.self) ?? 0
    }

    // MARK: Regimes

    func insertRegime(_ regime: ReportRegime) async throws -> Int64 {
        let row = try await db.insert(into: "report_regimes")
            .columns("name", "form_id", "frequency", "deadline_working_days", "units_json", "active", "example", "created_at", "created_by")
            .values(
                SQLBind(regime.name), SQLBind(regime.formID), SQLBind(regime.frequency.rawValue), SQLBind(regime.deadlineWorkingDays),
                SQLBind(try Self.json(regime.units)), SQLBind(regime.active), SQLBind(regime.example),
                SQLBind(Int64(regime.createdAt.timeIntervalSince1970)), SQLBind(regime.createdBy))
            .returning("id").first()
        guard let id = try row?.decode(column: "id", as: Int64.self) else { throw HaiCapError.conflict("Không tạo được chế độ báo cáo.") }
        return id
    }

    public func regime(id: Int64) async throws -> ReportRegime? {
        try await db.select().column("*").from("report_regimes").where("id", .equal, id).first().map(Self.regime)
    }

    public func regimes() async throws -> [ReportRegime] {
        try await db.select().column("*").from("report_regimes").orderBy("id").all().map(Self.regime)
    }

    static func regime(_ row: any SQLRow) throws -> ReportRegime {
        ReportRegime(
            id: try row.decode(column: "id", as: Int64.self), name: try row.decode(column: "name", as: String.self),
            formID: try row.decode(column: "form_id", as: Int64.self),
            frequency: ReportFrequency(rawValue: try row.decode(column: "frequency", as: String.self)) ?? .adHoc,
            deadlineWorkingDays: try row.decode(column: "deadline_working_days", as: Int.self),
            units: try decode(AssignedUnits.self, try row.decode(column: "units_json", as: String.self)),
            active: try row.decode(column: "active", as: Bool.self), example: try row.decode(column: "example", as: Bool.self),
            createdAt: date(try row.decode(column: "created_at", as: Int64.self)),
            createdBy: try row.decode(column: "created_by", as: String.self))
    }

    // MARK: Periods

    /// Inserts the period unless the regime already has one with its key.
    func insertPeriodIfMissing(regimeID: Int64, key: String, label: String, from: CalendarDay, to: CalendarDay, deadline: CalendarDay, now: Date) async throws {
        let exists = try await db.select().column("id").from("report_periods")
            .where("regime_id", .equal, regimeID).where("period_key", .equal, key).first()
        guard exists == nil else { return }
        try await db.insert(into: "report_periods")
            .columns("regime_id", "period_key", "label", "from_day", "to_day", "deadline", "created_at")
            .values(SQLBind(regimeID), SQLBind(key), SQLBind(label), SQLBind(from.description), SQLBind(to.description),
                    SQLBind(deadline.description), SQLBind(Int64(now.timeIntervalSince1970)))
            .run()
    }

    public func period(id: Int64) async throws -> ReportingPeriod? {
        try await db.select().column("*").from("report_periods").where("id", .equal, id).first().map(Self.period)
    }

    /// Periods of a regime, newest window first.
    public func periods(regimeID: Int64) async throws -> [ReportingPeriod] {
        try await db.select().column("*").from("report_periods").where("regime_id", .equal, regimeID)
            .orderBy("to_day", .descending).orderBy("id", .descending).all().map(Self.period)
    }

    /// Periods whose deadline falls in [from, through], across regimes.
    public func periods(deadlineFrom from: CalendarDay, through: CalendarDay) async throws -> [ReportingPeriod] {
        try await db.select().column("*").from("report_periods")
            .where("deadline", .greaterThanOrEqual, from.description).where("deadline", .lessThanOrEqual, through.description)
            .orderBy("deadline").all().map(Self.period)
    }

    /// The period of the same regime just before this one.
    public func previousPeriod(of period: ReportingPeriod) async throws -> ReportingPeriod? {
        try await db.select().column("*").from("report_periods").where("regime_id", .equal, period.regimeID)
            .where("to_day", .lessThan, period.to.description).orderBy("to_day", .descending).limit(1).first().map(Self.period)
    }

    static func period(_ row: any SQLRow) throws -> ReportingPeriod {
        func day(_ column: String) throws -> CalendarDay {
            let text = try row.decode(column: column, as: String.self)
            guard let day = CalendarDay(iso: text) else { throw HaiCapError.conflict("Ngày không hợp lệ trong cơ sở dữ liệu: \(text)") }
            return day
        }
        return ReportingPeriod(
            id: try row.decode(column: "id", as: Int64.self), regimeID: try row.decode(column: "regime_id", as: Int64.self),
            key: try row.decode(column: "period_key", as: String.self), label: try row.decode(column: "label", as: String.self),
            from: try day("from_day"), to: try day("to_day"), deadline: try day("deadline"))
    }

    // MARK: Reports

    /// A unit's report in a period; `forUpdate` locks the row until the transaction ends (PostgreSQL; SQLite's
    /// transactions are serialised anyway).
    public func report(periodID: Int64, unitCode: String, forUpdate: Bool = false) async throws -> UnitReport? {
        let query = db.select().column("*").from("reports").where("period_id", .equal, periodID).where("unit_code", .equal, unitCode)
        if forUpdate { query.for(.update) }
        return try await query.first().map(Self.report)
    }

    /// Every report of a period, by unit code.
    public func reports(periodID: Int64) async throws -> [UnitReport] {
        try await db.select().column("*").from("reports").where("period_id", .equal, periodID).orderBy("unit_code").all().map(Self.report)
    }

    /// What a list of a period's reports shows: no values, no narrative.
    public struct ReportHeader: Sendable, Equatable {
        public var unitCode: String
        public var status: ReportStatus
        public var late: Bool
        public var firstSubmittedAt: Date?
        public var submittedAt: Date?
    }

    /// Every report of a period without its values and narrative (the province's period page: 102 rows instead of
    /// 102 decoded JSON objects of 100 values).
    public func reportHeaders(periodID: Int64) async throws -> [ReportHeader] {
        try await db.select().columns("unit_code", "status", "late", "first_submitted_at", "submitted_at").from("reports")
            .where("period_id", .equal, periodID).orderBy("unit_code").all().map { row in
                ReportHeader(
                    unitCode: try row.decode(column: "unit_code", as: String.self),
                    status: ReportStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .draft,
                    late: try row.decode(column: "late", as: Bool.self),
                    firstSubmittedAt: try row.decode(column: "first_submitted_at", as: Int64?.self).map(Self.date),
                    submittedAt: try row.decode(column: "submitted_at", as: Int64?.self).map(Self.date))
            }
    }

    /// Status and lateness of every report of a period, without the values (for status pages).
    public func statuses(periodID: Int64) async throws -> [String: (status: ReportStatus, late: Bool)] {
        var out: [String: (status: ReportStatus, late: Bool)] = [:]
        for row in try await db.select().columns("unit_code", "status", "late").from("reports").where("period_id", .equal, periodID).all() {
            out[try row.decode(column: "unit_code", as: String.self)] = (
                ReportStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .draft,
                try row.decode(column: "late", as: Bool.self))
        }
        return out
    }

    /// One unit's reports across the periods of a regime, oldest first.
    public func history(regimeID: Int64, unitCode: String) async throws -> [(ReportingPeriod, UnitReport?)] {
        let periods = try await periods(regimeID: regimeID).reversed()
        let ids = periods.map(\.id)
        guard !ids.isEmpty else { return [] }
        let rows = try await db.select().column("*").from("reports").where("unit_code", .equal, unitCode)
            .where("period_id", .in, ids).all().map(Self.report)
        let byPeriod = Dictionary(rows.map { ($0.periodID, $0) }, uniquingKeysWith: { a, _ in a })
        return periods.map { ($0, byPeriod[$0.id]) }
    }

    /// A report's values and narrative as stored, encoded once for the row and its kept version.
    struct EncodedReport: Sendable {
        var values: String
        var narrative: String

        init(_ report: UnitReport) throws {
            values = try ReportingRepository.valuesJSON(report.values)
            narrative = ReportingRepository.narrativeJSON(report.narrative)
        }
    }

    func insertReport(_ r: UnitReport, encoded: EncodedReport? = nil) async throws -> Int64 {
        let encoded = try encoded ?? EncodedReport(r)
        let row = try await db.insert(into: "reports")
            .columns("period_id", "unit_code", "form_version", "status", "values_json", "narrative_json", "first_submitted_at", "submitted_at", "late", "comment", "updated_at", "updated_by")
            .values(
                SQLBind(r.periodID), SQLBind(r.unitCode), SQLBind(r.formVersion), SQLBind(r.status.rawValue),
                SQLBind(encoded.values), SQLBind(encoded.narrative),
                SQLBind(r.firstSubmittedAt.map(Self.stamp)), SQLBind(r.submittedAt.map(Self.stamp)), SQLBind(r.late),
                SQLBind(r.comment), SQLBind(Self.stamp(r.updatedAt)), SQLBind(r.updatedBy))
            .returning("id").first()
        guard let id = try row?.decode(column: "id", as: Int64.self) else { throw HaiCapError.conflict("Không lưu được báo cáo.") }
        return id
    }

    func updateReport(_ r: UnitReport, encoded: EncodedReport? = nil) async throws {
        let encoded = try encoded ?? EncodedReport(r)
        try await db.update("reports")
            .set("form_version", to: SQLBind(r.formVersion)).set("status", to: SQLBind(r.status.rawValue))
            .set("values_json", to: SQLBind(encoded.values)).set("narrative_json", to: SQLBind(encoded.narrative))
            .set("first_submitted_at", to: SQLBind(r.firstSubmittedAt.map(Self.stamp)))
            .set("submitted_at", to: SQLBind(r.submittedAt.map(Self.stamp))).set("late", to: SQLBind(r.late))
            .set("comment", to: SQLBind(r.comment)).set("updated_at", to: SQLBind(Self.stamp(r.updatedAt)))
            .set("updated_by", to: SQLBind(r.updatedBy))
            .where("id", .equal, r.id).run()
    }

    /// Keeps a version of the report, numbered in the same statement (the report row is already written in this
    /// transaction, so on PostgreSQL its lock orders two steps on one report).
    func insertVersion(reportID: Int64, action: ReportAction, report r: UnitReport, encoded: EncodedReport? = nil) async throws {
        let encoded = try encoded ?? EncodedReport(r)
        try await db.raw("""
            INSERT INTO report_versions (report_id, sequence, action, status, values_json, narrative_json, comment, actor, at)
            SELECT \(bind: reportID), COALESCE(MAX(sequence), 0) + 1, \(bind: action.rawValue), \(bind: r.status.rawValue),
                   \(bind: encoded.values), \(bind: encoded.narrative), \(bind: r.comment),
                   \(bind: r.updatedBy), \(bind: Self.stamp(r.updatedAt))
            FROM report_versions WHERE report_id = \(bind: reportID)
            """).run()
    }

    /// Every kept version of a report, oldest first.
    public func versions(reportID: Int64) async throws -> [ReportVersion] {
        try await db.select().column("*").from("report_versions").where("report_id", .equal, reportID).orderBy("sequence").all().map {
            ReportVersion(
                sequence: try $0.decode(column: "sequence", as: Int.self),
                action: ReportAction(rawValue: try $0.decode(column: "action", as: String.self)) ?? .save,
                status: ReportStatus(rawValue: try $0.decode(column: "status", as: String.self)) ?? .draft,
                values: try Self.values(try $0.decode(column: "values_json", as: String.self)),
                narrative: try Self.narrative(try $0.decode(column: "narrative_json", as: String.self)),
                comment: try $0.decode(column: "comment", as: String?.self), actor: try $0.decode(column: "actor", as: String.self),
                at: Self.date(try $0.decode(column: "at", as: Int64.self)))
        }
    }

    static func report(_ row: any SQLRow) throws -> UnitReport {
        UnitReport(
            id: try row.decode(column: "id", as: Int64.self), periodID: try row.decode(column: "period_id", as: Int64.self),
            unitCode: try row.decode(column: "unit_code", as: String.self), formVersion: try row.decode(column: "form_version", as: Int.self),
            status: ReportStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .draft,
            values: try values(try row.decode(column: "values_json", as: String.self)),
            narrative: try narrative(try row.decode(column: "narrative_json", as: String.self)),
            firstSubmittedAt: try row.decode(column: "first_submitted_at", as: Int64?.self).map(date),
            submittedAt: try row.decode(column: "submitted_at", as: Int64?.self).map(date),
            late: try row.decode(column: "late", as: Bool.self), comment: try row.decode(column: "comment", as: String?.self),
            updatedAt: date(try row.decode(column: "updated_at", as: Int64.self)), updatedBy: try row.decode(column: "updated_by", as: String.self))
    }

    // MARK: Values for aggregation

    /// Replaces a unit's numeric values in a period (an empty dictionary removes them).
    func replaceValues(periodID: Int64, unitCode: String, numbers: [String: Double]) async throws {
        try await db.delete(from: "report_values").where("period_id", .equal, periodID).where("unit_code", .equal, unitCode).run()
        let finite = numbers.filter { $0.value.isFinite }
        guard !finite.isEmpty, let json = JSONText.encode(finite.mapValues(JSONValue.number)) else { return }
        // One short statement with the values as one JSON text, which the database unpacks: the same text every
        // time (prepared once), instead of a hundred rows of binds built and serialized per submission.
        if db.dialect.name == "postgresql" {
            try await db.raw("""
                INSERT INTO report_values (period_id, unit_code, indicator, value)
                SELECT \(bind: periodID), \(bind: unitCode), key, value::double precision FROM json_each_text(\(bind: json)::json)
                """).run()
        } else {
            try await db.raw("""
                INSERT INTO report_values (period_id, unit_code, indicator, value)
                SELECT \(bind: periodID), \(bind: unitCode), key, value FROM json_each(\(bind: json))
                """).run()
        }
    }

    /// SUM, AVG, MIN, MAX and COUNT per indicator over the reports with the province.
    public func figures(periodID: Int64) async throws -> [String: IndicatorFigures] {
        let rows = try await db.select()
            .column("indicator")
            .column(SQLFunction("SUM", args: SQLColumn("value")), as: "s")
            .column(SQLFunction("AVG", args: SQLColumn("value")), as: "a")
            .column(SQLFunction("MIN", args: SQLColumn("value")), as: "lo")
            .column(SQLFunction("MAX", args: SQLColumn("value")), as: "hi")
            .column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
            .from("report_values").where("period_id", .equal, periodID).groupBy("indicator").all()
        var out: [String: IndicatorFigures] = [:]
        for row in rows {
            out[try row.decode(column: "indicator", as: String.self)] = IndicatorFigures(
                sum: try row.decode(column: "s", as: Double.self), avg: try row.decode(column: "a", as: Double.self),
                min: try row.decode(column: "lo", as: Double.self), max: try row.decode(column: "hi", as: Double.self),
                count: try row.decode(column: "n", as: Int.self))
        }
        return out
    }

    /// One indicator's value per unit in a period (a chart of one indicator): unit code → value.
    public func values(periodID: Int64, indicator: String) async throws -> [String: Double] {
        var out: [String: Double] = [:]
        for row in try await db.select().columns("unit_code", "value").from("report_values")
            .where("period_id", .equal, periodID).where("indicator", .equal, indicator).all() {
            out[try row.decode(column: "unit_code", as: String.self)] = try row.decode(column: "value", as: Double.self)
        }
        return out
    }

    /// Every unit's numeric values in a period: unit code → indicator → value.
    public func values(periodID: Int64) async throws -> [String: [String: Double]] {
        var out: [String: [String: Double]] = [:]
        for row in try await db.select().columns("unit_code", "indicator", "value").from("report_values").where("period_id", .equal, periodID).all() {
            out[try row.decode(column: "unit_code", as: String.self), default: [:]][try row.decode(column: "indicator", as: String.self)] =
                try row.decode(column: "value", as: Double.self)
        }
        return out
    }

    // MARK: Narratives

    public struct SavedNarrative: Sendable, Equatable {
        public var text: String
        public var savedBy: String
        public var savedAt: Date
    }

    public func narrative(periodID: Int64) async throws -> SavedNarrative? {
        try await db.select().column("*").from("period_narratives").where("period_id", .equal, periodID).first().map {
            SavedNarrative(text: try $0.decode(column: "text", as: String.self), savedBy: try $0.decode(column: "saved_by", as: String.self),
                           savedAt: Self.date(try $0.decode(column: "saved_at", as: Int64.self)))
        }
    }

    func saveNarrative(periodID: Int64, text: String, by actor: String, now: Date) async throws {
        try await db.delete(from: "period_narratives").where("period_id", .equal, periodID).run()
        try await db.insert(into: "period_narratives").columns("period_id", "text", "saved_by", "saved_at")
            .values(SQLBind(periodID), SQLBind(text), SQLBind(actor), SQLBind(Self.stamp(now))).run()
    }

    // MARK: Helpers

    static func json<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// Report values as stored: `JSONText` (fast), falling back to `JSONEncoder` only for what it cannot write.
    static func valuesJSON(_ values: [String: JSONValue]) throws -> String {
        try JSONText.encode(values) ?? json(values)
    }

    static func narrativeJSON(_ narrative: [String: String]) -> String {
        JSONText.encode(narrative)
    }

    static func values(_ text: String) throws -> [String: JSONValue] {
        try JSONText.decodeObject(text) ?? decode([String: JSONValue].self, text)
    }

    static func narrative(_ text: String) throws -> [String: String] {
        if let object = JSONText.decodeObject(text) {
            var out: [String: String] = [:]
            for (key, value) in object {
                guard case .string(let string) = value else { return try decode([String: String].self, text) }
                out[key] = string
            }
            return out
        }
        return try decode([String: String].self, text)
    }

    static func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(text.utf8))
    }

    static func stamp(_ date: Date) -> Int64 { Int64(date.timeIntervalSince1970) }
    static func date(_ stamp: Int64) -> Date { Date(timeIntervalSince1970: TimeInterval(stamp)) }
}

/// Decoded form definitions by their stored text. Every report request reads its form, and decoding a form of a
/// hundred indicators costs more than the rest of the request; keyed by the text itself, a hit can never be stale.
final class FormDefinitionCache: @unchecked Sendable {
    static let shared = FormDefinitionCache()
    private let lock = NSLock()
    private var entries: [String: ReportFormDefinition] = [:]
    private let limit = 64

    func definition(_ text: String) throws -> ReportFormDefinition {
        if let hit = lock.withLock({ entries[text] }) { return hit }
        let decoded = try ReportingRepository.decode(ReportFormDefinition.self, text)
        lock.withLock {
            if entries.count >= limit { entries.removeAll(keepingCapacity: true) }
            entries[text] = decoded
        }
        return decoded
    }
}
