import Foundation

/// Vietnamese text normalisation and folding used across HaiCap.
public enum Vietnamese {
    /// NFC (NFD input too), canonical tone placement (hoà → hòa, see `ToneMarks`), lower case,
    /// typographic punctuation made plain, control characters dropped, whitespace collapsed.
    public static func normalize(_ text: String) -> String {
        var output = String.UnicodeScalarView()
        var word: [Unicode.Scalar] = []
        var pendingSpace = false
        for scalar in composed(text).unicodeScalars {
            switch Characters.classify(scalar) {
            case .letter, .mark:
                word.append(scalar)
                continue
            case .digit, .connector, .other:
                flush(&word, into: &output, pendingSpace: &pendingSpace)
                if scalar.value >= 0x80, let plain = Characters.plainPunctuation(scalar) {
                    output.append(contentsOf: plain.unicodeScalars)
                } else {
                    output.append(scalar)
                }
            case .space:
                if !word.isEmpty { flush(&word, into: &output, pendingSpace: &pendingSpace) }
                pendingSpace = !output.isEmpty
            case .ignored:
                continue
            }
        }
        if !word.isEmpty { flush(&word, into: &output, pendingSpace: &pendingSpace) }
        return String(output)
    }

    /// Lower case, without diacritics; `đ`/`Đ` fold to `d` (Unicode folding alone keeps them).
    public static func fold(_ text: String) -> String {
        foldNormalized(normalize(text))
    }

    /// Folds text that is already the output of `normalize`, skipping the second normalisation.
    public static func foldNormalized(_ normalized: String) -> String {
        var output = String.UnicodeScalarView()
        for scalar in normalized.unicodeScalars {
            if scalar.isASCII {
                output.append(scalar)
            } else if let letter = Letters.letter(scalar) {
                output.append(Unicode.Scalar(letter.base))
            } else {
                output.append(contentsOf: Characters.foldOther(scalar))
            }
        }
        return String(output)
    }

    /// Whether the text carries any Vietnamese diacritic (tone, modifier or đ).
    public static func hasDiacritics(_ text: String) -> Bool {
        for scalar in text.unicodeScalars where !scalar.isASCII {
            if let letter = Letters.letter(scalar), letter.tone != .level || letter.modifier != .none {
                return true
            }
            if (0x300...0x36F).contains(scalar.value) { return true }
        }
        return false
    }

    /// The text as NFC; the Foundation call is skipped when no combining mark is present, which is
    /// nearly always and keeps indexing fast.
    static func composed(_ text: String) -> String {
        for scalar in text.unicodeScalars where scalar.value >= 0x300 {
            if (0x300...0x36F).contains(scalar.value) { return text.precomposedStringWithCanonicalMapping }
            if Letters.letter(scalar) == nil, scalar.properties.canonicalCombiningClass != .notReordered {
                return text.precomposedStringWithCanonicalMapping
            }
        }
        return text
    }

    private static func flush(
        _ word: inout [Unicode.Scalar],
        into output: inout String.UnicodeScalarView,
        pendingSpace: inout Bool
    ) {
        if pendingSpace {
            output.append(" ")
            pendingSpace = false
        }
        guard !word.isEmpty else { return }
        appendNormalizedWord(word[...], to: &output)
        word.removeAll(keepingCapacity: true)
    }

    /// Lower-cases a run of letters (already NFC) and, when it is one syllable, puts its tone in place.
    static func appendNormalizedWord(_ word: ArraySlice<Unicode.Scalar>, to output: inout String.UnicodeScalarView) {
        var letters: [Letter] = []
        letters.reserveCapacity(word.count)
        var hasTone = false
        for scalar in word {
            guard let letter = Letters.letter(scalar) else {
                for other in word { appendLowercased(other, to: &output) }
                return
            }
            hasTone = hasTone || letter.tone != .level
            letters.append(letter)
        }
        if hasTone { ToneMarks.place(&letters) }
        for letter in letters {
            if let scalar = Letters.compose(letter.base, letter.modifier, letter.tone) {
                output.append(scalar)
            }
        }
    }

    private static func appendLowercased(_ scalar: Unicode.Scalar, to output: inout String.UnicodeScalarView) {
        if let letter = Letters.letter(scalar), let lower = Letters.compose(letter.base, letter.modifier, letter.tone) {
            output.append(lower)
        } else if scalar.properties.changesWhenLowercased {
            output.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
        } else {
            output.append(scalar)
        }
    }
}
