import Foundation
import Retrieval
import SQLiteNIO

/// SQLite FTS5 over the same articles, set up as the issue prescribes, as the baseline of `bench retrieval`:
/// `unicode61 remove_diacritics 2`, ranked by `bm25()`, the question's tokens OR-ed.
struct FTS5Baseline {
    let connection: SQLiteConnection
    /// Corpus file name → FTS5 table name.
    let tables: [String: String]

    /// An in-memory database with one FTS5 table per corpus, bulk-loaded and optimised as a deployment would.
    static func build(_ corpora: [String: [LegalDocument]]) async throws -> FTS5Baseline {
        let connection = try await SQLiteConnection.open(storage: .memory)
        var tables: [String: String] = [:]
        do {
            for (number, name) in corpora.keys.sorted().enumerated() {
                // Table names come from a counter, never from the file name, so nothing is spliced into SQL.
                let table = "articles_\(number)"
                tables[name] = table
                _ = try await connection.query(
                    "CREATE VIRTUAL TABLE \(table) USING fts5(id UNINDEXED, text, tokenize='unicode61 remove_diacritics 2')")
                _ = try await connection.query("BEGIN")
                let rows = (corpora[name] ?? []).flatMap { document in
                    document.articles.map { (LegalCorpus.articleID(document: document.id, article: $0.id), $0.text) }
                }
                // Many rows per statement: one thread-pool hop per row would time SQLiteNIO, not FTS5.
                for start in stride(from: 0, to: rows.count, by: 200) {
                    let batch = rows[start..<min(start + 200, rows.count)]
                    let values = Array(repeating: "(?, ?)", count: batch.count).joined(separator: ", ")
                    _ = try await connection.query(
                        "INSERT INTO \(table)(id, text) VALUES \(values)", batch.flatMap { [SQLiteData.text($0.0), .text($0.1)] })
                }
                _ = try await connection.query("COMMIT")
                _ = try await connection.query("INSERT INTO \(table)(\(table)) VALUES ('optimize')")
            }
        } catch {
            try? await connection.close()
            throw error
        }
        return FTS5Baseline(connection: connection, tables: tables)
    }

    /// The ids of the ten best articles by `bm25()`.
    func rank(_ question: EvaluationCase) async throws -> [String] {
        guard let table = tables[question.corpus] else { return [] }
        let match = Self.matchExpression(question.query)
        guard !match.isEmpty else { return [] }
        let rows = try await connection.query(
            "SELECT id FROM \(table) WHERE \(table) MATCH ? ORDER BY bm25(\(table)) LIMIT 10", [.text(match)])
        return rows.compactMap { $0.column("id")?.string }
    }

    /// Database size in bytes: page_count × page_size of the in-memory database.
    func indexBytes() async throws -> Int {
        let pages = try await connection.query("PRAGMA page_count").first?.columns.first?.data.integer ?? 0
        let size = try await connection.query("PRAGMA page_size").first?.columns.first?.data.integer ?? 0
        return Int(pages) * Int(size)
    }

    /// The median time of a query that does nothing (`SELECT 1`): SQLiteNIO's thread-pool hop, included
    /// in every FTS5 latency, shown so a reader can judge how much of FTS5's time it is.
    func roundTripMilliseconds() async throws -> Double {
        let clock = ContinuousClock()
        var times: [Double] = []
        for _ in 0..<200 {
            let start = clock.now
            _ = try await connection.query("SELECT 1")
            times.append(milliseconds(clock.now - start))
        }
        return RankingMetrics.percentile(0.5, of: times)
    }

    /// Runs every question once unmeasured, then measured, and summarises like `Evaluation.evaluate`.
    func evaluate(_ cases: [EvaluationCase]) async throws -> EvaluationReport {
        for question in cases { _ = try await rank(question) }
        let clock = ContinuousClock()
        var rankings: [[String]] = [], latencies: [Duration] = []
        for question in cases {
            let start = clock.now
            rankings.append(try await rank(question))
            latencies.append(clock.now - start)
        }
        return Evaluation.summarize(cases, rankings: rankings, latencies: latencies)
    }

    func close() async {
        try? await connection.close()
    }

    /// The query's tokens as FTS5 reads them (runs of letters and digits), each quoted so that `OR`, `NOT`,
    /// `*` or `"` in a question are searched as words, OR-ed; duplicates dropped.
    static func matchExpression(_ query: String) -> String {
        var seen: Set<String> = []
        var terms: [String] = []
        for word in query.split(whereSeparator: { !($0.isLetter || $0.isNumber) }) {
            let token = word.lowercased()
            guard seen.insert(token).inserted else { continue }
            terms.append("\"" + token.replacingOccurrences(of: "\"", with: "\"\"") + "\"")
        }
        return terms.joined(separator: " OR ")
    }
}
