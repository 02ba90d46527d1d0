import Foundation

/// Where a unit's report for one period stands.
public enum ReportStatus: String, Codable, Sendable, CaseIterable {
    /// Nothing saved yet.
    case notStarted = "not_started"
    case draft
    case submitted
    /// Sent back by the province with a comment; the commune corrects and submits again.
    case returned
    /// Accepted by the province; locked until reopened with a reason.
    case accepted

    public var label: String {
        switch self {
        case .notStarted: "Chưa nhập"
        case .draft: "Bản nháp"
        case .submitted: "Đã gửi, chờ duyệt"
        case .returned: "Bị trả lại"
        case .accepted: "Đã tiếp nhận"
        }
    }

    /// True once the unit has sent the report at least as far as the province.
    public var counts: Bool { self == .submitted || self == .accepted }
}

/// What someone does to a report.
public enum ReportAction: String, Codable, Sendable, CaseIterable {
    case save
    case submit
    case `return`
    case accept
    case reopen

    /// True for the actions only the province takes.
    public var isReview: Bool { self == .return || self == .accept || self == .reopen }

    public var label: String {
        switch self {
        case .save: "Lưu nháp"
        case .submit: "Gửi báo cáo"
        case .return: "Trả lại"
        case .accept: "Tiếp nhận"
        case .reopen: "Mở lại"
        }
    }
}

/// The submission state machine: save → submit → accept, or return → correct → submit again;
/// an accepted report is locked and only a reopen with a reason unlocks it.
public enum ReportWorkflow {
    /// The status after `action`, or a 409 saying why the action is not possible now.
    public static func next(from status: ReportStatus, action: ReportAction) throws(HaiCapError) -> ReportStatus {
        switch (status, action) {
        case (.notStarted, .save), (.draft, .save), (.returned, .save): return .draft
        case (.draft, .submit), (.returned, .submit): return .submitted
        case (.submitted, .return): return .returned
        case (.submitted, .accept): return .accepted
        case (.accepted, .reopen): return .returned
        case (.notStarted, .submit): throw .conflict("Báo cáo chưa có số liệu: hãy nhập và lưu trước khi gửi.")
        case (.submitted, .save), (.submitted, .submit):
            throw .conflict("Báo cáo đã gửi và đang chờ tỉnh xem xét; chỉ sửa được khi tỉnh trả lại.")
        case (.accepted, .save), (.accepted, .submit), (.accepted, .return), (.accepted, .accept):
            throw .conflict("Báo cáo đã được tiếp nhận và bị khóa; cán bộ tỉnh cần mở lại (nêu lý do) trước khi thay đổi.")
        case (_, .return), (_, .accept):
            throw .conflict("Chỉ trả lại hoặc tiếp nhận được báo cáo đã gửi (hiện: \(status.label.lowercased())).")
        case (_, .reopen):
            throw .conflict("Chỉ mở lại được báo cáo đã tiếp nhận (hiện: \(status.label.lowercased())).")
        }
    }
}
