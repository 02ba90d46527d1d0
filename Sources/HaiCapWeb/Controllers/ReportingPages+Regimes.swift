import Foundation
import HaiCapCore
import HaiCapStore
import Hummingbird

/// `/bao-cao/che-do/…`: create a regime, see its periods, add an ad-hoc period.
extension ReportingPages {
    struct Option {
        var value: String
        var label: String
        var selected: Bool
    }

    struct UnitHint {
        var code: String
        var name: String
    }

    struct RegimeFormValues {
        var name = ""
        var form = ""
        var frequency = ReportFrequency.monthly.rawValue
        var deadlineWorkingDays = "5"
        var allUnits = true
        var unitCodes = ""
    }

    struct NewRegimeContent {
        var values: RegimeFormValues
        var forms: [Option]
        var hasForms: Bool
        var frequencies: [Option]
        var errors: [String]
        var hasErrors: Bool
        var units: [UnitHint]
        var unitCount: String
        var provinceCode: String
        var maxDays: Int
    }

    struct NewRegimeForm: Decodable {
        var name: String?
        var form: String?
        var frequency: String?
        var deadlineWorkingDays: String?
        var units: String?
        var unitCodes: String?
    }

    struct PeriodRow {
        var id: Int64
        var label: String
        var window: String
        var deadline: String
        var overdue: Bool
        var due: Bool
        var future: Bool
        var progress: String?
        var href: String
        var linkLabel: String
    }

    struct PeriodFormValues {
        var label = ""
        var from = ""
        var to = ""
        var deadline = ""
    }

    struct RegimeContent {
        var id: Int64
        var name: String
        var example: Bool
        var active: Bool
        var frequency: String
        var rule: String
        var units: String
        var unitList: [UnitHint]
        var hasUnitList: Bool
        var formID: Int64
        var formName: String
        var formVersion: Int
        var createdAt: String
        var createdBy: String
        var province: Bool
        var commune: Bool
        var periods: [PeriodRow]
        var hasPeriods: Bool
        var total: String
        var pager: Pager?
        var period: PeriodFormValues
        var errors: [String]
        var hasErrors: Bool
        var flash: String?
        var adHoc: Bool
        var examplesNote: String
    }

    struct NewPeriodForm: Decodable {
        var label: String?
        var from: String?
        var to: String?
        var deadline: String?
    }

    func addRegimeRoutes(to router: Router<AppRequestContext>) {
        router.get("/bao-cao/che-do/moi") { request, context in
            _ = try AccessPolicy.requireProvince(context.actor)
            var values = RegimeFormValues()
            if let form = request.query("bieu-mau") { values.form = form }
            return try await newRegimePage(context, values: values)
        }
        router.post("/bao-cao/che-do/moi") { request, context in
            _ = try AccessPolicy.requireProvince(context.actor)
            let form = try await request.form(NewRegimeForm.self)
            let values = RegimeFormValues(
                name: form.name ?? "", form: form.form ?? "", frequency: form.frequency ?? "",
                deadlineWorkingDays: form.deadlineWorkingDays ?? "", allUnits: form.units != "list", unitCodes: form.unitCodes ?? "")
            var errors: [String] = []
            let formID = Int64(values.form.trimmingCharacters(in: .whitespaces))
            if formID == nil { errors.append("Hãy chọn biểu mẫu báo cáo.") }
            let frequency = ReportFrequency(rawValue: values.frequency)
            if frequency == nil { errors.append("Hãy chọn tần suất báo cáo.") }
            let days = Int(values.deadlineWorkingDays.trimmingCharacters(in: .whitespaces))
            if days == nil { errors.append("Hạn gửi phải là số ngày làm việc (số nguyên, ví dụ 5).") }
            let units: AssignedUnits = values.allUnits ? .all : .list(Self.unitCodes(values.unitCodes))
            guard errors.isEmpty, let formID, let frequency, let days else {
                return try await newRegimePage(context, values: values, errors: errors, status: .unprocessableContent)
            }
            do {
                let regime = try await service.createRegime(
                    name: values.name, formID: formID, frequency: frequency, deadlineWorkingDays: days, units: units, actor: context.actor)
                return Views.redirect("/bao-cao/che-do/\(regime.id)?da-tao=1")
            } catch HaiCapError.validation(let fields) {
                return try await newRegimePage(context, values: values, errors: fields.map(\.message), status: .unprocessableContent)
            }
        }
        router.get("/bao-cao/che-do/{id}") { request, context in
            let values = PeriodFormValues()
            let flash: String? = request.query("da-tao") != nil ? "Đã tạo chế độ báo cáo và các kỳ báo cáo đầu tiên."
                : request.query("da-them-ky") != nil ? "Đã thêm kỳ báo cáo." : nil
            return try await regimePage(request, context, id: try Self.id(context), values: values, flash: flash)
        }
        router.post("/bao-cao/che-do/{id}/ky") { request, context in
            _ = try AccessPolicy.requireProvince(context.actor)
            let id = try Self.id(context)
            let form = try await request.form(NewPeriodForm.self)
            let values = PeriodFormValues(label: form.label ?? "", from: form.from ?? "", to: form.to ?? "", deadline: form.deadline ?? "")
            var errors: [String] = []
            func day(_ text: String, _ name: String) -> CalendarDay? {
                guard let parsed = Self.parseDay(text) else {
                    errors.append(text.trimmingCharacters(in: .whitespaces).isEmpty
                        ? "Hãy nhập \(name)."
                        : "\(name.prefix(1).uppercased() + name.dropFirst()) “\(text)” không phải ngày hợp lệ: viết dạng dd/mm/yyyy (ví dụ 05/01/2027) hoặc yyyy-mm-dd.")
                    return nil
                }
                return parsed
            }
            let from = day(values.from, "ngày bắt đầu"), to = day(values.to, "ngày chốt số liệu"), deadline = day(values.deadline, "hạn gửi")
            guard errors.isEmpty, let from, let to, let deadline else {
                return try await regimePage(request, context, id: id, values: values, errors: errors, status: .unprocessableContent)
            }
            do {
                _ = try await service.createPeriod(regimeID: id, label: values.label, from: from, to: to, deadline: deadline, actor: context.actor)
                return Views.redirect("/bao-cao/che-do/\(id)?da-them-ky=1")
            } catch HaiCapError.validation(let fields) {
                return try await regimePage(request, context, id: id, values: values, errors: fields.map(\.message), status: .unprocessableContent)
            }
        }
    }

    /// Unit codes typed one per line or separated by commas; "24121 - Phường X" keeps the code.
    static func unitCodes(_ text: String) -> [String] {
        var seen: Set<String> = []
        var out: [String] = []
        for item in text.split(whereSeparator: { $0 == "," || $0 == ";" || $0.isNewline }) {
            let trimmed = item.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty else { continue }
            let digits = trimmed.prefix { $0.isASCII && $0.isNumber }
            let code = digits.isEmpty ? trimmed : String(digits)
            if seen.insert(code).inserted { out.append(code) }
        }
        return out
    }

    func newRegimePage(_ context: AppRequestContext, values: RegimeFormValues, errors: [String] = [], status: HTTPResponse.Status = .ok) async throws -> Response {
        let forms = try await repository.forms().map {
            Option(value: String($0.id), label: "\($0.name) (phiên bản \($0.version))", selected: String($0.id) == values.form)
        }
        let frequencies = ReportFrequency.allCases.map { Option(value: $0.rawValue, label: $0.label, selected: $0.rawValue == values.frequency) }
        let names = try await service.unitNames()
        let units = names.sorted { $0.key < $1.key }.map { UnitHint(code: $0.key, name: $0.value) }
        let content = NewRegimeContent(
            values: values, forms: forms, hasForms: !forms.isEmpty, frequencies: frequencies, errors: errors, hasErrors: !errors.isEmpty,
            units: units, unitCount: VietnameseNumber.integer(units.count), provinceCode: service.provinceCode,
            maxDays: ReportRegime.maxDeadlineWorkingDays)
        return try views.page("reporting-regime-new", title: "Tạo chế độ báo cáo", content, context: context, path: "/bao-cao", status: status)
    }

    func regimePage(
        _ request: Request, _ context: AppRequestContext, id: Int64, values: PeriodFormValues, errors: [String] = [],
        flash: String? = nil, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let account = try AccessPolicy.requireSignedIn(context.actor)
        let province = account.role != .commune
        let regime = try await service.regime(id: id)
        let form = try await service.form(id: regime.formID)
        let all = try await service.periods(regimeID: id)
        let page = try PageRequest(page: request.query("page"), per: nil, defaultPer: 24)
        let slice = Array(all.dropFirst(page.offset).prefix(page.per))
        let today = self.today
        var assigned = true
        if !province, let unit = account.unitCode { assigned = try await service.expectedUnits(regime).contains(unit) }
        var rows: [PeriodRow] = []
        for period in slice {
            var progress: String?
            var overdue = false
            if province {
                let s = try await service.status(periodID: period.id, actor: context.actor)
                progress = "\(VietnameseNumber.integer(s.submitted))/\(VietnameseNumber.integer(s.expected)) đã gửi"
                overdue = today > period.deadline && !s.missing.isEmpty
            }
            let href: String
            let linkLabel: String
            if province {
                (href, linkLabel) = ("/bao-cao/ky/\(period.id)", "Theo dõi kỳ")
            } else if assigned, let unit = account.unitCode {
                (href, linkLabel) = ("/bao-cao/ky/\(period.id)/don-vi/\(unit)", "Báo cáo của đơn vị")
            } else {
                (href, linkLabel) = ("", "")
            }
            rows.append(PeriodRow(
                id: period.id, label: period.label, window: "\(period.from.vietnamese) – \(period.to.vietnamese)",
                deadline: period.deadline.vietnamese, overdue: overdue,
                due: today <= period.deadline && period.deadline <= today.adding(days: 7), future: period.from > today,
                progress: progress, href: href, linkLabel: linkLabel))
        }
        var unitList: [UnitHint] = []
        if case .list(let codes) = regime.units {
            let names = try await service.unitNames()
            unitList = codes.sorted().map { UnitHint(code: $0, name: names[$0] ?? $0) }
        }
        let paged = Paged(items: slice, total: all.count, page: page)
        let content = RegimeContent(
            id: regime.id, name: regime.name, example: regime.example, active: regime.active, frequency: regime.frequency.label,
            rule: Self.deadlineRule(regime), units: Self.unitsLabel(regime), unitList: unitList, hasUnitList: !unitList.isEmpty,
            formID: regime.formID, formName: form.definition.name, formVersion: form.version,
            createdAt: CivilTime.display(regime.createdAt), createdBy: regime.createdBy == "system" ? "Hệ thống (dữ liệu đi kèm)" : regime.createdBy,
            province: province, commune: !province, periods: rows, hasPeriods: !rows.isEmpty,
            total: VietnameseNumber.integer(all.count), pager: Pager(path: "/bao-cao/che-do/\(id)", query: [], paged: paged),
            period: values, errors: errors, hasErrors: !errors.isEmpty, flash: flash, adHoc: regime.frequency == .adHoc,
            examplesNote: Self.examplesNote)
        return try views.page("reporting-regime", title: regime.name, content, context: context, path: "/bao-cao", status: status)
    }
}
