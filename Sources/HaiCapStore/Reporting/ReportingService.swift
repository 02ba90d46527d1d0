import Foundation
import HaiCapCore
import SQLKit

/// Two-level reporting: the one place the web pages, the API and the CLI go through, so access rules,
/// the state machine, versions and the audit log apply the same way everywhere.
public struct ReportingService: Sendable {
    public let database: Database
    public let provinceCode: String
    let now: @Sendable () -> Date

    public init(database: Database, provinceCode: String, now: @escaping @Sendable () -> Date = Date.init) {
        self.database = database
        self.provinceCode = provinceCode
        self.now = now
    }

    var repository: ReportingRepository { ReportingRepository(db: database.sql) }

    // MARK: Forms

    /// Creates a form (version 1), audited.
    public func createForm(_ definition: ReportFormDefinition, actor: Actor) async throws -> (id: Int64, version: Int) {
        let account = try AccessPolicy.requireProvince(actor)
        try definition.validate()
        let at = now()
        return try await database.transaction { db in
            let id = try await ReportingRepository(db: db).insertForm(definition, by: account.username, now: at)
            try await AuditRepository(db: db).record(actor: account.username, action: "report_form.create", entity: "report_form", entityID: String(id), before: Optional<ReportFormDefinition>.none, after: definition, now: at)
            return (id, 1)
        }
    }

    /// Saves a changed form as a new version (unchanged → the current version); reports keep the version they were made on.
    public func updateForm(id: Int64, _ definition: ReportFormDefinition, actor: Actor) async throws -> (id: Int64, version: Int) {
        let account = try AccessPolicy.requireProvince(actor)
        try definition.validate()
        let at = now()
        return try await database.transaction { db in
            let repository = ReportingRepository(db: db)
            guard let current = try await repository.form(id: id) else { throw HaiCapError.notFound("Không có biểu mẫu số \(id).") }
            var updated = definition
            updated.example = current.definition.example && definition.example
            guard updated != current.definition else { return (id, current.version) }
            let version = current.currentVersion + 1
            try await repository.insertVersion(formID: id, version: version, definition: updated, by: account.username, now: at)
            try await AuditRepository(db: db).record(actor: account.username, action: "report_form.version", entity: "report_form", entityID: "\(id)@\(version)", before: current.definition, after: updated, now: at)
            return (id, version)
        }
    }

    public func form(id: Int64, version: Int? = nil) async throws -> ReportingRepository.FormVersion {
        try await form(id: id, version: version, in: repository)
    }

    /// A form version: its current-version number is read each time (a small row), the version itself — immutable
    /// once written, and up to a hundred indicators long — comes from the row cache.
    func form(id: Int64, version: Int?, in repository: ReportingRepository) async throws -> ReportingRepository.FormVersion {
        let missing = HaiCapError.notFound(version == nil ? "Không có biểu mẫu số \(id)." : "Biểu mẫu số \(id) không có phiên bản \(version ?? 0).")
        guard let current = try await repository.currentVersion(formID: id) else { throw missing }
        let wanted = version ?? current
        guard var form = try await database.rowCache.value("report_form_version:\(id):\(wanted)", load: {
            try await repository.form(id: id, version: wanted)
        }) else { throw missing }
        form.currentVersion = current
        return form
    }

    // MARK: Regimes and periods

    /// Creates a regime and its first periods, audited.
    public func createRegime(name: String, formID: Int64, frequency: ReportFrequency, deadlineWorkingDays: Int, units: AssignedUnits, example: Bool = false, actor: Actor) async throws -> ReportRegime {
        let account = try AccessPolicy.requireProvince(actor)
        var fields: [FieldError] = []
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty { fields.append(.init(key: "name", message: "Tên chế độ báo cáo không được để trống.")) }
        if !(0...ReportRegime.maxDeadlineWorkingDays).contains(deadlineWorkingDays) {
            fields.append(.init(key: "deadlineWorkingDays", message: "Hạn gửi phải từ 0 đến \(ReportRegime.maxDeadlineWorkingDays) ngày làm việc sau ngày chốt số liệu."))
        }
        if try await repository.form(id: formID) == nil { fields.append(.init(key: "form", message: "Không có biểu mẫu số \(formID).")) }
        if case .list(let codes) = units {
            let known = Set(try await provinceUnitCodes())
            let unknown = codes.filter { !known.contains($0) }
            if codes.isEmpty { fields.append(.init(key: "units", message: "Cần ít nhất một đơn vị báo cáo, hoặc \"all\" cho mọi xã, phường của tỉnh.")) }
            if !unknown.isEmpty {
                fields.append(.init(key: "units", message: "Mã đơn vị không thuộc tỉnh: \(unknown.prefix(10).joined(separator: ", ")). Dùng mã 5 chữ số của xã, phường trong tỉnh."))
            }
        }
        guard fields.isEmpty else { throw HaiCapError.validation(fields) }
        let at = now()
        let draft = ReportRegime(id: 0, name: trimmed, formID: formID, frequency: frequency, deadlineWorkingDays: deadlineWorkingDays, units: units, example: example, createdAt: at, createdBy: account.username)
        var regime = draft
        regime.id = try await database.transaction { db in
            let id = try await ReportingRepository(db: db).insertRegime(draft)
            var stored = draft
            stored.id = id
            try await AuditRepository(db: db).record(actor: account.username, action: "regime.create", entity: "report_regime", entityID: String(id), before: Optional<ReportRegime>.none, after: stored, now: at)
            return id
        }
        try await ensurePeriods(regime)
        return regime
    }

    public func regime(id: Int64) async throws -> ReportRegime {
        guard let regime = try await database.rowCache.value("report_regime:\(id)", load: { try await repository.regime(id: id) }) else {
            throw HaiCapError.notFound("Không có chế độ báo cáo số \(id).")
        }
        return regime
    }

    public func regimes() async throws -> [ReportRegime] { try await repository.regimes() }

    /// Generates the periods a regime should have by today (idempotent; several instances may run it).
    public func ensurePeriods(_ regime: ReportRegime) async throws {
        guard regime.active, regime.frequency != .adHoc else { return }
        let today = CalendarDay(now())
        let calendar = try await CalendarRepository(db: database.sql).calendar()
        let windows = regime.windowsToGenerate(today: today, since: CalendarDay(regime.createdAt))
        let at = now()
        try await database.transaction { db in
            let repository = ReportingRepository(db: db)
            for window in windows {
                try await repository.insertPeriodIfMissing(
                    regimeID: regime.id, key: window.key, label: window.description, from: window.from, to: window.to,
                    deadline: window.deadline(workingDays: regime.deadlineWorkingDays, calendar: calendar), now: at)
            }
        }
    }

    /// Generates periods for every active regime (run at start and daily).
    public func ensureAllPeriods() async throws {
        for regime in try await repository.regimes() { try await ensurePeriods(regime) }
    }

    /// The periods of a regime, newest first, generating any that are due.
    public func periods(regimeID: Int64) async throws -> [ReportingPeriod] {
        let regime = try await regime(id: regimeID)
        try await ensurePeriods(regime)
        return try await repository.periods(regimeID: regimeID)
    }

    /// Adds a period by hand (ad hoc regimes, or a one-off window).
    public func createPeriod(regimeID: Int64, label: String, from: CalendarDay, to: CalendarDay, deadline: CalendarDay, actor: Actor) async throws -> ReportingPeriod {
        let account = try AccessPolicy.requireProvince(actor)
        _ = try await regime(id: regimeID)
        var fields: [FieldError] = []
        let trimmed = label.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty { fields.append(.init(key: "label", message: "Tên kỳ báo cáo không được để trống.")) }
        if to < from { fields.append(.init(key: "to", message: "Ngày chốt số liệu (\(to.vietnamese)) đứng trước ngày bắt đầu (\(from.vietnamese)).")) }
        if deadline < to { fields.append(.init(key: "deadline", message: "Hạn gửi (\(deadline.vietnamese)) không được trước ngày chốt số liệu (\(to.vietnamese)).")) }
        guard fields.isEmpty else { throw HaiCapError.validation(fields) }
        let at = now()
        let key = "A-\(from.description)-\(Int(at.timeIntervalSince1970))"
        return try await database.transaction { db in
            let repository = ReportingRepository(db: db)
            try await repository.insertPeriodIfMissing(regimeID: regimeID, key: key, label: trimmed, from: from, to: to, deadline: deadline, now: at)
            guard let period = try await repository.periods(regimeID: regimeID).first(where: { $0.key == key }) else {
                throw HaiCapError.conflict("Không tạo được kỳ báo cáo.")
            }
            try await AuditRepository(db: db).record(actor: account.username, action: "period.create", entity: "report_period", entityID: String(period.id), before: Optional<ReportingPeriod>.none, after: period, now: at)
            return period
        }
    }

    public func period(id: Int64) async throws -> ReportingPeriod {
        guard let period = try await database.rowCache.value("report_period:\(id)", load: { try await repository.period(id: id) }) else {
            throw HaiCapError.notFound("Không có kỳ báo cáo số \(id).")
        }
        return period
    }

    /// Codes of the commune-level units of the configured province.
    public func provinceUnitCodes() async throws -> [String] {
        try await database.sql.select().column("code").from("units").where("province_code", .equal, provinceCode).orderBy("code").all()
            .map { try $0.decode(column: "code", as: String.self) }
    }

    /// Unit code → name for the province.
    public func unitNames() async throws -> [String: String] {
        var out: [String: String] = [:]
        for row in try await database.sql.select().columns("code", "name").from("units").where("province_code", .equal, provinceCode).all() {
            out[try row.decode(column: "code", as: String.self)] = try row.decode(column: "name", as: String.self)
        }
        return out
    }

    /// True when the regime asks `unitCode` for reports (one indexed lookup, not the whole list).
    public func expects(_ regime: ReportRegime, unitCode: String) async throws -> Bool {
        switch regime.units {
        case .all:
            // The administrative units are reference data, written by the import and never changed while serving.
            try await database.rowCache.value("province_unit:\(provinceCode):\(unitCode)") {
                try await database.sql.select().column("code").from("units")
                    .where("code", .equal, unitCode).where("province_code", .equal, provinceCode).first() != nil
            } ?? false
        case .list(let codes): codes.contains(unitCode)
        }
    }

    /// The units a regime expects a report from.
    public func expectedUnits(_ regime: ReportRegime) async throws -> [String] {
        switch regime.units {
        case .all: try await provinceUnitCodes()
        case .list(let codes): codes.sorted()
        }
    }

    // MARK: Reports

    /// Everything needed to show or fill one unit's report.
    public struct ReportContext: Sendable {
        public var unitCode: String
        public var period: ReportingPeriod
        public var regime: ReportRegime
        public var form: ReportingRepository.FormVersion
        public var report: UnitReport?
        public var account: UserAccount
    }

    /// Who is asking about which unit's report in which period: access checked, the unit expected by the regime.
    struct Target: Sendable {
        var unitCode: String
        var period: ReportingPeriod
        var regime: ReportRegime
        var account: UserAccount
    }

    func target(periodID: Int64, unitCode: String, actor: Actor) async throws -> Target {
        let account = try AccessPolicy.requireUnitAccess(actor, unitCode: unitCode)
        let period = try await period(id: periodID)
        let regime = try await regime(id: period.regimeID)
        guard try await expects(regime, unitCode: unitCode) else {
            throw HaiCapError.notFound("Đơn vị \(unitCode) không thuộc danh sách gửi báo cáo “\(regime.name)”.")
        }
        return Target(unitCode: unitCode, period: period, regime: regime, account: account)
    }

    /// Loads a unit's report with its period, regime and form version; checks the unit may be read by `actor`.
    public func context(periodID: Int64, unitCode: String, actor: Actor) async throws -> ReportContext {
        let target = try await target(periodID: periodID, unitCode: unitCode, actor: actor)
        let report = try await repository.report(periodID: periodID, unitCode: unitCode)
        let form = try await form(id: target.regime.formID, version: report?.formVersion)
        return ReportContext(unitCode: unitCode, period: target.period, regime: target.regime, form: form, report: report, account: target.account)
    }

    /// Saves a draft: values as entered (nothing is dropped), computed indicators recalculated; returns the
    /// report and the problems to show beside the fields.
    public func saveDraft(periodID: Int64, unitCode: String, values: [String: JSONValue], narrative: [String: String], actor: Actor) async throws -> (UnitReport, ReportCheck) {
        let target = try await target(periodID: periodID, unitCode: unitCode, actor: actor)
        return try await transition(target, action: .save, comment: nil) { _, form in
            let check = try form.definition.check(values, forSubmit: false)
            let cleanNarrative = try Self.narrative(narrative, outline: form.definition.outline)
            return Step(numbers: nil, extra: check) { report in
                report.values = check.values
                report.narrative = cleanNarrative
            }
        }
    }

    /// Submits the saved report; 422 with the fields to fix when it does not pass the form's checks.
    public func submit(periodID: Int64, unitCode: String, actor: Actor) async throws -> UnitReport {
        let target = try await target(periodID: periodID, unitCode: unitCode, actor: actor)
        let at = now()
        return try await transition(target, action: .submit, comment: nil) { before, form in
            let check = try form.definition.check(before?.values ?? [:], forSubmit: true)
            guard check.isValid else { throw HaiCapError.validation(check.issues) }
            return Step(numbers: check.numbers, extra: ()) { report in
                report.values = check.values
                report.submittedAt = at
                if report.firstSubmittedAt == nil {
                    report.firstSubmittedAt = at
                    report.late = target.period.isLate(submittedOn: CalendarDay(at))
                }
            }
        }.0
    }

    /// The province returns, accepts or reopens a report. Returning and reopening need a comment.
    public func review(periodID: Int64, unitCode: String, action: ReportAction, comment: String?, actor: Actor) async throws -> UnitReport {
        guard action.isReview else { throw HaiCapError.badRequest("Thao tác không hợp lệ.") }
        _ = try AccessPolicy.requireProvince(actor)
        let target = try await target(periodID: periodID, unitCode: unitCode, actor: actor)
        let text = comment?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        let numbers: [String: Double]? = action == .accept ? nil : [:]
        return try await transition(target, action: action, comment: text.isEmpty ? nil : text) { _, _ in
            if action != .accept, text.isEmpty {
                throw HaiCapError.validation([.init(key: "comment", message: action == .return
                    ? "Hãy ghi nhận xét để đơn vị biết cần sửa gì trước khi trả lại."
                    : "Hãy nêu lý do mở lại báo cáo đã tiếp nhận.")])
            }
            if text.count > 5_000 { throw HaiCapError.validation([.init(key: "comment", message: "Nhận xét dài quá 5.000 ký tự.")]) }
            return Step(numbers: numbers, extra: ()) { _ in }
        }.0
    }

    /// What one step does to the report, decided inside the transaction from the report as it is there.
    struct Step<Extra: Sendable>: Sendable {
        /// The values used for aggregation: nil leaves them, empty removes them.
        var numbers: [String: Double]?
        var extra: Extra
        var change: @Sendable (inout UnitReport) -> Void
    }

    /// What the audit log keeps of a report step: its state, not its values, which every kept version holds
    /// in `report_versions` (encoding a hundred values twice more per step cost a fifth of a submission).
    struct AuditState: Encodable {
        var status: ReportStatus
        var formVersion: Int
        var valueCount: Int
        var firstSubmittedAt: Date?
        var submittedAt: Date?
        var late: Bool
        var comment: String?

        init(_ report: UnitReport) {
            status = report.status
            formVersion = report.formVersion
            valueCount = report.values.count
            firstSubmittedAt = report.firstSubmittedAt
            submittedAt = report.submittedAt
            late = report.late
            comment = report.comment
        }
    }

    /// The report after a step, with its stored JSON, decided from the report as it was read.
    private struct Outcome<Extra: Sendable>: Sendable {
        var report: UnitReport
        var encoded: ReportingRepository.EncodedReport
        var numbers: [String: Double]?
        var extra: Extra
    }

    private func outcome<Extra: Sendable>(
        _ target: Target, action: ReportAction, comment: String?, before: UnitReport?, form: ReportingRepository.FormVersion, at: Date,
        step makeStep: @Sendable (UnitReport?, ReportingRepository.FormVersion) throws -> Step<Extra>
    ) throws -> Outcome<Extra> {
        let status = try ReportWorkflow.next(from: before?.status ?? .notStarted, action: action)
        let step = try makeStep(before, form)
        var report = before ?? UnitReport(
            id: 0, periodID: target.period.id, unitCode: target.unitCode, formVersion: form.version, status: .notStarted,
            values: [:], narrative: [:], firstSubmittedAt: nil, submittedAt: nil, late: false, comment: nil, updatedAt: at,
            updatedBy: target.account.username)
        step.change(&report)
        report.status = status
        report.updatedAt = at
        report.updatedBy = target.account.username
        if action.isReview { report.comment = comment }
        return Outcome(report: report, encoded: try .init(report), numbers: step.numbers, extra: step.extra)
    }

    /// Applies one state-machine step: the report row, a kept version, the values used for aggregation, the
    /// audit entry and, for a return, the notification, in one transaction.
    ///
    /// The step is worked out first from the report as read outside the transaction (the form's checks and the
    /// JSON encoding are most of a step's CPU, and on SQLite every transaction waits for the one before it).
    /// Inside, the report is read again so two officials acting at once cannot skip a state; if it changed
    /// meanwhile, the step is worked out again from what is there.
    private func transition<Extra: Sendable>(
        _ target: Target, action: ReportAction, comment: String?,
        step makeStep: @escaping @Sendable (UnitReport?, ReportingRepository.FormVersion) throws -> Step<Extra>
    ) async throws -> (UnitReport, Extra) {
        let at = now()
        let seen = try await repository.report(periodID: target.period.id, unitCode: target.unitCode)
        let seenForm = try await form(id: target.regime.formID, version: seen?.formVersion)
        let prepared = try outcome(target, action: action, comment: comment, before: seen, form: seenForm, at: at, step: makeStep)
        // Two first saves of one report at once on PostgreSQL: the second INSERT meets the first's row; its retry
        // finds the row, locks it and continues from there.
        for attempt in 1... {
            do {
                return try await write(target, action: action, comment: comment, seen: seen, prepared: prepared, at: at, step: makeStep)
            } catch where attempt < 3 && Database.isUniqueViolation(error) {
                continue
            }
        }
        fatalError("unreachable")
    }

    private func write<Extra: Sendable>(
        _ target: Target, action: ReportAction, comment: String?, seen: UnitReport?, prepared: Outcome<Extra>, at: Date,
        step makeStep: @escaping @Sendable (UnitReport?, ReportingRepository.FormVersion) throws -> Step<Extra>
    ) async throws -> (UnitReport, Extra) {
        try await database.transaction { db in
            let repository = ReportingRepository(db: db)
            let before = try await repository.report(periodID: target.period.id, unitCode: target.unitCode, forUpdate: true)
            var result = prepared
            if before != seen {
                let form = try await self.form(id: target.regime.formID, version: before?.formVersion, in: repository)
                result = try self.outcome(target, action: action, comment: comment, before: before, form: form, at: at, step: makeStep)
            }
            var report = result.report
            if before == nil {
                report.id = try await repository.insertReport(report, encoded: result.encoded)
            } else {
                try await repository.updateReport(report, encoded: result.encoded)
            }
            try await repository.insertVersion(reportID: report.id, action: action, report: report, encoded: result.encoded)
            if let numbers = result.numbers {
                try await repository.replaceValues(periodID: report.periodID, unitCode: report.unitCode, numbers: numbers)
            }
            if action == .return || action == .reopen {
                try await Outbox(db: db).record(NotificationEvent(
                    name: .reportReturned, occurredAt: at,
                    data: ["period": .number(Double(report.periodID)), "unit": .string(report.unitCode), "regime": .string(target.regime.name),
                           "periodLabel": .string(target.period.label), "comment": report.comment.map(JSONValue.string) ?? .null],
                    audience: NotificationAudience(units: [report.unitCode]),
                    title: "Báo cáo bị trả lại: \(target.regime.name) — \(target.period.label)",
                    body: report.comment ?? "Tỉnh đã trả lại báo cáo; vui lòng xem nhận xét và gửi lại.",
                    link: "/bao-cao/ky/\(report.periodID)/don-vi/\(report.unitCode)"))
            }
            try await AuditRepository(db: db).record(
                actor: target.account.username, action: "report.\(action.rawValue)", entity: "report",
                entityID: "\(report.periodID)/\(report.unitCode)",
                before: before.map(AuditState.init), after: AuditState(report), now: at)
            return (report, result.extra)
        }
    }

    static func narrative(_ input: [String: String], outline: [OutlineItem]) throws(HaiCapError) -> [String: String] {
        let titles = Set(outline.map(\.title))
        var out: [String: String] = [:]
        var fields: [FieldError] = []
        for (title, text) in input {
            guard titles.contains(title) else {
                fields.append(.init(key: "narrative", message: "Đề cương không có mục “\(title)”."))
                continue
            }
            if text.count > ReportFormDefinition.maxTextLength {
                fields.append(.init(key: "narrative", message: "Mục “\(title)” dài quá \(VietnameseNumber.integer(ReportFormDefinition.maxTextLength)) ký tự."))
            }
            let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
            if !trimmed.isEmpty { out[title] = trimmed }
        }
        guard fields.isEmpty else { throw .validation(fields) }
        return out
    }

    public func versions(of report: UnitReport) async throws -> [ReportVersion] {
        try await repository.versions(reportID: report.id)
    }

    // MARK: Province view

    /// Completeness and timeliness of a period (province only).
    public func status(periodID: Int64, actor: Actor) async throws -> PeriodStatusSummary {
        _ = try AccessPolicy.requireProvince(actor)
        let period = try await period(id: periodID)
        let regime = try await regime(id: period.regimeID)
        return PeriodStatusSummary(expectedUnits: try await expectedUnits(regime), reports: try await repository.statuses(periodID: periodID))
    }

    /// Province aggregates of a period, with the previous period beside (province only).
    public func aggregate(periodID: Int64, actor: Actor) async throws -> (period: ReportingPeriod, form: ReportingRepository.FormVersion, aggregates: [IndicatorAggregate]) {
        _ = try AccessPolicy.requireProvince(actor)
        let period = try await period(id: periodID)
        let regime = try await regime(id: period.regimeID)
        let form = try await form(id: regime.formID)
        async let current = repository.figures(periodID: periodID)
        async let before = previousFigures(of: period)
        return (period, form, form.definition.aggregates(current: try await current, previous: try await before))
    }

    /// The drafted narrative and, if an official saved an edited text, that text.
    public func narrative(periodID: Int64, actor: Actor) async throws -> (draft: ReportNarrative, saved: ReportingRepository.SavedNarrative?) {
        let overview = try await overview(periodID: periodID, actor: actor)
        return (overview.draft, overview.saved)
    }

    /// Everything the province's period page shows of a period's figures, each read once: completeness, the form,
    /// the aggregates beside the previous period's, the drafted narrative and the saved one.
    public struct PeriodOverview: Sendable {
        public var period: ReportingPeriod
        public var regime: ReportRegime
        public var form: ReportingRepository.FormVersion
        /// The units the regime expects a report from, sorted.
        public var expected: [String]
        /// Unit code → name for the province.
        public var names: [String: String]
        public var status: PeriodStatusSummary
        public var aggregates: [IndicatorAggregate]
        public var draft: ReportNarrative
        public var saved: ReportingRepository.SavedNarrative?
    }

    /// The period page's figures (province only); the narrative is drafted from the same status and aggregates.
    /// The reads that do not depend on each other run at once: under load each waits for a pooled connection, and
    /// waiting for them one after another is what made the page slow (docs/benchmarks.md, twelfth session).
    public func overview(periodID: Int64, actor: Actor) async throws -> PeriodOverview {
        _ = try AccessPolicy.requireProvince(actor)
        let period = try await period(id: periodID)
        let regime = try await regime(id: period.regimeID)
        async let expectedUnits = expectedUnits(regime)
        async let statuses = repository.statuses(periodID: periodID)
        async let form = form(id: regime.formID)
        async let current = repository.figures(periodID: periodID)
        async let before = previousFigures(of: period)
        async let names = unitNames()
        async let saved = repository.narrative(periodID: periodID)
        let expected = try await expectedUnits
        let status = PeriodStatusSummary(expectedUnits: expected, reports: try await statuses)
        let definition = try await form
        let aggregates = definition.definition.aggregates(current: try await current, previous: try await before)
        let unitNames = try await names
        let draft = ReportNarrative.draft(
            periodLabel: period.label, from: period.from, to: period.to, deadline: period.deadline,
            status: status, aggregates: aggregates, unitNames: unitNames)
        return PeriodOverview(period: period, regime: regime, form: definition, expected: expected, names: unitNames, status: status,
                              aggregates: aggregates, draft: draft, saved: try await saved)
    }

    /// The figures of the period before `period` in its regime (none for the first).
    func previousFigures(of period: ReportingPeriod) async throws -> [String: IndicatorFigures] {
        guard let previous = try await repository.previousPeriod(of: period) else { return [:] }
        return try await repository.figures(periodID: previous.id)
    }

    /// Saves the narrative as the official edited it, audited.
    public func saveNarrative(periodID: Int64, text: String, actor: Actor) async throws {
        let account = try AccessPolicy.requireProvince(actor)
        _ = try await period(id: periodID)
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw HaiCapError.validation([.init(key: "text", message: "Nội dung báo cáo tổng hợp không được để trống.")]) }
        guard trimmed.count <= 50_000 else { throw HaiCapError.validation([.init(key: "text", message: "Nội dung dài quá 50.000 ký tự.")]) }
        let at = now()
        try await database.transaction { db in
            let repository = ReportingRepository(db: db)
            let before = try await repository.narrative(periodID: periodID)?.text
            try await repository.saveNarrative(periodID: periodID, text: trimmed, by: account.username, now: at)
            try await AuditRepository(db: db).record(actor: account.username, action: "period.narrative", entity: "report_period", entityID: String(periodID), before: before, after: trimmed, now: at)
        }
    }
}
