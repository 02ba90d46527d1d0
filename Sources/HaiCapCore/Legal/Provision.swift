import Foundation
import LegalText

/// One addressable provision of a document: an article, a clause, a point, or an annex.
public struct Provision: Codable, Sendable, Hashable {
    public enum Kind: String, Codable, Sendable {
        case article, clause, point, annex
    }

    public var document: String
    public var kind: Kind
    public var article: String
    public var clause: String?
    public var point: String?
    /// The title of the article (or annex) it belongs to.
    public var articleTitle: String
    /// The exact text, one paragraph a line, label included.
    public var text: String
    /// Order in the document.
    public var position: Int

    public init(
        document: String, kind: Kind, article: String, clause: String? = nil, point: String? = nil,
        articleTitle: String, text: String, position: Int
    ) {
        self.document = document
        self.kind = kind
        self.article = article
        self.clause = clause
        self.point = point
        self.articleTitle = articleTitle
        self.text = text
        self.position = position
    }

    /// HTML anchor: `dieu-4`, `dieu-4-khoan-1`, `dieu-4-khoan-1-diem-a`, `phu-luc-1`.
    public var anchor: String {
        Self.anchor(kind: kind, article: article, clause: clause, point: point)
    }

    public static func anchor(kind: Kind = .article, article: String, clause: String?, point: String?) -> String {
        if kind == .annex { return "phu-luc-" + slug(article) }
        var parts = ["dieu-" + slug(article)]
        if let clause { parts.append("khoan-" + slug(clause)) }
        if let point { parts.append("diem-" + slug(point)) }
        return parts.joined(separator: "-")
    }

    public static func slug(_ text: String) -> String {
        let folded = text.lowercased().replacingOccurrences(of: "đ", with: "dd")
        return String(folded.filter { $0.isLetter || $0.isNumber }.unicodeScalars.filter(\.isASCII).map(Character.init))
    }

    /// "điểm a khoản 1 Điều 4 Nghị định số 140/2025/NĐ-CP".
    public var citation: String {
        if kind == .annex { return "Phụ lục \(article) \(DocumentReference(number: document).formatted())" }
        return Citation(point: point, clause: clause, article: article, document: DocumentReference(number: document)).formatted()
    }

    /// The citation without the document: "khoản 1 Điều 4".
    public var shortCitation: String {
        if kind == .annex { return "Phụ lục \(article)" }
        return Citation(point: point, clause: clause, article: article).formatted(includingDocument: false)
    }
}

public enum ProvisionFlattener {
    /// Every article, clause, point and annex of a parsed document, in order.
    public static func provisions(of document: LegalDocument, number: String) -> [Provision] {
        var out: [Provision] = []
        func add(_ kind: Provision.Kind, _ article: Article, clause: String? = nil, point: String? = nil, text: String) {
            out.append(Provision(
                document: number, kind: kind, article: article.number, clause: clause, point: point,
                articleTitle: article.title, text: text, position: out.count))
        }
        for article in document.articles {
            add(.article, article, text: article.heading + (article.text.isEmpty ? "" : "\n" + article.text))
            for clause in article.clauses {
                add(.clause, article, clause: clause.number, text: clause.text)
                for point in clause.points {
                    add(.point, article, clause: clause.number, point: point.letter, text: point.text)
                }
            }
            for point in article.points {
                add(.point, article, point: point.letter, text: point.text)
            }
        }
        for (i, annex) in document.annexes.enumerated() {
            let label = annex.number.isEmpty ? String(i + 1) : annex.number
            out.append(Provision(
                document: number, kind: .annex, article: label, articleTitle: annex.title,
                text: annex.label + "\n" + annex.text, position: out.count))
        }
        return out
    }
}
