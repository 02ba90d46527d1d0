import Foundation
import LegalText

/// How a power reaches its holder.
public enum AuthorityMode: String, Codable, Sendable, CaseIterable {
    case delineation = "phân định"
    case devolution = "phân quyền"
    case decentralisation = "phân cấp"
    case delegation = "ủy quyền"
}

/// Where a competence record is in review.
public enum CompetenceStatus: String, Codable, Sendable, CaseIterable {
    case extracted, verified, rejected

    public var label: String {
        switch self {
        case .extracted: "đề xuất, chưa xác minh"
        case .verified: "đã xác minh"
        case .rejected: "đã loại"
        }
    }
}

/// A power or task, who holds it after 1/7/2025, and the provision that says so.
public struct CompetenceRecord: Codable, Sendable, Equatable {
    public var id: Int64?
    public var power: String
    public var field: String
    /// Holder code (see `Holder.labels`).
    public var holder: String
    /// The holder as the text writes it.
    public var holderText: String
    public var previousHolder: String?
    public var mode: AuthorityMode
    public var document: String
    public var article: String
    public var clause: String?
    public var point: String?
    /// Citations of other documents in the sentence, as written.
    public var refersTo: [String]
    /// The sentence that assigns the power, verbatim.
    public var quote: String
    /// The phrase that makes the power conditional, verbatim.
    public var condition: String?
    public var effective: String?
    public var expiry: String?
    public var status: CompetenceStatus
    public var notes: String

    public init(
        id: Int64? = nil, power: String, field: String = "", holder: String, holderText: String,
        previousHolder: String? = nil, mode: AuthorityMode = .delineation, document: String, article: String,
        clause: String? = nil, point: String? = nil, refersTo: [String] = [], quote: String, condition: String? = nil,
        effective: String? = nil, expiry: String? = nil, status: CompetenceStatus = .extracted, notes: String = ""
    ) {
        self.id = id
        self.power = power
        self.field = field
        self.holder = holder
        self.holderText = holderText
        self.previousHolder = previousHolder
        self.mode = mode
        self.document = document
        self.article = article
        self.clause = clause
        self.point = point
        self.refersTo = refersTo
        self.quote = quote
        self.condition = condition
        self.effective = effective
        self.expiry = expiry
        self.status = status
        self.notes = notes
    }

    /// The deciding provision: "khoản 1 Điều 4 Nghị định số 140/2025/NĐ-CP" (annex items: "mục I.2 Phụ lục …").
    public var citation: String {
        if article == "PL" {
            return "mục \(clause ?? "")\(point.map { ".\($0)" } ?? "") Phụ lục \(DocumentReference(number: document).formatted())"
        }
        return Citation(point: point, clause: clause, article: article, document: DocumentReference(number: document)).formatted()
    }

    /// Identity of the assignment: same provision unit and holder.
    public var key: String {
        [document, article, clause ?? "-", point ?? "-", holder].joined(separator: "|")
    }
}

/// A province's own delegation decision (ủy quyền): who to whom, what, for how long.
public struct DelegationDecision: Codable, Sendable, Equatable {
    public var id: Int64?
    /// The decision's number, e.g. "15/2025/QĐ-UBND".
    public var number: String
    public var delegator: String
    public var delegate: String
    public var scope: String
    public var validFrom: String
    public var validTo: String?
    public var note: String

    public init(
        id: Int64? = nil, number: String, delegator: String, delegate: String, scope: String,
        validFrom: String, validTo: String? = nil, note: String = ""
    ) {
        self.id = id
        self.number = number
        self.delegator = delegator
        self.delegate = delegate
        self.scope = scope
        self.validFrom = validFrom
        self.validTo = validTo
        self.note = note
    }

    /// True when the decision applies on that day.
    public func applies(on day: CivilDate) -> Bool {
        guard let from = CivilDate(iso: validFrom), day >= from else { return false }
        if let to = validTo.flatMap(CivilDate.init(iso:)), day > to { return false }
        return true
    }
}
