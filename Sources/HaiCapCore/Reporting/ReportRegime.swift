import Foundation

/// Which units a regime asks: every commune-level unit of the province, or a list.
public enum AssignedUnits: Sendable, Equatable, Codable {
    case all
    case list([String])

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            guard text == "all" else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "expected \"all\" or a list of unit codes"))
            }
            self = .all
        } else {
            self = .list(try container.decode([String].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .all: try container.encode("all")
        case .list(let codes): try container.encode(codes)
        }
    }
}

/// A reporting regime (chế độ báo cáo): a form, how often, the deadline and who reports.
public struct ReportRegime: Sendable, Equatable, Codable {
    public var id: Int64
    public var name: String
    public var formID: Int64
    public var frequency: ReportFrequency
    /// Working days after the cut-off day (Nghị định 09/2019/NĐ-CP windows) until the report is due.
    public var deadlineWorkingDays: Int
    public var units: AssignedUnits
    public var active: Bool
    public var example: Bool
    public var createdAt: Date
    public var createdBy: String

    public init(id: Int64, name: String, formID: Int64, frequency: ReportFrequency, deadlineWorkingDays: Int, units: AssignedUnits, active: Bool = true, example: Bool = false, createdAt: Date, createdBy: String) {
        self.id = id
        self.name = name
        self.formID = formID
        self.frequency = frequency
        self.deadlineWorkingDays = deadlineWorkingDays
        self.units = units
        self.active = active
        self.example = example
        self.createdAt = createdAt
        self.createdBy = createdBy
    }

    public static let maxDeadlineWorkingDays = 60

    /// The windows to have on record on `today`: from the one holding `today` (or `since`, if later)
    /// through `ahead` more, so communes see what is coming.
    public func windowsToGenerate(today: CalendarDay, since: CalendarDay, ahead: Int = 2) -> [ReportingWindow] {
        guard let start = ReportingWindow.containing(max(today, since), frequency: frequency) else { return [] }
        var windows = [start]
        // Also the period that just closed, when the regime existed then: its report is what is due now.
        if let previous = start.previous, previous.to >= since { windows.insert(previous, at: 0) }
        var current = start
        for _ in 0..<ahead {
            guard let next = current.next else { break }
            windows.append(next)
            current = next
        }
        return windows
    }
}

/// One period (kỳ báo cáo) of a regime: its data window and deadline.
public struct ReportingPeriod: Sendable, Equatable, Codable {
    public var id: Int64
    public var regimeID: Int64
    public var key: String
    public var label: String
    public var from: CalendarDay
    public var to: CalendarDay
    public var deadline: CalendarDay

    public init(id: Int64, regimeID: Int64, key: String, label: String, from: CalendarDay, to: CalendarDay, deadline: CalendarDay) {
        self.id = id
        self.regimeID = regimeID
        self.key = key
        self.label = label
        self.from = from
        self.to = to
        self.deadline = deadline
    }

    /// A submission on `day` is late when it comes after the deadline day.
    public func isLate(submittedOn day: CalendarDay) -> Bool { day > deadline }
}

/// A unit's report for one period, as stored.
public struct UnitReport: Sendable, Equatable, Codable {
    public var id: Int64
    public var periodID: Int64
    public var unitCode: String
    public var formVersion: Int
    public var status: ReportStatus
    public var values: [String: JSONValue]
    /// Narrative sections keyed by the outline's titles.
    public var narrative: [String: String]
    /// The first time the report reached the province; timeliness is judged on it.
    public var firstSubmittedAt: Date?
    public var submittedAt: Date?
    public var late: Bool
    /// The province's last comment (return) or reason (reopen).
    public var comment: String?
    public var updatedAt: Date
    public var updatedBy: String

    public init(id: Int64, periodID: Int64, unitCode: String, formVersion: Int, status: ReportStatus, values: [String: JSONValue], narrative: [String: String], firstSubmittedAt: Date?, submittedAt: Date?, late: Bool, comment: String?, updatedAt: Date, updatedBy: String) {
        self.id = id
        self.periodID = periodID
        self.unitCode = unitCode
        self.formVersion = formVersion
        self.status = status
        self.values = values
        self.narrative = narrative
        self.firstSubmittedAt = firstSubmittedAt
        self.submittedAt = submittedAt
        self.late = late
        self.comment = comment
        self.updatedAt = updatedAt
        self.updatedBy = updatedBy
    }
}

/// One kept version of a report: every save, submission and review.
public struct ReportVersion: Sendable, Equatable, Codable {
    public var sequence: Int
    public var action: ReportAction
    public var status: ReportStatus
    public var values: [String: JSONValue]
    public var narrative: [String: String]
    public var comment: String?
    public var actor: String
    public var at: Date

    public init(sequence: Int, action: ReportAction, status: ReportStatus, values: [String: JSONValue], narrative: [String: String], comment: String?, actor: String, at: Date) {
        self.sequence = sequence
        self.action = action
        self.status = status
        self.values = values
        self.narrative = narrative
        self.comment = comment
        self.actor = actor
        self.at = at
    }
}
