import Foundation
import HaiCapCore
import HaiCapStore
import Hummingbird

/// `/api/v1/directives`, `/assignments`, `/monitoring`: monitoring and direction as JSON.
struct DirectivesAPIController {
    let service: DirectiveService

    struct Created: ResponseEncodable { var id: Int64 }

    struct DirectiveItem: Encodable, Sendable {
        var id: Int64
        var number: String
        var date: String
        var issuer: String
        var summary: String
    }

    struct DirectiveDTO: ResponseEncodable {
        var id: Int64
        var number: String
        var date: String
        var issuer: String
        var signer: String
        var summary: String
        var text: String
        var link: String?
        var field: String?
        var assignments: [AssignmentItem]
    }

    struct AssignmentItem: Encodable, Sendable {
        var id: Int64
        var unit: String?
        var content: String
        var deadline: String
        var status: String
        var dueSoon: Bool
        var state: String
        var progress: Int
    }

    struct CreatedAssignments: ResponseEncodable {
        struct Item: Encodable, Sendable { var id: Int64; var unit: String }
        var items: [Item]
        var parent: Int64?
    }

    struct AssignmentDTO: ResponseEncodable {
        var id: Int64
        var directive: Int64
        var parent: Int64?
        var unit: String?
        var coordinating: [String]
        var assignee: String?
        var content: String
        var expectedResult: String
        var field: String?
        var priority: String
        var recurrence: String
        var deadline: String
        var originalDeadline: String
        var state: String
        var status: String
        var dueSoon: Bool
        var progress: Int
        var acknowledgedAt: String?
        var acknowledgedBy: String?
        var reportedOn: String?
        var completedOn: String?
        var pendingExtension: Extension?
        var timeline: [Event]
        var messages: [Message]
        var children: [AssignmentItem]

        struct Extension: Encodable, Sendable { var deadline: String; var reason: String; var by: String; var at: String }
        struct Event: Encodable, Sendable {
            var kind: String
            var label: String
            var actor: String
            var at: String
            var progress: Int?
            var note: String?
            var evidence: [String]
            var fromDeadline: String?
            var toDeadline: String?
        }
        struct Message: ResponseEncodable { var id: Int64; var author: String; var body: String; var mentions: [String]; var attachments: [String]; var at: String }
    }

    struct NewMessage: Decodable {
        var body: String
        var attachments: [String]?
    }

    struct UnitRow: Encodable, Sendable {
        var unit: String
        var name: String
        var total: Int
        var onTimeRate: Double?
        var doneOnTime: Int
        var doneLate: Int
        var inProgress: Int
        var overdue: Int
        var dueSoon: Int
        var light: String

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(unit, forKey: .unit)
            try c.encode(name, forKey: .name)
            try c.encode(total, forKey: .total)
            try c.encode(onTimeRate, forKey: .onTimeRate)
            try c.encode(doneOnTime, forKey: .doneOnTime)
            try c.encode(doneLate, forKey: .doneLate)
            try c.encode(inProgress, forKey: .inProgress)
            try c.encode(overdue, forKey: .overdue)
            try c.encode(dueSoon, forKey: .dueSoon)
            try c.encode(light, forKey: .light)
        }

        enum CodingKeys: String, CodingKey { case unit, name, total, onTimeRate, doneOnTime, doneLate, inProgress, overdue, dueSoon, light }
    }

    struct UnitsDTO: ResponseEncodable {
        var items: [UnitRow]
        var rules: [String]
    }

    struct SummaryDTO: ResponseEncodable {
        var today: String
        var dueSoonThrough: String
        var doneOnTime: Int
        var doneLate: Int
        var inProgress: Int
        var overdue: Int
        var dueSoon: Int
        var overdueItems: [AssignmentItem]
        var dueSoonItems: [AssignmentItem]
    }

    struct Brief: ResponseEncodable { var text: String }

    struct ExtractRequest: Decodable {
        var text: String
        var date: CalendarDay?
    }

    struct Proposals: ResponseEncodable {
        struct Item: Encodable, Sendable {
            var content: String
            var units: [String]
            var allUnits: Bool
            var unitNames: [String]
            var deadline: String?
            var sentence: String

            func encode(to encoder: any Encoder) throws {
                var c = encoder.container(keyedBy: CodingKeys.self)
                try c.encode(content, forKey: .content)
                try c.encode(units, forKey: .units)
                try c.encode(allUnits, forKey: .allUnits)
                try c.encode(unitNames, forKey: .unitNames)
                try c.encode(deadline, forKey: .deadline)
                try c.encode(sentence, forKey: .sentence)
            }

            enum CodingKeys: String, CodingKey { case content, units, allUnits, unitNames, deadline, sentence }
        }
        var proposals: [Item]
    }

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.post("directives") { request, context -> EditedResponse<Created> in
            _ = try AccessPolicy.requireProvince(context.actor)
            let body = try await request.json(DirectiveService.NewDirective.self)
            let d = try await service.createDirective(body, actor: context.actor)
            return .init(status: .created, response: Created(id: d.id))
        }
        group.get("directives") { request, context -> ListResponse<DirectiveItem> in
            let page = try PageRequest(page: request.query("page"), per: request.query("per"))
            let paged = try await service.directives(query: request.query("q"), page: page, actor: context.actor)
            return ListResponse(items: paged.items.map { DirectiveItem(id: $0.id, number: $0.number, date: $0.date.description, issuer: $0.issuer, summary: $0.summary) },
                                total: paged.total, page: page.page, per: page.per)
        }
        group.post("directives/extract") { request, context -> Proposals in
            _ = try AccessPolicy.requireProvince(context.actor)
            let body = try await request.json(ExtractRequest.self)
            let found = try await service.extract(text: body.text, issuedOn: body.date, actor: context.actor)
            let all = try await service.provinceUnits().keys.sorted()
            return Proposals(proposals: found.map {
                .init(content: $0.content, units: $0.allUnits ? all : $0.units, allUnits: $0.allUnits, unitNames: $0.unitNames,
                      deadline: $0.deadline?.description, sentence: $0.sentence)
            })
        }
        group.get("directives/{id}") { _, context -> DirectiveDTO in
            _ = try AccessPolicy.requireSignedIn(context.actor)
            let d = try await service.directive(id: try Self.id(context))
            let today = service.today
            let calendar = try await service.calendar()
            let items = try await service.list(.init(directive: d.id), page: PageRequest(page: 1, per: 500), actor: context.actor).items
            return DirectiveDTO(id: d.id, number: d.number, date: d.date.description, issuer: d.issuer, signer: d.signer, summary: d.summary,
                                text: d.text, link: d.link, field: d.field, assignments: items.map { Self.item($0, today: today, calendar: calendar) })
        }
        group.post("directives/{id}/assignments") { request, context -> EditedResponse<CreatedAssignments> in
            _ = try AccessPolicy.requireProvince(context.actor)
            let body = try await request.json(DirectiveService.NewAssignment.self)
            let created = try await service.createAssignments(directiveID: try Self.id(context), body, actor: context.actor)
            return .init(status: .created, response: CreatedAssignments(items: created.map { .init(id: $0.id, unit: $0.unitCode ?? "") }, parent: created.first?.parentID))
        }

        group.get("assignments") { request, context -> ListResponse<AssignmentItem> in
            let page = try PageRequest(page: request.query("page"), per: request.query("per"))
            let paged = try await service.list(try Self.filter(request), page: page, actor: context.actor)
            let today = service.today
            let calendar = try await service.calendar()
            return ListResponse(items: paged.items.map { Self.item($0, today: today, calendar: calendar) }, total: paged.total, page: page.page, per: page.per)
        }
        group.get("assignments/{id}") { _, context -> AssignmentDTO in
            let (a, events, messages, children) = try await service.timeline(of: try Self.id(context), actor: context.actor)
            return Self.dto(a, events: events, messages: messages, children: children, today: service.today, calendar: try await service.calendar())
        }
        for action in AssignmentAction.allCases {
            let path = action == .decideExtension ? "assignments/{id}/extension/decide" : "assignments/{id}/\(action.rawValue)"
            group.post(RouterPath(path)) { request, context -> AssignmentDTO in
                _ = try AccessPolicy.requireSignedIn(context.actor)
                let input = try await request.optionalJSON(DirectiveService.ActionInput.self) ?? .init()
                let id = try Self.id(context)
                _ = try await service.act(id, action, input, actor: context.actor)
                let (a, events, messages, children) = try await service.timeline(of: id, actor: context.actor)
                return Self.dto(a, events: events, messages: messages, children: children, today: service.today, calendar: try await service.calendar())
            }
        }
        group.post("assignments/{id}/messages") { request, context -> EditedResponse<AssignmentDTO.Message> in
            _ = try AccessPolicy.requireSignedIn(context.actor)
            let body = try await request.json(NewMessage.self)
            let m = try await service.post(message: body.body, attachments: body.attachments ?? [], to: try Self.id(context), actor: context.actor)
            return .init(status: .created, response: .init(id: m.id, author: m.author, body: m.body, mentions: m.mentions, attachments: m.attachments, at: CivilTime.rfc3339(m.at)))
        }

        group.get("monitoring/units") { request, context -> UnitsDTO in
            let board = try await service.dashboard(try Self.filter(request), actor: context.actor)
            return UnitsDTO(items: board.units.map { Self.row($0, names: board.unitNames) }, rules: TrafficLight.rules)
        }
        group.get("monitoring/summary") { request, context -> SummaryDTO in
            let board = try await service.dashboard(try Self.filter(request), actor: context.actor)
            let calendar = try await service.calendar()
            let c = board.counts
            return SummaryDTO(today: board.today.description, dueSoonThrough: board.dueSoonThrough.description, doneOnTime: c.doneOnTime,
                              doneLate: c.doneLate, inProgress: c.inProgress, overdue: c.overdue, dueSoon: c.dueSoon,
                              overdueItems: board.overdue.map { Self.item($0, today: board.today, calendar: calendar) },
                              dueSoonItems: board.dueSoon.map { Self.item($0, today: board.today, calendar: calendar) })
        }
        group.get("monitoring/brief") { _, context -> Brief in
            Brief(text: try await service.weeklyBrief(actor: context.actor))
        }
        group.get("monitoring/assignments.csv") { request, context -> Response in
            let sheet = try await service.exportTable(try Self.filter(request), actor: context.actor)
            let rows = sheet.rows.map { $0.map { cell -> String in
                switch cell {
                case .text(let t): t
                case .number(let n): String(Int64(n))
                case .empty: ""
                }
            } }
            return Response.download(CSVDocument.data(header: sheet.header, rows: rows), contentType: "text/csv; charset=utf-8", fileName: "nhiem-vu.csv")
        }
        group.get("monitoring/assignments.xlsx") { request, context -> Response in
            let sheet = try await service.exportTable(try Self.filter(request), actor: context.actor)
            return Response.download(XLSXWorkbook.data(sheets: [sheet]), contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", fileName: "nhiem-vu.xlsx")
        }
    }

    static func filter(_ request: Request) throws -> DirectiveRepository.Filter {
        var fields: [FieldError] = []
        var f = DirectiveRepository.Filter(unit: request.query("unit"), field: request.query("field"))
        if let raw = request.query("directive") {
            if let id = Int64(raw) { f.directive = id } else { fields.append(.init(key: "directive", message: "Tham số directive phải là mã số văn bản.")) }
        }
        if let raw = request.query("status") {
            if let s = AssignmentStatus(rawValue: raw) { f.status = s } else {
                fields.append(.init(key: "status", message: "Tham số status phải là done_on_time, done_late, in_progress hoặc overdue."))
            }
        }
        for (key, path) in [("from", \DirectiveRepository.Filter.deadlineFrom), ("to", \DirectiveRepository.Filter.deadlineThrough)] {
            if let raw = request.query(key) {
                if let day = CalendarDay(iso: raw) { f[keyPath: path] = day } else {
                    fields.append(.init(key: key, message: "Tham số \(key) phải là ngày YYYY-MM-DD."))
                }
            }
        }
        guard fields.isEmpty else { throw HaiCapError.validation(fields) }
        return f
    }

    static func id(_ context: AppRequestContext) throws -> Int64 {
        try context.positiveID()
    }


    static func item(_ a: Assignment, today: CalendarDay, calendar: WorkingDayCalendar) -> AssignmentItem {
        AssignmentItem(id: a.id, unit: a.unitCode, content: a.content, deadline: a.deadline.description, status: a.status(on: today).rawValue,
                       dueSoon: a.isDueSoon(on: today, calendar: calendar), state: a.state.rawValue, progress: a.progress)
    }

    static func row(_ s: UnitScore, names: [String: String]) -> UnitRow {
        UnitRow(unit: s.unitCode, name: names[s.unitCode] ?? s.unitCode, total: s.total, onTimeRate: s.onTimeRate, doneOnTime: s.doneOnTime,
                doneLate: s.doneLate, inProgress: s.inProgress, overdue: s.overdue, dueSoon: s.dueSoon, light: s.light.rawValue)
    }

    static func dto(_ a: Assignment, events: [AssignmentEvent], messages: [AssignmentMessage], children: [Assignment], today: CalendarDay, calendar: WorkingDayCalendar) -> AssignmentDTO {
        var progress = a.progress
        var state = a.state
        if a.unitCode == nil, !children.isEmpty {
            progress = Assignment.rolledUpProgress(children)
            state = children.allSatisfy { $0.state == .completed } ? .completed : .inProgress
        }
        return AssignmentDTO(
            id: a.id, directive: a.directiveID, parent: a.parentID, unit: a.unitCode, coordinating: a.coordinating, assignee: a.assignee,
            content: a.content, expectedResult: a.expectedResult, field: a.field, priority: a.priority.rawValue, recurrence: a.recurrence.rawValue,
            deadline: a.deadline.description, originalDeadline: a.originalDeadline.description, state: state.rawValue,
            status: a.status(on: today).rawValue, dueSoon: a.isDueSoon(on: today, calendar: calendar), progress: progress,
            acknowledgedAt: a.acknowledgedAt.map(CivilTime.rfc3339), acknowledgedBy: a.acknowledgedBy,
            reportedOn: a.reportedOn?.description, completedOn: a.completedOn?.description,
            pendingExtension: a.pendingExtension.map { .init(deadline: $0.requestedDeadline.description, reason: $0.reason, by: $0.by, at: CivilTime.rfc3339($0.at)) },
            timeline: events.map { .init(kind: $0.kind, label: $0.label, actor: $0.actor, at: CivilTime.rfc3339($0.at), progress: $0.progress, note: $0.note,
                                         evidence: $0.evidence, fromDeadline: $0.fromDeadline?.description, toDeadline: $0.toDeadline?.description) },
            messages: messages.map { .init(id: $0.id, author: $0.author, body: $0.body, mentions: $0.mentions, attachments: $0.attachments, at: CivilTime.rfc3339($0.at)) },
            children: children.map { item($0, today: today, calendar: calendar) })
    }
}
