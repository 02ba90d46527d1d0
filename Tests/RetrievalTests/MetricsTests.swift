import Foundation
import Testing
import Retrieval

@Suite struct MetricsTests {
    let ranked = ["a", "b", "c", "d"]
    let relevant: Set<String> = ["b", "d"]

    @Test(arguments: [(1, 0.0), (2, 0.5), (3, 0.5), (4, 1.0), (10, 1.0), (0, 0.0)])
    func recall(k: Int, expected: Double) {
        #expect(RankingMetrics.recall(at: k, ranked: ranked, relevant: relevant) == expected)
    }

    @Test(arguments: [(1, 0.0), (2, 1.0), (10, 1.0)])
    func hit(k: Int, expected: Double) {
        #expect(RankingMetrics.hit(at: k, ranked: ranked, relevant: relevant) == expected)
    }

    @Test func reciprocalRank() {
        #expect(RankingMetrics.reciprocalRank(ranked: ranked, relevant: relevant) == 0.5)
        #expect(RankingMetrics.reciprocalRank(ranked: ranked, relevant: ["a"]) == 1)
        #expect(RankingMetrics.reciprocalRank(ranked: ranked, relevant: ["d"], cutoff: 3) == 0)
        #expect(RankingMetrics.reciprocalRank(ranked: [], relevant: ["d"]) == 0)
    }

    @Test func ndcg() {
        // DCG = 1/log2(3) + 1/log2(5); ideal = 1 + 1/log2(3).
        let expected = (1 / log2(3.0) + 1 / log2(5.0)) / (1 + 1 / log2(3.0))
        #expect(abs(RankingMetrics.ndcg(at: 10, ranked: ranked, relevant: relevant) - expected) < 1e-12)
        #expect(RankingMetrics.ndcg(at: 10, ranked: ["b", "d", "a"], relevant: relevant) == 1)
        #expect(RankingMetrics.ndcg(at: 10, ranked: ranked, relevant: []) == 0)
        // Graded: the grade-2 item first is ideal.
        #expect(RankingMetrics.ndcg(at: 2, ranked: ["x", "y"], relevance: ["x": 2, "y": 1]) == 1)
        #expect(RankingMetrics.ndcg(at: 2, ranked: ["y", "x"], relevance: ["x": 2, "y": 1]) < 1)
    }

    @Test func percentile() {
        let values = (1...100).map(Double.init)
        #expect(RankingMetrics.percentile(0.5, of: values) == 50)
        #expect(RankingMetrics.percentile(0.99, of: values) == 99)
        #expect(RankingMetrics.percentile(1, of: values) == 100)
        #expect(RankingMetrics.percentile(0.5, of: []) == 0)
    }

    @Test func summarizeAveragesOverQuestions() {
        let cases = [
            EvaluationCase(id: "1", query: "q", relevant: ["a"]),
            EvaluationCase(id: "2", query: "q", relevant: ["c"]),
            EvaluationCase(id: "3", query: "q", relevant: ["z"]),
        ]
        let rankings = [["a", "b"], ["a", "b", "c"], ["a"]]
        let report = Evaluation.summarize(cases, rankings: rankings, latencies: [.milliseconds(1), .milliseconds(2), .milliseconds(3)])
        #expect(report.recallAt1 == 1.0 / 3)
        #expect(report.recallAt5 == 2.0 / 3)
        #expect(abs(report.mrrAt10 - (1 + 1.0 / 3) / 3) < 1e-12)
        #expect(report.p50Milliseconds == 2)
        #expect(report.p99Milliseconds == 3)
        #expect(report.questions == 3)
    }

    @Test func evaluateRunsTheRanker() {
        let index = Fixture.snapshot()
        let cases = [EvaluationCase(id: "1", query: "hoa giai", relevant: ["hoa-giai"])]
        let report = Evaluation.evaluate(cases) { index.search($0.query).map(\.id) }
        #expect(report.recallAt1 == 1)
        #expect(report.mrrAt10 == 1)
    }
}
