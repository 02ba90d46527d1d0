import Foundation

/// Ranking quality measures; pure functions of a ranked list of ids and the relevant ids.
public enum RankingMetrics {
    /// Fraction of the relevant ids found in the first `k` results (0 when nothing is relevant).
    public static func recall(at k: Int, ranked: [String], relevant: Set<String>) -> Double {
        guard !relevant.isEmpty, k > 0 else { return 0 }
        let found = Set(ranked.prefix(k)).intersection(relevant).count
        return Double(found) / Double(relevant.count)
    }

    /// 1 when any relevant id is in the first `k` results, else 0: "found at rank ≤ k".
    public static func hit(at k: Int, ranked: [String], relevant: Set<String>) -> Double {
        guard k > 0 else { return 0 }
        return ranked.prefix(k).contains(where: relevant.contains) ? 1 : 0
    }

    /// 1 / rank of the first relevant id within the first `cutoff` results, else 0 (MRR@cutoff per question).
    public static func reciprocalRank(ranked: [String], relevant: Set<String>, cutoff: Int = 10) -> Double {
        for (offset, id) in ranked.prefix(max(cutoff, 0)).enumerated() where relevant.contains(id) {
            return 1 / Double(offset + 1)
        }
        return 0
    }

    /// Normalised discounted cumulative gain at `k` with graded relevance (gain `2^rel - 1`, log2 discount).
    public static func ndcg(at k: Int, ranked: [String], relevance: [String: Double]) -> Double {
        guard k > 0 else { return 0 }
        func gain(_ grade: Double) -> Double { pow(2, grade) - 1 }
        var dcg = 0.0
        var seen: Set<String> = []
        for (offset, id) in ranked.prefix(k).enumerated() where seen.insert(id).inserted {
            dcg += gain(relevance[id] ?? 0) / log2(Double(offset + 2))
        }
        let ideal = relevance.values.filter { $0 > 0 }.sorted(by: >).prefix(k)
        let idcg = ideal.enumerated().reduce(0.0) { $0 + gain($1.element) / log2(Double($1.offset + 2)) }
        return idcg > 0 ? dcg / idcg : 0
    }

    /// nDCG@k with every relevant id graded 1.
    public static func ndcg(at k: Int, ranked: [String], relevant: Set<String>) -> Double {
        ndcg(at: k, ranked: ranked, relevance: Dictionary(uniqueKeysWithValues: relevant.map { ($0, 1.0) }))
    }

    /// The value at fraction `p` (0…1) of the sorted values, nearest rank; 0 for no values.
    public static func percentile(_ p: Double, of values: [Double]) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        let rank = Int((min(max(p, 0), 1) * Double(sorted.count)).rounded(.up))
        return sorted[min(max(rank - 1, 0), sorted.count - 1)]
    }
}
