import Foundation
import LegalText

/// The decree texts and the reference split bundled in `Fixtures/` (see `Fixtures/PROVENANCE.md`).
/// Loaded by path from this file, because the package declares no resources for this target.
enum Fixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures", isDirectory: true)

    /// The seven decrees of 2025 and how many articles each has.
    static let decreeArticleCounts: [(decree: String, articles: Int)] = [
        ("118", 41), ("120", 24), ("139", 22), ("140", 32), ("144", 47), ("145", 13), ("146", 61),
    ]

    static func decreeData(_ decree: String) throws -> Data {
        try Data(contentsOf: directory.appendingPathComponent("\(decree)-2025-ND-CP.txt"))
    }

    static func decree(_ decree: String) throws -> LegalDocument {
        try LegalDocumentParser().parse(try decreeData(decree))
    }

    /// Rows of `reference-articles.jsonl` for one decree, articles only.
    static func referenceArticles(_ decree: String) throws -> [ReferenceArticle] {
        try allReferenceRows().filter { $0.decree.hasPrefix(decree + "/") && $0.annex == nil }
    }

    private static func allReferenceRows() throws -> [ReferenceArticle] {
        let text = try String(contentsOf: directory.appendingPathComponent("reference-articles.jsonl"), encoding: .utf8)
        let decoder = JSONDecoder()
        return try text.split(separator: "\n").map { line in
            try decoder.decode(ReferenceArticle.self, from: Data(line.utf8))
        }
    }
}

/// One row of the reference split. Two schemas occur: most decrees give the clauses, NĐ 120
/// gives only "Điều N" and the text.
struct ReferenceArticle: Decodable {
    struct Clause: Decodable {
        var khoan: String
        var points: [Point]
    }

    struct Point: Decodable {
        var diem: String?
    }

    var decree: String
    var annex: String?
    var article: String?
    var text: String
    var clauses: [Clause]?

    /// "5" whether the row says "5" or "Điều 5".
    var number: String {
        (article ?? "").replacingOccurrences(of: "Điều ", with: "")
    }

    /// Clause numbers, from the clause list or, for rows without one, from the text.
    var clauseNumbers: [String] {
        if let clauses { return clauses.map(\.khoan) }
        return text.split(separator: "\n").compactMap { line in
            let digits = line.prefix { $0.isASCII && $0.isNumber }
            guard !digits.isEmpty, line.dropFirst(digits.count).hasPrefix(". ") else { return nil }
            return String(digits)
        }
    }

    /// Point letters clause by clause, when the row lists clauses.
    var pointLetters: [[String]]? { clauses?.map { $0.points.map { $0.diem ?? "" } } }

    /// The reference text without what its pattern matching let run on past the article:
    /// the next Mục or Chương heading, or the recipients and signature after the last article.
    var textWithoutOverrun: String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let end = lines.firstIndex { line in
            line.hasPrefix("Mục ") || line.hasPrefix("Chương ") || line.hasPrefix("Nơi nhận")
        } ?? lines.endIndex
        return lines[..<end].joined(separator: "\n")
    }
}

/// Compares texts word by word, so that spacing (NBSP, trailing blanks) does not count.
func words(_ text: String) -> [Substring] {
    text.split(whereSeparator: \.isWhitespace)
}
