import Foundation

/// A citation found in text, with the span of the expression it came from.
public struct FoundCitation: Sendable, Hashable {
    /// One provision the expression cites.
    public var citation: Citation
    /// The whole expression; a list ("khoản 2, khoản 3 Điều 103 …") gives several citations one range.
    public var range: Range<String.Index>
}

/// What "Điều này", "khoản này" and "Nghị định này" mean where the text is read.
public struct CitationContext: Sendable, Hashable {
    /// The document being read, for "Nghị định này".
    public var document: DocumentReference?
    /// The article being read, for "Điều này" and for a clause cited without an article.
    public var article: String?
    /// The clause being read, for "khoản này".
    public var clause: String?

    public init(document: DocumentReference? = nil, article: String? = nil, clause: String? = nil) {
        self.document = document
        self.article = article
        self.clause = clause
    }
}

/// Finds citations in running text, expanding lists and ranges into one citation per provision.
public struct CitationFinder: Sendable {
    /// What "này" refers to in the text searched.
    public var context: CitationContext

    public init(context: CitationContext = CitationContext()) {
        self.context = context
    }

    /// Every citation in `text`, in order.
    public func citations(in text: String) -> [FoundCitation] {
        let tokens = CitationTokenizer.tokens(text)
        var found: [FoundCitation] = []
        var position = 0
        while position < tokens.count {
            guard Level(tokens, at: position) != nil,
                let (citations, end) = CitationChain.read(tokens, from: position, context: context)
            else {
                position += 1
                continue
            }
            let range = tokens[position].range.lowerBound..<tokens[end - 1].range.upperBound
            found += citations.map { FoundCitation(citation: $0, range: range) }
            position = end
        }
        return found
    }
}

/// The level a keyword names; "các" before it is allowed ("các khoản 1, 2 và 3").
enum Level {
    case point, clause, article

    init?(keyword: String) {
        switch keyword {
        case "điểm": self = .point
        case "khoản": self = .clause
        case "điều": self = .article
        default: return nil
        }
    }

    init?(_ tokens: [CitationToken], at position: Int) {
        guard position < tokens.count else { return nil }
        if tokens[position].lower == "các", position + 1 < tokens.count {
            self.init(keyword: tokens[position + 1].lower)
        } else {
            self.init(keyword: tokens[position].lower)
        }
    }

    func accepts(_ token: CitationToken) -> Bool {
        self == .point ? token.isPointLetter : token.isProvisionNumber
    }
}
