import Foundation

/// Parses the plain text of a Vietnamese legal document, one paragraph a line, into a `LegalDocument`.
///
/// Provision texts keep every paragraph as written, trimmed of surrounding spaces, with blank
/// lines dropped. Annexes, the recipients and signature block, and the footnotes of consolidated
/// texts are kept apart, so their text never reaches an article.
public struct LegalDocumentParser: Sendable {
    public init() {}

    /// Parses UTF-8 bytes; invalid UTF-8 is reported with its line.
    public func parse(_ data: Data) throws(LegalParseError) -> LegalDocument {
        guard let text = String(validating: data, as: UTF8.self) else {
            throw UTF8Check.firstError(in: data)
        }
        return try parse(text)
    }

    /// Parses a text already in memory.
    public func parse(_ text: String) throws(LegalParseError) -> LegalDocument {
        let body = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        let lines = TextLines.read(body)
        var state = ParserState()
        for line in lines {
            try state.consume(line)
        }
        return try state.finish(lineCount: lines.count)
    }
}

/// The zones of a document, in the order they usually come.
private enum Zone {
    case header, body, closing, annex, notes
}

private struct ParserState {
    var zone = Zone.header
    var headerLines: [TextLine] = []
    var closingLines: [TextLine] = []
    var divisions: [Division] = []
    var part: Division?
    var chapter: Division?
    var section: Division?
    /// The division whose title is on the next line ("Chương I" / "QUY ĐỊNH CHUNG").
    var awaitingTitle: Division.Kind?
    var article: ArticleDraft?
    var articles: [Article] = []
    var firstLineOfArticle: [String: Int] = [:]
    var annexes: [Annex] = []
    var annexLines: [Substring] = []
    var notes: [Note] = []
    var noteLines: [Substring] = []

    mutating func consume(_ line: TextLine) throws(LegalParseError) {
        if line.text.isEmpty { return }
        switch (zone, line.kind) {
        case (.header, .text), (.header, .clause), (.header, .point), (.header, .note),
            (.header, .recipients), (.header, .signature), (.header, .annex):
            headerLines.append(line)
        case (_, .annex(let number, let title)) where !articles.isEmpty || article != nil:
            closeArticle()
            closeBlock()
            zone = .annex
            annexes.append(Annex(label: String(line.text), number: number, title: title, text: "", line: line.number))
        case (.annex, _):
            if annexes[annexes.count - 1].title.isEmpty { annexes[annexes.count - 1].title = String(line.text) }
            annexLines.append(line.text)
        case (.body, .note(let marker)), (.closing, .note(let marker)), (.notes, .note(let marker)):
            closeArticle()
            closeBlock()
            zone = .notes
            notes.append(Note(marker: marker, text: "", line: line.number))
            noteLines.append(line.text)
        case (.notes, _):
            noteLines.append(line.text)
        case (.body, .recipients), (.body, .signature):
            closeArticle()
            zone = .closing
            closingLines.append(line)
        case (.closing, _):
            closingLines.append(line)
        case (_, .part(let number, let title)):
            startDivision(Division(kind: .part, number: number, title: title, line: line.number))
        case (_, .chapter(let number, let title)):
            startDivision(Division(kind: .chapter, number: number, title: title, line: line.number))
        case (_, .section(let number, let title)):
            startDivision(Division(kind: .section, number: number, title: title, line: line.number))
        case (_, .article(let number, let title)):
            try startArticle(number: number, title: title, line: line)
        default:
            bodyText(line)
        }
    }

    mutating func startDivision(_ division: Division) {
        closeArticle()
        zone = .body
        divisions.append(division)
        switch division.kind {
        case .part: (part, chapter, section) = (division, nil, nil)
        case .chapter: (chapter, section) = (division, nil)
        case .section: section = division
        }
        awaitingTitle = division.title.isEmpty ? division.kind : nil
    }

    mutating func startArticle(number: String, title: String, line: TextLine) throws(LegalParseError) {
        closeArticle()
        zone = .body
        awaitingTitle = nil
        let key = number.lowercased()
        if let firstLine = firstLineOfArticle[key] {
            throw .duplicateArticle(number: number, line: line.number, firstLine: firstLine)
        }
        firstLineOfArticle[key] = line.number
        article = ArticleDraft(
            number: number, title: title, heading: String(line.text), line: line.number,
            part: part, chapter: chapter, section: section)
    }

    mutating func bodyText(_ line: TextLine) {
        if let kind = awaitingTitle, article == nil {
            setTitle(String(line.text), of: kind)
            awaitingTitle = nil
            return
        }
        // Text between a heading and the first article belongs to no provision.
        article?.lines.append(line)
    }

    mutating func setTitle(_ title: String, of kind: Division.Kind) {
        guard let last = divisions.indices.last, divisions[last].kind == kind else { return }
        divisions[last].title = LineClassifier.cleanTitle(title[...])
        switch kind {
        case .part: part = divisions[last]
        case .chapter: chapter = divisions[last]
        case .section: section = divisions[last]
        }
    }

    mutating func closeArticle() {
        if let draft = article { articles.append(draft.build()) }
        article = nil
    }

    /// Finishes the annex or note being collected.
    mutating func closeBlock() {
        if !annexLines.isEmpty, !annexes.isEmpty {
            annexes[annexes.count - 1].text = annexLines.joined(separator: "\n")
        }
        if !noteLines.isEmpty, !notes.isEmpty {
            notes[notes.count - 1].text = noteLines.joined(separator: "\n")
        }
        annexLines = []
        noteLines = []
    }

    mutating func finish(lineCount: Int) throws(LegalParseError) -> LegalDocument {
        closeArticle()
        closeBlock()
        guard !articles.isEmpty else { throw .noArticles(lineCount: lineCount) }
        var header = HeaderReader.read(headerLines)
        header.signer = HeaderReader.signer(in: closingLines)
        return LegalDocument(
            header: header, divisions: divisions, articles: articles, annexes: annexes, notes: notes)
    }
}
