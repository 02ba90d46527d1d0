import Foundation

/// What an official does to a proposal in the review queue.
public enum ReviewAction: Sendable, Equatable {
    case verify
    case reject(reason: String)
    /// Corrects the record and confirms it.
    case edit(CompetenceEdit)
    case reopen
}

/// The fields an official may correct.
public struct CompetenceEdit: Sendable, Equatable {
    public var power: String?
    public var holder: String?
    public var previousHolder: String?
    public var mode: AuthorityMode?
    public var condition: String?
    public var notes: String?

    public init(power: String? = nil, holder: String? = nil, previousHolder: String? = nil, mode: AuthorityMode? = nil, condition: String? = nil, notes: String? = nil) {
        self.power = power
        self.holder = holder
        self.previousHolder = previousHolder
        self.mode = mode
        self.condition = condition
        self.notes = notes
    }
}

/// The review queue's transitions: extracted → verified | rejected; verified → rejected; rejected → extracted.
public enum CompetenceReview {
    public static func apply(_ action: ReviewAction, to record: CompetenceRecord) throws(HaiCapError) -> CompetenceRecord {
        var r = record
        switch action {
        case .verify:
            guard r.status == .extracted else { throw .conflict("Chỉ xác minh được bản ghi đang chờ duyệt (trạng thái hiện tại: \(r.status.label)).") }
            r.status = .verified
        case .reject(let reason):
            guard r.status != .rejected else { throw .conflict("Bản ghi này đã bị loại.") }
            let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !reason.isEmpty else { throw .validation([.init(key: "reason", message: "Hãy ghi lý do loại bản ghi.")]) }
            r.status = .rejected
            r.notes = r.notes.isEmpty ? "Lý do loại: \(reason)" : r.notes + "\nLý do loại: \(reason)"
        case .reopen:
            guard r.status == .rejected else { throw .conflict("Chỉ mở lại được bản ghi đã bị loại.") }
            r.status = .extracted
        case .edit(let e):
            guard r.status != .rejected else { throw .conflict("Hãy mở lại bản ghi đã loại trước khi sửa.") }
            var fields: [FieldError] = []
            if let power = e.power?.trimmingCharacters(in: .whitespacesAndNewlines) {
                if power.isEmpty { fields.append(.init(key: "power", message: "Nội dung thẩm quyền không được để trống.")) } else { r.power = power }
            }
            if let holder = e.holder {
                if Holder.labels[holder] == nil { fields.append(.init(key: "holder", message: "Chủ thể không có trong danh mục.")) } else { r.holder = holder }
            }
            if let previous = e.previousHolder { r.previousHolder = previous.isEmpty ? nil : previous }
            if let mode = e.mode { r.mode = mode }
            if let condition = e.condition { r.condition = condition.isEmpty ? nil : condition }
            if let notes = e.notes { r.notes = notes }
            guard fields.isEmpty else { throw .validation(fields) }
            r.status = .verified
        }
        return r
    }
}
