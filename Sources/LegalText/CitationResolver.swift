import Foundation

/// Looks documents up for citation resolution; a registry database or a dictionary can play this part.
public protocol LegalDocumentRegistry {
    /// The document a reference names, if the registry holds it.
    func document(for reference: DocumentReference) -> LegalDocument?
}

/// A dictionary keyed by document number ("120/2025/NĐ-CP") is a registry; documents named
/// without a number ("Luật Xây dựng năm 2014") are matched on type, title and year.
extension Dictionary: LegalDocumentRegistry where Key == String, Value == LegalDocument {
    public func document(for reference: DocumentReference) -> LegalDocument? {
        if let number = reference.number {
            let wanted = DocumentReference.normalizedNumber(number)
            if let exact = self[number] { return exact }
            if let key = keys.first(where: { DocumentReference.normalizedNumber($0) == wanted }) { return self[key] }
            return values.first { $0.header.number.map(DocumentReference.normalizedNumber) == wanted }
        }
        guard let name = reference.name else { return nil }
        let matches = values.compactMap { document in
            document.titleLength(matching: name, type: reference.type, year: reference.year).map { (document, $0) }
        }
        return matches.max { $0.1 < $1.1 }?.0
    }
}

/// A provision found for a citation.
public struct ResolvedProvision: Sendable, Hashable {
    /// The number of the document it belongs to, when the document has one.
    public var documentNumber: String?
    public var article: Article
    public var clause: Clause?
    public var point: Point?

    /// The text of the deepest provision cited.
    public var text: String { point?.text ?? clause?.text ?? article.text }
}

/// The outcome of resolving a citation against a registry.
public enum CitationResolution: Sendable, Hashable {
    case provision(ResolvedProvision)
    /// The citation names no document, or one the registry does not hold.
    case documentNotFound
    /// The document is held but has no such article, clause or point.
    case provisionNotFound
}

extension Citation {
    /// Finds the cited provision. A citation naming no document ("khoản 2 Điều 5"), or naming
    /// the current one ("Nghị định này"), resolves in `citingDocument` when one is given.
    public func resolve(
        in registry: some LegalDocumentRegistry, citingDocument: LegalDocument? = nil
    ) -> CitationResolution {
        let document: LegalDocument?
        if let reference = self.document, !reference.isCurrent {
            document = registry.document(for: reference)
        } else {
            document = citingDocument
        }
        guard let document else { return .documentNotFound }
        return document.provision(for: self).map(CitationResolution.provision) ?? .provisionNotFound
    }
}

extension LegalDocument {
    /// The article, clause and point a citation names, ignoring its document part.
    public func provision(for citation: Citation) -> ResolvedProvision? {
        guard let number = citation.article, let article = article(number) else { return nil }
        var found = ResolvedProvision(documentNumber: header.number, article: article)
        if let clauseNumber = citation.clause {
            guard let clause = article.clauses.first(where: { $0.number.lowercased() == clauseNumber.lowercased() })
            else { return nil }
            found.clause = clause
        }
        if let letter = citation.point {
            let points = found.clause?.points ?? article.points
            guard let point = points.first(where: { $0.letter == letter }) else { return nil }
            found.point = point
        }
        return found
    }

    /// How many words of `name` this document's title matches, when the title is the name or
    /// begins it ("Hộ tịch" in a name read on as "Hộ tịch và giấy tờ…"); nil when it does not.
    func titleLength(matching name: String, type: DocumentType?, year: Int?) -> Int? {
        if let type, header.type != type { return nil }
        if let year, let date = header.date, date.year != year { return nil }
        guard let title = header.title else { return nil }
        let titleWords = Self.comparable(title).split(separator: " ")
        let nameWords = Self.comparable(name).split(separator: " ")
        guard !titleWords.isEmpty, nameWords.starts(with: titleWords) else { return nil }
        return titleWords.count
    }

    private static func comparable(_ text: String) -> String {
        text.precomposedStringWithCanonicalMapping.lowercased()
            .split(whereSeparator: { $0.isWhitespace || $0 == "," }).joined(separator: " ")
    }
}
