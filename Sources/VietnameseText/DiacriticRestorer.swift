import Foundation

/// Puts diacritics back on Vietnamese typed without them ("dang ky ho kinh doanh" → "đăng ký hộ kinh doanh"),
/// choosing the most likely accented syllables under a trigram model of syllables trained on text.
///
/// Codes, numbers, punctuation and words already typed with diacritics are kept as they are; the case of
/// each letter is kept. A syllable never seen in training is left unchanged.
public struct DiacriticRestorer: Sendable {
    /// Sentinel ids: sentence start, sentence end, a number or code, and a syllable outside the vocabulary.
    static let begin: Int32 = 0, end: Int32 = 1, number: Int32 = 2, unknown: Int32 = 3
    static let firstSyllable: Int32 = 4
    /// Ids are packed 21 bits each into n-gram keys; a vocabulary never comes near 2 million syllables.
    static let idBits: UInt64 = 21

    /// Normalised accented syllable → id.
    let ids: [String: Int32]
    /// Id → normalised accented syllable (sentinels have placeholder names).
    let syllables: [String]
    /// Folded syllable → accented ids seen in training, most frequent first.
    let candidates: [String: [Int32]]
    /// Occurrences of each id as a unigram (also as a context, since every segment is padded).
    let unigrams: [UInt32]
    let bigrams: NGramTable
    let trigrams: NGramTable
    let totalUnigrams: Double

    /// The most candidates tried per syllable, the most frequent ones: decoding costs grow with its cube.
    public var maxCandidates = 12

    /// Trains on plain text (any size; one paragraph a line reads best), keeping everything in memory.
    public init(trainingText: String) {
        self.init(trainingTexts: [trainingText])
    }

    /// Trains on several texts as if they were one.
    public init(trainingTexts: [String]) {
        var counter = Counter()
        for text in trainingTexts {
            for segment in Self.segments(of: text) {
                counter.count(segment)
            }
        }
        ids = counter.ids
        syllables = counter.syllables
        unigrams = counter.unigrams
        bigrams = NGramTable(counter.bigrams)
        trigrams = NGramTable(counter.trigrams)
        totalUnigrams = Double(max(counter.unigrams.reduce(0) { $0 + Int($1) }, 1))
        var byFolded: [String: [Int32]] = [:]
        for (index, syllable) in counter.syllables.enumerated() where index >= Int(Self.firstSyllable) {
            byFolded[Vietnamese.foldNormalized(syllable), default: []].append(Int32(index))
        }
        let counts = counter.unigrams
        candidates = byFolded.mapValues { ids in ids.sorted { counts[Int($0)] > counts[Int($1)] } }
    }

    /// Number of distinct accented syllables learnt.
    public var vocabularySize: Int { syllables.count - Int(Self.firstSyllable) }

    /// The accented forms seen for a syllable typed without diacritics, most frequent first (`"ky"` → `["ký", "kỳ", …]`).
    public func candidates(for syllable: String) -> [String] {
        (candidates[Vietnamese.fold(syllable)] ?? []).map { syllables[Int($0)] }
    }

    /// The text with diacritics restored on the words typed without them; everything else is unchanged.
    public func restore(_ text: String) -> String {
        var output = ""
        output.reserveCapacity(text.utf8.count + text.utf8.count / 2)
        var copiedUpTo = text.startIndex
        for segment in Self.segments(of: text) {
            let choices = decode(segment)
            for (item, choice) in zip(segment, choices) where item.isRestorable {
                guard choice >= Self.firstSyllable else { continue }
                let accented = syllables[Int(choice)]
                guard accented != item.token.text else { continue }
                output += text[copiedUpTo..<item.token.range.lowerBound]
                output += Self.applyingCase(of: text[item.token.range], to: accented)
                copiedUpTo = item.token.range.upperBound
            }
        }
        output += text[copiedUpTo...]
        return output
    }

    /// A token of a segment: a word, number or code, and whether it may be given diacritics.
    struct Item {
        var token: Token
        var isRestorable: Bool { token.kind == .word && !token.hasDiacritics }
    }

    /// Splits text into runs of tokens with only spaces between them: punctuation and line breaks end the
    /// context, since "điều 5. Quyền" says nothing about which syllable follows which.
    static func segments(of text: String) -> [[Item]] {
        var segments: [[Item]] = []
        var current: [Item] = []
        var previousEnd = text.startIndex
        for token in Vietnamese.tokenize(text) {
            if !current.isEmpty, !text.unicodeScalars[previousEnd..<token.range.lowerBound].allSatisfy({ $0 == " " || $0 == "\t" }) {
                segments.append(current)
                current = []
            }
            current.append(Item(token: token))
            previousEnd = token.range.upperBound
        }
        if !current.isEmpty { segments.append(current) }
        return segments
    }

    /// `accented` with the case of each letter of `original`, which has the same letters without diacritics;
    /// invisible characters inside the word (zero-width, soft hyphen) stay where they were.
    static func applyingCase(of original: Substring, to accented: String) -> String {
        let letters = Array(accented.unicodeScalars)
        let isLetter = original.unicodeScalars.map { Characters.classify($0) == .letter }
        guard isLetter.filter({ $0 }).count == letters.count else { return accented }
        var output = String.UnicodeScalarView()
        var next = 0
        for (scalar, letter) in zip(original.unicodeScalars, isLetter) {
            guard letter else {
                output.append(scalar)
                continue
            }
            let isUpper = Letters.letter(scalar)?.isUppercase ?? scalar.properties.isUppercase
            if isUpper {
                output.append(contentsOf: String(letters[next]).uppercased().unicodeScalars)
            } else {
                output.append(letters[next])
            }
            next += 1
        }
        return String(output)
    }
}

/// Counts n-grams while training; kept apart so the restorer itself stays immutable.
private struct Counter {
    var ids: [String: Int32] = [:]
    var syllables = ["<s>", "</s>", "<num>", "<unk>"]
    var unigrams: [UInt32] = [0, 0, 0, 0]
    var bigrams: [UInt64: UInt32] = [:]
    var trigrams: [UInt64: UInt32] = [:]

    mutating func id(of token: Token) -> Int32 {
        guard token.kind == .word else { return DiacriticRestorer.number }
        if let id = ids[token.text] { return id }
        // Beyond 21 bits n-gram keys would collide; no natural text gets near, so the rest is just unknown.
        guard syllables.count < 1 << DiacriticRestorer.idBits else { return DiacriticRestorer.unknown }
        let id = Int32(syllables.count)
        ids[token.text] = id
        syllables.append(token.text)
        unigrams.append(0)
        return id
    }

    /// Counts a segment padded as `<s> <s> w1 … wn </s>`, so every word has two words of context.
    mutating func count(_ segment: [DiacriticRestorer.Item]) {
        var older = DiacriticRestorer.begin, previous = DiacriticRestorer.begin
        unigrams[Int(DiacriticRestorer.begin)] += 1
        bigrams[DiacriticRestorer.key(older, previous), default: 0] += 1
        for index in 0...segment.count {
            let current = index < segment.count ? id(of: segment[index].token) : DiacriticRestorer.end
            unigrams[Int(current)] += 1
            bigrams[DiacriticRestorer.key(previous, current), default: 0] += 1
            trigrams[DiacriticRestorer.key(older, previous, current), default: 0] += 1
            older = previous
            previous = current
        }
    }
}

extension DiacriticRestorer {
    @inline(__always)
    static func key(_ first: Int32, _ second: Int32) -> UInt64 {
        UInt64(UInt32(first)) << idBits | UInt64(UInt32(second))
    }

    @inline(__always)
    static func key(_ first: Int32, _ second: Int32, _ third: Int32) -> UInt64 {
        UInt64(UInt32(first)) << (2 * idBits) | UInt64(UInt32(second)) << idBits | UInt64(UInt32(third))
    }
}
