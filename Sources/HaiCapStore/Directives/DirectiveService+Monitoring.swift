import Foundation
import HaiCapCore
import SQLKit

extension DirectiveService {
    /// Assignments by deadline; a commune official sees only their unit's (lead or coordinating).
    public func list(_ filter: DirectiveRepository.Filter, page: PageRequest, actor: Actor) async throws -> Paged<Assignment> {
        try await repository.list(try scoped(filter, actor), today: today, page: page)
    }

    func scoped(_ filter: DirectiveRepository.Filter, _ actor: Actor) throws -> DirectiveRepository.Filter {
        let account = try AccessPolicy.requireSignedIn(actor)
        guard account.role == .commune else { return filter }
        guard let unit = account.unitCode else { throw HaiCapError.forbidden("Tài khoản cán bộ xã chưa gắn với đơn vị nào.") }
        if let asked = filter.unit, asked != unit { throw HaiCapError.forbidden("Cán bộ xã chỉ xem được nhiệm vụ của đơn vị mình.") }
        var f = filter
        f.unit = nil
        f.unitOrCoordinating = unit
        return f
    }

    /// The province dashboard: counts by status, every unit's record ranked with its light, what is overdue and due soon.
    public struct Dashboard: Sendable {
        public var today: CalendarDay
        public var dueSoonThrough: CalendarDay
        public var counts: StatusCounts
        /// Every unit of the province (those without assignments too), best on-time rate first.
        public var units: [UnitScore]
        public var overdue: [Assignment]
        public var dueSoon: [Assignment]
        public var unitNames: [String: String]
    }

    public func dashboard(_ filter: DirectiveRepository.Filter, actor: Actor, listLimit: Int = 50) async throws -> Dashboard {
        _ = try AccessPolicy.requireProvince(actor)
        let today = self.today
        let calendar = try await calendar()
        let soon = calendar.adding(workingDays: 3, to: today)
        let names = try await provinceUnits()
        var byUnit = Dictionary(try await repository.unitCounts(filter, today: today, dueSoonThrough: soon).map { ($0.unitCode, $0) }, uniquingKeysWith: { a, _ in a })
        if filter.unit == nil {
            for code in names.keys where byUnit[code] == nil { byUnit[code] = UnitScore(unitCode: code) }
        }
        var counts = StatusCounts()
        for s in byUnit.values {
            counts.doneOnTime += s.doneOnTime
            counts.doneLate += s.doneLate
            counts.inProgress += s.inProgress
            counts.overdue += s.overdue
            counts.dueSoon += s.dueSoon
        }
        counts.unacknowledged = try await repository.unacknowledgedCount(filter, today: today)
        var overdueFilter = filter
        overdueFilter.status = .overdue
        let overdue = try await repository.list(overdueFilter, today: today, page: PageRequest(page: 1, per: listLimit)).items
        var soonFilter = filter
        soonFilter.deadlineFrom = max(today, filter.deadlineFrom ?? today)
        soonFilter.deadlineThrough = min(soon, filter.deadlineThrough ?? soon)
        let dueSoon = try await repository.list(soonFilter, today: today, page: PageRequest(page: 1, per: listLimit * 2)).items
            .filter { $0.isDueSoon(on: today, calendar: calendar) }
        // The table is the province's units (a unit filter shows that unit); counts above cover every matching assignment.
        let table = byUnit.values.filter { filter.unit != nil || names[$0.unitCode] != nil }
        return Dashboard(today: today, dueSoonThrough: soon, counts: counts, units: UnitScore.ranked(Array(table)),
                         overdue: overdue, dueSoon: Array(dueSoon.prefix(listLimit)), unitNames: names)
    }

    /// A weekly brief in Vietnamese, written only from the data: what is stuck, where, since when.
    public func weeklyBrief(actor: Actor) async throws -> String {
        weeklyBrief(from: try await dashboard(.init(), actor: actor, listLimit: 200), calendar: try await calendar())
    }

    /// The weekly brief from a dashboard already loaded (the page shows both).
    public func weeklyBrief(from board: Dashboard, calendar: WorkingDayCalendar) -> String {
        let today = board.today
        let weekStart = today.adding(days: 1 - today.isoWeekday)
        let name = { (code: String?) in code.flatMap { board.unitNames[$0] } ?? code ?? "—" }
        var lines: [String] = []
        let c = board.counts
        lines.append("Tình hình thực hiện nhiệm vụ đến ngày \(today.vietnamese) (tuần từ \(weekStart.vietnamese)):")
        lines.append("- Tổng số nhiệm vụ: \(VietnameseNumber.integer(c.total)); hoàn thành đúng hạn \(VietnameseNumber.integer(c.doneOnTime)), hoàn thành quá hạn \(VietnameseNumber.integer(c.doneLate)), đang thực hiện trong hạn \(VietnameseNumber.integer(c.inProgress)), quá hạn chưa hoàn thành \(VietnameseNumber.integer(c.overdue)).")
        if c.overdue == 0 {
            lines.append("- Không có nhiệm vụ quá hạn.")
        } else {
            // Counted from the per-unit figures: the lists on the board are cut to a page.
            let units = board.units.filter { $0.overdue > 0 }.count
            lines.append("- Nhiệm vụ quá hạn chưa hoàn thành: \(VietnameseNumber.integer(c.overdue)) nhiệm vụ tại \(units) đơn vị. Quá hạn lâu nhất:")
            let longest = board.overdue.sorted { $0.deadline < $1.deadline }.prefix(5)
            for a in longest {
                lines.append("  + \(name(a.unitCode)): “\(Self.short(a.content))” — hạn \(a.deadline.vietnamese), đã quá \(a.daysOverdue(on: today, calendar: calendar)) ngày làm việc, tiến độ \(a.progress)%\(a.acknowledgedAt == nil ? ", chưa xác nhận đã nhận" : "").")
            }
        }
        if c.dueSoon > 0 {
            let units = board.units.filter { $0.dueSoon > 0 }.map(\.unitCode).sorted()
            let more = units.count > 10 ? " và \(units.count - 10) đơn vị khác" : ""
            lines.append("- Sắp đến hạn (đến \(board.dueSoonThrough.vietnamese)): \(VietnameseNumber.integer(c.dueSoon)) nhiệm vụ, tại: \(units.prefix(10).map { name($0) }.joined(separator: ", "))\(more).")
        }
        let judged = board.units.filter { $0.onTimeRate != nil }
        if let worst = judged.last, let rate = worst.onTimeRate, judged.count > 1 {
            lines.append("- Đơn vị có tỷ lệ hoàn thành đúng hạn thấp nhất: \(name(worst.unitCode)) (\(VietnameseNumber.decimal(rate * 100, digits: 1))%).")
        }
        let red = board.units.filter { $0.light == .red }
        if !red.isEmpty {
            lines.append("- Đơn vị ở mức đỏ: \(red.prefix(15).map { name($0.unitCode) }.joined(separator: ", "))\(red.count > 15 ? " và \(red.count - 15) đơn vị khác" : "").")
        }
        return lines.joined(separator: "\n")
    }

    /// Reminder scan (run under the scheduler's lease): due-soon and overdue events, once per deadline,
    /// and the next occurrence of recurring assignments. Returns how many events it wrote.
    @discardableResult
    public func scanReminders() async throws -> Int {
        let today = self.today
        let calendar = try await calendar()
        let soon = calendar.adding(workingDays: 3, to: today)
        let at = now()
        var written = 0
        for overdue in [false, true] {
            let due = try await repository.reminders(dueSoonThrough: soon, today: today, overdue: overdue)
            guard !due.isEmpty else { continue }
            var found: [Int64: Directive] = [:]
            for id in Set(due.map(\.directiveID)) { found[id] = try await repository.directive(id: id) }
            let directives = found
            try await database.transaction { db in
                for a in due {
                    guard let unit = a.unitCode, let directive = directives[a.directiveID] else { continue }
                    let event = overdue
                        ? Self.event(.assignmentOverdue, a, directive: directive, at: at, audience: .init(units: [unit], users: [a.createdBy]),
                                     title: "Quá hạn: \(Self.short(a.content))", body: "Nhiệm vụ theo \(directive.number) đã quá hạn \(a.deadline.vietnamese), tiến độ \(a.progress)%.")
                        : Self.event(.assignmentDueSoon, a, directive: directive, at: at, audience: .init(units: [unit]),
                                     title: "Sắp đến hạn \(a.deadline.vietnamese): \(Self.short(a.content))", body: "Nhiệm vụ theo \(directive.number) đến hạn ngày \(a.deadline.vietnamese); tiến độ hiện tại \(a.progress)%.")
                    try await Outbox(db: db).record(event)
                }
                try await DirectiveRepository(db: db).setFlag(overdue ? "overdue_notified" : "due_soon_notified", ids: due.map(\.id))
            }
            written += due.count
        }
        for a in try await repository.recurringDue(today: today) {
            guard let next = a.recurrence.next(after: a.deadline) else { continue }
            written += try await database.transaction { db in
                var copy = Assignment(
                    id: 0, directiveID: a.directiveID, parentID: a.parentID, unitCode: a.unitCode, coordinating: a.coordinating,
                    assignee: a.assignee, content: a.content, expectedResult: a.expectedResult, field: a.field, priority: a.priority,
                    recurrence: a.recurrence, deadline: next, createdAt: at, createdBy: a.createdBy)
                let repository = DirectiveRepository(db: db)
                copy.id = try await repository.insert(copy)
                try await repository.setFlag("next_created", ids: [a.id])
                try await repository.insert(event: AssignmentEvent(kind: "created", actor: "system", at: at, note: "Kỳ tiếp theo của nhiệm vụ lặp lại \(a.recurrence.label.lowercased())", toDeadline: next), assignmentID: copy.id)
                if let unit = copy.unitCode, let directive = try await repository.directive(id: a.directiveID) {
                    try await Outbox(db: db).record(Self.event(.assignmentCreated, copy, directive: directive, at: at, audience: .init(units: [unit]),
                        title: "Nhiệm vụ định kỳ: \(Self.short(copy.content))", body: "Kỳ mới, hạn \(next.vietnamese)."))
                    return 1
                }
                return 0
            }
        }
        return written
    }

    /// The filtered assignments as a table (CSV/XLSX), province only.
    public func exportTable(_ filter: DirectiveRepository.Filter, actor: Actor) async throws -> XLSXSheet {
        _ = try AccessPolicy.requireProvince(actor)
        let today = self.today
        let names = try await provinceUnits()
        let rows = try await repository.all(filter, today: today)
        var directives: [Int64: Directive] = [:]
        for id in Set(rows.map(\.directiveID)) { directives[id] = try await repository.directive(id: id) }
        return XLSXSheet(
            name: "Nhiệm vụ",
            header: ["Mã", "Văn bản", "Đơn vị chủ trì", "Tên đơn vị", "Nội dung", "Kết quả cần đạt", "Hạn", "Hạn ban đầu", "Trạng thái", "Phân loại", "Tiến độ (%)", "Đã nhận lúc", "Báo cáo hoàn thành"],
            rows: rows.map { a in
                [.number(Double(a.id)), .text(directives[a.directiveID]?.number ?? ""), .text(a.unitCode ?? ""), .text(a.unitCode.flatMap { names[$0] } ?? ""),
                 .text(a.content), .text(a.expectedResult), .text(a.deadline.vietnamese), .text(a.originalDeadline.vietnamese),
                 .text(a.state.label), .text(a.status(on: today).label), .number(Double(a.progress)),
                 a.acknowledgedAt.map { .text(CivilTime.display($0)) } ?? .empty, a.reportedOn.map { .text($0.vietnamese) } ?? .empty]
            },
            columnWidths: [8, 16, 10, 24, 50, 30, 12, 12, 22, 24, 10, 16, 14])
    }

    public func timeline(of id: Int64, actor: Actor) async throws -> (Assignment, [AssignmentEvent], [AssignmentMessage], [Assignment]) {
        let a = try await assignment(id: id, actor: actor)
        return (a, try await repository.events(assignmentID: id), try await repository.messages(assignmentID: id), try await repository.children(of: id))
    }

    public func directives(query: String?, page: PageRequest, actor: Actor) async throws -> Paged<Directive> {
        _ = try AccessPolicy.requireSignedIn(actor)
        return try await repository.directives(query: query, page: page)
    }
}

extension DirectiveService {
    /// Proposes assignments from a directive's text (province): units recognised among the province's, deadlines
    /// read from the sentences. Nothing is created; the official confirms or edits each proposal first.
    public func extract(text: String, issuedOn: CalendarDay?, actor: Actor) async throws -> [AssignmentProposal] {
        _ = try AccessPolicy.requireProvince(actor)
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw HaiCapError.validation([.init(key: "text", message: "Hãy dán nội dung văn bản chỉ đạo.")])
        }
        guard text.count <= 200_000 else { throw HaiCapError.validation([.init(key: "text", message: "Nội dung dài quá 200.000 ký tự.")]) }
        let units = try await provinceUnits().map { (code: $0.key, name: $0.value) }.sorted { $0.code < $1.code }
        return DirectiveExtractor(units: units).proposals(in: text, issuedOn: issuedOn ?? today)
    }
}
