import Foundation

/// Reads one citation expression: groups of points, clauses and articles, then the document.
///
/// Lower levels wait for the next higher one: in "khoản 1, điểm a khoản 2 Điều 12" both
/// "khoản 1" and "điểm a khoản 2" belong to Điều 12, and points attach to the clause right after them.
struct CitationChain {
    let tokens: [CitationToken]
    let context: CitationContext
    var position: Int
    private var pendingPoints: [String] = []
    private var pendingClauses: [(clause: String?, points: [String])] = []
    private var citations: [Citation] = []
    /// Whether the group just read was "khoản này" / "Điều này" rather than numbers.
    private var readThis = false

    /// Longest span a range such as "các điều từ Điều 15 đến Điều 27" is expanded over.
    static let longestRange = 300

    static func read(_ tokens: [CitationToken], from start: Int, context: CitationContext) -> ([Citation], Int)? {
        var chain = CitationChain(tokens: tokens, context: context, position: start)
        guard chain.readGroups() else { return nil }
        let document = chain.readDocument()
        let documentRef = document?.reference
        let citations = chain.citations.map { citation -> Citation in
            var filled = citation
            filled.document = documentRef
            return filled
        }
        return (citations, document?.end ?? chain.position)
    }

    // MARK: - Provision groups

    /// Reads groups while they follow one another; false when the first group is not a citation.
    private mutating func readGroups() -> Bool {
        var readAny = false
        while let level = Level(tokens, at: position) {
            let save = position
            if tokens[position].lower == "các" { position += 1 }
            position += 1
            guard let values = readValues(level) else {
                position = save
                break
            }
            readAny = true
            apply(level, values)
            let afterGroup = position
            if position < tokens.count, [",", "và", "hoặc"].contains(tokens[position].lower),
                Level(tokens, at: position + 1) != nil
            {
                position += 1
            }
            if Level(tokens, at: position) == nil {
                position = afterGroup
                break
            }
        }
        guard readAny else { return false }
        flushWithoutArticle()
        return !citations.isEmpty
    }

    /// "2", "1, 2 và 3", "từ Điều 15 đến Điều 27", "này"; nil for none.
    private mutating func readValues(_ level: Level) -> [String]? {
        readThis = false
        if position < tokens.count, tokens[position].lower == "này" {
            guard level != .point else { return nil }
            position += 1
            readThis = true
            let implied = level == .article ? context.article : level == .clause ? context.clause : nil
            return [implied ?? ""]
        }
        var values: [String] = []
        while position < tokens.count {
            if tokens[position].lower == "từ", let range = readRange(level) {
                values += range
            } else if level.accepts(tokens[position]) {
                values.append(String(tokens[position].text))
                position += 1
            } else {
                break
            }
            let separator = position < tokens.count ? tokens[position].lower : ""
            guard [",", "và", "hoặc"].contains(separator), position + 1 < tokens.count,
                level.accepts(tokens[position + 1]) || tokens[position + 1].lower == "từ"
            else { break }
            position += 1
        }
        return values.isEmpty ? nil : values
    }

    /// "từ [Điều] 15 đến [Điều] 27" → 15…27.
    private mutating func readRange(_ level: Level) -> [String]? {
        guard level != .point else { return nil }
        var cursor = position + 1
        func number() -> Int? {
            if cursor < tokens.count, Level(keyword: tokens[cursor].lower) == level { cursor += 1 }
            guard cursor < tokens.count, let value = Int(tokens[cursor].text) else { return nil }
            cursor += 1
            return value
        }
        guard let first = number(), cursor < tokens.count, tokens[cursor].lower == "đến" else { return nil }
        cursor += 1
        guard let last = number(), first <= last, last - first < Self.longestRange else { return nil }
        position = cursor
        return (first...last).map(String.init)
    }

    private mutating func apply(_ level: Level, _ values: [String]) {
        let cleaned = values.map { $0.isEmpty ? nil : $0 }
        switch level {
        case .point:
            pendingPoints += values.filter { !$0.isEmpty }
        case .clause:
            for (index, value) in cleaned.enumerated() {
                pendingClauses.append((value, index == 0 ? pendingPoints : []))
            }
            pendingPoints = []
            // "khoản này" is complete: this clause of this article, whatever follows.
            if readThis {
                if context.clause != nil { emit(article: context.article) }
                pendingClauses = []
            }
        case .article:
            for (index, value) in cleaned.enumerated() {
                if index == 0 {
                    emit(article: value)
                } else if let value {
                    citations.append(Citation(article: value))
                }
            }
        }
    }

    /// Emits what waits for an article: clauses with their points, or points with no clause.
    private mutating func emit(article: String?) {
        if pendingClauses.isEmpty, pendingPoints.isEmpty, article != nil {
            citations.append(Citation(article: article))
        }
        for point in pendingPoints {
            citations.append(Citation(point: point, article: article))
        }
        for (clause, points) in pendingClauses {
            if points.isEmpty {
                citations.append(Citation(clause: clause, article: article))
            }
            for point in points {
                citations.append(Citation(point: point, clause: clause, article: article))
            }
        }
        pendingPoints = []
        pendingClauses = []
    }

    /// A chain ending without an article means the current one ("khoản 2" inside an article),
    /// unless a Mục, Chương or Phụ lục follows: those are not provisions this library resolves.
    private mutating func flushWithoutArticle() {
        guard !pendingPoints.isEmpty || !pendingClauses.isEmpty else { return }
        let next = position < tokens.count ? tokens[position].lower : ""
        if ["mục", "chương", "phần", "phụ"].contains(next) {
            pendingPoints = []
            pendingClauses = []
            return
        }
        emit(article: context.article)
    }
}
