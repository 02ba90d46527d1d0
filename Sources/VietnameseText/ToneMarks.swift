/// Canonical tone-mark placement for one syllable.
///
/// HaiCap puts the tone on the first vowel of the open syllables `oa`, `oe`, `uy` (hòa, khỏe,
/// thủy, úy): the traditional placement, which is also what most of the bundled law texts use.
/// Both spellings of input become this one form, so a search matches whichever one a person typed.
/// The "new style" (hoà, khoẻ, thuỷ) differs only in that case; `secondVowelOpenPairs` is where to
/// change it if HaiCap ever switches.
enum ToneMarks {
    /// Open two-vowel syllables whose tone goes on the second vowel; empty for the traditional placement.
    static let secondVowelOpenPairs: Set<String> = []

    /// Moves the single tone mark of a syllable onto its canonical vowel; leaves anything that is not
    /// a well-formed Vietnamese syllable (no tone, several tones, foreign words) unchanged.
    static func place(_ letters: inout [Letter]) {
        var tonePosition = -1
        for index in letters.indices where letters[index].tone != .level {
            guard tonePosition < 0 else { return }
            tonePosition = index
        }
        guard tonePosition >= 0 else { return }
        guard let target = targetVowel(letters), target != tonePosition else { return }
        let tone = letters[tonePosition].tone
        letters[tonePosition].tone = .level
        letters[target].tone = tone
    }

    /// Index of the vowel that should carry the tone, or nil when the letters are not one syllable.
    static func targetVowel(_ letters: [Letter]) -> Int? {
        let count = letters.count
        var start = 0
        while start < count, !letters[start].isVowel { start += 1 }
        guard start < count else { return nil }
        // "qu" and "gi" before another vowel belong to the onset: quả, giữa, giường.
        if start + 1 < count, letters[start + 1].isVowel {
            let onsetEndsInQ = start > 0 && letters[start - 1].base == UInt8(ascii: "q")
                && letters[start].base == UInt8(ascii: "u") && letters[start].modifier == .none
            let onsetIsGi = start == 1 && letters[0].base == UInt8(ascii: "g")
                && letters[start].base == UInt8(ascii: "i")
            if onsetEndsInQ || onsetIsGi { start += 1 }
        }
        var end = start
        while end < count, letters[end].isVowel { end += 1 }
        guard end - start <= 3 else { return nil }
        for index in end..<count where letters[index].isVowel { return nil }
        guard isValidCoda(letters[end..<count]) else { return nil }

        var lastModified = -1
        for index in start..<end where letters[index].modifier != .none { lastModified = index }
        if lastModified >= 0 { return lastModified }
        let vowelCount = end - start
        if vowelCount == 1 { return start }
        if end < count { return end - 1 }
        if vowelCount == 3 { return start + 1 }
        let pair = String(decoding: [letters[start].base, letters[start + 1].base], as: UTF8.self)
        return secondVowelOpenPairs.contains(pair) ? start + 1 : start
    }

    private static func isValidCoda(_ coda: ArraySlice<Letter>) -> Bool {
        let bytes = coda.map(\.base)
        switch bytes.count {
        case 0: return true
        case 1: return "cmnpt".utf8.contains(bytes[bytes.startIndex])
        case 2: return bytes == Array("ng".utf8) || bytes == Array("nh".utf8) || bytes == Array("ch".utf8)
        default: return false
        }
    }
}
