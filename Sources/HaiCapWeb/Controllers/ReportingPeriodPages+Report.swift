import Foundation
import HaiCapCore
import HaiCapStore
import Hummingbird

/// One unit's report for one period: fill in and submit (commune), review (province), versions.
extension ReportingPeriodPages {
    struct FieldView {
        var key: String
        var id: String
        var name: String
        var label: String
        var unit: String?
        var required: Bool
        var help: String?
        var messages: [String]
        var invalid: Bool
        /// What goes back into the input: the text as typed, or the stored value.
        var value: String
        /// The value as people read it; nil when empty.
        var display: String?
        var isNumber: Bool
        var isBoolean: Bool
        var isChoice: Bool
        var isDate: Bool
        var isText: Bool
        var isComputed: Bool
        var yes: Bool
        var no: Bool
        var options: [Option]
        var formula: String?
    }

    struct SectionView {
        var title: String?
        var fields: [FieldView]
    }

    struct NarrativeView {
        var id: String
        var name: String
        var title: String
        var hint: String?
        var text: String
        var hasText: Bool
    }

    struct VersionRow {
        var sequence: Int
        var action: String
        var status: String
        var statusClass: String
        var actor: String
        var at: String
        /// Named apart from `ReportPage.comment`: Mustache would fall back to the page's comment when nil.
        var versionNote: String?
    }

    struct ReportPage {
        var periodID: Int64
        var unitCode: String
        var unitName: String
        var action: String
        var regimeID: Int64
        var regimeName: String
        var periodLabel: String
        var formName: String
        var formVersion: Int
        var example: Bool
        var from: String
        var to: String
        var deadline: String
        var deadlineNote: String?
        var overdue: Bool
        var statusLabel: String
        var statusClass: String
        var late: Bool
        var submittedAt: String?
        var onTimeNote: String?
        var comment: String?
        var commentHeading: String
        var editable: Bool
        var proxy: Bool
        var proxyLink: String?
        var sections: [SectionView]
        var narrative: [NarrativeView]
        var hasNarrative: Bool
        var notice: String?
        var error: String?
        var issueSummary: String?
        var issueLinks: [LinkItem]
        var generalIssues: [String]
        var canAccept: Bool
        var canReturn: Bool
        var canReopen: Bool
        var reviewComment: String
        var reviewError: String?
        var versions: [VersionRow]
        var hasVersions: Bool
        var historyLink: String
        var dashboardLink: String?
        var printLink: String
        var printMode: Bool
    }

    /// What the page re-renders with after a failed post.
    struct Submitted {
        var values: [String: String] = [:]
        var narrative: [String: String] = [:]
        var issues: [FieldError] = []
        var error: String?
        var reviewComment = ""
        var reviewError: String?
        var proxy = false
    }

    static let notices: [String: String] = [
        "da-luu": "Đã lưu nháp. Số liệu chưa được gửi lên tỉnh; bấm “Gửi báo cáo” khi đã hoàn tất.",
        "da-gui": "Đã gửi báo cáo lên tỉnh. Báo cáo bị khóa cho đến khi tỉnh trả lại hoặc mở lại.",
        "da-tiep-nhan": "Đã tiếp nhận báo cáo. Báo cáo được khóa; muốn sửa cần mở lại và nêu lý do.",
        "da-tra-lai": "Đã trả lại báo cáo kèm nhận xét; đơn vị sẽ thấy nhận xét khi mở báo cáo.",
        "da-mo-lai": "Đã mở lại báo cáo; đơn vị có thể sửa và gửi lại.",
    ]

    func reportPage(_ request: Request, context: AppRequestContext) async throws -> Response {
        let periodID = try Self.periodID(context)
        let unitCode = try context.parameters.require("unit")
        let ctx = try await service.context(periodID: periodID, unitCode: unitCode, actor: context.actor)
        let notice = Self.notices.first { request.query($0.key) != nil }?.value
        var state = Submitted()
        state.proxy = request.query("nhap-ho") != nil
        return try await render(ctx, state: state, notice: notice, printMode: request.query("in") != nil, context: context)
    }

    func saveReport(_ request: Request, context: AppRequestContext) async throws -> Response {
        let periodID = try Self.periodID(context)
        let unitCode = try context.parameters.require("unit")
        let ctx = try await service.context(periodID: periodID, unitCode: unitCode, actor: context.actor)
        let fields = try await Self.formFields(request)
        let definition = ctx.form.definition
        var state = Submitted()
        state.proxy = fields["nhap-ho"] != nil
        var values: [String: JSONValue] = [:]
        for item in definition.indicators where !item.isComputed {
            guard let raw = fields["v.\(item.key)"] else { continue }
            state.values[item.key] = raw
            if !raw.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { values[item.key] = .string(raw) }
        }
        var narrative: [String: String] = [:]
        for (index, item) in definition.outline.enumerated() {
            guard let text = fields["n.\(index)"] else { continue }
            state.narrative[item.title] = text
            narrative[item.title] = text
        }
        let proxyQuery = state.proxy ? "&nhap-ho=1" : ""
        let submit = fields["hanh-dong"] == "gui"
        do {
            let (_, check) = try await service.saveDraft(periodID: periodID, unitCode: unitCode, values: values, narrative: narrative, actor: context.actor)
            if submit {
                _ = try await service.submit(periodID: periodID, unitCode: unitCode, actor: context.actor)
                return Views.redirect(Self.reportPath(periodID, unitCode) + "?da-gui=1")
            }
            if !check.isValid {
                state.issues = check.issues
                state.error = "Đã lưu nháp, nhưng còn số liệu cần sửa trước khi gửi (xem thông báo cạnh từng ô)."
                return try await render(try await service.context(periodID: periodID, unitCode: unitCode, actor: context.actor), state: state, context: context, status: .unprocessableContent)
            }
            return Views.redirect(Self.reportPath(periodID, unitCode) + "?da-luu=1" + proxyQuery)
        } catch HaiCapError.validation(let problems) {
            state.issues = problems
            state.error = submit
                ? "Chưa gửi được: báo cáo còn số liệu thiếu hoặc chưa hợp lệ (xem thông báo cạnh từng ô). Số liệu đã nhập được lưu nháp."
                : "Chưa lưu được: dữ liệu chưa hợp lệ."
            return try await render(try await service.context(periodID: periodID, unitCode: unitCode, actor: context.actor), state: state, context: context, status: .unprocessableContent)
        } catch HaiCapError.conflict(let message) {
            state.error = message
            return try await render(try await service.context(periodID: periodID, unitCode: unitCode, actor: context.actor), state: state, context: context, status: .conflict)
        }
    }

    func reviewReport(_ request: Request, context: AppRequestContext) async throws -> Response {
        let periodID = try Self.periodID(context)
        let unitCode = try context.parameters.require("unit")
        _ = try AccessPolicy.requireProvince(context.actor)
        let fields = try await Self.formFields(request)
        let actions: [String: (ReportAction, String)] = [
            "tiep-nhan": (.accept, "da-tiep-nhan"), "tra-lai": (.return, "da-tra-lai"), "mo-lai": (.reopen, "da-mo-lai"),
        ]
        guard let (action, flag) = actions[fields["hanh-dong"] ?? ""] else { throw HaiCapError.badRequest("Thao tác duyệt không hợp lệ.") }
        let comment = fields["nhan-xet"] ?? ""
        var state = Submitted()
        state.reviewComment = comment
        do {
            _ = try await service.review(periodID: periodID, unitCode: unitCode, action: action, comment: comment, actor: context.actor)
            return Views.redirect(Self.reportPath(periodID, unitCode) + "?\(flag)=1")
        } catch HaiCapError.validation(let problems) {
            state.reviewError = problems.map(\.message).joined(separator: " ")
            return try await render(try await service.context(periodID: periodID, unitCode: unitCode, actor: context.actor), state: state, context: context, status: .unprocessableContent)
        } catch HaiCapError.conflict(let message) {
            state.error = message
            return try await render(try await service.context(periodID: periodID, unitCode: unitCode, actor: context.actor), state: state, context: context, status: .conflict)
        }
    }

    func render(_ ctx: ReportingService.ReportContext, state: Submitted, notice: String? = nil, printMode: Bool = false, context: AppRequestContext, status: HTTPResponse.Status = .ok) async throws -> Response {
        let definition = ctx.form.definition
        let report = ctx.report
        let reportStatus = report?.status ?? .notStarted
        let isProvince = ctx.account.role != .commune
        let open = [ReportStatus.notStarted, .draft, .returned].contains(reportStatus)
        let editable = open && !printMode && (!isProvince || state.proxy)
        let unitName = try await UnitRepository(db: database.sql).find(code: ctx.unitCode)?.name ?? ctx.unitCode
        let base = Self.reportPath(ctx.period.id, ctx.unitCode)

        // Problems beside the fields: those of the failed post, else those of the stored draft.
        var issues = state.issues
        if issues.isEmpty, state.values.isEmpty, editable, let report, !report.values.isEmpty {
            issues = (try? definition.check(report.values, forSubmit: false).issues) ?? []
        }
        var byKey: [String: [String]] = [:]
        var general: [String] = []
        for issue in issues {
            if definition.indicator(issue.key) != nil { byKey[issue.key, default: []].append(issue.message) } else { general.append(issue.message) }
        }

        let sections = definition.sections.map { section in
            SectionView(title: section.title.isEmpty ? nil : section.title, fields: section.indicators.map { item in
                let stored = report?.values[item.key]
                let typed = state.values[item.key]
                let value = typed ?? Self.inputText(stored, for: item)
                let messages = byKey[item.key] ?? []
                let booleanValue = typed.map { $0.lowercased() } ?? {
                    if case .bool(let b)? = stored { return b ? "co" : "khong" }
                    return ""
                }()
                var options = (item.choices ?? []).map { Option(value: $0, label: $0, selected: $0 == value) }
                if item.type == .choice, !value.isEmpty, !(item.choices ?? []).contains(value) {
                    options.insert(Option(value: value, label: value, selected: true), at: 0)
                }
                return FieldView(
                    key: item.key, id: "f-\(item.key)", name: "v.\(item.key)", label: item.label, unit: item.type == .boolean ? nil : item.unit,
                    required: item.required && !item.isComputed, help: item.help, messages: messages, invalid: !messages.isEmpty,
                    value: value, display: Self.display(stored, for: item),
                    isNumber: !item.isComputed && [.integer, .decimal, .percent].contains(item.type),
                    isBoolean: !item.isComputed && item.type == .boolean, isChoice: !item.isComputed && item.type == .choice,
                    // A wrong date is shown as typed in a text box; a date input would drop it.
                    isDate: !item.isComputed && item.type == .date, isText: !item.isComputed && item.type == .text,
                    isComputed: item.isComputed, yes: ["co", "có", "true", "1"].contains(booleanValue), no: ["khong", "không", "false", "0"].contains(booleanValue),
                    options: options, formula: item.formula.map { Self.formulaWords($0, definition: definition) })
            })
        }
        let narrative = definition.outline.enumerated().map { index, item in
            let text = state.narrative[item.title] ?? report?.narrative[item.title] ?? ""
            return NarrativeView(id: "n-\(index)", name: "n.\(index)", title: item.title, hint: item.hint, text: text,
                                 hasText: !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty)
        }

        var versions: [ReportVersion] = []
        if let report { versions = try await service.versions(of: report) }
        // "Nguyễn Văn A (tinh.a)" for the people in the history.
        var people: [String: String] = [:]
        let users = UserRepository(db: database.sql)
        for name in Set(versions.map(\.actor)) {
            if let account = try await users.find(username: name), account.displayName != name, !account.displayName.isEmpty {
                people[name] = "\(account.displayName) (\(name))"
            }
        }
        let today = CalendarDay(now())
        let deadline = Self.deadlineNote(ctx.period.deadline, today: today)
        let sent = reportStatus.counts
        let issueCount = byKey.values.reduce(0) { $0 + $1.count }
        var content = ReportPage(
            periodID: ctx.period.id, unitCode: ctx.unitCode, unitName: unitName, action: base,
            regimeID: ctx.regime.id, regimeName: ctx.regime.name, periodLabel: ctx.period.label,
            formName: definition.name, formVersion: ctx.form.version, example: definition.example,
            from: ctx.period.from.vietnamese, to: ctx.period.to.vietnamese, deadline: ctx.period.deadline.vietnamese,
            deadlineNote: sent ? nil : deadline.text, overdue: !sent && deadline.overdue,
            statusLabel: reportStatus.label, statusClass: Self.statusClass(reportStatus),
            late: report?.late == true && report?.firstSubmittedAt != nil,
            submittedAt: report?.submittedAt.map(CivilTime.display),
            onTimeNote: report?.firstSubmittedAt.map { first in
                let timeliness = report?.late == true ? "trễ hạn" : "đúng hạn"
                return first == report?.submittedAt ? timeliness : "lần đầu gửi lúc \(CivilTime.display(first)), \(timeliness)"
            },
            comment: [.returned].contains(reportStatus) ? report?.comment : nil,
            commentHeading: "Nhận xét của tỉnh",
            editable: editable, proxy: state.proxy && editable,
            proxyLink: isProvince && open && !editable && !printMode ? base + "?nhap-ho=1" : nil,
            sections: sections, narrative: narrative, hasNarrative: !narrative.isEmpty,
            notice: notice, error: state.error,
            issueSummary: issueCount > 0 && editable ? "Còn \(issueCount) chỗ cần sửa (bấm để tới ô đó):" : nil,
            issueLinks: editable ? definition.indicators.flatMap { item in
                (byKey[item.key] ?? []).map { LinkItem(href: "#f-\(item.key)", label: $0, current: false) }
            } : [],
            generalIssues: general,
            canAccept: isProvince && reportStatus == .submitted && !printMode,
            canReturn: isProvince && reportStatus == .submitted && !printMode,
            canReopen: isProvince && reportStatus == .accepted && !printMode,
            reviewComment: state.reviewComment, reviewError: state.reviewError,
            versions: versions.reversed().map {
                VersionRow(sequence: $0.sequence, action: $0.action.label, status: $0.status.label, statusClass: Self.statusClass($0.status),
                           actor: people[$0.actor] ?? $0.actor, at: CivilTime.display($0.at), versionNote: $0.comment)
            },
            hasVersions: !versions.isEmpty,
            historyLink: Self.historyPath(ctx.unitCode, regimeID: ctx.regime.id),
            dashboardLink: isProvince ? "/bao-cao/ky/\(ctx.period.id)" : nil,
            printLink: base + "?in=1", printMode: printMode)
        // A reopened report carries the reason; a returned one the comment.
        if reportStatus == .returned, let last = versions.last(where: { $0.action.isReview }), last.action == .reopen {
            content.commentHeading = "Lý do tỉnh mở lại báo cáo"
        }
        return try views.page("report-unit", title: "\(ctx.period.label) — \(unitName)", content, context: context, path: "/bao-cao", status: status)
    }

    /// The stored value as an input's text: numbers in Vietnamese style ("1.234", "12,5"), dates as YYYY-MM-DD.
    static func inputText(_ value: JSONValue?, for item: Indicator) -> String {
        switch value {
        case .number(let n)?: VietnameseNumber.number(n, digits: 6)
        case .bool(let b)?: b ? "co" : "khong"
        case .string(let s)?: s
        default: ""
        }
    }

    /// A formula in words: indicator keys become their labels, functions Vietnamese phrases.
    static func formulaWords(_ text: String, definition: ReportFormDefinition) -> String {
        guard let expression = try? ReportExpression.parse(text) else { return text }
        func precedence(_ op: ReportExpression.BinaryOperator) -> Int {
            switch op {
            case .or: 1
            case .and: 2
            case .less, .lessOrEqual, .greater, .greaterOrEqual, .equal, .notEqual: 4
            case .add, .subtract: 5
            case .multiply, .divide: 6
            }
        }
        func symbol(_ op: ReportExpression.BinaryOperator) -> String {
            switch op {
            case .add: "+"
            case .subtract: "−"
            case .multiply: "×"
            case .divide: ":"
            case .less: "<"
            case .lessOrEqual: "≤"
            case .greater: ">"
            case .greaterOrEqual: "≥"
            case .equal: "="
            case .notEqual: "≠"
            case .and: "và"
            case .or: "hoặc"
            }
        }
        func words(_ e: ReportExpression, parent: Int = 0, right: Bool = false) -> String {
            switch e {
            case .number(let n):
                return VietnameseNumber.number(n, digits: 6)
            case .identifier(let key):
                return "“\(definition.indicator(key)?.label ?? key)”"
            case .unary(.negate, let x):
                return "−" + words(x, parent: 7)
            case .unary(.not, let x):
                return "không phải (" + words(x) + ")"
            case .binary(let op, let a, let b):
                let p = precedence(op)
                let inner = "\(words(a, parent: p)) \(symbol(op)) \(words(b, parent: p, right: true))"
                return p < parent || (right && p == parent) ? "(\(inner))" : inner
            case .call(let f, let args):
                let list = args.map { words($0) }
                switch f {
                case .round:
                    guard let first = list.first else { return "làm tròn" }
                    if args.count > 1, case .number(let digits) = args[1] {
                        return digits == 0 ? "làm tròn (\(first)) đến hàng đơn vị" : "làm tròn (\(first)) đến \(VietnameseNumber.number(digits)) chữ số thập phân"
                    }
                    return "làm tròn (\(first))"
                case .min: return "giá trị nhỏ nhất trong (\(list.joined(separator: "; ")))"
                case .max: return "giá trị lớn nhất trong (\(list.joined(separator: "; ")))"
                case .abs: return "giá trị tuyệt đối của (\(list.joined(separator: "; ")))"
                case .if:
                    guard list.count == 3 else { return "nếu (\(list.joined(separator: "; ")))" }
                    return "nếu \(list[0]) thì \(list[1]), ngược lại \(list[2])"
                }
            }
        }
        return words(expression)
    }
}
