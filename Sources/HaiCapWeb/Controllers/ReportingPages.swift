import Foundation
import HaiCapCore
import HaiCapData
import HaiCapStore
import Hummingbird

/// Two-level reporting pages: the `/bao-cao` landing, forms (biểu mẫu) with their structured editor and
/// JSON import/export, regimes (chế độ báo cáo) with their periods, and the working-day calendar.
/// Every write goes through `ReportingService` or `CalendarRepository`, which check access and audit.
struct ReportingPages {
    let views: Views
    let database: Database
    let service: ReportingService
    let now: @Sendable () -> Date

    var repository: ReportingRepository { ReportingRepository(db: database.sql) }
    var today: CalendarDay { CalendarDay(now()) }

    /// The bundled examples' note ("Ví dụ minh họa …"), shown beside example regimes and forms.
    static let examplesNote: String = {
        struct File: Decodable { var note: String }
        let text = (try? BundledData.text("reporting/examples.json")) ?? ""
        return (try? JSONDecoder().decode(File.self, from: Data(text.utf8)).note)
            ?? "Các chế độ báo cáo đi kèm là ví dụ minh họa; tỉnh sửa hoặc thay bằng biểu mẫu chính thức."
    }()

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/bao-cao") { _, context in try await landing(context) }
        addRegimeRoutes(to: router)
        addFormRoutes(to: router)
        addCalendarRoutes(to: router)
    }

    // MARK: Shared helpers

    /// A positive integer path parameter, else 404.
    static func id(_ context: AppRequestContext, _ name: String = "id") throws -> Int64 {
        guard let raw = context.parameters.get(name), let id = Int64(raw), id > 0 else {
            throw HaiCapError.notFound("Không tìm thấy: mã số phải là số nguyên dương.")
        }
        return id
    }

    /// "2 ngày làm việc sau ngày chốt số liệu".
    static func deadlineRule(_ regime: ReportRegime) -> String {
        regime.frequency == .adHoc
            ? "do tỉnh đặt cho từng kỳ báo cáo"
            : "\(regime.deadlineWorkingDays) ngày làm việc sau ngày chốt số liệu"
    }

    static func unitsLabel(_ regime: ReportRegime) -> String {
        switch regime.units {
        case .all: "Tất cả xã, phường"
        case .list(let codes): "\(VietnameseNumber.integer(codes.count)) đơn vị"
        }
    }

    static func percent(_ share: Double) -> String { VietnameseNumber.number(share * 100, digits: 1) + "%" }

    /// "Thứ Hai" … "Chủ nhật".
    static func weekday(_ day: CalendarDay) -> String {
        ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật"][day.isoWeekday - 1]
    }

    /// Parses a date typed as dd/mm/yyyy or yyyy-mm-dd.
    static func parseDay(_ text: String) -> CalendarDay? {
        let t = text.trimmingCharacters(in: .whitespaces)
        return CalendarDay(iso: t) ?? CalendarDay(vietnamese: t)
    }

    static func blankToNil(_ value: String?) -> String? {
        guard let v = value?.trimmingCharacters(in: .whitespacesAndNewlines), !v.isEmpty else { return nil }
        return v
    }

    /// True for the statuses in which the commune still types (the report is not with the province).
    static func editable(_ status: ReportStatus) -> Bool { status == .notStarted || status == .draft || status == .returned }

    // MARK: Landing

    struct PeriodLink {
        var id: Int64
        var label: String
        var window: String
        var deadline: String
        var submitted: String
        var expected: String
        var completeness: String
        var submittedCount: Int
        var expectedCount: Int
        /// "2" when some reports came late, else nil.
        var late: String?
        var missing: Int
        var overdue: Bool
        var due: Bool
        var regimeID: Int64
        var regimeName: String
    }

    struct RegimeCard {
        var id: Int64
        var name: String
        var example: Bool
        var active: Bool
        var frequency: String
        var rule: String
        var units: String
        var formID: Int64
        var formName: String
        var period: PeriodLink?
    }

    struct CommunePeriod {
        var id: Int64
        var label: String
        var window: String
        var deadline: String
        var statusLabel: String
        var statusClass: String
        var late: Bool
        var overdue: Bool
        var actionLabel: String
        var href: String
        var comment: String?
    }

    struct CommuneRegime {
        var id: Int64
        var name: String
        var example: Bool
        var frequency: String
        var rule: String
        var periods: [CommunePeriod]
        var hasPeriods: Bool
        var historyHref: String
    }

    struct LandingContent {
        var province: Bool
        var admin: Bool
        var today: String
        var regimes: [RegimeCard]
        var hasRegimes: Bool
        var overdue: [PeriodLink]
        var hasOverdue: Bool
        var upcoming: [PeriodLink]
        var hasUpcoming: Bool
        var unitCode: String?
        var unitName: String?
        var communeRegimes: [CommuneRegime]
        var hasCommuneRegimes: Bool
        var hasExamples: Bool
        var examplesNote: String
    }

    func landing(_ context: AppRequestContext) async throws -> Response {
        let account = try AccessPolicy.requireSignedIn(context.actor)
        let today = self.today
        let regimes = try await service.regimes()
        var periodsByRegime: [Int64: [ReportingPeriod]] = [:]
        for regime in regimes { periodsByRegime[regime.id] = try await service.periods(regimeID: regime.id) }
        let names = Dictionary(regimes.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        var content = LandingContent(
            province: account.role != .commune, admin: account.role == .admin, today: today.vietnamese,
            regimes: [], hasRegimes: !regimes.isEmpty, overdue: [], hasOverdue: false, upcoming: [], hasUpcoming: false,
            unitCode: nil, unitName: nil, communeRegimes: [], hasCommuneRegimes: false,
            hasExamples: regimes.contains(where: \.example), examplesNote: Self.examplesNote)

        if account.role == .commune {
            guard let unit = account.unitCode else { throw HaiCapError.forbidden("Tài khoản cán bộ xã chưa gắn với đơn vị nào.") }
            content.unitCode = unit
            content.unitName = try await service.unitNames()[unit]
            for regime in regimes where regime.active {
                guard try await service.expectedUnits(regime).contains(unit) else { continue }
                let history = try await repository.history(regimeID: regime.id, unitCode: unit)
                let recent = history.filter { $0.0.from <= today }.suffix(3).reversed()
                let periods = recent.map { period, report in
                    let status = report?.status ?? .notStarted
                    let overdue = !status.counts && today > period.deadline
                    return CommunePeriod(
                        id: period.id, label: period.label, window: "\(period.from.vietnamese) – \(period.to.vietnamese)",
                        deadline: period.deadline.vietnamese, statusLabel: status.label, statusClass: Self.statusClass(status),
                        late: report?.late == true, overdue: overdue,
                        actionLabel: Self.editable(status) ? "Nhập báo cáo" : "Xem",
                        href: "/bao-cao/ky/\(period.id)/don-vi/\(unit)",
                        comment: status == .returned ? report?.comment : nil)
                }
                content.communeRegimes.append(CommuneRegime(
                    id: regime.id, name: regime.name, example: regime.example, frequency: regime.frequency.label,
                    rule: Self.deadlineRule(regime), periods: Array(periods), hasPeriods: !periods.isEmpty,
                    historyHref: "/bao-cao/don-vi/\(unit)/lich-su?che-do=\(regime.id)"))
            }
            content.hasCommuneRegimes = !content.communeRegimes.isEmpty
            content.hasExamples = regimes.contains { regime in regime.example && content.communeRegimes.contains { $0.id == regime.id } }
        } else {
            var formNames: [Int64: String] = [:]
            for form in try await repository.forms() { formNames[form.id] = form.name }
            for regime in regimes {
                let periods = periodsByRegime[regime.id] ?? []
                // The latest period whose deadline has passed; a new regime shows its nearest deadline instead.
                let focus = periods.filter { $0.deadline < today }.max { $0.deadline < $1.deadline }
                    ?? periods.filter { $0.deadline >= today }.min { $0.deadline < $1.deadline }
                var link: PeriodLink?
                if let focus { link = try await periodLink(focus, regimeName: regime.name, today: today, actor: context.actor) }
                content.regimes.append(RegimeCard(
                    id: regime.id, name: regime.name, example: regime.example, active: regime.active, frequency: regime.frequency.label,
                    rule: Self.deadlineRule(regime), units: Self.unitsLabel(regime), formID: regime.formID,
                    formName: formNames[regime.formID] ?? "Biểu mẫu số \(regime.formID)", period: link))
            }
            let overdue = try await repository.periods(deadlineFrom: today.adding(days: -366), through: today.adding(days: -1)).reversed()
            for period in overdue where names[period.regimeID] != nil {
                let link = try await periodLink(period, regimeName: names[period.regimeID] ?? "", today: today, actor: context.actor)
                if link.missing > 0 { content.overdue.append(link) }
                if content.overdue.count >= 20 { break }
            }
            for period in try await repository.periods(deadlineFrom: today, through: today.adding(days: 7)) where names[period.regimeID] != nil {
                content.upcoming.append(try await periodLink(period, regimeName: names[period.regimeID] ?? "", today: today, actor: context.actor))
            }
            content.hasOverdue = !content.overdue.isEmpty
            content.hasUpcoming = !content.upcoming.isEmpty
        }
        return try views.page("reporting-home", title: "Báo cáo hai cấp", content, context: context, path: "/bao-cao")
    }

    func periodLink(_ period: ReportingPeriod, regimeName: String, today: CalendarDay, actor: Actor) async throws -> PeriodLink {
        let status = try await service.status(periodID: period.id, actor: actor)
        return PeriodLink(
            id: period.id, label: period.label, window: "\(period.from.vietnamese) – \(period.to.vietnamese)",
            deadline: period.deadline.vietnamese, submitted: VietnameseNumber.integer(status.submitted),
            expected: VietnameseNumber.integer(status.expected), completeness: Self.percent(status.completeness),
            submittedCount: status.submitted, expectedCount: max(status.expected, 1),
            late: status.late > 0 ? VietnameseNumber.integer(status.late) : nil,
            missing: status.missing.count, overdue: today > period.deadline && !status.missing.isEmpty,
            due: today <= period.deadline && period.deadline <= today.adding(days: 7),
            regimeID: period.regimeID, regimeName: regimeName)
    }

    static func statusClass(_ status: ReportStatus) -> String {
        switch status {
        case .accepted: "green"
        case .submitted: "blue"
        case .returned: "red"
        case .draft: "amber"
        case .notStarted: ""
        }
    }
}
