import Foundation
import HaiCapCore
import SQLKit

/// Rows of directives, assignments, their timeline and discussion; the rules live in `DirectiveService`.
public struct DirectiveRepository: Sendable {
    let db: any SQLDatabase

    public init(db: any SQLDatabase) {
        self.db = db
    }

    // MARK: Directives

    func insert(_ d: Directive) async throws -> Int64 {
        let row = try await db.insert(into: "directives")
            .columns("number", "issued_on", "issuer", "signer", "summary", "body", "link", "field", "created_at", "created_by")
            .values(SQLBind(d.number), SQLBind(d.date.description), SQLBind(d.issuer), SQLBind(d.signer), SQLBind(d.summary),
                    SQLBind(d.text), SQLBind(d.link), SQLBind(d.field), SQLBind(Self.stamp(d.createdAt)), SQLBind(d.createdBy))
            .returning("id").first()
        guard let id = try row?.decode(column: "id", as: Int64.self) else { throw HaiCapError.conflict("Không lưu được văn bản chỉ đạo.") }
        return id
    }

    public func directive(id: Int64) async throws -> Directive? {
        try await db.select().column("*").from("directives").where("id", .equal, id).first().map(Self.directive)
    }

    /// Directives, newest first; `query` matches the number or the summary (case-insensitive).
    public func directives(query: String?, page: PageRequest) async throws -> Paged<Directive> {
        func filtered(_ b: SQLSelectBuilder) -> SQLSelectBuilder {
            if let query, !query.isEmpty {
                let like = "%\(query.lowercased().replacingOccurrences(of: "%", with: "").replacingOccurrences(of: "_", with: ""))%"
                b.where { $0.where(SQLFunction("LOWER", args: SQLColumn("number")), .like, SQLBind(like))
                    .orWhere(SQLFunction("LOWER", args: SQLColumn("summary")), .like, SQLBind(like)) }
            }
            return b
        }
        let total = try await filtered(db.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("directives"))
            .first()?.decode(column: "n", as: Int.self) ?? 0
        let rows = try await filtered(db.select().column("*").from("directives"))
            .orderBy("issued_on", .descending).orderBy("id", .descending).limit(page.per).offset(page.offset).all()
        return Paged(items: try rows.map(Self.directive), total: total, page: page)
    }

    static func directive(_ row: any SQLRow) throws -> Directive {
        Directive(
            id: try row.decode(column: "id", as: Int64.self), number: try row.decode(column: "number", as: String.self),
            date: try day(row, "issued_on") ?? CalendarDay(julianDay: 2_440_588),
            issuer: try row.decode(column: "issuer", as: String.self), signer: try row.decode(column: "signer", as: String.self),
            summary: try row.decode(column: "summary", as: String.self), text: try row.decode(column: "body", as: String.self),
            link: try row.decode(column: "link", as: String?.self), field: try row.decode(column: "field", as: String?.self),
            createdAt: date(try row.decode(column: "created_at", as: Int64.self)), createdBy: try row.decode(column: "created_by", as: String.self))
    }

    // MARK: Assignments

    func insert(_ a: Assignment) async throws -> Int64 {
        let row = try await db.insert(into: "assignments")
            .columns("directive_id", "parent_id", "unit_code", "coordinating_json", "assignee", "content", "expected_result", "field",
                     "priority", "recurrence", "deadline", "original_deadline", "state", "progress", "acknowledged_at", "acknowledged_by",
                     "reported_on", "completed_on", "extension_json", "created_at", "created_by", "updated_at",
                     "due_soon_notified", "overdue_notified", "next_created")
            .values(
                SQLBind(a.directiveID), SQLBind(a.parentID), SQLBind(a.unitCode), SQLBind(try Self.json(a.coordinating)), SQLBind(a.assignee),
                SQLBind(a.content), SQLBind(a.expectedResult), SQLBind(a.field), SQLBind(a.priority.rawValue), SQLBind(a.recurrence.rawValue),
                SQLBind(a.deadline.description), SQLBind(a.originalDeadline.description), SQLBind(a.state.rawValue), SQLBind(a.progress),
                SQLBind(a.acknowledgedAt.map(Self.stamp)), SQLBind(a.acknowledgedBy), SQLBind(a.reportedOn?.description),
                SQLBind(a.completedOn?.description), SQLBind(try a.pendingExtension.map(Self.json)), SQLBind(Self.stamp(a.createdAt)),
                SQLBind(a.createdBy), SQLBind(Self.stamp(a.updatedAt)), SQLBind(false), SQLBind(false), SQLBind(false))
            .returning("id").first()
        guard let id = try row?.decode(column: "id", as: Int64.self) else { throw HaiCapError.conflict("Không lưu được nhiệm vụ.") }
        return id
    }

    func update(_ a: Assignment) async throws {
        try await db.update("assignments")
            .set("deadline", to: SQLBind(a.deadline.description)).set("state", to: SQLBind(a.state.rawValue))
            .set("progress", to: SQLBind(a.progress)).set("acknowledged_at", to: SQLBind(a.acknowledgedAt.map(Self.stamp)))
            .set("acknowledged_by", to: SQLBind(a.acknowledgedBy)).set("reported_on", to: SQLBind(a.reportedOn?.description))
            .set("completed_on", to: SQLBind(a.completedOn?.description))
            .set("extension_json", to: SQLBind(try a.pendingExtension.map(Self.json)))
            .set("updated_at", to: SQLBind(Self.stamp(a.updatedAt)))
            .where("id", .equal, a.id).run()
    }

    /// Clears the reminder flags after a deadline moves, so the new deadline is reminded again.
    func resetReminders(id: Int64) async throws {
        try await db.update("assignments").set("due_soon_notified", to: SQLBind(false)).set("overdue_notified", to: SQLBind(false))
            .where("id", .equal, id).run()
    }

    func setFlag(_ column: String, ids: [Int64]) async throws {
        guard !ids.isEmpty else { return }
        try await db.update("assignments").set(SQLIdentifier(column), to: SQLBind(true)).where("id", .in, ids).run()
    }

    public func assignment(id: Int64) async throws -> Assignment? {
        try await db.select().column("*").from("assignments").where("id", .equal, id).first().map(Self.assignment)
    }

    public func children(of parentID: Int64) async throws -> [Assignment] {
        try await db.select().column("*").from("assignments").where("parent_id", .equal, parentID).orderBy("unit_code").all().map(Self.assignment)
    }

    /// What a list, the dashboard or an export asks for.
    public struct Filter: Sendable, Equatable {
        public var unit: String?
        /// A commune official also sees assignments where their unit coordinates.
        public var unitOrCoordinating: String?
        public var directive: Int64?
        public var field: String?
        public var status: AssignmentStatus?
        public var deadlineFrom: CalendarDay?
        public var deadlineThrough: CalendarDay?
        /// Only assignments with a lead unit (not shared parents).
        public var leavesOnly = true

        public init(unit: String? = nil, unitOrCoordinating: String? = nil, directive: Int64? = nil, field: String? = nil, status: AssignmentStatus? = nil, deadlineFrom: CalendarDay? = nil, deadlineThrough: CalendarDay? = nil) {
            self.unit = unit
            self.unitOrCoordinating = unitOrCoordinating
            self.directive = directive
            self.field = field
            self.status = status
            self.deadlineFrom = deadlineFrom
            self.deadlineThrough = deadlineThrough
        }
    }

    /// The status class as SQL, so lists and the dashboard filter and count in the database.
    static func statusSQL(today: CalendarDay) -> SQLQueryString {
        """
        CASE WHEN state = 'completed' THEN (CASE WHEN COALESCE(completed_on, reported_on) <= deadline THEN 'done_on_time' ELSE 'done_late' END) \
        WHEN state = 'completion_reported' THEN (CASE WHEN reported_on <= deadline THEN 'in_progress' ELSE 'overdue' END) \
        WHEN \(bind: today.description) <= deadline THEN 'in_progress' ELSE 'overdue' END
        """
    }

    static func whereSQL(_ f: Filter, today: CalendarDay) -> SQLQueryString {
        var sql: SQLQueryString = "WHERE 1 = 1"
        if f.leavesOnly { sql.appendInterpolation(unsafeRaw: " AND unit_code IS NOT NULL") }
        if let unit = f.unit { sql = sql + " AND unit_code = \(bind: unit)" }
        if let unit = f.unitOrCoordinating {
            sql = sql + " AND (unit_code = \(bind: unit) OR coordinating_json LIKE \(bind: "%\"\(unit)\"%"))"
        }
        if let directive = f.directive { sql = sql + " AND directive_id = \(bind: directive)" }
        if let field = f.field { sql = sql + " AND field = \(bind: field)" }
        if let from = f.deadlineFrom { sql = sql + " AND deadline >= \(bind: from.description)" }
        if let through = f.deadlineThrough { sql = sql + " AND deadline <= \(bind: through.description)" }
        if let status = f.status { sql = sql + " AND (" + statusSQL(today: today) + ") = \(bind: status.rawValue)" }
        return sql
    }

    /// One page of assignments, by deadline then id.
    public func list(_ f: Filter, today: CalendarDay, page: PageRequest) async throws -> Paged<Assignment> {
        let condition = Self.whereSQL(f, today: today)
        let total = try await db.raw("SELECT COUNT(*) AS n FROM assignments " + condition).first()?.decode(column: "n", as: Int.self) ?? 0
        let rows = try await db.raw("SELECT * FROM assignments " + condition + " ORDER BY deadline, id LIMIT \(unsafeRaw: String(page.per)) OFFSET \(unsafeRaw: String(page.offset))").all()
        return Paged(items: try rows.map(Self.assignment), total: total, page: page)
    }

    /// How many matching assignments the lead unit has not yet acknowledged.
    public func unacknowledgedCount(_ f: Filter, today: CalendarDay) async throws -> Int {
        try await db.raw("SELECT COUNT(*) AS n FROM assignments " + Self.whereSQL(f, today: today) + " AND state = 'assigned'")
            .first()?.decode(column: "n", as: Int.self) ?? 0
    }

    /// Every matching assignment (exports, briefs), by deadline.
    public func all(_ f: Filter, today: CalendarDay, limit: Int = 200_000) async throws -> [Assignment] {
        try await db.raw("SELECT * FROM assignments " + Self.whereSQL(f, today: today) + " ORDER BY deadline, id LIMIT \(unsafeRaw: String(limit))").all().map(Self.assignment)
    }

    /// Per unit and status class: how many, and how many of them are due soon (deadline in [today, dueSoonThrough]
    /// and not yet reported done). One grouped query, however many assignments there are.
    public func unitCounts(_ f: Filter, today: CalendarDay, dueSoonThrough: CalendarDay) async throws -> [UnitScore] {
        let status = Self.statusSQL(today: today)
        let dueSoon: SQLQueryString = "CASE WHEN state NOT IN ('completed', 'completion_reported') AND deadline >= \(bind: today.description) AND deadline <= \(bind: dueSoonThrough.description) THEN 1 ELSE 0 END"
        let sql: SQLQueryString = "SELECT unit_code, (" + status + ") AS status, COUNT(*) AS n, SUM(" + dueSoon + ") AS due_soon FROM assignments "
            // Group by position: PostgreSQL would not match the status expression's second copy (its binds differ).
            + Self.whereSQL(f, today: today) + " GROUP BY 1, 2"
        var scores: [String: UnitScore] = [:]
        for row in try await db.raw(sql).all() {
            let code = try row.decode(column: "unit_code", as: String.self)
            let n = try row.decode(column: "n", as: Int.self)
            let soon = try row.decode(column: "due_soon", as: Int?.self) ?? 0
            var score = scores[code] ?? UnitScore(unitCode: code)
            score.total += n
            score.dueSoon += soon
            switch AssignmentStatus(rawValue: try row.decode(column: "status", as: String.self)) {
            case .doneOnTime: score.doneOnTime += n
            case .doneLate: score.doneLate += n
            case .inProgress: score.inProgress += n
            case .overdue: score.overdue += n
            case nil: break
            }
            scores[code] = score
        }
        return Array(scores.values)
    }

    /// Assignments not yet reminded of `kind` ("due_soon" or "overdue") whose deadline qualifies on `today`.
    func reminders(dueSoonThrough: CalendarDay, today: CalendarDay, overdue: Bool, limit: Int = 5_000) async throws -> [Assignment] {
        let open: SQLQueryString = "unit_code IS NOT NULL AND state NOT IN ('completed', 'completion_reported')"
        let sql: SQLQueryString = overdue
            ? "SELECT * FROM assignments WHERE " + open + " AND overdue_notified = \(bind: false) AND deadline < \(bind: today.description) ORDER BY id LIMIT \(unsafeRaw: String(limit))"
            : "SELECT * FROM assignments WHERE " + open + " AND due_soon_notified = \(bind: false) AND deadline >= \(bind: today.description) AND deadline <= \(bind: dueSoonThrough.description) ORDER BY id LIMIT \(unsafeRaw: String(limit))"
        return try await db.raw(sql).all().map(Self.assignment)
    }

    /// Recurring assignments whose next occurrence is due to be created (confirmed, or past the deadline).
    func recurringDue(today: CalendarDay) async throws -> [Assignment] {
        let sql: SQLQueryString = "SELECT * FROM assignments WHERE recurrence <> 'none' AND next_created = \(bind: false) AND (state = 'completed' OR deadline < \(bind: today.description)) ORDER BY id LIMIT 1000"
        return try await db.raw(sql).all().map(Self.assignment)
    }

    static func assignment(_ row: any SQLRow) throws -> Assignment {
        let deadline = try day(row, "deadline") ?? CalendarDay(julianDay: 2_440_588)
        return Assignment(
            id: try row.decode(column: "id", as: Int64.self), directiveID: try row.decode(column: "directive_id", as: Int64.self),
            parentID: try row.decode(column: "parent_id", as: Int64?.self), unitCode: try row.decode(column: "unit_code", as: String?.self),
            coordinating: try decode([String].self, try row.decode(column: "coordinating_json", as: String.self)),
            assignee: try row.decode(column: "assignee", as: String?.self), content: try row.decode(column: "content", as: String.self),
            expectedResult: try row.decode(column: "expected_result", as: String.self), field: try row.decode(column: "field", as: String?.self),
            priority: AssignmentPriority(rawValue: try row.decode(column: "priority", as: String.self)) ?? .normal,
            recurrence: AssignmentRecurrence(rawValue: try row.decode(column: "recurrence", as: String.self)) ?? .none,
            deadline: deadline, originalDeadline: try day(row, "original_deadline") ?? deadline,
            state: AssignmentState(rawValue: try row.decode(column: "state", as: String.self)) ?? .assigned,
            progress: try row.decode(column: "progress", as: Int.self),
            acknowledgedAt: try row.decode(column: "acknowledged_at", as: Int64?.self).map(date),
            acknowledgedBy: try row.decode(column: "acknowledged_by", as: String?.self),
            reportedOn: try day(row, "reported_on"), completedOn: try day(row, "completed_on"),
            pendingExtension: try row.decode(column: "extension_json", as: String?.self).map { try decode(ExtensionRequest.self, $0) },
            createdAt: date(try row.decode(column: "created_at", as: Int64.self)), createdBy: try row.decode(column: "created_by", as: String.self),
            updatedAt: date(try row.decode(column: "updated_at", as: Int64.self)))
    }

    // MARK: Timeline and discussion

    func insert(event e: AssignmentEvent, assignmentID: Int64) async throws {
        try await db.insert(into: "assignment_events")
            .columns("assignment_id", "kind", "actor", "at", "progress", "note", "evidence_json", "from_deadline", "to_deadline")
            .values(SQLBind(assignmentID), SQLBind(e.kind), SQLBind(e.actor), SQLBind(Self.stamp(e.at)), SQLBind(e.progress), SQLBind(e.note),
                    SQLBind(try Self.json(e.evidence)), SQLBind(e.fromDeadline?.description), SQLBind(e.toDeadline?.description))
            .run()
    }

    public func events(assignmentID: Int64) async throws -> [AssignmentEvent] {
        try await db.select().column("*").from("assignment_events").where("assignment_id", .equal, assignmentID).orderBy("id").all().map {
            AssignmentEvent(
                kind: try $0.decode(column: "kind", as: String.self), actor: try $0.decode(column: "actor", as: String.self),
                at: Self.date(try $0.decode(column: "at", as: Int64.self)), progress: try $0.decode(column: "progress", as: Int?.self),
                note: try $0.decode(column: "note", as: String?.self),
                evidence: try Self.decode([String].self, try $0.decode(column: "evidence_json", as: String?.self) ?? "[]"),
                fromDeadline: try Self.day($0, "from_deadline"), toDeadline: try Self.day($0, "to_deadline"))
        }
    }

    func insert(message m: AssignmentMessage, assignmentID: Int64) async throws -> Int64 {
        let row = try await db.insert(into: "assignment_messages")
            .columns("assignment_id", "author", "body", "mentions_json", "attachments_json", "at")
            .values(SQLBind(assignmentID), SQLBind(m.author), SQLBind(m.body), SQLBind(try Self.json(m.mentions)),
                    SQLBind(try Self.json(m.attachments)), SQLBind(Self.stamp(m.at)))
            .returning("id").first()
        return try row?.decode(column: "id", as: Int64.self) ?? 0
    }

    public func messages(assignmentID: Int64) async throws -> [AssignmentMessage] {
        try await db.select().column("*").from("assignment_messages").where("assignment_id", .equal, assignmentID).orderBy("id").all().map {
            AssignmentMessage(
                id: try $0.decode(column: "id", as: Int64.self), author: try $0.decode(column: "author", as: String.self),
                body: try $0.decode(column: "body", as: String.self),
                mentions: try Self.decode([String].self, try $0.decode(column: "mentions_json", as: String.self)),
                attachments: try Self.decode([String].self, try $0.decode(column: "attachments_json", as: String.self)),
                at: Self.date(try $0.decode(column: "at", as: Int64.self)))
        }
    }

    // MARK: Helpers

    static func day(_ row: any SQLRow, _ column: String) throws -> CalendarDay? {
        try row.decode(column: column, as: String?.self).flatMap(CalendarDay.init(iso:))
    }

    static func json<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(text.utf8))
    }

    static func stamp(_ date: Date) -> Int64 { Int64(date.timeIntervalSince1970) }
    static func date(_ stamp: Int64) -> Date { Date(timeIntervalSince1970: TimeInterval(stamp)) }
}
