/// One question of an evaluation set with the ids of the documents that answer it.
public struct EvaluationCase: Sendable, Hashable {
    /// The question's id.
    public var id: String
    /// The text searched for.
    public var query: String
    /// Ids of the documents that count as found.
    public var relevant: Set<String>
    /// Which index answers it (a corpus file name), or empty when there is one.
    public var corpus: String

    /// Creates a case.
    public init(id: String, query: String, relevant: Set<String>, corpus: String = "") {
        self.id = id
        self.query = query
        self.relevant = relevant
        self.corpus = corpus
    }
}

/// Quality and latency over an evaluation set.
public struct EvaluationReport: Sendable, Hashable, Codable {
    /// Share of questions with a relevant document at rank 1.
    public var recallAt1: Double
    /// Share of questions with a relevant document within rank 5.
    public var recallAt5: Double
    /// Share of questions with a relevant document within rank 10.
    public var recallAt10: Double
    /// Mean reciprocal rank, counting ranks up to 10.
    public var mrrAt10: Double
    /// Mean nDCG@10, relevant documents graded 1.
    public var ndcgAt10: Double
    /// Median query latency in milliseconds.
    public var p50Milliseconds: Double
    /// 99th-percentile query latency in milliseconds.
    public var p99Milliseconds: Double
    /// Number of questions.
    public var questions: Int
}

/// Runs evaluation sets; "Recall@k" here counts a question found when any relevant document is at rank ≤ k.
public enum Evaluation {
    /// Ranks every case with `rank`, timing each call, and summarises.
    public static func evaluate(_ cases: [EvaluationCase], rank: (EvaluationCase) -> [String]) -> EvaluationReport {
        let clock = ContinuousClock()
        var rankings: [[String]] = []
        var latencies: [Duration] = []
        rankings.reserveCapacity(cases.count)
        latencies.reserveCapacity(cases.count)
        for evaluationCase in cases {
            var ranked: [String] = []
            latencies.append(clock.measure { ranked = rank(evaluationCase) })
            rankings.append(ranked)
        }
        return summarize(cases, rankings: rankings, latencies: latencies)
    }

    /// The report for rankings already made; a pure function of its arguments.
    public static func summarize(_ cases: [EvaluationCase], rankings: [[String]], latencies: [Duration]) -> EvaluationReport {
        let count = min(cases.count, rankings.count)
        func mean(_ metric: (EvaluationCase, [String]) -> Double) -> Double {
            guard count > 0 else { return 0 }
            return (0..<count).reduce(0.0) { $0 + metric(cases[$1], rankings[$1]) } / Double(count)
        }
        let milliseconds = latencies.map { Double($0.components.seconds) * 1000 + Double($0.components.attoseconds) / 1e15 }
        return EvaluationReport(
            recallAt1: mean { RankingMetrics.hit(at: 1, ranked: $1, relevant: $0.relevant) },
            recallAt5: mean { RankingMetrics.hit(at: 5, ranked: $1, relevant: $0.relevant) },
            recallAt10: mean { RankingMetrics.hit(at: 10, ranked: $1, relevant: $0.relevant) },
            mrrAt10: mean { RankingMetrics.reciprocalRank(ranked: $1, relevant: $0.relevant, cutoff: 10) },
            ndcgAt10: mean { RankingMetrics.ndcg(at: 10, ranked: $1, relevant: $0.relevant) },
            p50Milliseconds: RankingMetrics.percentile(0.5, of: milliseconds),
            p99Milliseconds: RankingMetrics.percentile(0.99, of: milliseconds),
            questions: count
        )
    }
}
