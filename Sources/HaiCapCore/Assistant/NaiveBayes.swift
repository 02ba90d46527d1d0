import Foundation

/// Multinomial naive Bayes over string features with Laplace smoothing: small, fast, and trainable
/// from a few hundred labelled questions.
public struct NaiveBayes: Sendable {
    public private(set) var labels: [String]
    private var logPrior: [Double]
    private var logLikelihood: [[String: Double]]
    private var logUnseen: [Double]
    private var index: [String: Int]

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
        logLikelihood = counts.enumerated().map { i, c in c.mapValues { log(($0 + smoothing) / (totals[i] + smoothing * v)) } }
    }

    /// Log-scores per label (unnormalised), for combining with rules.
    public func scores(_ features: [String]) -> [String: Double] {
        var out: [String: Double] = [:]
        for (i, label) in labels.enumerated() {
            var s = logPrior[i]
            for f in features { s += logLikelihood[i][f] ?? logUnseen[i] }
            out[label] = s
        }
        return out
    }

    /// Posterior probabilities over some labels only (the others are left out of the normalisation): cheap
    /// when there are many labels and few candidates.
    public func probabilities(_ features: [String], among candidates: [String]) -> [String: Double] {
        var scores: [String: Double] = [:]
        for label in candidates {
            guard let i = index[label] else { continue }
            var s = logPrior[i]
            for f in features { s += logLikelihood[i][f] ?? logUnseen[i] }
            scores[label] = s
        }
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
