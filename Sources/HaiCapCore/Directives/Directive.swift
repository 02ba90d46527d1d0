import Foundation

/// A directive (văn bản chỉ đạo) the province issues; it carries one or more assignments.
public struct Directive: Codable, Sendable, Equatable {
    public var id: Int64
    /// Số hiệu, e.g. "125/UBND-TH".
    public var number: String
    public var date: CalendarDay
    /// Cơ quan ban hành.
    public var issuer: String
    /// Người ký.
    public var signer: String
    /// Trích yếu.
    public var summary: String
    public var text: String
    /// A link to the signed file (e.g. the document system), when the text is not pasted.
    public var link: String?
    /// Lĩnh vực, for filtering.
    public var field: String?
    public var createdAt: Date
    public var createdBy: String

    public init(id: Int64, number: String, date: CalendarDay, issuer: String, signer: String, summary: String, text: String, link: String? = nil, field: String? = nil, createdAt: Date, createdBy: String) {
        self.id = id
        self.number = number
        self.date = date
        self.issuer = issuer
        self.signer = signer
        self.summary = summary
        self.text = text
        self.link = link
        self.field = field
        self.createdAt = createdAt
        self.createdBy = createdBy
    }

    /// Every problem with a new directive, each naming its field.
    public func problems() -> [FieldError] {
        var fields: [FieldError] = []
        func blank(_ s: String) -> Bool { s.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
        if blank(number) { fields.append(.init(key: "number", message: "Cần số hiệu văn bản (ví dụ 125/UBND-TH).")) }
        if blank(issuer) { fields.append(.init(key: "issuer", message: "Cần cơ quan ban hành.")) }
        if blank(summary) { fields.append(.init(key: "summary", message: "Cần trích yếu nội dung văn bản.")) }
        if blank(text) && (link ?? "").isEmpty { fields.append(.init(key: "text", message: "Cần nội dung văn bản hoặc đường dẫn tới tệp văn bản.")) }
        if number.count > 100 { fields.append(.init(key: "number", message: "Số hiệu dài quá 100 ký tự.")) }
        if summary.count > 2_000 { fields.append(.init(key: "summary", message: "Trích yếu dài quá 2.000 ký tự.")) }
        if text.count > 200_000 { fields.append(.init(key: "text", message: "Nội dung dài quá 200.000 ký tự.")) }
        if let link, !link.isEmpty, !(link.hasPrefix("https://") || link.hasPrefix("http://")) {
            fields.append(.init(key: "link", message: "Đường dẫn phải bắt đầu bằng http:// hoặc https://."))
        }
        return fields
    }
}

/// Mức độ ưu tiên.
public enum AssignmentPriority: String, Codable, Sendable, CaseIterable {
    case low, normal, high, urgent

    public var label: String {
        switch self {
        case .low: "Thấp"
        case .normal: "Bình thường"
        case .high: "Cao"
        case .urgent: "Khẩn"
        }
    }
}

/// How an assignment repeats: the next occurrence is created when this one is confirmed or its deadline passes.
public enum AssignmentRecurrence: String, Codable, Sendable, CaseIterable {
    case none, weekly, monthly, quarterly, yearly

    public var label: String {
        switch self {
        case .none: "Không lặp lại"
        case .weekly: "Hằng tuần"
        case .monthly: "Hằng tháng"
        case .quarterly: "Hằng quý"
        case .yearly: "Hằng năm"
        }
    }

    /// The next deadline (month ends clamp: 31/1 → 28/2).
    public func next(after day: CalendarDay) -> CalendarDay? {
        func addMonths(_ n: Int) -> CalendarDay? {
            let total = day.year * 12 + (day.month - 1) + n
            let year = total / 12
            let month = total % 12 + 1
            return CalendarDay(year: year, month: month, day: min(day.day, CalendarDay.daysIn(month: month, year: year)))
        }
        switch self {
        case .none: return nil
        case .weekly: return day.adding(days: 7)
        case .monthly: return addMonths(1)
        case .quarterly: return addMonths(3)
        case .yearly: return addMonths(12)
        }
    }
}

/// A pending request to move a deadline.
public struct ExtensionRequest: Codable, Sendable, Equatable {
    public var requestedDeadline: CalendarDay
    public var reason: String
    public var by: String
    public var at: Date

    public init(requestedDeadline: CalendarDay, reason: String, by: String, at: Date) {
        self.requestedDeadline = requestedDeadline
        self.reason = reason
        self.by = by
        self.at = at
    }
}

/// An assignment (nhiệm vụ) given to one unit: rõ người, rõ việc, rõ tiến độ, rõ kết quả, rõ trách nhiệm.
public struct Assignment: Codable, Sendable, Equatable {
    public var id: Int64
    public var directiveID: Int64
    /// The shared assignment this one was split from (one per unit), if any.
    public var parentID: Int64?
    /// The lead unit (đơn vị chủ trì); nil for a shared parent assignment.
    public var unitCode: String?
    /// Coordinating units (đơn vị phối hợp).
    public var coordinating: [String]
    /// A named official responsible, when the directive names one.
    public var assignee: String?
    public var content: String
    public var expectedResult: String
    public var field: String?
    public var priority: AssignmentPriority
    public var recurrence: AssignmentRecurrence
    public var deadline: CalendarDay
    /// The deadline as first given (extensions change `deadline` only).
    public var originalDeadline: CalendarDay
    public var state: AssignmentState
    /// 0–100.
    public var progress: Int
    public var acknowledgedAt: Date?
    public var acknowledgedBy: String?
    /// The day the unit reported the work done (báo cáo hoàn thành).
    public var reportedOn: CalendarDay?
    /// Set when the assigner confirms: the day the work was reported done.
    public var completedOn: CalendarDay?
    public var pendingExtension: ExtensionRequest?
    public var createdAt: Date
    public var createdBy: String
    public var updatedAt: Date

    public init(id: Int64, directiveID: Int64, parentID: Int64? = nil, unitCode: String?, coordinating: [String] = [], assignee: String? = nil, content: String, expectedResult: String, field: String? = nil, priority: AssignmentPriority = .normal, recurrence: AssignmentRecurrence = .none, deadline: CalendarDay, originalDeadline: CalendarDay? = nil, state: AssignmentState = .assigned, progress: Int = 0, acknowledgedAt: Date? = nil, acknowledgedBy: String? = nil, reportedOn: CalendarDay? = nil, completedOn: CalendarDay? = nil, pendingExtension: ExtensionRequest? = nil, createdAt: Date, createdBy: String, updatedAt: Date? = nil) {
        self.id = id
        self.directiveID = directiveID
        self.parentID = parentID
        self.unitCode = unitCode
        self.coordinating = coordinating
        self.assignee = assignee
        self.content = content
        self.expectedResult = expectedResult
        self.field = field
        self.priority = priority
        self.recurrence = recurrence
        self.deadline = deadline
        self.originalDeadline = originalDeadline ?? deadline
        self.state = state
        self.progress = progress
        self.acknowledgedAt = acknowledgedAt
        self.acknowledgedBy = acknowledgedBy
        self.reportedOn = reportedOn
        self.completedOn = completedOn
        self.pendingExtension = pendingExtension
        self.createdAt = createdAt
        self.createdBy = createdBy
        self.updatedAt = updatedAt ?? createdAt
    }
}

/// One entry of an assignment's timeline: acknowledgement, progress, extension, completion, review.
public struct AssignmentEvent: Codable, Sendable, Equatable {
    public var kind: String
    public var actor: String
    public var at: Date
    public var progress: Int?
    public var note: String?
    /// Links to evidence (files in the document system, photos, published pages).
    public var evidence: [String]
    public var fromDeadline: CalendarDay?
    public var toDeadline: CalendarDay?

    public init(kind: String, actor: String, at: Date, progress: Int? = nil, note: String? = nil, evidence: [String] = [], fromDeadline: CalendarDay? = nil, toDeadline: CalendarDay? = nil) {
        self.kind = kind
        self.actor = actor
        self.at = at
        self.progress = progress
        self.note = note
        self.evidence = evidence
        self.fromDeadline = fromDeadline
        self.toDeadline = toDeadline
    }

    /// "Xác nhận đã nhận", "Cập nhật tiến độ", … for the timeline.
    public var label: String {
        switch kind {
        case "created": "Giao nhiệm vụ"
        case "extension_approved": "Đồng ý gia hạn"
        case "extension_rejected": "Không đồng ý gia hạn"
        default: AssignmentAction(rawValue: kind)?.label ?? kind
        }
    }
}

/// A message in an assignment's discussion thread.
public struct AssignmentMessage: Codable, Sendable, Equatable {
    public var id: Int64
    public var author: String
    public var body: String
    /// Unit codes mentioned with `@24121`.
    public var mentions: [String]
    /// Links attached to the message.
    public var attachments: [String]
    public var at: Date

    public init(id: Int64, author: String, body: String, mentions: [String], attachments: [String], at: Date) {
        self.id = id
        self.author = author
        self.body = body
        self.mentions = mentions
        self.attachments = attachments
        self.at = at
    }
}
