import Foundation

/// An administrative procedure (thủ tục hành chính), aligned with the national procedure database.
public struct Procedure: Codable, Sendable, Equatable {
    /// National code such as `1.001193`, or a local code when `codeIsNational` is false.
    public var code: String
    public var name: String
    /// Lĩnh vực, e.g. "Hộ tịch".
    public var field: String
    /// Cấp thực hiện as published, e.g. "Cấp Xã" or "Cấp Tỉnh, Cấp Xã".
    public var level: String
    public var type: String?
    /// The publishing decision, e.g. "Quyết định số 1872/QĐ-BTP".
    public var decision: String?
    public var implementingAgency: String?
    public var decidingAgency: String?
    public var subjects: String?
    /// Trường hợp: each with its own dossier; a procedure without variants has one unnamed case.
    public var cases: [ProcedureCase]
    public var channels: [Channel]
    public var steps: [String]
    public var conditions: String?
    public var result: String?
    public var legalBasis: [LegalBasis]
    public var onlineLevel: OnlineLevel?
    public var validity: Validity
    public var source: ProcedureSource
    public var updatedAt: Date?
    /// False until an official checks the record against its sources.
    public var verified: Bool
    /// Fields the sources do not give (e.g. `fee`); answers say so instead of guessing.
    public var unknownFields: [String]
    /// Where each stated fact comes from.
    public var facts: [FactCitation]
    public var keywords: [String]
    public var codeIsNational: Bool
    public var curated: Bool
    /// Curators' notes on gaps and validity, shown with the record.
    public var notes: [String] = []

    public init(
        code: String, name: String, field: String, level: String, type: String? = nil, decision: String? = nil,
        implementingAgency: String? = nil, decidingAgency: String? = nil, subjects: String? = nil,
        cases: [ProcedureCase] = [], channels: [Channel] = [], steps: [String] = [], conditions: String? = nil,
        result: String? = nil, legalBasis: [LegalBasis] = [], onlineLevel: OnlineLevel? = nil,
        validity: Validity = Validity(), source: ProcedureSource, updatedAt: Date? = nil, verified: Bool = false,
        unknownFields: [String] = [], facts: [FactCitation] = [], keywords: [String] = [],
        codeIsNational: Bool = true, curated: Bool = false
    ) {
        self.code = code
        self.name = name
        self.field = field
        self.level = level
        self.type = type
        self.decision = decision
        self.implementingAgency = implementingAgency
        self.decidingAgency = decidingAgency
        self.subjects = subjects
        self.cases = cases
        self.channels = channels
        self.steps = steps
        self.conditions = conditions
        self.result = result
        self.legalBasis = legalBasis
        self.onlineLevel = onlineLevel
        self.validity = validity
        self.source = source
        self.updatedAt = updatedAt
        self.verified = verified
        self.unknownFields = unknownFields
        self.facts = facts
        self.keywords = keywords
        self.codeIsNational = codeIsNational
        self.curated = curated
    }

    /// Whether the commune desk handles it (cấp xã among the levels).
    public var involvesCommune: Bool { level.lowercased().contains("xã") }

    /// Whether a field is marked as not given by the sources.
    public func isUnknown(_ field: String) -> Bool { unknownFields.contains(field) }

    /// The sources cited for one field (`fee`, `time_limit`, `documents`, …).
    public func facts(for field: String) -> [FactCitation] { facts.filter { $0.field == field } }
}

/// Trường hợp: one variant of a procedure with its dossier.
public struct ProcedureCase: Codable, Sendable, Equatable {
    public var name: String
    public var documents: [RequiredDocument]

    public init(name: String, documents: [RequiredDocument]) {
        self.name = name
        self.documents = documents
    }
}

/// Thành phần hồ sơ: one paper to bring.
public struct RequiredDocument: Codable, Sendable, Equatable {
    public var name: String
    /// Form code (mẫu), e.g. "Tờ khai đăng ký khai sinh" form or a file name in the national DB.
    public var form: String?
    public var originals: Int?
    public var copies: Int?
    public var source: String?

    public init(name: String, form: String? = nil, originals: Int? = nil, copies: Int? = nil, source: String? = nil) {
        self.name = name
        self.form = form
        self.originals = originals
        self.copies = copies
        self.source = source
    }
}

/// Cách thức thực hiện: how a dossier is submitted.
public enum ChannelKind: String, Codable, Sendable, CaseIterable {
    case direct, online, postal

    public var label: String {
        switch self {
        case .direct: "Trực tiếp"
        case .online: "Trực tuyến"
        case .postal: "Dịch vụ bưu chính"
        }
    }
}

/// One submission channel with its time limit and fee.
public struct Channel: Codable, Sendable, Equatable {
    public var kind: ChannelKind
    public var timeLimit: TimeLimit?
    public var fee: Fee
    public var note: String?

    public init(kind: ChannelKind, timeLimit: TimeLimit?, fee: Fee, note: String? = nil) {
        self.kind = kind
        self.timeLimit = timeLimit
        self.fee = fee
        self.note = note
    }
}

/// Thời hạn giải quyết: a number and a unit, or text when the source gives no number.
public struct TimeLimit: Codable, Sendable, Equatable {
    public enum Unit: String, Codable, Sendable {
        case workingDays = "working_days", days, hours, text

        public var label: String {
            switch self {
            case .workingDays: "ngày làm việc"
            case .days: "ngày"
            case .hours: "giờ"
            case .text: ""
            }
        }
    }

    public var value: Double?
    public var unit: Unit
    /// The text as published.
    public var text: String

    public init(value: Double?, unit: Unit, text: String) {
        self.value = value
        self.unit = unit
        self.text = text
    }
}

/// Phí, lệ phí: an amount in đồng when the source states one; otherwise unknown or set by the province.
public struct Fee: Codable, Sendable, Equatable {
    public enum Status: String, Codable, Sendable {
        /// The amount (possibly 0) is stated.
        case known
        /// Set by a resolution of the provincial People's Council (HĐND tỉnh).
        case setByProvince = "set_by_province"
        /// The sources do not say.
        case unknown
    }

    public var status: Status
    /// Amount in Vietnamese đồng, when stated in đồng.
    public var amount: Int?
    /// The text as published (may name another currency or conditions).
    public var text: String

    public init(status: Status, amount: Int?, text: String) {
        self.status = status
        self.amount = amount
        self.text = text
    }

    public static let unknown = Fee(status: .unknown, amount: nil, text: "")
}

/// Mức độ dịch vụ công trực tuyến.
public enum OnlineLevel: String, Codable, Sendable {
    case full, partial

    public var label: String { self == .full ? "toàn trình" : "một phần" }
}

/// Căn cứ pháp lý: one cited document.
public struct LegalBasis: Codable, Sendable, Equatable {
    /// Number and symbol, e.g. "123/2015/NĐ-CP".
    public var citation: String
    public var title: String
    public var issuedOn: String?
    public var issuer: String?

    public init(citation: String, title: String, issuedOn: String? = nil, issuer: String? = nil) {
        self.citation = citation
        self.title = title
        self.issuedOn = issuedOn
        self.issuer = issuer
    }
}

/// Hiệu lực of a record.
public struct Validity: Codable, Sendable, Equatable {
    public enum Status: String, Codable, Sendable { case inForce = "in_force", expired, replaced }

    public var status: Status
    public var validFrom: String?
    public var validTo: String?
    public var replacedBy: String?

    public init(status: Status = .inForce, validFrom: String? = nil, validTo: String? = nil, replacedBy: String? = nil) {
        self.status = status
        self.validFrom = validFrom
        self.validTo = validTo
        self.replacedBy = replacedBy
    }
}

/// Where a record came from: the catalogue it was imported from, or the texts it was curated from.
public struct ProcedureSource: Codable, Sendable, Equatable {
    public var name: String
    public var decision: String?
    public var file: String?
    public var references: [SourceReference]

    public init(name: String, decision: String? = nil, file: String? = nil, references: [SourceReference] = []) {
        self.name = name
        self.decision = decision
        self.file = file
        self.references = references
    }

    public static let nationalDatabase = "Cơ sở dữ liệu quốc gia về TTHC"
}

/// A legal text a curated record was taken from, with the provision and a quote.
public struct SourceReference: Codable, Sendable, Equatable {
    public var document: String
    public var citation: String
    public var file: String?
    public var quote: String?

    public init(document: String, citation: String, file: String? = nil, quote: String? = nil) {
        self.document = document
        self.citation = citation
        self.file = file
        self.quote = quote
    }
}

/// One fact of a record and the provision it comes from.
public struct FactCitation: Codable, Sendable, Equatable {
    public var field: String
    public var value: String
    public var source: String

    public init(field: String, value: String, source: String) {
        self.field = field
        self.value = value
        self.source = source
    }
}
