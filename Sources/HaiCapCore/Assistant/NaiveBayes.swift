import Foundation

/// Multinomial naive Bayes over string features with Laplace smoothing: small, fast, and trainable
/// from a few hundred labelled questions.
public struct NaiveBayes: Sendable {
    public private(set) var labels: [String]
    private var logPrior: [Double]
    /// Per feature, the labels that saw it (ascending) and its log-likelihood under each: one lookup of the
    /// feature per question instead of one per label (the scores were 12 % of an assistant answer's CPU).
    private var rows: [String: Row]
    private var logUnseen: [Double]
    private var index: [String: Int]

    struct Row: Sendable {
        var labels: [Int32] = []
        var values: [Double] = []

        /// The log-likelihood under `label`, or nil when the label never saw the feature.
        func value(for label: Int) -> Double? {
            var low = 0, high = labels.count
            while low < high {
                let middle = (low + high) / 2
                if Int(labels[middle]) < label { low = middle + 1 } else { high = middle }
            }
            return low < labels.count && Int(labels[low]) == label ? values[low] : nil
        }
    }

    /// Trains on (features, label) pairs.
    public init(examples: [(features: [String], label: String)], smoothing: Double = 0.5) {
        let labels = Array(Set(examples.map(\.label))).sorted()
        self.labels = labels
        var counts = Array(repeating: [String: Double](), count: labels.count)
        var totals = Array(repeating: 0.0, count: labels.count)
        var docs = Array(repeating: 0.0, count: labels.count)
        var vocabulary = Set<String>()
        let index = Dictionary(uniqueKeysWithValues: labels.enumerated().map { ($1, $0) })
        self.index = index
        for example in examples {
            guard let i = index[example.label] else { continue }
            docs[i] += 1
            for f in example.features {
                counts[i][f, default: 0] += 1
                totals[i] += 1
                vocabulary.insert(f)
            }
        }
        let v = Double(max(vocabulary.count, 1))
        let n = Double(max(examples.count, 1))
        let classes = Double(labels.count)
        logPrior = docs.map { log(($0 + 1) / (n + classes)) }
        logUnseen = totals.map { log(smoothing / ($0 + smoothing * v)) }
        var rows: [String: Row] = [:]
        for (i, c) in counts.enumerated() {
            for (feature, count) in c {
                rows[feature, default: Row()].labels.append(Int32(i))
                rows[feature, default: Row()].values.append(log((count + smoothing) / (totals[i] + smoothing * v)))
            }
        }
        self.rows = rows
    }

    /// Adds each feature's log-likelihood under each of `labels` to `sums` (same order: `sums[k]` is `labels[k]`'s),
    /// feature by feature, so every label's sum is added up in the features' order as before.
    private func accumulate(_ features: [String], labels: [Int], into sums: inout [Double]) {
        for f in features {
            if let row = rows[f] {
                for (k, i) in labels.enumerated() { sums[k] += row.value(for: i) ?? logUnseen[i] }
            } else {
                for (k, i) in labels.enumerated() { sums[k] += logUnseen[i] }
            }
        }
    }

    /// Log-scores per label (unnormalised), for combining with rules.
    public func scores(_ features: [String]) -> [String: Double] {
        let all = Array(labels.indices)
        var sums = logPrior
        accumulate(features, labels: all, into: &sums)
        var out: [String: Double] = [:]
        out.reserveCapacity(labels.count)
        for (i, label) in labels.enumerated() { out[label] = sums[i] }
        return out
    }

    /// Posterior probabilities over some labels only (the others are left out of the normalisation): cheap
    /// when there are many labels and few candidates.
    public func probabilities(_ features: [String], among candidates: [String]) -> [String: Double] {
        var known: [(label: String, index: Int)] = []
        for label in candidates { if let i = index[label] { known.append((label, i)) } }
        var sums = known.map { logPrior[$0.index] }
        accumulate(features, labels: known.map(\.index), into: &sums)
        var scores: [String: Double] = [:]
        for (k, entry) in known.enumerated() { scores[entry.label] = sums[k] }
        guard let maxScore = scores.values.max() else { return [:] }
        let exps = scores.mapValues { exp($0 - maxScore) }
        let sum = exps.values.reduce(0, +)
        return exps.mapValues { $0 / sum }
    }

    /// Posterior probabilities per label.
    public func probabilities(_ features: [String]) -> [String: Double] {
        let s = scores(features)
        guard let maxScore = s.values.max() else { return [:] }
        let exps = s.mapValues { exp($0 - maxScore) }
        let sum = exps.values.reduce(0, +)
        return exps.mapValues { $0 / sum }
    }
}
