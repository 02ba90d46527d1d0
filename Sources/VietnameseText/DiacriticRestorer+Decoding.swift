import Foundation

extension DiacriticRestorer {
    /// Weight of a shorter context when the longer one was never seen ("stupid backoff", with its usual 0.4).
    static let backoff = log(0.4)

    /// The id chosen for each item of a segment: the best path of a trigram Viterbi search over the
    /// accented forms of each syllable typed without diacritics; other items have one fixed choice.
    func decode(_ segment: [Item]) -> [Int32] {
        let choices = segment.map(options(for:))
        guard choices.contains(where: { $0.count > 1 }) else { return choices.map { $0[0] } }

        // Position p holds choices[p - 2]; positions 0 and 1 are the two sentence starts, the last the end.
        let lattice = [[Self.begin], [Self.begin]] + choices + [[Self.end]]
        // score[p][a * width + b]: best log-probability of a path ending with lattice[p-1][a], lattice[p][b].
        var score: [[Double]] = [[0], [0]]
        var back: [[Int32]] = [[0], [0]]
        for position in 2..<lattice.count {
            let older = lattice[position - 2], previous = lattice[position - 1], current = lattice[position]
            var rowScore = [Double](repeating: -.infinity, count: previous.count * current.count)
            var rowBack = [Int32](repeating: 0, count: rowScore.count)
            // The backed-off probability depends on the last two words only: once per pair, not per triple.
            var fallback = [Double](repeating: 0, count: previous.count * current.count)
            for (b, second) in previous.enumerated() {
                for (c, third) in current.enumerated() { fallback[b * current.count + c] = backedOff(third, after: second) }
            }
            for (a, first) in older.enumerated() {
                for (b, second) in previous.enumerated() {
                    let base = score[position - 1][a * previous.count + b]
                    guard base > -.infinity else { continue }
                    // No trigram can follow a context never seen: skip their lookups.
                    let context = bigrams[Self.key(first, second)]
                    for (c, third) in current.enumerated() {
                        var probability = fallback[b * current.count + c]
                        if let context, let count = trigrams[Self.key(first, second, third)] {
                            probability = log(Double(count) / Double(context))
                        }
                        let total = base + probability
                        let slot = b * current.count + c
                        if total > rowScore[slot] {
                            rowScore[slot] = total
                            rowBack[slot] = Int32(a)
                        }
                    }
                }
            }
            score.append(rowScore)
            back.append(rowBack)
        }

        // The end has one choice, so the last row's best slot names the last word; walk the pointers back.
        let last = lattice.count - 1
        var b = score[last].indices.max { score[last][$0] < score[last][$1] } ?? 0
        var c = 0
        var picked = [Int](repeating: 0, count: lattice.count)
        for position in stride(from: last, through: 2, by: -1) {
            picked[position] = c
            picked[position - 1] = b
            let a = Int(back[position][b * lattice[position].count + c])
            c = b
            b = a
        }
        return (0..<choices.count).map { lattice[$0 + 2][picked[$0 + 2]] }
    }

    /// The ids an item may take: accented forms for a word typed without diacritics, else the item itself.
    func options(for item: Item) -> [Int32] {
        guard item.token.kind == .word else { return [Self.number] }
        if item.isRestorable, let forms = candidates[item.token.folded], !forms.isEmpty {
            return Array(forms.prefix(max(maxCandidates, 1)))
        }
        return [ids[item.token.text] ?? Self.unknown]
    }

    /// log P(third | first second) under stupid backoff to bigrams and then unigrams (add-half smoothed).
    func logProbability(_ third: Int32, after first: Int32, _ second: Int32) -> Double {
        if let count = trigrams[Self.key(first, second, third)], let context = bigrams[Self.key(first, second)] {
            return log(Double(count) / Double(context))
        }
        return backedOff(third, after: second)
    }

    /// The part of `logProbability` used when the trigram was not seen: bigram, then unigram.
    func backedOff(_ third: Int32, after second: Int32) -> Double {
        let secondCount = unigrams[Int(second)]
        if secondCount > 0, let count = bigrams[Self.key(second, third)] {
            return Self.backoff + log(Double(count) / Double(secondCount))
        }
        return 2 * Self.backoff + log((Double(unigrams[Int(third)]) + 0.5) / totalUnigrams)
    }
}
