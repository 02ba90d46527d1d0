import Foundation
import HaiCapCore
import HaiCapStore
import Hummingbird

/// Two-level reporting pages for one period: a unit's report (fill in, submit, review), the province's
/// period dashboard (completeness, aggregates, chart, narrative) and a unit's history across periods.
/// Every write goes through `ReportingService`, which checks the access policy and audits.
struct ReportingPeriodPages {
    let views: Views
    let database: Database
    let service: ReportingService
    let now: @Sendable () -> Date

    var repository: ReportingRepository { ReportingRepository(db: database.sql) }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/bao-cao/ky/{period}/don-vi/{unit}") { request, context in
            try await reportPage(request, context: context)
        }
        router.post("/bao-cao/ky/{period}/don-vi/{unit}") { request, context in
            try await saveReport(request, context: context)
        }
        router.post("/bao-cao/ky/{period}/don-vi/{unit}/duyet") { request, context in
            try await reviewReport(request, context: context)
        }
        router.get("/bao-cao/ky/{period}") { request, context in
            try await dashboard(request, context: context)
        }
        router.post("/bao-cao/ky/{period}/tong-hop") { request, context in
            try await saveNarrative(request, context: context)
        }
        router.get("/bao-cao/don-vi/{unit}/lich-su") { request, context in
            try await history(request, context: context)
        }
    }

    // MARK: Shared view pieces

    struct Option {
        var value: String
        var label: String
        var selected: Bool
    }

    struct LinkItem {
        var href: String
        var label: String
        var current: Bool
    }

    static func periodID(_ context: AppRequestContext) throws -> Int64 {
        guard let raw = context.parameters.get("period"), let id = Int64(raw), id > 0 else {
            throw HaiCapError.notFound("Không tìm thấy kỳ báo cáo: mã kỳ phải là số nguyên dương.")
        }
        return id
    }

    static func reportPath(_ periodID: Int64, _ unitCode: String) -> String { "/bao-cao/ky/\(periodID)/don-vi/\(unitCode)" }

    static func historyPath(_ unitCode: String, regimeID: Int64, indicator: String? = nil) -> String {
        "/bao-cao/don-vi/\(unitCode)/lich-su?che-do=\(regimeID)" + (indicator.map { "&chi-tieu=\($0)" } ?? "")
    }

    /// CSS class for a status tag.
    static func statusClass(_ status: ReportStatus) -> String {
        switch status {
        case .notStarted: "rpt-st-none"
        case .draft: "rpt-st-draft"
        case .submitted: "rpt-st-submitted"
        case .returned: "rpt-st-returned"
        case .accepted: "rpt-st-accepted"
        }
    }

    /// "còn 3 ngày", "hạn chót hôm nay", "đã quá hạn 2 ngày".
    static func deadlineNote(_ deadline: CalendarDay, today: CalendarDay) -> (text: String, overdue: Bool) {
        let days = deadline.julianDay - today.julianDay
        if days > 0 { return ("còn \(days) ngày", false) }
        if days == 0 { return ("hạn chót hôm nay", false) }
        return ("đã quá hạn \(-days) ngày", true)
    }

    /// A value as people read it: "1.234 hồ sơ", "66,7%", "Có", "27/11/2026".
    static func display(_ value: JSONValue?, for item: Indicator) -> String? {
        guard let value else { return nil }
        switch value {
        case .number(let n):
            let text = VietnameseNumber.number(n)
            guard let unit = item.unit, !unit.isEmpty else { return item.type == .percent ? text + "%" : text }
            return unit == "%" ? text + "%" : "\(text) \(unit)"
        case .bool(let b): return b ? "Có" : "Không"
        case .string(let s):
            if item.type == .date, let day = CalendarDay(iso: s) { return day.vietnamese }
            return s
        case .null: return nil
        default: return nil
        }
    }

    /// "P. Tân Lập", "X. Ea Kao": the usual abbreviations, for narrow charts.
    static func shortName(_ name: String) -> String {
        for (long, short) in [("Phường ", "P. "), ("Xã ", "X. "), ("Đặc khu ", "ĐK. ")] where name.hasPrefix(long) {
            return short + name.dropFirst(long.count)
        }
        return name
    }

    /// Reads an `application/x-www-form-urlencoded` body into name → value (the last value wins).
    static func formFields(_ request: Request) async throws -> [String: String] {
        try await request.urlEncodedFields()
    }

    // MARK: Period dashboard

    struct Card {
        var label: String
        var value: String
        var note: String
        var tone: String
    }

    struct UnitLink {
        var code: String
        var name: String
        var href: String
    }

    struct UnitRow {
        var code: String
        var name: String
        var href: String
        var historyHref: String
        var statusLabel: String
        var statusClass: String
        var submittedAt: String
        var timeliness: String
        var late: Bool
    }

    struct AggregateRow {
        var key: String
        var label: String
        var unit: String
        var sum: String
        var avg: String
        var min: String
        var max: String
        var count: String
        var previous: String
        var change: String
        var changeClass: String
    }

    struct FactRow {
        var text: String
        var source: String
        var code: String
    }

    struct DashboardPage {
        var periodID: Int64
        var regimeID: Int64
        var regimeName: String
        var periodLabel: String
        var from: String
        var to: String
        var deadline: String
        var deadlineNote: String
        var overdue: Bool
        var cards: [Card]
        var missing: [UnitLink]
        var hasMissing: Bool
        var missingSummary: String
        var filters: [LinkItem]
        var rows: [UnitRow]
        var hasRows: Bool
        var rowsSummary: String
        var pager: Pager?
        var aggregates: [AggregateRow]
        var hasAggregates: Bool
        var chart: String
        var chartNarrow: String
        var chartOptions: [Option]
        var chartNote: String?
        var chartAllLink: String?
        var exportCSV: String
        var exportXLSX: String
        var narrativeText: String
        var narrativeInfo: String
        var narrativeError: String?
        var restoring: Bool
        var canRestore: Bool
        var facts: [FactRow]
        var hasFacts: Bool
        /// Not `previous`/`next`: the pager partial's nil links would fall back to these.
        var olderPeriod: LinkItem?
        var newerPeriod: LinkItem?
        var notice: String?
    }

    static let filters: [(slug: String, label: String)] = [
        ("", "Tất cả"), ("chua-gui", "Chưa gửi"), ("cho-duyet", "Chờ duyệt"), ("da-tiep-nhan", "Đã tiếp nhận"),
        ("bi-tra-lai", "Bị trả lại"), ("tre-han", "Trễ hạn"),
    ]

    static let rowsPerPage = 40
    static let chartTop = 30

    func dashboard(_ request: Request, context: AppRequestContext, narrativeText: String? = nil, narrativeError: String? = nil, status: HTTPResponse.Status = .ok) async throws -> Response {
        let account = try AccessPolicy.requireSignedIn(context.actor)
        let periodID = try Self.periodID(context)
        if account.role == .commune {
            let period = try await service.period(id: periodID)
            let regime = try await service.regime(id: period.regimeID)
            guard let unit = account.unitCode, try await service.expectedUnits(regime).contains(unit) else {
                throw HaiCapError.forbidden("Trang tổng hợp kỳ báo cáo dành cho cán bộ tỉnh; đơn vị của bạn không thuộc danh sách gửi báo cáo này.")
            }
            return Views.redirect(Self.reportPath(periodID, unit))
        }
        // Each figure read once, the reports without their values, independent reads at once: the page is the
        // province's busiest, and under load every read waits for a pooled connection.
        async let overviewRead = service.overview(periodID: periodID, actor: context.actor)
        async let headers = repository.reportHeaders(periodID: periodID)
        let overview = try await overviewRead
        let (summary, period, form, aggregates) = (overview.status, overview.period, overview.form, overview.aggregates)
        let (draft, saved, regime, names, expected) = (overview.draft, overview.saved, overview.regime, overview.names, overview.expected)
        async let periodsRead = repository.periods(regimeID: regime.id)
        let reports = Dictionary(try await headers.map { ($0.unitCode, $0) }, uniquingKeysWith: { a, _ in a })
        let today = CalendarDay(now())
        let base = "/bao-cao/ky/\(periodID)"

        // Summary cards.
        func percent(_ share: Double) -> String { VietnameseNumber.decimal(share * 100, digits: 1) + "%" }
        let cards = [
            Card(label: "Đã gửi", value: "\(summary.submitted)/\(summary.expected)", note: "Đầy đủ: \(percent(summary.completeness))", tone: summary.submitted == summary.expected ? "rpt-good" : ""),
            Card(label: "Đúng hạn", value: VietnameseNumber.integer(summary.onTime), note: summary.submitted == 0 ? "Chưa có báo cáo gửi" : "Đúng hạn: \(percent(summary.timeliness)) số đã gửi", tone: ""),
            Card(label: "Trễ hạn", value: VietnameseNumber.integer(summary.late), note: "Gửi sau ngày \(period.deadline.vietnamese)", tone: summary.late > 0 ? "rpt-bad" : ""),
            Card(label: "Đã tiếp nhận", value: VietnameseNumber.integer(summary.accepted), note: "Trong số \(summary.submitted) báo cáo đã gửi", tone: ""),
            Card(label: "Bị trả lại", value: VietnameseNumber.integer(summary.returned), note: "Chờ đơn vị sửa và gửi lại", tone: summary.returned > 0 ? "rpt-warn" : ""),
        ]

        // Units that have not reported.
        let missing = summary.missing.map { UnitLink(code: $0, name: names[$0] ?? $0, href: Self.reportPath(periodID, $0)) }

        // Per-unit table, filtered and paged.
        let filter = request.query("loc") ?? ""
        let all: [UnitRow] = expected.map { code in
            let report = reports[code]
            let status = report?.status ?? .notStarted
            return UnitRow(
                code: code, name: names[code] ?? code, href: Self.reportPath(periodID, code),
                historyHref: Self.historyPath(code, regimeID: regime.id), statusLabel: status.label, statusClass: Self.statusClass(status),
                submittedAt: report?.submittedAt.map(CivilTime.display) ?? "", timeliness: report?.firstSubmittedAt == nil ? "" : (report?.late == true ? "Trễ hạn" : "Đúng hạn"),
                late: report?.late == true && report?.firstSubmittedAt != nil)
        }
        let matching = all.filter { row in
            let status = reports[row.code]?.status ?? .notStarted
            switch filter {
            case "chua-gui": return !status.counts
            case "cho-duyet": return status == .submitted
            case "da-tiep-nhan": return status == .accepted
            case "bi-tra-lai": return status == .returned
            case "tre-han": return row.late
            default: return true
            }
        }
        let page = try PageRequest(page: request.query("page"), per: nil, defaultPer: Self.rowsPerPage)
        let rows = Array(matching.dropFirst(page.offset).prefix(page.per))
        var filterQuery: [(String, String)] = filter.isEmpty ? [] : [("loc", filter)]
        if let key = request.query("chi-tieu") { filterQuery.append(("chi-tieu", key)) }
        let pager = Pager(path: base, query: filterQuery, paged: Paged<String>(items: [], total: matching.count, page: page))
        let filters = Self.filters.map { slug, label in
            LinkItem(href: slug.isEmpty ? base + "#don-vi" : "\(base)?loc=\(slug)#don-vi", label: label, current: slug == filter)
        }

        // Aggregates.
        let aggregateRows = aggregates.map { a -> AggregateRow in
            func f(_ v: Double?) -> String { v.map { VietnameseNumber.number($0) } ?? "—" }
            let previous = a.type == .percent ? a.previousAvg : a.previousSum
            var change = "—", changeClass = ""
            if let c = a.change {
                let text = VietnameseNumber.decimal(abs(c) * 100, digits: 1) + "%"
                if abs(c) < 0.0005 { change = "0%" } else if c > 0 { change = "▲ +" + text; changeClass = "rpt-up" } else { change = "▼ −" + text; changeClass = "rpt-down" }
            }
            return AggregateRow(
                key: a.key, label: a.label, unit: a.unit ?? "", sum: a.type == .percent ? "—" : f(a.sum), avg: f(a.avg), min: f(a.min), max: f(a.max),
                count: VietnameseNumber.integer(a.count), previous: f(previous), change: change, changeClass: changeClass)
        }

        // Chart of one indicator per unit.
        let numeric = form.definition.indicators.filter(\.type.isNumeric)
        let chosen = request.query("chi-tieu").flatMap { key in numeric.first { $0.key == key } }
            ?? numeric.first { $0.type != .boolean } ?? numeric.first
        var chart = "", chartNarrow = "", chartNote: String?, chartAllLink: String?
        if let chosen {
            let values = try await repository.values(periodID: periodID, indicator: chosen.key)
            let items = values.map { code, value in (label: names[code] ?? code, value: value) }
                .sorted { $0.value != $1.value ? $0.value > $1.value : $0.label < $1.label }
            let showAll = request.query("tat-ca") != nil
            let shown = showAll ? items : Array(items.prefix(Self.chartTop))
            let unit = chosen.type == .percent ? "%" : (chosen.unit ?? "")
            // A wide chart for desks and a narrow one for phones, so the labels stay readable on both.
            chart = SVGChart.bars(title: "\(chosen.label) theo đơn vị", items: shown, unit: unit, width: 720)
            chartNarrow = SVGChart.bars(title: chosen.label, items: shown.map { (Self.shortName($0.label), $0.value) }, unit: unit, width: 370)
            if items.count > shown.count {
                chartNote = "Đang hiện \(shown.count) đơn vị có giá trị cao nhất trong \(items.count) đơn vị đã gửi."
                chartAllLink = "\(base)?chi-tieu=\(chosen.key)&tat-ca=1#bieu-do"
            } else if !items.isEmpty {
                chartNote = "\(items.count) đơn vị đã gửi, xếp từ cao xuống thấp."
            }
        }
        let chartOptions = numeric.map { Option(value: $0.key, label: $0.label, selected: $0.key == chosen?.key) }

        // Narrative.
        let restoring = request.query("ban-du-thao") != nil
        let text = narrativeText ?? (restoring ? draft.text : (saved?.text ?? draft.text))
        let info: String
        if restoring {
            info = "Đang hiện bản dự thảo tự động mới nhất. Bấm “Lưu bản tổng hợp” để thay bản đã lưu."
        } else if let saved {
            info = "Bản đã lưu bởi \(saved.savedBy) lúc \(CivilTime.display(saved.savedAt)). Số liệu có thể đã thay đổi từ đó; xem bản dự thảo mới nhất nếu cần."
        } else {
            info = "Bản dự thảo tự động, viết từ số liệu các báo cáo đã gửi. Hãy đọc, sửa rồi lưu."
        }
        let facts = draft.facts.map { FactRow(text: $0.text, source: Self.factSource($0.source, form: form.definition), code: $0.source) }

        // Neighbouring periods.
        let periods = try await periodsRead
        let index = periods.firstIndex { $0.id == period.id }
        let older = index.flatMap { $0 + 1 < periods.count ? periods[$0 + 1] : nil }
        let newer = index.flatMap { $0 > 0 ? periods[$0 - 1] : nil }
        var deadline = Self.deadlineNote(period.deadline, today: today)
        if deadline.overdue { deadline.text = "đã qua hạn \(today.julianDay - period.deadline.julianDay) ngày" }

        let content = DashboardPage(
            periodID: periodID, regimeID: regime.id, regimeName: regime.name, periodLabel: period.label,
            from: period.from.vietnamese, to: period.to.vietnamese, deadline: period.deadline.vietnamese,
            deadlineNote: deadline.text, overdue: deadline.overdue, cards: cards,
            missing: missing, hasMissing: !missing.isEmpty,
            missingSummary: missing.isEmpty ? "Tất cả \(summary.expected) đơn vị đã gửi báo cáo." : "\(missing.count) đơn vị chưa gửi (hoặc bị trả lại chưa gửi lại):",
            filters: filters, rows: rows, hasRows: !rows.isEmpty,
            rowsSummary: "\(matching.count) đơn vị" + (filter.isEmpty ? "" : " (đang lọc)"),
            pager: pager, aggregates: aggregateRows, hasAggregates: !aggregateRows.isEmpty,
            chart: chart, chartNarrow: chartNarrow, chartOptions: chartOptions, chartNote: chartNote, chartAllLink: chartAllLink,
            exportCSV: "/api/v1/periods/\(periodID)/aggregate.csv", exportXLSX: "/api/v1/periods/\(periodID)/aggregate.xlsx",
            narrativeText: text, narrativeInfo: info, narrativeError: narrativeError, restoring: restoring,
            canRestore: saved != nil || restoring, facts: facts, hasFacts: !facts.isEmpty,
            olderPeriod: older.map { LinkItem(href: "/bao-cao/ky/\($0.id)", label: $0.label, current: false) },
            newerPeriod: newer.map { LinkItem(href: "/bao-cao/ky/\($0.id)", label: $0.label, current: false) },
            notice: request.query("da-luu") != nil ? "Đã lưu bản báo cáo tổng hợp." : nil)
        return try views.page("report-period", title: "\(period.label) — \(regime.name)", content, context: context, path: "/bao-cao", status: status)
    }

    func saveNarrative(_ request: Request, context: AppRequestContext) async throws -> Response {
        let periodID = try Self.periodID(context)
        _ = try AccessPolicy.requireProvince(context.actor)
        let fields = try await Self.formFields(request)
        let text = fields["text"] ?? ""
        do {
            try await service.saveNarrative(periodID: periodID, text: text, actor: context.actor)
        } catch HaiCapError.validation(let problems) {
            return try await dashboard(request, context: context, narrativeText: text, narrativeError: problems.map(\.message).joined(separator: " "), status: .unprocessableContent)
        }
        return Views.redirect("/bao-cao/ky/\(periodID)?da-luu=1#tong-hop")
    }

    /// Where a number of the drafted narrative comes from, in words.
    static func factSource(_ source: String, form: ReportFormDefinition) -> String {
        let parts = source.split(separator: ".").map(String.init)
        if parts.first == "status", parts.count == 2 {
            switch parts[1] {
            case "submitted": return "Số đơn vị đã gửi"
            case "expected": return "Số đơn vị phải gửi"
            case "completeness": return "Tỷ lệ đơn vị đã gửi"
            case "missing": return "Số đơn vị chưa gửi"
            case "onTime": return "Số báo cáo gửi đúng hạn"
            case "timeliness": return "Tỷ lệ gửi đúng hạn trên số đã gửi"
            case "late": return "Số báo cáo gửi trễ hạn"
            case "accepted": return "Số báo cáo đã tiếp nhận"
            case "returned": return "Số báo cáo bị trả lại"
            default: return source
            }
        }
        if parts.first == "aggregate", parts.count == 3 {
            let label = form.indicator(parts[1])?.label ?? parts[1]
            let figure = switch parts[2] {
            case "sum": "tổng các đơn vị"
            case "avg": "bình quân các đơn vị"
            case "min": "đơn vị thấp nhất"
            case "max": "đơn vị cao nhất"
            case "count": "số báo cáo có số liệu"
            case "previousSum": "tổng kỳ trước"
            case "previousAvg": "bình quân kỳ trước"
            case "change": "mức thay đổi so với kỳ trước"
            default: parts[2]
            }
            return "\(label): \(figure)"
        }
        return source
    }

    // MARK: Unit history

    struct HistoryRow {
        var periodLabel: String
        var href: String
        var statusLabel: String
        var statusClass: String
        var cells: [String]
    }

    struct Column {
        var label: String
        var unit: String?
    }

    struct HistoryPage {
        var unitCode: String
        var unitName: String
        var regimeID: Int64
        var regimeName: String
        var regimes: [LinkItem]
        var hasRegimeChoice: Bool
        var columns: [Column]
        var rows: [HistoryRow]
        var hasRows: Bool
        var chart: String
        var chartNarrow: String
        var chartOptions: [Option]
        var hasChart: Bool
    }

    func history(_ request: Request, context: AppRequestContext) async throws -> Response {
        let unitCode = try context.parameters.require("unit")
        _ = try AccessPolicy.requireUnitAccess(context.actor, unitCode: unitCode)
        let regimes = try await service.regimes().filter(\.active)
        var regime: ReportRegime
        if let raw = request.query("che-do") {
            guard let id = Int64(raw), id > 0 else { throw HaiCapError.notFound("Không có chế độ báo cáo “\(raw)”.") }
            regime = try await service.regime(id: id)
        } else if let first = regimes.first {
            regime = first
        } else {
            throw HaiCapError.notFound("Chưa có chế độ báo cáo nào.")
        }
        let names = try await service.unitNames()
        guard let unitName = names[unitCode] else { throw HaiCapError.notFound("Không có đơn vị mã \(unitCode) trong tỉnh.") }
        let form = try await service.form(id: regime.formID).definition
        let numeric = form.indicators.filter(\.type.isNumeric)
        let history = try await repository.history(regimeID: regime.id, unitCode: unitCode)

        func number(_ value: JSONValue?) -> Double? {
            switch value {
            case .number(let n)?: n
            case .bool(let b)?: b ? 1 : 0
            default: nil
            }
        }
        let rows = history.reversed().map { period, report in
            let status = report?.status ?? .notStarted
            return HistoryRow(
                periodLabel: period.label, href: Self.reportPath(period.id, unitCode), statusLabel: status.label, statusClass: Self.statusClass(status),
                cells: numeric.map { item in
                    guard let value = report?.values[item.key] else { return "—" }
                    if item.type == .boolean, case .bool(let b) = value { return b ? "Có" : "Không" }
                    if case .number(let n) = value { return VietnameseNumber.number(n) }
                    return "—"
                })
        }
        let chosen = request.query("chi-tieu").flatMap { key in numeric.first { $0.key == key } }
            ?? numeric.first { $0.type != .boolean } ?? numeric.first
        var chart = "", chartNarrow = ""
        if let chosen {
            let points = history.map { period, report -> (label: String, value: Double?) in
                (period.label, report?.status.counts == true ? number(report?.values[chosen.key]) : nil)
            }
            let unit = chosen.type == .percent ? "%" : (chosen.unit ?? "")
            chart = SVGChart.line(title: "\(chosen.label) qua các kỳ", points: points, unit: unit, width: 720)
            chartNarrow = SVGChart.line(title: chosen.label, points: points, unit: unit, width: 360)
        }
        let content = HistoryPage(
            unitCode: unitCode, unitName: unitName, regimeID: regime.id, regimeName: regime.name,
            regimes: regimes.map { LinkItem(href: Self.historyPath(unitCode, regimeID: $0.id), label: $0.name, current: $0.id == regime.id) },
            hasRegimeChoice: regimes.count > 1,
            columns: numeric.map { Column(label: $0.label, unit: $0.type == .boolean || $0.unit?.isEmpty != false ? nil : $0.unit) },
            rows: rows, hasRows: !rows.isEmpty, chart: chart, chartNarrow: chartNarrow,
            chartOptions: numeric.map { Option(value: $0.key, label: $0.label, selected: $0.key == chosen?.key) },
            hasChart: chosen != nil)
        return try views.page("report-history", title: "Lịch sử báo cáo — \(unitName)", content, context: context, path: "/bao-cao")
    }
}
