import Foundation
import HaiCapCore
import HaiCapStore
import Hummingbird

/// Monitoring and direction pages (`/dieu-hanh`): the province dashboard with its traffic-light table, a commune's
/// own assignments with one-tap acknowledgement, directives with the assign form and the extraction assist, and
/// the assignment page with its timeline, discussion and lifecycle actions. Every read and write goes through
/// `DirectiveService`, which checks access, validates and audits; these pages only shape forms and views.
struct DirectivePages {
    let views: Views
    let database: Database
    let service: DirectiveService

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/dieu-hanh") { request, context in try await home(request, context) }
        addDirectiveRoutes(to: router)
        addAssignmentRoutes(to: router)
    }

    // MARK: Shared helpers

    /// A form body with repeated names kept (checkbox lists, multi-selects), in order.
    struct FormData {
        var pairs: [(String, String)]

        /// The first value, trimmed ("" when absent).
        func value(_ name: String) -> String {
            (pairs.first { $0.0 == name }?.1 ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        }

        /// Every non-blank value under `name`, trimmed.
        func values(_ name: String) -> [String] {
            pairs.filter { $0.0 == name }.map { $0.1.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
        }

        func has(_ name: String) -> Bool { pairs.contains { $0.0 == name } }
    }

    static func form(_ request: Request) async throws -> FormData {
        FormData(pairs: try await request.urlEncodedPairs())
    }

    /// A positive integer path parameter, else 404.
    static func id(_ context: AppRequestContext, _ name: String = "id") throws -> Int64 {
        try context.positiveID(name)
    }

    /// A date typed as yyyy-mm-dd (date inputs) or dd/mm/yyyy.
    static func parseDay(_ text: String?) -> CalendarDay? {
        guard let t = text?.trimmingCharacters(in: .whitespaces), !t.isEmpty else { return nil }
        return CalendarDay(iso: t) ?? CalendarDay(vietnamese: t)
    }

    /// Unit codes from a free text ("22015, 22045" or one per line).
    static func codes(_ text: String) -> [String] {
        text.split { !$0.isNumber }.map(String.init).filter { !$0.isEmpty }
    }

    /// Links typed one per line.
    static func lines(_ text: String) -> [String] {
        text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    static func statusClass(_ status: AssignmentStatus) -> String {
        switch status {
        case .doneOnTime: "green"
        case .doneLate: "amber"
        case .inProgress: "blue"
        case .overdue: "red"
        }
    }

    static func lightClass(_ light: TrafficLight) -> String {
        switch light {
        case .green: "dh-light-green"
        case .yellow: "dh-light-yellow"
        case .red: "dh-light-red"
        }
    }

    static func percent(_ share: Double?) -> String {
        guard let share else { return "—" }
        return VietnameseNumber.number(share * 100, digits: 1) + "%"
    }

    static func name(_ code: String?, _ names: [String: String]) -> String {
        guard let code else { return "Nhiều đơn vị" }
        return names[code] ?? "Đơn vị \(code)"
    }

    /// Display names of accounts, for the timeline and the thread ("" → the username).
    func people() async throws -> [String: String] {
        var out: [String: String] = [:]
        for account in try await UserRepository(db: database.sql).list() { out[account.username] = account.displayName }
        out["system"] = "Hệ thống"
        return out
    }

    struct Option {
        var value: String
        var label: String
        var selected: Bool
    }

    /// One assignment as a row or card of a list.
    struct AssignmentRow {
        var id: Int64
        var href: String
        var unitCode: String
        var unitName: String
        var content: String
        var directiveNumber: String?
        var deadline: String
        var originalDeadline: String?
        var statusLabel: String
        var statusClass: String
        var stateLabel: String
        var progress: Int
        var dueSoon: Bool
        var overdue: Bool
        var daysOverdue: String?
        var acknowledged: Bool
        var acknowledgedAt: String?
        var canAcknowledge: Bool
        var coordinatingOnly: Bool
        var pendingExtension: String?
    }

    func row(_ a: Assignment, names: [String: String], today: CalendarDay, calendar: WorkingDayCalendar,
             directives: [Int64: Directive] = [:], viewerUnit: String? = nil) -> AssignmentRow {
        let status = a.status(on: today)
        let late = a.daysOverdue(on: today, calendar: calendar)
        return AssignmentRow(
            id: a.id, href: "/dieu-hanh/nhiem-vu/\(a.id)", unitCode: a.unitCode ?? "", unitName: Self.name(a.unitCode, names),
            content: a.content, directiveNumber: directives[a.directiveID]?.number, deadline: a.deadline.vietnamese,
            originalDeadline: a.originalDeadline != a.deadline ? a.originalDeadline.vietnamese : nil,
            statusLabel: status.label, statusClass: Self.statusClass(status), stateLabel: a.state.label, progress: a.progress,
            dueSoon: a.isDueSoon(on: today, calendar: calendar), overdue: status == .overdue,
            daysOverdue: late > 0 ? "\(VietnameseNumber.integer(late)) ngày làm việc" : nil,
            acknowledged: a.acknowledgedAt != nil, acknowledgedAt: a.acknowledgedAt.map(CivilTime.display),
            canAcknowledge: a.state == .assigned && viewerUnit != nil && a.unitCode == viewerUnit,
            coordinatingOnly: viewerUnit != nil && a.unitCode != viewerUnit,
            pendingExtension: a.pendingExtension.map { "Đề nghị gia hạn đến \($0.requestedDeadline.vietnamese)" })
    }

    /// The directives the rows belong to, for their numbers.
    func directives(of assignments: [Assignment]) async throws -> [Int64: Directive] {
        var out: [Int64: Directive] = [:]
        for id in Set(assignments.map(\.directiveID)) { out[id] = try? await service.directive(id: id) }
        return out
    }

    // MARK: /dieu-hanh

    func home(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let account = try AccessPolicy.requireSignedIn(context.actor)
        if account.role == .commune { return try await communeHome(request, context, account: account) }
        return try await dashboard(request, context)
    }

    struct Stat {
        var label: String
        var value: String
        var note: String
        var tone: String
    }

    struct UnitLine {
        var rank: Int
        var code: String
        var name: String
        var href: String
        var light: String
        var lightClass: String
        var total: String
        var doneOnTime: String
        var doneLate: String
        var inProgress: String
        var overdue: String
        var dueSoon: String
        var rate: String
    }

    struct LightCount {
        var label: String
        var count: String
        var lightClass: String
    }

    struct FilterView {
        var directives: [Option]
        var units: [Option]
        var fields: [String]
        var field: String
        var from: String
        var to: String
        var active: Bool
    }

    struct DashboardContent {
        var today: String
        var dueSoonThrough: String
        var cards: [Stat]
        var overdue: [AssignmentRow]
        var hasOverdue: Bool
        var overdueMore: String?
        var dueSoon: [AssignmentRow]
        var hasDueSoon: Bool
        var units: [UnitLine]
        var unitsSummary: String
        var lights: [LightCount]
        var rules: [String]
        var filter: FilterView
        var filterErrors: [String]
        var hasFilterErrors: Bool
        var csvHref: String
        var xlsxHref: String
        var brief: String
    }

    /// Reads the dashboard filter from the page's query (Vietnamese names) and gives the API query for exports.
    static func dashboardFilter(_ request: Request) -> (DirectiveRepository.Filter, [(String, String)], [String]) {
        var filter = DirectiveRepository.Filter()
        var api: [(String, String)] = []
        var errors: [String] = []
        if let raw = request.query("van-ban") {
            if let id = Int64(raw), id > 0 { filter.directive = id; api.append(("directive", raw)) } else { errors.append("Văn bản chỉ đạo đã chọn không hợp lệ.") }
        }
        if let field = request.query("linh-vuc") { filter.field = field; api.append(("field", field)) }
        if let unit = request.query("don-vi") { filter.unit = unit; api.append(("unit", unit)) }
        if let raw = request.query("tu-ngay") {
            if let day = parseDay(raw) { filter.deadlineFrom = day; api.append(("from", day.description)) } else { errors.append("“Hạn từ ngày” phải là một ngày (ngày/tháng/năm).") }
        }
        if let raw = request.query("den-ngay") {
            if let day = parseDay(raw) { filter.deadlineThrough = day; api.append(("to", day.description)) } else { errors.append("“Đến ngày” phải là một ngày (ngày/tháng/năm).") }
        }
        if let from = filter.deadlineFrom, let to = filter.deadlineThrough, from > to { errors.append("“Hạn từ ngày” phải trước hoặc bằng “đến ngày”.") }
        return (filter, api, errors)
    }

    static func href(_ path: String, _ query: [(String, String)]) -> String {
        var components = URLComponents()
        components.path = path
        if !query.isEmpty { components.queryItems = query.map { URLQueryItem(name: $0.0, value: $0.1) } }
        return components.string ?? path
    }

    func dashboard(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        _ = try AccessPolicy.requireProvince(context.actor)
        let (filter, apiQuery, filterErrors) = Self.dashboardFilter(request)
        let board = try await service.dashboard(filter, actor: context.actor, listLimit: 20)
        let calendar = try await service.calendar()
        let today = board.today
        let names = board.unitNames
        let unacknowledged = board.counts.unacknowledged
        let all = board.overdue + board.dueSoon
        let directiveMap = try await directives(of: all)
        let c = board.counts
        let n = VietnameseNumber.integer
        let cards = [
            Stat(label: AssignmentStatus.doneOnTime.label, value: n(c.doneOnTime), note: "trên tổng \(n(c.total)) nhiệm vụ", tone: "rpt-good"),
            Stat(label: AssignmentStatus.doneLate.label, value: n(c.doneLate), note: "đã xong nhưng sau hạn", tone: "rpt-warn"),
            Stat(label: AssignmentStatus.inProgress.label, value: n(c.inProgress), note: "chưa đến hạn", tone: ""),
            Stat(label: AssignmentStatus.overdue.label, value: n(c.overdue), note: "cần đôn đốc", tone: "rpt-bad"),
            Stat(label: "Sắp đến hạn", value: n(c.dueSoon), note: "đến \(board.dueSoonThrough.vietnamese) (3 ngày làm việc)", tone: "rpt-warn"),
            Stat(label: "Chưa xác nhận đã nhận", value: n(unacknowledged), note: "đơn vị chưa bấm “Đã nhận”", tone: unacknowledged > 0 ? "rpt-warn" : ""),
        ]
        let units = board.units.enumerated().map { i, s in
            UnitLine(rank: i + 1, code: s.unitCode, name: Self.name(s.unitCode, names),
                     href: Self.href("/dieu-hanh", [("don-vi", s.unitCode)]), light: s.light.label, lightClass: Self.lightClass(s.light),
                     total: n(s.total), doneOnTime: n(s.doneOnTime), doneLate: n(s.doneLate), inProgress: n(s.inProgress),
                     overdue: n(s.overdue), dueSoon: n(s.dueSoon), rate: Self.percent(s.onTimeRate))
        }
        let lights = TrafficLight.allCases.reversed().map { light in
            LightCount(label: light.label, count: n(board.units.filter { $0.light == light }.count), lightClass: Self.lightClass(light))
        }
        let recent = try await service.directives(query: nil, page: PageRequest(page: 1, per: 200), actor: context.actor).items
        var directiveOptions = recent.map { Option(value: String($0.id), label: "\($0.number) — \(DirectivePages.short($0.summary, 70))", selected: filter.directive == $0.id) }
        if let chosen = filter.directive, !recent.contains(where: { $0.id == chosen }), let d = try? await service.directive(id: chosen) {
            directiveOptions.insert(Option(value: String(d.id), label: "\(d.number) — \(Self.short(d.summary, 70))", selected: true), at: 0)
        }
        let unitOptions = names.sorted { $0.value.localizedStandardCompare($1.value) == .orderedAscending }
            .map { Option(value: $0.key, label: $0.value, selected: filter.unit == $0.key) }
        let fields = Array(Set(recent.compactMap(\.field))).sorted()
        let content = DashboardContent(
            today: today.vietnamese, dueSoonThrough: board.dueSoonThrough.vietnamese, cards: cards,
            overdue: board.overdue.map { row($0, names: names, today: today, calendar: calendar, directives: directiveMap) },
            hasOverdue: !board.overdue.isEmpty,
            overdueMore: c.overdue > board.overdue.count ? "Đang hiện \(n(board.overdue.count)) trong \(n(c.overdue)) nhiệm vụ quá hạn (hạn sớm nhất trước); tải bảng tính để xem đủ." : nil,
            dueSoon: board.dueSoon.map { row($0, names: names, today: today, calendar: calendar, directives: directiveMap) },
            hasDueSoon: !board.dueSoon.isEmpty, units: units,
            unitsSummary: filter.unit == nil ? "\(n(units.count)) đơn vị cấp xã của tỉnh, tỷ lệ đúng hạn cao nhất trước; đơn vị chưa có nhiệm vụ đã có kết quả xếp cuối." : "Chỉ đơn vị đã chọn trong bộ lọc.",
            lights: lights, rules: TrafficLight.rules,
            filter: FilterView(directives: directiveOptions, units: unitOptions, fields: fields, field: filter.field ?? "",
                               from: filter.deadlineFrom?.vietnamese ?? "", to: filter.deadlineThrough?.vietnamese ?? "", active: !apiQuery.isEmpty),
            filterErrors: filterErrors, hasFilterErrors: !filterErrors.isEmpty,
            csvHref: Self.href("/api/v1/monitoring/assignments.csv", apiQuery), xlsxHref: Self.href("/api/v1/monitoring/assignments.xlsx", apiQuery),
            brief: filter == DirectiveRepository.Filter() ? service.weeklyBrief(from: board, calendar: calendar) : try await service.weeklyBrief(actor: context.actor))
        return try views.page("directive-dashboard", title: "Giám sát, điều hành", content, context: context, path: "/dieu-hanh")
    }

    static func short(_ text: String, _ limit: Int) -> String {
        let oneLine = text.replacingOccurrences(of: "\n", with: " ")
        return oneLine.count <= limit ? oneLine : String(oneLine.prefix(limit - 1)) + "…"
    }

    // MARK: Commune home

    struct CommuneContent {
        var unitName: String
        var today: String
        var rows: [AssignmentRow]
        var hasRows: Bool
        var summary: String
        var notice: String?
        var pager: Pager?
    }

    func communeHome(_ request: Request, _ context: AppRequestContext, account: UserAccount) async throws -> Response {
        guard let unit = account.unitCode else { throw HaiCapError.forbidden("Tài khoản cán bộ xã chưa gắn với đơn vị nào.") }
        let page = try PageRequest(page: request.query("page"), per: nil)
        let paged = try await service.list(.init(), page: page, actor: context.actor)
        let names = try await service.provinceUnits()
        let calendar = try await service.calendar()
        let today = service.today
        let directiveMap = try await directives(of: paged.items)
        let rows = paged.items.map { row($0, names: names, today: today, calendar: calendar, directives: directiveMap, viewerUnit: unit) }
        let n = VietnameseNumber.integer
        let open = rows.filter { $0.canAcknowledge }.count
        let overdue = rows.filter(\.overdue).count
        let soon = rows.filter(\.dueSoon).count
        var notice: String?
        if let raw = request.query("da-nhan"), let id = Int64(raw) { notice = "Đã xác nhận nhận nhiệm vụ số \(id). Tỉnh đã được báo." }
        let content = CommuneContent(
            unitName: Self.name(unit, names), today: today.vietnamese, rows: rows, hasRows: !rows.isEmpty,
            summary: "\(n(paged.total)) nhiệm vụ, hạn sớm nhất trước. Trang này: \(n(open)) chưa nhận, \(n(soon)) sắp đến hạn, \(n(overdue)) quá hạn.",
            notice: notice, pager: Pager(path: "/dieu-hanh", query: [], paged: paged))
        return try views.page("directive-commune", title: "Nhiệm vụ của đơn vị", content, context: context, path: "/dieu-hanh")
    }
}
