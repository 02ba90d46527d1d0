import Foundation

/// Where an assignment is in its lifecycle.
public enum AssignmentState: String, Codable, Sendable, CaseIterable {
    /// Giao: given, not yet acknowledged.
    case assigned
    /// Đã nhận: the unit has acknowledged (who and when are kept).
    case acknowledged
    /// Đang thực hiện.
    case inProgress = "in_progress"
    /// Đề nghị gia hạn: waiting for the assigner's decision.
    case extensionRequested = "extension_requested"
    /// Báo cáo hoàn thành: the unit says it is done; the assigner confirms or returns it.
    case completionReported = "completion_reported"
    /// Xác nhận hoàn thành.
    case completed

    public var label: String {
        switch self {
        case .assigned: "Đã giao, chưa nhận"
        case .acknowledged: "Đã nhận"
        case .inProgress: "Đang thực hiện"
        case .extensionRequested: "Đề nghị gia hạn"
        case .completionReported: "Báo cáo hoàn thành, chờ xác nhận"
        case .completed: "Đã hoàn thành"
        }
    }
}

/// What someone does to an assignment.
public enum AssignmentAction: String, Codable, Sendable, CaseIterable {
    case acknowledge
    case progress
    case requestExtension = "extension"
    case decideExtension = "extension_decide"
    case complete
    case confirm
    case `return`

    /// True for the assigner's (province's) side; the others are the lead unit's.
    public var isAssignerSide: Bool { self == .decideExtension || self == .confirm || self == .return }

    public var label: String {
        switch self {
        case .acknowledge: "Xác nhận đã nhận"
        case .progress: "Cập nhật tiến độ"
        case .requestExtension: "Đề nghị gia hạn"
        case .decideExtension: "Quyết định gia hạn"
        case .complete: "Báo cáo hoàn thành"
        case .confirm: "Xác nhận hoàn thành"
        case .return: "Trả lại"
        }
    }
}

/// The lifecycle: giao → đã nhận → đang thực hiện (↔ đề nghị gia hạn) → báo cáo hoàn thành → xác nhận, or returned.
public enum AssignmentWorkflow {
    /// The state after `action`, or a 409 saying why the action is not possible now.
    public static func next(from state: AssignmentState, action: AssignmentAction) throws(HaiCapError) -> AssignmentState {
        switch (action, state) {
        case (.acknowledge, .assigned): return .acknowledged
        case (.acknowledge, _): throw .conflict("Nhiệm vụ đã được xác nhận nhận từ trước.")

        case (.progress, .acknowledged), (.progress, .inProgress): return .inProgress
        case (.progress, .extensionRequested): return .extensionRequested
        case (.requestExtension, .acknowledged), (.requestExtension, .inProgress): return .extensionRequested
        case (.requestExtension, .extensionRequested): throw .conflict("Đã có một đề nghị gia hạn đang chờ quyết định.")
        case (.complete, .acknowledged), (.complete, .inProgress): return .completionReported
        case (.complete, .extensionRequested): throw .conflict("Đề nghị gia hạn đang chờ quyết định; hãy chờ quyết định trước khi báo cáo hoàn thành.")
        case (.progress, .assigned), (.requestExtension, .assigned), (.complete, .assigned):
            throw .conflict("Đơn vị cần xác nhận đã nhận nhiệm vụ trước.")
        case (.progress, .completionReported), (.requestExtension, .completionReported), (.complete, .completionReported):
            throw .conflict("Đơn vị đã báo cáo hoàn thành; nhiệm vụ đang chờ xác nhận.")
        case (.progress, .completed), (.requestExtension, .completed), (.complete, .completed):
            throw .conflict("Nhiệm vụ đã được xác nhận hoàn thành.")

        case (.decideExtension, .extensionRequested): return .inProgress
        case (.decideExtension, _): throw .conflict("Không có đề nghị gia hạn nào đang chờ quyết định.")
        case (.confirm, .completionReported): return .completed
        case (.return, .completionReported): return .inProgress
        case (.confirm, .completed), (.return, .completed): throw .conflict("Nhiệm vụ đã được xác nhận hoàn thành.")
        case (.confirm, _), (.return, _): throw .conflict("Chỉ xác nhận hoặc trả lại được nhiệm vụ mà đơn vị đã báo cáo hoàn thành.")
        }
    }
}

/// The Government Office's four classes, computed from dates.
public enum AssignmentStatus: String, Codable, Sendable, CaseIterable {
    case doneOnTime = "done_on_time"
    case doneLate = "done_late"
    case inProgress = "in_progress"
    case overdue

    public var label: String {
        switch self {
        case .doneOnTime: "Hoàn thành đúng hạn"
        case .doneLate: "Hoàn thành quá hạn"
        case .inProgress: "Đang thực hiện trong hạn"
        case .overdue: "Quá hạn chưa hoàn thành"
        }
    }
}

extension Assignment {
    /// The class on `today`: done on time when confirmed work was reported by the deadline day; overdue from
    /// the day after the deadline. Work reported done but not yet confirmed is judged on the day it was reported.
    public func status(on today: CalendarDay) -> AssignmentStatus {
        if state == .completed, let done = completedOn ?? reportedOn {
            return done <= deadline ? .doneOnTime : .doneLate
        }
        if state == .completionReported, let reported = reportedOn {
            return reported <= deadline ? .inProgress : .overdue
        }
        return today <= deadline ? .inProgress : .overdue
    }

    /// Sắp đến hạn: not done, not yet reported, and the deadline is today or within 3 working days.
    public func isDueSoon(on today: CalendarDay, calendar: WorkingDayCalendar, within days: Int = 3) -> Bool {
        guard state != .completed, state != .completionReported, today <= deadline else { return false }
        return calendar.workingDays(after: today, through: deadline) <= days
    }

    /// Working days past the deadline on `today` (0 when not overdue).
    public func daysOverdue(on today: CalendarDay, calendar: WorkingDayCalendar) -> Int {
        guard status(on: today) == .overdue else { return 0 }
        return max(1, calendar.workingDays(after: deadline, through: today))
    }

    /// Progress rolled up from sub-assignments: their average, a completed one counting 100.
    public static func rolledUpProgress(_ children: [Assignment]) -> Int {
        guard !children.isEmpty else { return 0 }
        let total = children.reduce(0) { $0 + ($1.state == .completed ? 100 : $1.progress) }
        return Int((Double(total) / Double(children.count)).rounded())
    }
}
