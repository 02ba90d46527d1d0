import Foundation
import LegalText

/// Validity of a legal document in the registry.
public enum LegalStatus: String, Codable, Sendable, CaseIterable {
    case inForce = "in_force"
    case partlyRepealed = "partly_repealed"
    case repealed = "repealed"
    case notYetInForce = "not_yet_in_force"

    /// The Vietnamese label shown to officials.
    public var label: String {
        switch self {
        case .inForce: "còn hiệu lực"
        case .partlyRepealed: "hết hiệu lực một phần"
        case .repealed: "hết hiệu lực"
        case .notYetInForce: "chưa có hiệu lực"
        }
    }
}

/// One document of the registry: what it is, its dates, and where each fact came from.
public struct LegalDocumentInfo: Codable, Sendable, Equatable {
    /// "140/2025/NĐ-CP"; for texts known only by name, the number the official record gives.
    public var number: String
    /// Vietnamese type name: "Nghị định", "Luật", "Thông tư", "Văn bản hợp nhất".
    public var type: String
    public var title: String
    public var issuer: String
    /// ISO dates `YYYY-MM-DD`; nil when no source gives them.
    public var issued: String?
    public var effective: String?
    public var expiry: String?
    /// The text of the provision that makes the expiry conditional, quoted verbatim.
    public var expiryCondition: String?
    /// Bundled file name under `legal/`, nil when only the metadata is known.
    public var file: String?
    /// Where the dates come from.
    public var source: String
    /// Facts not confirmed by a source (e.g. "issued", "effective"), shown as "chưa xác minh".
    public var unverified: [String]
    /// True for the decrees that delineate, decentralise or delegate power (competence records come from them).
    public var delineation: Bool

    public init(
        number: String, type: String, title: String, issuer: String, issued: String? = nil, effective: String? = nil,
        expiry: String? = nil, expiryCondition: String? = nil, file: String? = nil, source: String = "",
        unverified: [String] = [], delineation: Bool = false
    ) {
        self.number = number
        self.type = type
        self.title = title
        self.issuer = issuer
        self.issued = issued
        self.effective = effective
        self.expiry = expiry
        self.expiryCondition = expiryCondition
        self.file = file
        self.source = source
        self.unverified = unverified
        self.delineation = delineation
    }

    /// Status on a day, before provision-level repeals are considered.
    public func status(on day: CivilDate) -> LegalStatus {
        if let effective = effective.flatMap(CivilDate.init(iso:)), day < effective { return .notYetInForce }
        if let expiry = expiry.flatMap(CivilDate.init(iso:)), day >= expiry, expiryCondition == nil { return .repealed }
        return .inForce
    }
}

/// An amendment or repeal of a provision, recorded by an official or bundled with its source.
public struct ProvisionChange: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable {
        case repeal, amendment

        public var label: String { self == .repeal ? "bãi bỏ" : "sửa đổi, bổ sung" }
    }

    public var id: Int64?
    public var kind: Kind
    public var document: String
    public var article: String
    public var clause: String?
    public var point: String?
    /// The document that makes the change, e.g. "207/2026/NĐ-CP".
    public var byDocument: String
    /// The day the change takes effect, when a source gives it.
    public var effective: String?
    /// When the day is unknown: the earliest day it can have taken effect (inferred, marked unverified).
    public var notBefore: String?
    public var note: String
    public var source: String
    public var recordedBy: String

    public init(
        id: Int64? = nil, kind: Kind, document: String, article: String, clause: String? = nil, point: String? = nil,
        byDocument: String, effective: String? = nil, notBefore: String? = nil, note: String = "", source: String = "",
        recordedBy: String = "system"
    ) {
        self.id = id
        self.kind = kind
        self.document = document
        self.article = article
        self.clause = clause
        self.point = point
        self.byDocument = byDocument
        self.effective = effective
        self.notBefore = notBefore
        self.note = note
        self.source = source
        self.recordedBy = recordedBy
    }

    /// The day from which the change applies: its effective day, else the inferred earliest day.
    public var appliesFrom: CivilDate? {
        (effective ?? notBefore).flatMap(CivilDate.init(iso:))
    }

    /// True when the change covers this provision (a repeal of an article covers its clauses and points).
    public func covers(document other: String, article: String, clause: String?, point: String?) -> Bool {
        guard DocumentReference.normalizedNumber(document) == DocumentReference.normalizedNumber(other),
              self.article.lowercased() == article.lowercased() else { return false }
        if let c = self.clause, c != clause { return false }
        if let p = self.point, p != point { return false }
        return true
    }

    /// "khoản 3 Điều 8 Nghị định số 140/2025/NĐ-CP".
    public var targetCitation: String {
        Citation(point: point, clause: clause, article: article, document: DocumentReference(number: document)).formatted()
    }
}

/// What the bundled `legal/registry.json` holds.
public struct LegalRegistryFile: Codable, Sendable {
    public var documents: [LegalDocumentInfo]
    public var changes: [ProvisionChange]

    public init(documents: [LegalDocumentInfo], changes: [ProvisionChange]) {
        self.documents = documents
        self.changes = changes
    }
}

extension CivilDate {
    /// Reads `YYYY-MM-DD`; nil otherwise.
    public init?(iso: String) {
        let parts = iso.split(separator: "-")
        guard parts.count == 3, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
              (1...12).contains(m), (1...31).contains(d), y > 1900 else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// The civil day of an instant in Vietnam.
    public init(_ date: Date) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = CivilTime.zone
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        self.init(year: c.year ?? 1970, month: c.month ?? 1, day: c.day ?? 1)
    }

    /// "01/3/2027", the way Vietnamese texts write a date.
    public var vietnamese: String {
        String(format: "%02d/%d/%04d", day, month, year)
    }

    /// Days from `self` to `other` (negative when `other` is earlier).
    public func days(to other: CivilDate) -> Int {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0) ?? calendar.timeZone
        let a = calendar.date(from: DateComponents(year: year, month: month, day: day)) ?? Date()
        let b = calendar.date(from: DateComponents(year: other.year, month: other.month, day: other.day)) ?? Date()
        return Int((b.timeIntervalSince(a) / 86_400).rounded())
    }
}
