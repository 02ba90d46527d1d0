import Foundation
import HaiCapCore
import SQLKit

/// Monitoring and direction: the one entry for pages, API and CLI. Every change is one transaction holding
/// the assignment row, a timeline entry, the outbox event that announces it, and the audit entry.
public struct DirectiveService: Sendable {
    public let database: Database
    public let provinceCode: String
    let now: @Sendable () -> Date

    public init(database: Database, provinceCode: String, now: @escaping @Sendable () -> Date = Date.init) {
        self.database = database
        self.provinceCode = provinceCode
        self.now = now
    }

    var repository: DirectiveRepository { DirectiveRepository(db: database.sql) }
    public var today: CalendarDay { CalendarDay(now()) }

    public func calendar() async throws -> WorkingDayCalendar {
        try await CalendarRepository(db: database.sql).calendar()
    }

    // MARK: Directives

    public struct NewDirective: Sendable, Decodable {
        public var number: String
        public var date: CalendarDay
        public var issuer: String
        public var signer: String?
        public var summary: String
        public var text: String?
        public var link: String?
        public var field: String?

        public init(number: String, date: CalendarDay, issuer: String, signer: String?, summary: String, text: String?, link: String? = nil, field: String? = nil) {
            self.number = number
            self.date = date
            self.issuer = issuer
            self.signer = signer
            self.summary = summary
            self.text = text
            self.link = link
            self.field = field
        }
    }

    /// Records a directive (province), audited.
    public func createDirective(_ input: NewDirective, actor: Actor) async throws -> Directive {
        let account = try AccessPolicy.requireProvince(actor)
        func clean(_ s: String?) -> String { (s ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }
        let at = now()
        var directive = Directive(
            id: 0, number: clean(input.number), date: input.date, issuer: clean(input.issuer), signer: clean(input.signer),
            summary: clean(input.summary), text: clean(input.text), link: clean(input.link).isEmpty ? nil : clean(input.link),
            field: clean(input.field).isEmpty ? nil : clean(input.field), createdAt: at, createdBy: account.username)
        let problems = directive.problems()
        guard problems.isEmpty else { throw HaiCapError.validation(problems) }
        let draft = directive
        directive.id = try await database.transaction { db in
            let id = try await DirectiveRepository(db: db).insert(draft)
            var stored = draft
            stored.id = id
            try await AuditRepository(db: db).record(actor: account.username, action: "directive.create", entity: "directive", entityID: String(id), before: Optional<Directive>.none, after: stored, now: at)
            return id
        }
        return directive
    }

    public func directive(id: Int64) async throws -> Directive {
        guard let d = try await repository.directive(id: id) else { throw HaiCapError.notFound("Không có văn bản chỉ đạo số \(id).") }
        return d
    }

    // MARK: Assignments

    public struct NewAssignment: Sendable, Decodable {
        public var content: String
        public var expectedResult: String?
        public var units: [String]
        public var coordinating: [String]?
        public var deadline: CalendarDay?
        public var workingDays: Int?
        public var priority: AssignmentPriority?
        public var recurrence: AssignmentRecurrence?
        public var assignee: String?
        public var field: String?

        public init(content: String, expectedResult: String? = nil, units: [String], coordinating: [String]? = nil, deadline: CalendarDay? = nil, workingDays: Int? = nil, priority: AssignmentPriority? = nil, recurrence: AssignmentRecurrence? = nil, assignee: String? = nil, field: String? = nil) {
            self.content = content
            self.expectedResult = expectedResult
            self.units = units
            self.coordinating = coordinating
            self.deadline = deadline
            self.workingDays = workingDays
            self.priority = priority
            self.recurrence = recurrence
            self.assignee = assignee
            self.field = field
        }
    }

    /// Codes of the province's commune-level units.
    public func provinceUnits() async throws -> [String: String] {
        var out: [String: String] = [:]
        for row in try await database.sql.select().columns("code", "name").from("units").where("province_code", .equal, provinceCode).all() {
            out[try row.decode(column: "code", as: String.self)] = try row.decode(column: "name", as: String.self)
        }
        return out
    }

    /// Gives one assignment per lead unit (province); with several units they share a parent whose progress rolls up.
    /// A past deadline is allowed (recording work already under way); `workingDays` counts from the directive's date.
    public func createAssignments(directiveID: Int64, _ input: NewAssignment, actor: Actor) async throws -> [Assignment] {
        let account = try AccessPolicy.requireProvince(actor)
        let directive = try await directive(id: directiveID)
        let units = try await provinceUnits()
        var fields: [FieldError] = []
        let content = input.content.trimmingCharacters(in: .whitespacesAndNewlines)
        if content.isEmpty { fields.append(.init(key: "content", message: "Cần nội dung nhiệm vụ.")) }
        if content.count > 5_000 { fields.append(.init(key: "content", message: "Nội dung nhiệm vụ dài quá 5.000 ký tự.")) }
        let leads = Array(Set(input.units)).sorted()
        if leads.isEmpty { fields.append(.init(key: "units", message: "Cần ít nhất một đơn vị chủ trì (mã 5 chữ số).")) }
        let unknown = (leads + (input.coordinating ?? [])).filter { units[$0] == nil }
        if !unknown.isEmpty {
            fields.append(.init(key: "units", message: "Mã đơn vị không thuộc tỉnh: \(Array(Set(unknown)).sorted().prefix(10).joined(separator: ", "))."))
        }
        var deadline = input.deadline
        switch (input.deadline, input.workingDays) {
        case (nil, nil): fields.append(.init(key: "deadline", message: "Cần hạn hoàn thành: một ngày (YYYY-MM-DD) hoặc số ngày làm việc (workingDays)."))
        case (_?, _?): fields.append(.init(key: "deadline", message: "Chỉ ghi một trong hai: deadline hoặc workingDays."))
        case (nil, let days?):
            if (1...365).contains(days) {
                deadline = try await calendar().adding(workingDays: days, to: directive.date)
            } else {
                fields.append(.init(key: "workingDays", message: "Số ngày làm việc phải từ 1 đến 365."))
            }
        default: break
        }
        guard fields.isEmpty, let deadline else { throw HaiCapError.validation(fields) }
        let at = now()
        let coordinating = Array(Set(input.coordinating ?? [])).filter { !leads.contains($0) }.sorted()
        @Sendable func make(unit: String?, parent: Int64?) -> Assignment {
            Assignment(
                id: 0, directiveID: directiveID, parentID: parent, unitCode: unit, coordinating: coordinating,
                assignee: input.assignee?.trimmingCharacters(in: .whitespaces).nilIfEmpty, content: content,
                expectedResult: (input.expectedResult ?? "").trimmingCharacters(in: .whitespacesAndNewlines),
                field: input.field?.trimmingCharacters(in: .whitespaces).nilIfEmpty ?? directive.field,
                priority: input.priority ?? .normal, recurrence: input.recurrence ?? .none, deadline: deadline,
                createdAt: at, createdBy: account.username)
        }
        return try await database.transaction { db in
            let repository = DirectiveRepository(db: db)
            var parentID: Int64?
            if leads.count > 1 {
                let parent = make(unit: nil, parent: nil)
                parentID = try await repository.insert(parent)
            }
            var created: [Assignment] = []
            for unit in leads {
                var a = make(unit: unit, parent: parentID)
                a.id = try await repository.insert(a)
                try await repository.insert(event: AssignmentEvent(kind: "created", actor: account.username, at: at, toDeadline: deadline), assignmentID: a.id)
                try await Outbox(db: db).record(Self.event(.assignmentCreated, a, directive: directive, at: at, audience: .init(units: [unit] + coordinating),
                    title: "Nhiệm vụ mới: \(Self.short(a.content))", body: "Theo \(directive.number): \(a.content) Hạn hoàn thành: \(deadline.vietnamese)."))
                created.append(a)
            }
            try await AuditRepository(db: db).record(actor: account.username, action: "assignment.create", entity: "directive", entityID: String(directiveID), before: Optional<[Assignment]>.none, after: created, now: at)
            return created
        }
    }

    public func assignment(id: Int64, actor: Actor) async throws -> Assignment {
        guard let a = try await repository.assignment(id: id) else { throw HaiCapError.notFound("Không có nhiệm vụ số \(id).") }
        try Self.requireRead(a, actor)
        return a
    }

    /// Commune officials read their own unit's assignments and those their unit coordinates on.
    static func requireRead(_ a: Assignment, _ actor: Actor) throws {
        let account = try AccessPolicy.requireSignedIn(actor)
        guard account.role == .commune else { return }
        guard let unit = account.unitCode, a.unitCode == unit || a.coordinating.contains(unit) else {
            throw HaiCapError.forbidden("Cán bộ xã chỉ xem được nhiệm vụ của đơn vị mình.")
        }
    }

    /// What an action carries.
    public struct ActionInput: Sendable, Decodable {
        public var progress: Int?
        public var note: String?
        public var evidence: [String]?
        public var deadline: CalendarDay?
        public var reason: String?
        public var approve: Bool?
        public var comment: String?

        public init(progress: Int? = nil, note: String? = nil, evidence: [String]? = nil, deadline: CalendarDay? = nil, reason: String? = nil, approve: Bool? = nil, comment: String? = nil) {
            self.progress = progress
            self.note = note
            self.evidence = evidence
            self.deadline = deadline
            self.reason = reason
            self.approve = approve
            self.comment = comment
        }
    }

    /// Applies one lifecycle step: the lead unit acknowledges, reports progress, asks for more time and reports
    /// completion; the province decides extensions, confirms or returns.
    public func act(_ id: Int64, _ action: AssignmentAction, _ input: ActionInput, actor: Actor) async throws -> Assignment {
        guard let current = try await repository.assignment(id: id) else { throw HaiCapError.notFound("Không có nhiệm vụ số \(id).") }
        guard let unit = current.unitCode else {
            throw HaiCapError.conflict("Đây là nhiệm vụ chung; tiến độ được tổng hợp từ nhiệm vụ của từng đơn vị, hãy thao tác trên nhiệm vụ của đơn vị.")
        }
        let account = action.isAssignerSide ? try AccessPolicy.requireProvince(actor) : try AccessPolicy.requireUnitAccess(actor, unitCode: unit)
        let evidence = try Self.links(input.evidence ?? [])
        let note = input.note?.trimmingCharacters(in: .whitespacesAndNewlines).nilIfEmpty
        if (note?.count ?? 0) > 5_000 { throw HaiCapError.validation([.init(key: "note", message: "Ghi chú dài quá 5.000 ký tự.")]) }
        let today = self.today
        let at = now()
        let directive = try await directive(id: current.directiveID)
        return try await database.transaction { db in
            let repository = DirectiveRepository(db: db)
            // Re-read inside the transaction so two people acting at once cannot skip a state.
            guard var a = try await repository.assignment(id: id) else { throw HaiCapError.notFound("Không có nhiệm vụ số \(id).") }
            let before = a
            a.state = try AssignmentWorkflow.next(from: a.state, action: action)
            a.updatedAt = at
            var entry = AssignmentEvent(kind: action.rawValue, actor: account.username, at: at, note: note, evidence: evidence)
            var event: (NotificationEventName, NotificationAudience, String, String)?
            let assigner = NotificationAudience(users: [a.createdBy])
            let lead = NotificationAudience(units: [unit])
            switch action {
            case .acknowledge:
                a.acknowledgedAt = at
                a.acknowledgedBy = account.username
                event = (.assignmentAcknowledged, assigner, "Đã nhận nhiệm vụ: \(Self.short(a.content))", "\(account.displayName) (\(unit)) đã nhận nhiệm vụ lúc \(CivilTime.display(at)).")
            case .progress:
                guard let p = input.progress, (0...100).contains(p) else {
                    throw HaiCapError.validation([.init(key: "progress", message: "Tiến độ phải là số nguyên từ 0 đến 100 (%).")])
                }
                if p == 100 && note == nil { /* allowed: completion is a separate step */ }
                a.progress = p
                entry.progress = p
                event = (.assignmentProgress, assigner, "Tiến độ \(p)%: \(Self.short(a.content))", note ?? "Đơn vị \(unit) cập nhật tiến độ \(p)%.")
            case .requestExtension:
                guard let wanted = input.deadline else {
                    throw HaiCapError.validation([.init(key: "deadline", message: "Cần ngày đề nghị gia hạn đến (YYYY-MM-DD).")])
                }
                guard wanted > a.deadline else {
                    throw HaiCapError.validation([.init(key: "deadline", message: "Ngày đề nghị phải sau hạn hiện tại (\(a.deadline.vietnamese)).")])
                }
                guard let reason = input.reason?.trimmingCharacters(in: .whitespacesAndNewlines).nilIfEmpty else {
                    throw HaiCapError.validation([.init(key: "reason", message: "Cần nêu lý do đề nghị gia hạn.")])
                }
                a.pendingExtension = ExtensionRequest(requestedDeadline: wanted, reason: reason, by: account.username, at: at)
                entry.note = reason
                entry.fromDeadline = a.deadline
                entry.toDeadline = wanted
                event = (.assignmentExtensionRequested, assigner, "Đề nghị gia hạn: \(Self.short(a.content))", "Đơn vị \(unit) đề nghị gia hạn đến \(wanted.vietnamese). Lý do: \(reason)")
            case .decideExtension:
                guard let approve = input.approve, let request = a.pendingExtension else {
                    throw HaiCapError.validation([.init(key: "approve", message: "Cần ghi rõ đồng ý (true) hay không đồng ý (false).")])
                }
                let granted = input.deadline ?? request.requestedDeadline
                if approve, granted <= a.deadline {
                    throw HaiCapError.validation([.init(key: "deadline", message: "Hạn mới phải sau hạn hiện tại (\(a.deadline.vietnamese)).")])
                }
                if !approve, note == nil, input.comment?.trimmingCharacters(in: .whitespaces).isEmpty ?? true {
                    throw HaiCapError.validation([.init(key: "note", message: "Hãy nêu lý do không đồng ý gia hạn.")])
                }
                entry.kind = approve ? "extension_approved" : "extension_rejected"
                entry.note = note ?? input.comment
                entry.fromDeadline = a.deadline
                entry.toDeadline = approve ? granted : a.deadline
                a.pendingExtension = nil
                a.state = a.progress > 0 || a.acknowledgedAt != nil ? .inProgress : .acknowledged
                if approve {
                    a.deadline = granted
                    try await repository.resetReminders(id: a.id)
                }
                event = (.assignmentExtensionDecided, lead,
                         approve ? "Đồng ý gia hạn đến \(granted.vietnamese): \(Self.short(a.content))" : "Không đồng ý gia hạn: \(Self.short(a.content))",
                         entry.note ?? (approve ? "Hạn mới: \(granted.vietnamese)." : "Giữ hạn \(a.deadline.vietnamese)."))
            case .complete:
                a.reportedOn = today
                a.progress = 100
                entry.progress = 100
                event = (.assignmentCompleted, assigner, "Báo cáo hoàn thành: \(Self.short(a.content))", note ?? "Đơn vị \(unit) báo cáo đã hoàn thành ngày \(today.vietnamese).")
            case .confirm:
                a.completedOn = a.reportedOn ?? today
            case .return:
                guard let comment = (input.comment ?? note)?.trimmingCharacters(in: .whitespacesAndNewlines).nilIfEmpty else {
                    throw HaiCapError.validation([.init(key: "comment", message: "Hãy ghi nhận xét để đơn vị biết cần làm thêm gì.")])
                }
                entry.note = comment
                a.reportedOn = nil
                event = (.assignmentReturned, lead, "Nhiệm vụ bị trả lại: \(Self.short(a.content))", comment)
            }
            try await repository.update(a)
            try await repository.insert(event: entry, assignmentID: a.id)
            if let (name, audience, title, body) = event {
                try await Outbox(db: db).record(Self.event(name, a, directive: directive, at: at, audience: audience, title: title, body: body, extra: [
                    "action": .string(action.rawValue), "actor": .string(account.username), "note": entry.note.map(JSONValue.string) ?? .null,
                ]))
            }
            try await AuditRepository(db: db).record(actor: account.username, action: "assignment.\(action.rawValue)", entity: "assignment", entityID: String(a.id), before: before, after: a, now: at)
            return a
        }
    }

    /// Adds a message to an assignment's thread; `@24121` mentions a unit.
    public func post(message body: String, attachments: [String], to id: Int64, actor: Actor) async throws -> AssignmentMessage {
        let a = try await assignment(id: id, actor: actor)
        let account = try AccessPolicy.requireSignedIn(actor)
        let text = body.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw HaiCapError.validation([.init(key: "body", message: "Tin nhắn trống.")]) }
        guard text.count <= 10_000 else { throw HaiCapError.validation([.init(key: "body", message: "Tin nhắn dài quá 10.000 ký tự.")]) }
        let links = try Self.links(attachments)
        let units = try await provinceUnits()
        let mentions = Self.mentions(in: text).filter { units[$0] != nil }
        let at = now()
        var message = AssignmentMessage(id: 0, author: account.username, body: text, mentions: mentions, attachments: links, at: at)
        let draft = message
        message.id = try await database.transaction { db in
            let id = try await DirectiveRepository(db: db).insert(message: draft, assignmentID: a.id)
            try await AuditRepository(db: db).record(actor: account.username, action: "assignment.message", entity: "assignment", entityID: String(a.id), before: Optional<AssignmentMessage>.none, after: draft, now: at)
            return id
        }
        return message
    }

    static func mentions(in text: String) -> [String] {
        var out: [String] = []
        let chars = Array(text.unicodeScalars)
        var i = 0
        while i < chars.count {
            if chars[i] == "@" {
                var j = i + 1
                var digits = ""
                while j < chars.count, ("0"..."9").contains(chars[j]), digits.count < 6 { digits.unicodeScalars.append(chars[j]); j += 1 }
                if digits.count == 5, !out.contains(digits) { out.append(digits) }
                i = j
            } else {
                i += 1
            }
        }
        return out
    }

    static func links(_ raw: [String]) throws -> [String] {
        let cleaned = raw.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
        guard cleaned.count <= 20 else { throw HaiCapError.validation([.init(key: "evidence", message: "Tối đa 20 đường dẫn.")]) }
        for link in cleaned where !(link.hasPrefix("https://") || link.hasPrefix("http://")) || link.count > 2_000 {
            throw HaiCapError.validation([.init(key: "evidence", message: "Đường dẫn “\(link.prefix(80))” phải bắt đầu bằng http:// hoặc https://.")])
        }
        return cleaned
    }

    static func short(_ text: String) -> String {
        let oneLine = text.replacingOccurrences(of: "\n", with: " ")
        return oneLine.count <= 80 ? oneLine : String(oneLine.prefix(77)) + "…"
    }

    static func event(_ name: NotificationEventName, _ a: Assignment, directive: Directive, at: Date, audience: NotificationAudience, title: String, body: String, extra: [String: JSONValue] = [:]) -> NotificationEvent {
        var data: [String: JSONValue] = [
            "assignment": .number(Double(a.id)), "directive": .number(Double(a.directiveID)), "directiveNumber": .string(directive.number),
            "unit": a.unitCode.map(JSONValue.string) ?? .null, "content": .string(a.content), "deadline": .string(a.deadline.description),
            "state": .string(a.state.rawValue), "progress": .number(Double(a.progress)),
        ]
        data.merge(extra) { $1 }
        return NotificationEvent(name: name, occurredAt: at, data: data, audience: audience, title: title, body: body, link: "/dieu-hanh/nhiem-vu/\(a.id)")
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
