import Foundation
import HaiCapCore
import HaiCapStore
import Hummingbird

/// Directives: the list, the new-directive form, and a directive's page with its assignments, the assign form
/// and the extraction assist (proposals from the text, confirmed one by one).
extension DirectivePages {
    func addDirectiveRoutes(to router: Router<AppRequestContext>) {
        router.get("/dieu-hanh/van-ban") { request, context in
            let account = try AccessPolicy.requireSignedIn(context.actor)
            let page = try PageRequest(page: request.query("page"), per: nil)
            let query = request.query("q")
            let paged = try await service.directives(query: query, page: page, actor: context.actor)
            let n = VietnameseNumber.integer
            let content = DirectiveListContent(
                province: account.role != .commune, query: query ?? "",
                rows: paged.items.map { DirectiveLine(id: $0.id, number: $0.number, date: $0.date.vietnamese, issuer: $0.issuer, summary: $0.summary, field: $0.field) },
                hasRows: !paged.items.isEmpty,
                summary: query.map { "\(n(paged.total)) văn bản khớp “\($0)”." } ?? "\(n(paged.total)) văn bản chỉ đạo, mới nhất trước.",
                pager: Pager(path: "/dieu-hanh/van-ban", query: query.map { [("q", $0)] } ?? [], paged: paged))
            return try views.page("directive-list", title: "Văn bản chỉ đạo", content, context: context, path: "/dieu-hanh")
        }
        router.get("/dieu-hanh/van-ban/moi") { _, context in
            _ = try AccessPolicy.requireProvince(context.actor)
            return try newPage(DirectiveValues(date: service.today.vietnamese, issuer: "UBND " + views.provinceName.prefix(1).lowercased() + views.provinceName.dropFirst()), errors: [:], context: context)
        }
        router.post("/dieu-hanh/van-ban/moi") { request, context in
            _ = try AccessPolicy.requireProvince(context.actor)
            let form = try await Self.form(request)
            let values = DirectiveValues(
                number: form.value("number"), date: form.value("date"), issuer: form.value("issuer"), signer: form.value("signer"),
                summary: form.value("summary"), text: form.value("text"), link: form.value("link"), field: form.value("field"))
            guard let date = Self.parseDay(values.date) else {
                var errors = ["date": "Cần ngày ban hành (ngày/tháng/năm)."]
                // Also say what else is missing, so the official fixes everything at once.
                let probe = Directive(id: 0, number: values.number, date: service.today, issuer: values.issuer, signer: values.signer, summary: values.summary,
                                      text: values.text, link: values.link.isEmpty ? nil : values.link, createdAt: Date(), createdBy: "")
                for f in probe.problems() where errors[f.key] == nil { errors[f.key] = f.message }
                return try newPage(values, errors: errors, context: context, status: .unprocessableContent)
            }
            do {
                let d = try await service.createDirective(.init(
                    number: values.number, date: date, issuer: values.issuer, signer: values.signer, summary: values.summary,
                    text: values.text, link: values.link, field: values.field), actor: context.actor)
                return Views.redirect("/dieu-hanh/van-ban/\(d.id)?moi=1")
            } catch HaiCapError.validation(let fields) {
                var errors: [String: String] = [:]
                for f in fields { errors[f.key] = errors[f.key].map { $0 + " " + f.message } ?? f.message }
                return try newPage(values, errors: errors, context: context, status: .unprocessableContent)
            }
        }
        router.get("/dieu-hanh/van-ban/{id}") { request, context in
            var notice: String?
            if request.query("moi") != nil { notice = "Đã lưu văn bản chỉ đạo. Giao nhiệm vụ bằng biểu mẫu bên dưới, hoặc để HaiCap đề xuất nhiệm vụ từ nội dung văn bản." }
            if let raw = request.query("da-giao"), let count = Int(raw) { notice = "Đã giao \(VietnameseNumber.integer(count)) nhiệm vụ; các đơn vị đã được báo." }
            return try await directivePage(try Self.id(context), context: context, notice: notice)
        }
        router.post("/dieu-hanh/van-ban/{id}/giao") { request, context in
            _ = try AccessPolicy.requireProvince(context.actor)
            let id = try Self.id(context)
            let form = try await Self.form(request)
            let values = AssignValues(form)
            var errors: [String: String] = [:]
            let input = try await assignInput(values, errors: &errors)
            if errors.isEmpty, let input {
                do {
                    let created = try await service.createAssignments(directiveID: id, input, actor: context.actor)
                    return Views.redirect("/dieu-hanh/van-ban/\(id)?da-giao=\(created.count)#nhiem-vu")
                } catch HaiCapError.validation(let fields) {
                    for f in fields { errors[f.key == "workingDays" ? "deadline" : f.key] = f.message }
                }
            }
            return try await directivePage(id, context: context, assign: values, assignErrors: errors, status: .unprocessableContent)
        }
        router.post("/dieu-hanh/van-ban/{id}/de-xuat") { request, context in
            _ = try AccessPolicy.requireProvince(context.actor)
            let id = try Self.id(context)
            let directive = try await service.directive(id: id)
            let form = try await Self.form(request)
            let text = form.value("text")
            do {
                let found = try await service.extract(text: text, issuedOn: directive.date, actor: context.actor)
                let names = try await service.provinceUnits()
                let proposals = found.enumerated().map { i, p in
                    ProposalView(index: i, content: p.content, units: p.units.joined(separator: ", "), allUnits: p.allUnits,
                                 unitNames: p.allUnits ? "Tất cả xã, phường" : p.units.map { Self.name($0, names) }.joined(separator: ", "),
                                 deadline: p.deadline?.vietnamese ?? "", sentence: p.sentence,
                                 create: !p.content.isEmpty && (p.allUnits || !p.units.isEmpty) && p.deadline != nil,
                                 error: nil, done: false)
                }
                return try await directivePage(id, context: context, extractText: text, proposals: proposals, extracted: true)
            } catch HaiCapError.validation(let fields) {
                return try await directivePage(id, context: context, extractText: text, extractError: fields.map(\.message).joined(separator: " "), status: .unprocessableContent)
            }
        }
        router.post("/dieu-hanh/van-ban/{id}/tao-de-xuat") { request, context in
            _ = try AccessPolicy.requireProvince(context.actor)
            let id = try Self.id(context)
            let form = try await Self.form(request)
            let count = min(Int(form.value("count")) ?? 0, 500)
            var proposals = (0..<count).map { i in
                ProposalView(index: i, content: form.value("p\(i).content"), units: form.value("p\(i).units"), allUnits: form.has("p\(i).all"),
                             unitNames: form.value("p\(i).unitNames"), deadline: form.value("p\(i).deadline"), sentence: form.value("p\(i).sentence"),
                             create: form.has("p\(i).create"), error: nil, done: form.has("p\(i).done"))
            }
            let all = try await service.provinceUnits().keys.sorted()
            var inputs: [Int: DirectiveService.NewAssignment] = [:]
            for i in proposals.indices where proposals[i].create && !proposals[i].done {
                let p = proposals[i]
                var problems: [String] = []
                if p.content.isEmpty { problems.append("Cần nội dung nhiệm vụ.") }
                let units = p.allUnits ? all : Self.codes(p.units)
                if units.isEmpty { problems.append("Cần ít nhất một đơn vị chủ trì: ghi mã đơn vị hoặc chọn “Tất cả xã, phường”.") }
                let deadline = Self.parseDay(p.deadline)
                if deadline == nil { problems.append("Cần hạn hoàn thành.") }
                if problems.isEmpty, let deadline {
                    inputs[i] = .init(content: p.content, units: units, deadline: deadline)
                } else {
                    proposals[i].error = problems.joined(separator: " ")
                }
            }
            let chosen = proposals.filter { $0.create && !$0.done }.count
            if chosen == 0 {
                return try await directivePage(id, context: context, extractText: form.value("text"), proposals: proposals, extracted: true,
                                               extractError: "Chưa chọn đề xuất nào: đánh dấu “Tạo nhiệm vụ này” ở các đề xuất cần giao.", status: .unprocessableContent)
            }
            guard proposals.allSatisfy({ $0.error == nil }) else {
                return try await directivePage(id, context: context, extractText: form.value("text"), proposals: proposals, extracted: true,
                                               extractError: "Chưa tạo nhiệm vụ nào: hãy sửa các đề xuất được đánh dấu.", status: .unprocessableContent)
            }
            var made = 0
            for i in inputs.keys.sorted() {
                guard let input = inputs[i] else { continue }
                do {
                    made += try await service.createAssignments(directiveID: id, input, actor: context.actor).count
                    proposals[i].done = true
                    proposals[i].create = false
                } catch HaiCapError.validation(let fields) {
                    proposals[i].error = fields.map(\.message).joined(separator: " ")
                    return try await directivePage(id, context: context, extractText: form.value("text"), proposals: proposals, extracted: true,
                        extractError: "Đã giao \(VietnameseNumber.integer(made)) nhiệm vụ; đề xuất được đánh dấu chưa tạo được, hãy sửa rồi gửi lại (các đề xuất đã tạo sẽ không tạo lại).",
                        status: .unprocessableContent)
                }
            }
            return Views.redirect("/dieu-hanh/van-ban/\(id)?da-giao=\(made)#nhiem-vu")
        }
    }

    // MARK: List and new

    struct DirectiveLine {
        var id: Int64
        var number: String
        var date: String
        var issuer: String
        var summary: String
        var field: String?
    }

    struct DirectiveListContent {
        var province: Bool
        var query: String
        var rows: [DirectiveLine]
        var hasRows: Bool
        var summary: String
        var pager: Pager?
    }

    struct DirectiveValues {
        var number = ""
        var date = ""
        var issuer = ""
        var signer = ""
        var summary = ""
        var text = ""
        var link = ""
        var field = ""
    }

    struct NewDirectiveContent {
        var values: DirectiveValues
        var errors: [String: String]
        var hasErrors: Bool
        var numberError: String?
        var dateError: String?
        var issuerError: String?
        var summaryError: String?
        var textError: String?
        var linkError: String?
    }

    func newPage(_ values: DirectiveValues, errors: [String: String], context: AppRequestContext, status: HTTPResponse.Status = .ok) throws -> Response {
        let content = NewDirectiveContent(
            values: values, errors: errors, hasErrors: !errors.isEmpty, numberError: errors["number"], dateError: errors["date"],
            issuerError: errors["issuer"], summaryError: errors["summary"], textError: errors["text"], linkError: errors["link"])
        return try views.page("directive-new", title: "Nhập văn bản chỉ đạo", content, context: context, path: "/dieu-hanh", status: status)
    }

    // MARK: Directive page

    struct AssignValues {
        var content = ""
        var expectedResult = ""
        var units: [String] = []
        var allUnits = false
        var coordinating: [String] = []
        var deadline = ""
        var workingDays = ""
        var priority = AssignmentPriority.normal.rawValue
        var recurrence = AssignmentRecurrence.none.rawValue
        var assignee = ""
        var field = ""

        init() {}

        init(_ form: FormData) {
            content = form.value("content")
            expectedResult = form.value("expectedResult")
            units = form.values("units")
            allUnits = form.has("allUnits")
            coordinating = form.values("coordinating")
            deadline = form.value("deadline")
            workingDays = form.value("workingDays")
            priority = form.value("priority")
            recurrence = form.value("recurrence")
            assignee = form.value("assignee")
            field = form.value("field")
        }
    }

    /// Checks what the service would word for an API client (field names, ISO dates) and builds its input.
    func assignInput(_ v: AssignValues, errors: inout [String: String]) async throws -> DirectiveService.NewAssignment? {
        let all = try await service.provinceUnits().keys.sorted()
        let units = v.allUnits ? all : v.units
        if units.isEmpty { errors["units"] = "Chọn ít nhất một đơn vị chủ trì, hoặc “Tất cả xã, phường”." }
        if v.content.isEmpty { errors["content"] = "Cần nội dung nhiệm vụ." }
        var deadline: CalendarDay?
        var days: Int?
        switch (v.deadline.isEmpty, v.workingDays.isEmpty) {
        case (true, true): errors["deadline"] = "Cần hạn hoàn thành: chọn một ngày, hoặc ghi số ngày làm việc kể từ ngày ban hành văn bản."
        case (false, false): errors["deadline"] = "Chỉ ghi một trong hai: ngày hoàn thành, hoặc số ngày làm việc."
        case (false, true):
            deadline = Self.parseDay(v.deadline)
            if deadline == nil { errors["deadline"] = "Ngày hoàn thành không hợp lệ (ngày/tháng/năm)." }
        case (true, false):
            days = Int(v.workingDays)
            if days.map({ !(1...365).contains($0) }) ?? true { errors["deadline"] = "Số ngày làm việc phải là số nguyên từ 1 đến 365." }
        }
        guard errors.isEmpty else { return nil }
        return .init(content: v.content, expectedResult: v.expectedResult, units: units, coordinating: v.coordinating, deadline: deadline,
                     workingDays: days, priority: AssignmentPriority(rawValue: v.priority), recurrence: AssignmentRecurrence(rawValue: v.recurrence),
                     assignee: v.assignee, field: v.field)
    }

    struct UnitChoice {
        var code: String
        var name: String
        var checked: Bool
    }

    struct AssignForm {
        var values: AssignValues
        var unitChoices: [UnitChoice]
        var coordinatingChoices: [UnitChoice]
        var unitCount: String
        var priorities: [Option]
        var recurrences: [Option]
        var hasErrors: Bool
        var contentError: String?
        var unitsError: String?
        var deadlineError: String?
        var otherErrors: [String]
        var open: Bool
    }

    struct ProposalView {
        var index: Int
        var content: String
        var units: String
        var allUnits: Bool
        var unitNames: String
        var deadline: String
        var sentence: String
        var create: Bool
        var error: String?
        var done: Bool
        /// 1-based, for people.
        var number = 0
    }

    struct GroupView {
        var content: String
        var deadline: String
        var parentHref: String?
        var rolledUp: Int?
        var rows: [AssignmentRow]
        var unitCount: String
    }

    struct DirectivePageContent {
        var id: Int64
        var number: String
        var date: String
        var issuer: String
        var signer: String
        var summary: String
        var text: String
        var link: String?
        var field: String?
        var createdBy: String
        var notice: String?
        var province: Bool
        var groups: [GroupView]
        var hasGroups: Bool
        var assignmentsSummary: String
        var assign: AssignForm?
        var extractText: String
        var extractError: String?
        var extracted: Bool
        var proposals: [ProposalView]
        var hasProposals: Bool
        var proposalCount: Int
    }

    func directivePage(
        _ id: Int64, context: AppRequestContext, notice: String? = nil, assign: AssignValues? = nil, assignErrors: [String: String] = [:],
        extractText: String? = nil, proposals: [ProposalView] = [], extracted: Bool = false, extractError: String? = nil,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let account = try AccessPolicy.requireSignedIn(context.actor)
        let d = try await service.directive(id: id)
        let province = account.role != .commune
        let names = try await service.provinceUnits()
        let calendar = try await service.calendar()
        let today = service.today
        let items = try await service.list(.init(directive: id), page: PageRequest(page: 1, per: PageRequest.maxPer), actor: context.actor)
        var groups: [GroupView] = []
        // A shared assignment's units together; separate ones with the same content and deadline together too.
        var order: [String] = []
        var byKey: [String: [Assignment]] = [:]
        for a in items.items {
            let key = a.parentID.map { "p\($0)" } ?? "c\(a.deadline)|\(a.content)"
            if byKey[key] == nil { order.append(key) }
            byKey[key, default: []].append(a)
        }
        let viewer = account.role == .commune ? account.unitCode : nil
        for key in order {
            guard let list = byKey[key], let first = list.first else { continue }
            let rows = list.sorted { ($0.unitCode ?? "") < ($1.unitCode ?? "") }
                .map { row($0, names: names, today: today, calendar: calendar, viewerUnit: viewer) }
            groups.append(GroupView(
                content: first.content, deadline: first.deadline.vietnamese, parentHref: province ? first.parentID.map { "/dieu-hanh/nhiem-vu/\($0)" } : nil,
                rolledUp: first.parentID != nil && province ? Assignment.rolledUpProgress(list) : nil, rows: rows,
                unitCount: VietnameseNumber.integer(list.count)))
        }
        var form: AssignForm?
        if province {
            let v = assign ?? AssignValues()
            let sorted = names.sorted { $0.value.localizedStandardCompare($1.value) == .orderedAscending }
            let known: Set<String> = ["content", "units", "deadline", "workingDays"]
            form = AssignForm(
                values: v,
                unitChoices: sorted.map { UnitChoice(code: $0.key, name: $0.value, checked: v.units.contains($0.key)) },
                coordinatingChoices: sorted.map { UnitChoice(code: $0.key, name: $0.value, checked: v.coordinating.contains($0.key)) },
                unitCount: VietnameseNumber.integer(names.count),
                priorities: AssignmentPriority.allCases.map { Option(value: $0.rawValue, label: $0.label, selected: $0.rawValue == v.priority) },
                recurrences: AssignmentRecurrence.allCases.map { Option(value: $0.rawValue, label: $0.label, selected: $0.rawValue == v.recurrence) },
                hasErrors: !assignErrors.isEmpty, contentError: assignErrors["content"], unitsError: assignErrors["units"],
                deadlineError: assignErrors["deadline"] ?? assignErrors["workingDays"],
                otherErrors: assignErrors.filter { !known.contains($0.key) }.map(\.value).sorted(), open: assign != nil)
        }
        let n = VietnameseNumber.integer
        let content = DirectivePageContent(
            id: d.id, number: d.number, date: d.date.vietnamese, issuer: d.issuer, signer: d.signer, summary: d.summary, text: d.text,
            link: d.link, field: d.field, createdBy: d.createdBy, notice: notice, province: province, groups: groups, hasGroups: !groups.isEmpty,
            assignmentsSummary: province
                ? "\(n(items.total)) nhiệm vụ của đơn vị, gom theo nội dung giao."
                : "Nhiệm vụ của đơn vị bạn theo văn bản này (\(n(items.total))).",
            assign: form, extractText: extractText ?? d.text, extractError: extractError, extracted: extracted,
            proposals: proposals.map { var p = $0; p.number = p.index + 1; return p }, hasProposals: !proposals.isEmpty, proposalCount: proposals.count)
        return try views.page("directive", title: "Văn bản \(d.number)", content, context: context, path: "/dieu-hanh", status: status)
    }
}
