import Foundation

/// A reference to a provision: "điểm a khoản 2 Điều 5 Nghị định số 120/2025/NĐ-CP".
public struct Citation: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The point letter ("a", "đ"), if the citation goes that deep.
    public var point: String?
    /// The clause number ("2", "3a").
    public var clause: String?
    /// The article number ("5", "28a"); nil when the text leaves it implied.
    public var article: String?
    /// The cited document; nil when the text does not name one.
    public var document: DocumentReference?

    public init(point: String? = nil, clause: String? = nil, article: String? = nil, document: DocumentReference? = nil) {
        self.point = point
        self.clause = clause
        self.article = article
        self.document = document
    }

    /// Reads one citation that makes up the whole of `text`, e.g. "khoản 2 Điều 103 Luật Xây dựng năm 2014".
    public init?(_ text: String) {
        let found = CitationFinder().citations(in: text)
        guard found.count == 1, let only = found.first,
            text[only.range].count == text.trimmingCharacters(in: .whitespacesAndNewlines).count
        else { return nil }
        self = only.citation
    }

    /// The citation as written in Vietnamese legal text.
    public var description: String { formatted() }

    /// The citation in Vietnamese; `includingDocument: false` gives only "điểm a khoản 2 Điều 5".
    public func formatted(includingDocument: Bool = true) -> String {
        var parts: [String] = []
        if let point { parts.append("điểm \(point)") }
        if let clause { parts.append("khoản \(clause)") }
        if let article { parts.append("Điều \(article)") }
        if includingDocument, let document { parts.append(document.formatted()) }
        return parts.joined(separator: " ")
    }
}

/// A reference to a document as citations name it: by number, by name and year, or "Nghị định này".
public struct DocumentReference: Sendable, Hashable, Codable, CustomStringConvertible {
    public var type: DocumentType?
    /// Number and symbol, e.g. "123/2015/NĐ-CP".
    public var number: String?
    /// The name after the type, e.g. "Xây dựng" in "Luật Xây dựng".
    public var name: String?
    /// The year in "Luật Xây dựng năm 2014".
    public var year: Int?
    /// True for "Nghị định này", "Luật này": the document doing the citing.
    public var isCurrent: Bool

    public init(
        type: DocumentType? = nil, number: String? = nil, name: String? = nil, year: Int? = nil,
        isCurrent: Bool = false
    ) {
        self.type = type ?? number.flatMap(DocumentType.inferred(fromNumber:))
        self.number = number
        self.name = name
        self.year = year
        self.isCurrent = isCurrent
    }

    /// The reference as written: "Nghị định số 120/2025/NĐ-CP", "Luật Xây dựng năm 2014", "Luật này".
    public var description: String { formatted() }

    /// The reference as written in running text.
    public func formatted() -> String {
        var parts: [String] = [type?.vietnameseName ?? "văn bản"]
        if isCurrent {
            parts.append("này")
            return parts.joined(separator: " ")
        }
        if let name { parts.append(name) }
        if let number { parts.append("số \(number)") }
        if let year, number == nil { parts.append("năm \(year)") }
        return parts.joined(separator: " ")
    }

    /// A form of a document number for comparison: NFC, capitals, no spaces, Đ read as D.
    public static func normalizedNumber(_ number: String) -> String {
        // Numbers are ASCII but for "Đ": map those directly (the same result as below), without Foundation's
        // normalisation, which the authority assistant paid for on every record it considered.
        var fast = String.UnicodeScalarView()
        var simple = true
        for scalar in number.unicodeScalars {
            switch scalar.value {
            case 0x20, 0x09...0x0D: continue
            case 0x61...0x7A: fast.append(Unicode.Scalar(scalar.value - 0x20)!)
            case 0x21...0x7E: fast.append(scalar)
            case 0x110, 0x111: fast.append("D")
            default: simple = false
            }
            if !simple { break }
        }
        if simple { return String(fast) }
        return number.precomposedStringWithCanonicalMapping.uppercased()
            .replacingOccurrences(of: "Đ", with: "D")
            .filter { !$0.isWhitespace }
    }
}
