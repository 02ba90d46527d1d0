import VietnameseText

/// Integer ids for every indexed term, so postings and scoring never touch strings.
///
/// Accented syllables, folded syllables and bigrams of either share one id space; a bigram is keyed
/// by the ids of its two syllables, which keeps its key a single integer.
struct Vocabulary: Sendable {
    private(set) var accented: [String: Int32] = [:]
    private(set) var folded: [String: Int32] = [:]
    private(set) var bigrams: [UInt64: Int32] = [:]
    private(set) var count: Int32 = 0

    mutating func accentedID(_ text: String) -> Int32 {
        if let id = accented[text] { return id }
        defer { count += 1 }
        accented[text] = count
        return count
    }

    mutating func foldedID(_ text: String) -> Int32 {
        if let id = folded[text] { return id }
        defer { count += 1 }
        folded[text] = count
        return count
    }

    mutating func bigramID(_ first: Int32, _ second: Int32) -> Int32 {
        let key = Self.bigramKey(first, second)
        if let id = bigrams[key] { return id }
        defer { count += 1 }
        bigrams[key] = count
        return count
    }

    func existingBigram(_ first: Int32, _ second: Int32) -> Int32? {
        bigrams[Self.bigramKey(first, second)]
    }

    private static func bigramKey(_ first: Int32, _ second: Int32) -> UInt64 {
        UInt64(UInt32(bitPattern: first)) << 32 | UInt64(UInt32(bitPattern: second))
    }
}

/// Turns field text into term ids: each syllable or code accented and folded, the syllables inside a
/// code, and the bigrams of neighbouring tokens in both forms.
enum Analyzer {
    /// Term id → frequency within one field, sorted by id, plus the field's length in tokens.
    static func analyze(_ text: String, into vocabulary: inout Vocabulary) -> (terms: [(Int32, UInt16)], length: Int) {
        let tokens = Vietnamese.tokenize(text)
        guard !tokens.isEmpty else { return ([], 0) }
        var ids: [Int32] = []
        ids.reserveCapacity(tokens.count * 4)
        var previous: (accented: Int32, folded: Int32)?
        for token in tokens {
            let accented = vocabulary.accentedID(token.text)
            let folded = vocabulary.foldedID(token.folded)
            ids.append(accented)
            ids.append(folded)
            if token.kind == .code {
                for part in token.parts {
                    let text = String(part)
                    ids.append(vocabulary.accentedID(text))
                    ids.append(vocabulary.foldedID(Vietnamese.foldNormalized(text)))
                }
            }
            if let previous {
                ids.append(vocabulary.bigramID(previous.accented, accented))
                ids.append(vocabulary.bigramID(previous.folded, folded))
            }
            previous = (accented, folded)
        }
        ids.sort()
        var terms: [(Int32, UInt16)] = []
        terms.reserveCapacity(ids.count)
        var index = 0
        while index < ids.count {
            var end = index + 1
            while end < ids.count, ids[end] == ids[index] { end += 1 }
            terms.append((ids[index], UInt16(clamping: end - index)))
            index = end
        }
        return (terms, tokens.count)
    }
}

/// The terms of a query, grouped by how they should be weighted.
struct QueryTerms {
    var accented: [Int32] = []
    var folded: [Int32] = []
    var accentedBigrams: [Int32] = []
    var foldedBigrams: [Int32] = []
    /// Terms from abbreviation expansions, in folded form.
    var expansion: [Int32] = []
    var hasDiacritics = false

    var isEmpty: Bool {
        accented.isEmpty && folded.isEmpty && accentedBigrams.isEmpty && foldedBigrams.isEmpty && expansion.isEmpty
    }

    /// Looks the query's tokens up; unknown terms are dropped since they match nothing.
    init(_ tokens: [Token], vocabulary: Vocabulary, abbreviations: AbbreviationTable?) {
        var previous: (accented: Int32?, folded: Int32?)?
        for token in tokens {
            hasDiacritics = hasDiacritics || token.hasDiacritics
            let accentedID = vocabulary.accented[token.text]
            let foldedID = vocabulary.folded[token.folded]
            if let accentedID { accented.append(accentedID) }
            if let foldedID { folded.append(foldedID) }
            if token.kind == .code {
                for part in token.parts {
                    let text = String(part)
                    if let id = vocabulary.accented[text] { accented.append(id) }
                    if let id = vocabulary.folded[Vietnamese.foldNormalized(text)] { folded.append(id) }
                }
            }
            if let previous {
                if let first = previous.accented, let second = accentedID,
                   let id = vocabulary.existingBigram(first, second) { accentedBigrams.append(id) }
                if let first = previous.folded, let second = foldedID,
                   let id = vocabulary.existingBigram(first, second) { foldedBigrams.append(id) }
            }
            previous = (accentedID, foldedID)
            if token.kind == .word, let expansions = abbreviations?.expansions(of: token.folded), let phrase = expansions.first {
                addExpansion(phrase, vocabulary: vocabulary)
            }
        }
    }

    private mutating func addExpansion(_ phrase: String, vocabulary: Vocabulary) {
        var previous: Int32?
        for token in Vietnamese.tokenize(phrase) {
            let id = vocabulary.folded[token.folded]
            if let id { expansion.append(id) }
            if let first = previous, let second = id, let bigram = vocabulary.existingBigram(first, second) {
                expansion.append(bigram)
            }
            previous = id
        }
    }
}
