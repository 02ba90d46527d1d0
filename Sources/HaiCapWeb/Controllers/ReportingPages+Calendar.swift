import Foundation
import HaiCapCore
import HaiCapStore
import Hummingbird

/// `/quan-tri/lich-lam-viec`: statutory holidays of a year and the administrator's corrections (admin only).
extension ReportingPages {
    struct HolidayRow {
        var date: String
        var weekday: String
        var name: String
        var isDefault: Bool
        var corrected: String?
    }

    struct CorrectionRow {
        var iso: String
        var date: String
        var weekday: String
        var kindLabel: String
        var off: Bool
        var note: String?
        var updatedBy: String
        var updatedAt: String
    }

    struct YearLink {
        var year: Int
        var count: Int
    }

    struct CalendarFormValues {
        var day = ""
        var kind = CalendarRepository.Kind.off.rawValue
        var note = ""
        var kindOff: Bool { kind == CalendarRepository.Kind.off.rawValue }
    }

    struct CalendarContent {
        var year: Int
        var previousYear: Int
        var nextYear: Int
        var holidays: [HolidayRow]
        var corrections: [CorrectionRow]
        var hasCorrections: Bool
        var otherYears: [YearLink]
        var hasOtherYears: Bool
        var day: String
        var kindOff: Bool
        var note: String
        var errors: [String]
        var hasErrors: Bool
        var flash: String?
        var legalBasis: String
    }

    struct CalendarForm: Decodable {
        var day: String?
        var kind: String?
        var note: String?
    }

    static func kindLabel(_ kind: CalendarRepository.Kind) -> String {
        switch kind {
        case .off: "Ngày nghỉ thêm"
        case .working: "Ngày làm việc (làm bù)"
        }
    }

    func addCalendarRoutes(to router: Router<AppRequestContext>) {
        router.get("/quan-tri/lich-lam-viec") { request, context in
            _ = try AccessPolicy.requireAdmin(context.actor)
            let year = try Self.year(request.query("nam"), default: today.year)
            let flash: String? = if let saved = request.query("da-luu").flatMap(CalendarDay.init(iso:)) {
                "Đã lưu điều chỉnh ngày \(saved.vietnamese)."
            } else if let removed = request.query("da-xoa").flatMap(CalendarDay.init(iso:)) {
                "Đã bỏ điều chỉnh ngày \(removed.vietnamese)."
            } else { nil }
            return try await calendarPage(context, year: year, values: .init(), flash: flash)
        }
        router.post("/quan-tri/lich-lam-viec") { request, context in
            let admin = try AccessPolicy.requireAdmin(context.actor)
            let form = try await request.form(CalendarForm.self)
            let values = CalendarFormValues(day: form.day ?? "", kind: form.kind ?? "", note: form.note ?? "")
            var errors: [String] = []
            let day = Self.parseDay(values.day)
            if day == nil {
                errors.append(values.day.trimmingCharacters(in: .whitespaces).isEmpty
                    ? "Hãy nhập ngày cần điều chỉnh."
                    : "“\(values.day)” không phải ngày hợp lệ: viết dạng dd/mm/yyyy (ví dụ 16/02/2027) hoặc yyyy-mm-dd.")
            }
            let kind = CalendarRepository.Kind(rawValue: values.kind)
            if kind == nil { errors.append("Hãy chọn loại điều chỉnh: ngày nghỉ thêm hoặc ngày làm việc (làm bù).") }
            let note = values.note.trimmingCharacters(in: .whitespacesAndNewlines)
            if note.count > 500 { errors.append("Ghi chú dài quá 500 ký tự.") }
            guard errors.isEmpty, let day, let kind else {
                let year = day?.year ?? (try? Self.year(request.query("nam"), default: today.year)) ?? today.year
                return try await calendarPage(context, year: year, values: values, errors: errors, status: .unprocessableContent)
            }
            try await CalendarRepository.set(day, kind: kind, note: note, by: admin.username, database: database, now: now())
            return Views.redirect("/quan-tri/lich-lam-viec?nam=\(day.year)&da-luu=\(day.description)")
        }
        router.get("/quan-tri/lich-lam-viec/{day}/xoa") { _, context in
            _ = try AccessPolicy.requireAdmin(context.actor)
            let day = try Self.pathDay(context)
            guard let entry = try await CalendarRepository(db: database.sql).entries().first(where: { $0.day == day }) else {
                throw HaiCapError.notFound("Ngày \(day.vietnamese) chưa được điều chỉnh.")
            }
            let content = AdminController.ConfirmContent(
                heading: "Bỏ điều chỉnh ngày \(day.vietnamese)",
                question: "Bỏ điều chỉnh “\(Self.kindLabel(entry.kind))” ngày \(Self.weekday(day).lowercased()) \(day.vietnamese)\(entry.note.isEmpty ? "" : " (\(entry.note))")? Ngày này sẽ trở lại theo lịch mặc định. Hạn gửi của các kỳ báo cáo đã tạo không thay đổi.",
                action: "/quan-tri/lich-lam-viec/\(day.description)/xoa", confirmLabel: "Bỏ điều chỉnh",
                cancel: "/quan-tri/lich-lam-viec?nam=\(day.year)")
            return try views.page("confirm", title: content.heading, content, context: context, path: "/quan-tri")
        }
        router.post("/quan-tri/lich-lam-viec/{day}/xoa") { _, context in
            let admin = try AccessPolicy.requireAdmin(context.actor)
            let day = try Self.pathDay(context)
            guard try await CalendarRepository.remove(day, by: admin.username, database: database, now: now()) else {
                throw HaiCapError.notFound("Ngày \(day.vietnamese) chưa được điều chỉnh.")
            }
            return Views.redirect("/quan-tri/lich-lam-viec?nam=\(day.year)&da-xoa=\(day.description)")
        }
    }

    static func year(_ text: String?, default fallback: Int) throws -> Int {
        guard let text else { return fallback }
        guard let year = Int(text), (1900...2200).contains(year) else {
            throw HaiCapError.validation([.init(key: "nam", message: "Năm phải là số từ 1900 đến 2200.")])
        }
        return year
    }

    static func pathDay(_ context: AppRequestContext) throws -> CalendarDay {
        guard let raw = context.parameters.get("day"), let day = CalendarDay(iso: raw) else {
            throw HaiCapError.notFound("Ngày phải có dạng yyyy-mm-dd và là ngày có thật.")
        }
        return day
    }

    func calendarPage(
        _ context: AppRequestContext, year: Int, values: CalendarFormValues, errors: [String] = [], flash: String? = nil,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let entries = try await CalendarRepository(db: database.sql).entries()
        let byDay = Dictionary(entries.map { ($0.day, $0) }, uniquingKeysWith: { a, _ in a })
        let holidays = WorkingDayCalendar().holidays(year: year).map { h in
            HolidayRow(
                date: h.day.vietnamese, weekday: Self.weekday(h.day), name: h.name, isDefault: h.isDefaultChoice,
                corrected: byDay[h.day].map { $0.kind == .working ? "Quản trị viên đã đặt là ngày làm việc" : "Quản trị viên đã xác nhận là ngày nghỉ" })
        }
        let corrections = entries.filter { $0.day.year == year }.map { e in
            CorrectionRow(
                iso: e.day.description, date: e.day.vietnamese, weekday: Self.weekday(e.day), kindLabel: Self.kindLabel(e.kind),
                off: e.kind == .off, note: Self.blankToNil(e.note), updatedBy: e.updatedBy, updatedAt: CivilTime.display(e.updatedAt))
        }
        var counts: [Int: Int] = [:]
        for e in entries where e.day.year != year { counts[e.day.year, default: 0] += 1 }
        let others = counts.keys.sorted().map { YearLink(year: $0, count: counts[$0] ?? 0) }
        let content = CalendarContent(
            year: year, previousYear: year - 1, nextYear: year + 1, holidays: holidays, corrections: corrections,
            hasCorrections: !corrections.isEmpty, otherYears: others, hasOtherYears: !others.isEmpty,
            day: values.day, kindOff: values.kindOff, note: values.note, errors: errors, hasErrors: !errors.isEmpty, flash: flash,
            legalBasis: WorkingDayCalendar.legalBasis)
        return try views.page("reporting-calendar", title: "Lịch làm việc năm \(year)", content, context: context, path: "/quan-tri", status: status)
    }
}
