import Foundation

/// A legal document parsed into its header, articles, annexes and notes.
public struct LegalDocument: Sendable, Hashable, Codable {
    /// Masthead, title, preamble and signature.
    public var header: DocumentHeader
    /// Every Phần, Chương and Mục heading in document order.
    public var divisions: [Division]
    /// The articles (Điều) of the body, in document order.
    public var articles: [Article]
    /// Annexes (Phụ lục), kept apart from the articles.
    public var annexes: [Annex]
    /// Editorial footnotes of a consolidated text ("[12] Khoản này được sửa đổi…").
    public var notes: [Note]

    public init(
        header: DocumentHeader, divisions: [Division], articles: [Article],
        annexes: [Annex], notes: [Note]
    ) {
        self.header = header
        self.divisions = divisions
        self.articles = articles
        self.annexes = annexes
        self.notes = notes
    }

    /// The article with this number ("5", "28a"), if any.
    public func article(_ number: String) -> Article? {
        let wanted = number.lowercased()
        return articles.first { $0.number.lowercased() == wanted }
    }
}

/// A civil date as written in a document ("ngày 11 tháng 6 năm 2025").
public struct CivilDate: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// ISO 8601 form, `YYYY-MM-DD`.
    public var description: String {
        String(format: "%04d-%02d-%02d", year, month, day)
    }

    public static func < (lhs: CivilDate, rhs: CivilDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }
}

/// What a document says about itself before its first article, and who signed it.
public struct DocumentHeader: Sendable, Hashable, Codable {
    public var type: DocumentType?
    /// The number and symbol, e.g. "120/2025/NĐ-CP".
    public var number: String?
    public var date: CivilDate?
    /// Where it was signed, e.g. "Hà Nội".
    public var place: String?
    /// The issuing body, e.g. "CHÍNH PHỦ" or, from the preamble, "Chính phủ".
    public var issuer: String?
    /// The title as printed, e.g. "QUY ĐỊNH VỀ PHÂN ĐỊNH THẨM QUYỀN…".
    public var title: String?
    /// The lines between the title and the first heading ("Căn cứ…", "Theo đề nghị…").
    public var preamble: [String]
    public var signer: Signer?

    public init(
        type: DocumentType? = nil, number: String? = nil, date: CivilDate? = nil, place: String? = nil,
        issuer: String? = nil, title: String? = nil, preamble: [String] = [], signer: Signer? = nil
    ) {
        self.type = type
        self.number = number
        self.date = date
        self.place = place
        self.issuer = issuer
        self.title = title
        self.preamble = preamble
        self.signer = signer
    }
}

/// The signature block: capacity ("TM. CHÍNH PHỦ KT. THỦ TƯỚNG PHÓ THỦ TƯỚNG") and name.
public struct Signer: Sendable, Hashable, Codable {
    public var capacity: String
    public var name: String

    public init(capacity: String, name: String) {
        self.capacity = capacity
        self.name = name
    }
}

/// A heading above articles: Phần, Chương or Mục.
public struct Division: Sendable, Hashable, Codable {
    /// The level of a division heading.
    public enum Kind: String, Sendable, Hashable, Codable {
        case part, chapter, section
    }

    public var kind: Kind
    /// As written: "II", "1", "thứ nhất".
    public var number: String
    public var title: String
    /// 1-based line of the heading in the input.
    public var line: Int

    public init(kind: Kind, number: String, title: String, line: Int) {
        self.kind = kind
        self.number = number
        self.title = title
        self.line = line
    }
}

/// An article (Điều) with its clauses, or points when it has no clauses.
public struct Article: Sendable, Hashable, Codable {
    /// "5", or "28a" for an article inserted by an amendment.
    public var number: String
    /// The title after "Điều N.", without trailing footnote markers.
    public var title: String
    /// The heading line exactly as written.
    public var heading: String
    /// The body exactly as written, one paragraph a line, without the heading.
    public var text: String
    /// Lines before the first clause or point ("Nghị định này quy định về:").
    public var intro: String
    public var clauses: [Clause]
    /// Points directly under the article when it has no clauses.
    public var points: [Point]
    public var part: Division?
    public var chapter: Division?
    public var section: Division?
    /// 1-based line of the heading in the input.
    public var line: Int
}

/// A clause (khoản): "2. …" and its continuation lines and points.
public struct Clause: Sendable, Hashable, Codable {
    /// "2", or "3a" for an inserted clause.
    public var number: String
    /// The clause exactly as written, label included, one paragraph a line.
    public var text: String
    /// Lines before the first point, label included.
    public var intro: String
    public var points: [Point]
    public var line: Int
}

/// A point (điểm): "a) …" and its continuation lines.
public struct Point: Sendable, Hashable, Codable {
    /// "a", "đ", or "a1" for an inserted point.
    public var letter: String
    /// The point exactly as written, label included.
    public var text: String
    public var line: Int
}

/// An annex (Phụ lục) with its text as written.
public struct Annex: Sendable, Hashable, Codable {
    /// The heading line, e.g. "PHỤ LỤC II".
    public var label: String
    /// The numeral after "PHỤ LỤC", empty when the annex is unnumbered.
    public var number: String
    /// The line after the label, e.g. "TRÌNH TỰ, THỦ TỤC…".
    public var title: String
    /// Everything after the label up to the next annex, one paragraph a line.
    public var text: String
    public var line: Int
}

/// A footnote of a consolidated text.
public struct Note: Sendable, Hashable, Codable {
    /// The marker without brackets: "12".
    public var marker: String
    /// The note exactly as written, marker included.
    public var text: String
    public var line: Int
}
