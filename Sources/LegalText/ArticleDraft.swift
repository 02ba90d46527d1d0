import Foundation

/// An article being collected line by line; `build()` splits it into clauses and points.
struct ArticleDraft {
    var number: String
    var title: String
    var heading: String
    var line: Int
    var part: Division?
    var chapter: Division?
    var section: Division?
    var lines: [TextLine] = []

    func build() -> Article {
        var intro: [Substring] = []
        var clauses: [Clause] = []
        var directPoints: [Point] = []
        var clause: ClauseDraft?
        var point: PointDraft?

        func closePoint() {
            guard let done = point else { return }
            if clause != nil { clause?.points.append(done.build()) } else { directPoints.append(done.build()) }
            point = nil
        }
        func closeClause() {
            closePoint()
            if let done = clause { clauses.append(done.build()) }
            clause = nil
        }

        for line in lines {
            switch line.kind {
            case .clause(let number):
                closeClause()
                clause = ClauseDraft(number: number, line: line.number, lines: [line.text])
            case .point(let letter):
                closePoint()
                point = PointDraft(letter: letter, line: line.number, lines: [line.text])
                if var open = clause {
                    if open.introLineCount == nil { open.introLineCount = open.lines.count }
                    open.lines.append(line.text)
                    clause = open
                }
            default:
                if point != nil { point?.lines.append(line.text) }
                if clause != nil {
                    clause?.lines.append(line.text)
                } else if point == nil {
                    intro.append(line.text)
                }
            }
        }
        closeClause()

        return Article(
            number: number, title: title, heading: heading,
            text: lines.map(\.text).joined(separator: "\n"),
            intro: intro.joined(separator: "\n"),
            clauses: clauses, points: directPoints,
            part: part, chapter: chapter, section: section, line: line)
    }
}

private struct ClauseDraft {
    var number: String
    var line: Int
    var lines: [Substring]
    var points: [Point] = []
    /// How many lines come before the first point; nil while no point has started.
    var introLineCount: Int?

    func build() -> Clause {
        Clause(
            number: number, text: lines.joined(separator: "\n"),
            intro: lines.prefix(introLineCount ?? lines.count).joined(separator: "\n"),
            points: points, line: line)
    }
}

private struct PointDraft {
    var letter: String
    var line: Int
    var lines: [Substring]

    func build() -> Point {
        Point(letter: letter, text: lines.joined(separator: "\n"), line: line)
    }
}
