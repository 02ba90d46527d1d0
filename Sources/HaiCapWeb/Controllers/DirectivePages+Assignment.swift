import Foundation
import HaiCapCore
import HaiCapStore
import Hummingbird

/// One assignment: details, timeline, discussion, and the lifecycle forms the viewer may use now.
extension DirectivePages {
    /// Page slugs of the lifecycle actions.
    static let actionSlugs: [(slug: String, action: AssignmentAction)] = [
        ("nhan", .acknowledge), ("tien-do", .progress), ("gia-han", .requestExtension), ("hoan-thanh", .complete),
        ("quyet-dinh-gia-han", .decideExtension), ("xac-nhan", .confirm), ("tra-lai", .return),
    ]

    func addAssignmentRoutes(to router: Router<AppRequestContext>) {
        router.get("/dieu-hanh/nhiem-vu/{id}") { request, context in
            let id = try Self.id(context)
            var notice: String?
            if let slug = request.query("xong"), let action = Self.actionSlugs.first(where: { $0.slug == slug })?.action {
                notice = "Đã ghi: \(action.label)."
            }
            if request.query("da-gui") != nil { notice = "Đã gửi ý kiến vào trao đổi." }
            return try await assignmentPage(id, context: context, notice: notice)
        }
        for (slug, action) in Self.actionSlugs {
            router.post(RouterPath("/dieu-hanh/nhiem-vu/{id}/\(slug)")) { request, context in
                _ = try AccessPolicy.requireSignedIn(context.actor)
                let id = try Self.id(context)
                let form = try await Self.form(request)
                var values = ActionValues(form)
                values.action = slug
                var input = DirectiveService.ActionInput(note: values.note.isEmpty ? nil : values.note, evidence: Self.lines(values.evidence))
                var problem: String?
                switch action {
                case .progress:
                    if let p = Int(values.progress.replacingOccurrences(of: "%", with: "").trimmingCharacters(in: .whitespaces)) { input.progress = p } else {
                        problem = "Tiến độ phải là số nguyên từ 0 đến 100 (%)."
                    }
                case .requestExtension:
                    input.reason = values.reason
                    if let day = Self.parseDay(values.deadline) { input.deadline = day } else { problem = "Cần ngày đề nghị gia hạn đến (ngày/tháng/năm)." }
                case .decideExtension:
                    input.approve = form.value("approve") == "1"
                    if !values.deadline.isEmpty {
                        if let day = Self.parseDay(values.deadline) { input.deadline = day } else { problem = "Hạn mới không hợp lệ (ngày/tháng/năm)." }
                    }
                case .return:
                    input.comment = values.comment
                    if values.comment.isEmpty { problem = "Hãy ghi nhận xét để đơn vị biết cần làm thêm gì." }
                default: break
                }
                if let problem {
                    values.error = problem
                    return try await assignmentPage(id, context: context, values: values, status: .unprocessableContent)
                }
                do {
                    _ = try await service.act(id, action, input, actor: context.actor)
                } catch let error as HaiCapError {
                    switch error {
                    case .conflict(let message):
                        values.error = message
                        return try await assignmentPage(id, context: context, values: values, status: .conflict)
                    case .validation:
                        values.error = error.message
                        return try await assignmentPage(id, context: context, values: values, status: .unprocessableContent)
                    default: throw error
                    }
                }
                if action == .acknowledge, form.value("back") == "/dieu-hanh" { return Views.redirect("/dieu-hanh?da-nhan=\(id)") }
                return Views.redirect("/dieu-hanh/nhiem-vu/\(id)?xong=\(slug)")
            }
        }
        router.post("/dieu-hanh/nhiem-vu/{id}/thao-luan") { request, context in
            _ = try AccessPolicy.requireSignedIn(context.actor)
            let id = try Self.id(context)
            let form = try await Self.form(request)
            var values = ActionValues(form)
            values.action = "thao-luan"
            do {
                _ = try await service.post(message: values.body, attachments: Self.lines(values.attachments), to: id, actor: context.actor)
            } catch HaiCapError.validation(let fields) {
                values.error = fields.map(\.message).joined(separator: " ")
                return try await assignmentPage(id, context: context, values: values, status: .unprocessableContent)
            }
            return Views.redirect("/dieu-hanh/nhiem-vu/\(id)?da-gui=1#trao-doi")
        }
    }

    /// What the official typed in one of the forms, kept when the service refuses.
    struct ActionValues {
        var action = ""
        var progress = ""
        var note = ""
        var evidence = ""
        var deadline = ""
        var reason = ""
        var comment = ""
        var body = ""
        var attachments = ""
        var error: String?

        init() {}

        init(_ form: FormData) {
            progress = form.value("progress")
            note = form.value("note")
            evidence = form.value("evidence")
            deadline = form.value("deadline")
            reason = form.value("reason")
            comment = form.value("comment")
            body = form.value("body")
            attachments = form.value("attachments")
        }
    }

    struct EventView {
        var label: String
        var who: String
        var at: String
        var eventProgress: Int?
        var note: String?
        var evidence: [String]
        var hasEvidence: Bool
        var deadlineChange: String?
    }

    struct MessageView {
        var author: String
        var at: String
        var body: String
        var mentions: [String]
        var hasMentions: Bool
        var attachments: [String]
        var hasAttachments: Bool
    }

    /// A form's values and its error, when that form was the one just sent.
    struct FormSlot {
        var values: ActionValues
        var formError: String?
    }

    struct AssignmentContent {
        var id: Int64
        var directiveID: Int64
        var directiveNumber: String
        var directiveSummary: String
        var parentHref: String?
        var isParent: Bool
        var unitName: String
        var unitCode: String
        var coordinating: String?
        var assignee: String?
        var content: String
        var expectedResult: String?
        var field: String?
        var priority: String
        var urgent: Bool
        var recurrence: String?
        var deadline: String
        var originalDeadline: String?
        var statusLabel: String
        var statusClass: String
        var stateLabel: String
        var dueSoon: Bool
        var daysOverdue: String?
        var progress: Int
        var acknowledged: String?
        var reportedOn: String?
        var completedOn: String?
        var pendingExtension: PendingView?
        var children: [AssignmentRow]
        var hasChildren: Bool
        var timeline: [EventView]
        var hasTimeline: Bool
        var messages: [MessageView]
        var hasMessages: Bool
        var notice: String?
        var error: String?
        var canAcknowledge: Bool
        var canProgress: Bool
        var canRequestExtension: Bool
        var canComplete: Bool
        var canDecideExtension: Bool
        var canConfirm: Bool
        var canReturn: Bool
        var hasActions: Bool
        var hasUnitActions: Bool
        var hasProvinceActions: Bool
        var minExtension: String
        var progressForm: FormSlot
        var extensionForm: FormSlot
        var completeForm: FormSlot
        var decideForm: FormSlot
        var confirmForm: FormSlot
        var returnForm: FormSlot
        var acknowledgeForm: FormSlot
        var messageForm: FormSlot
        var waitingNote: String?
        var mentionExample: String
    }

    struct PendingView {
        var deadline: String
        var reason: String
        var by: String
        var at: String
        var isoDeadline: String
    }

    func assignmentPage(_ id: Int64, context: AppRequestContext, notice: String? = nil, values: ActionValues? = nil,
                        status: HTTPResponse.Status = .ok) async throws -> Response {
        let account = try AccessPolicy.requireSignedIn(context.actor)
        let (a, events, messages, children) = try await service.timeline(of: id, actor: context.actor)
        let directive = try await service.directive(id: a.directiveID)
        let names = try await service.provinceUnits()
        let people = try await people()
        let calendar = try await service.calendar()
        let today = service.today
        let klass = a.status(on: today)
        let late = a.daysOverdue(on: today, calendar: calendar)
        let isParent = a.unitCode == nil
        let province = account.role != .commune
        let lead = account.role == .commune && a.unitCode != nil && account.unitCode == a.unitCode
        let who = { (username: String) in people[username].map { $0 == username ? $0 : "\($0) (\(username))" } ?? username }
        var progress = a.progress
        var stateLabel = a.state.label
        if isParent, !children.isEmpty {
            progress = Assignment.rolledUpProgress(children)
            let done = children.filter { $0.state == .completed }.count
            stateLabel = "Nhiệm vụ chung: \(VietnameseNumber.integer(done))/\(VietnameseNumber.integer(children.count)) đơn vị đã hoàn thành"
        }
        let timeline = events.map { e in
            var change: String?
            if let from = e.fromDeadline, let to = e.toDeadline, from != to {
                change = e.kind == "extension" ? "Đề nghị hạn mới: \(to.vietnamese) (hạn hiện tại \(from.vietnamese))" : "Hạn: \(from.vietnamese) → \(to.vietnamese)"
            } else if e.kind == "created", let to = e.toDeadline {
                change = "Hạn hoàn thành: \(to.vietnamese)"
            } else if e.kind == "extension_rejected", let to = e.toDeadline {
                change = "Giữ hạn \(to.vietnamese)"
            }
            return EventView(label: e.label, who: who(e.actor), at: CivilTime.display(e.at), eventProgress: e.progress, note: e.note,
                             evidence: e.evidence, hasEvidence: !e.evidence.isEmpty, deadlineChange: change)
        }
        let thread = messages.map { m in
            var body = m.body
            for code in m.mentions { body = body.replacingOccurrences(of: "@\(code)", with: "@\(Self.name(code, names))") }
            return MessageView(author: who(m.author), at: CivilTime.display(m.at), body: body, mentions: m.mentions.map { Self.name($0, names) },
                               hasMentions: !m.mentions.isEmpty, attachments: m.attachments, hasAttachments: !m.attachments.isEmpty)
        }
        let canAcknowledge = lead && a.state == .assigned
        let canProgress = lead && [.acknowledged, .inProgress, .extensionRequested].contains(a.state)
        let canRequestExtension = lead && [.acknowledged, .inProgress].contains(a.state)
        let canComplete = lead && [.acknowledged, .inProgress].contains(a.state)
        let canDecide = province && !isParent && a.state == .extensionRequested && a.pendingExtension != nil
        let canConfirm = province && !isParent && a.state == .completionReported
        let canReturn = canConfirm
        func slot(_ slug: String) -> FormSlot {
            guard let values, values.action == slug else {
                var fresh = ActionValues()
                if slug == "tien-do" { fresh.progress = String(a.progress) }
                return FormSlot(values: fresh, formError: nil)
            }
            return FormSlot(values: values, formError: values.error)
        }
        var waiting: String?
        if !isParent, !lead, !province {
            waiting = "Đơn vị bạn phối hợp thực hiện nhiệm vụ này; đơn vị chủ trì cập nhật tiến độ. Hãy trao đổi ở phần bên dưới."
        } else if province, !isParent, !canDecide, !canConfirm {
            waiting = a.state == .completed ? "Nhiệm vụ đã được xác nhận hoàn thành." : "Đang chờ đơn vị chủ trì thực hiện; tỉnh quyết định khi đơn vị đề nghị gia hạn hoặc báo cáo hoàn thành."
        } else if lead, a.state == .completionReported {
            waiting = "Đơn vị đã báo cáo hoàn thành; đang chờ tỉnh xác nhận."
        } else if lead, a.state == .completed {
            waiting = "Nhiệm vụ đã được tỉnh xác nhận hoàn thành."
        }
        let content = AssignmentContent(
            id: a.id, directiveID: directive.id, directiveNumber: directive.number, directiveSummary: directive.summary,
            parentHref: province ? a.parentID.map { "/dieu-hanh/nhiem-vu/\($0)" } : nil, isParent: isParent,
            unitName: isParent ? "\(VietnameseNumber.integer(children.count)) đơn vị (nhiệm vụ chung)" : Self.name(a.unitCode, names), unitCode: a.unitCode ?? "",
            coordinating: a.coordinating.isEmpty ? nil : a.coordinating.map { Self.name($0, names) }.joined(separator: ", "),
            assignee: a.assignee, content: a.content, expectedResult: a.expectedResult.isEmpty ? nil : a.expectedResult, field: a.field,
            priority: a.priority.label, urgent: a.priority == .urgent || a.priority == .high,
            recurrence: a.recurrence == .none ? nil : a.recurrence.label,
            deadline: a.deadline.vietnamese, originalDeadline: a.originalDeadline != a.deadline ? a.originalDeadline.vietnamese : nil,
            statusLabel: klass.label, statusClass: Self.statusClass(klass), stateLabel: stateLabel,
            dueSoon: !isParent && a.isDueSoon(on: today, calendar: calendar), daysOverdue: late > 0 && !isParent ? "\(VietnameseNumber.integer(late)) ngày làm việc" : nil,
            progress: progress,
            acknowledged: a.acknowledgedAt.map { "\(CivilTime.display($0))\(a.acknowledgedBy.map { " — " + who($0) } ?? "")" },
            reportedOn: a.reportedOn?.vietnamese, completedOn: a.state == .completed ? a.completedOn?.vietnamese : nil,
            pendingExtension: a.pendingExtension.map {
                PendingView(deadline: $0.requestedDeadline.vietnamese, reason: $0.reason, by: who($0.by), at: CivilTime.display($0.at), isoDeadline: $0.requestedDeadline.description)
            },
            children: children.map { row($0, names: names, today: today, calendar: calendar) }, hasChildren: !children.isEmpty,
            timeline: timeline, hasTimeline: !timeline.isEmpty, messages: thread, hasMessages: !thread.isEmpty,
            notice: notice, error: values?.error,
            canAcknowledge: canAcknowledge, canProgress: canProgress, canRequestExtension: canRequestExtension, canComplete: canComplete,
            canDecideExtension: canDecide, canConfirm: canConfirm, canReturn: canReturn,
            hasActions: canAcknowledge || canProgress || canRequestExtension || canComplete || canDecide || canConfirm,
            hasUnitActions: canProgress || canRequestExtension || canComplete, hasProvinceActions: canDecide || canConfirm,
            minExtension: a.deadline.adding(days: 1).description,
            progressForm: slot("tien-do"), extensionForm: slot("gia-han"), completeForm: slot("hoan-thanh"), decideForm: slot("quyet-dinh-gia-han"),
            confirmForm: slot("xac-nhan"), returnForm: slot("tra-lai"), acknowledgeForm: slot("nhan"), messageForm: slot("thao-luan"),
            waitingNote: waiting, mentionExample: a.unitCode ?? children.first?.unitCode ?? names.keys.sorted().first ?? "")
        return try views.page("directive-assignment", title: "Nhiệm vụ số \(a.id)", content, context: context, path: "/dieu-hanh", status: status)
    }
}
