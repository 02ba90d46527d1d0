import Foundation

/// How well restoration did on text whose diacritics were removed and put back.
public struct RestorationReport: Sendable, Hashable, Codable {
    /// Word tokens (syllables and foreign words) compared.
    public var syllables: Int
    /// Syllables restored exactly as written in the original (after normalisation).
    public var correct: Int
    /// Syllables right when each takes its most frequent accented form, ignoring context: the baseline.
    public var correctWithoutContext: Int

    /// Creates a report; counts from several runs add up.
    public init(syllables: Int = 0, correct: Int = 0, correctWithoutContext: Int = 0) {
        self.syllables = syllables
        self.correct = correct
        self.correctWithoutContext = correctWithoutContext
    }

    /// Share of syllables restored exactly.
    public var accuracy: Double { syllables > 0 ? Double(correct) / Double(syllables) : 0 }
    /// Share right for the baseline.
    public var accuracyWithoutContext: Double { syllables > 0 ? Double(correctWithoutContext) / Double(syllables) : 0 }
}

extension DiacriticRestorer {
    /// Splits text into lines for training and lines held out: every `every`-th non-empty line
    /// (the 10th, 20th, … with the default) is held out.
    public static func heldOutSplit(_ text: String, every: Int = 10) -> (training: [String], heldOut: [String]) {
        var training: [String] = [], heldOut: [String] = []
        let lines = text.split(whereSeparator: \.isNewline).filter { !$0.allSatisfy(\.isWhitespace) }
        for (index, line) in lines.enumerated() {
            if every > 0, (index + 1) % every == 0 { heldOut.append(String(line)) } else { training.append(String(line)) }
        }
        return (training, heldOut)
    }

    /// Strips the diacritics of each line, restores them and compares word by word with the original.
    public func evaluate(heldOut lines: [String]) -> RestorationReport {
        var report = RestorationReport()
        for line in lines {
            let expected = Vietnamese.tokenize(line)
            let restored = Vietnamese.tokenize(restore(Vietnamese.stripDiacritics(line)))
            // Restoration changes letters only, so tokens line up; a mismatch would be a bug, counted wrong.
            for (index, original) in expected.enumerated() where original.kind == .word {
                report.syllables += 1
                if index < restored.count, restored[index].text == original.text { report.correct += 1 }
                if let first = candidates[original.folded]?.first, syllables[Int(first)] == original.text {
                    report.correctWithoutContext += 1
                } else if candidates[original.folded] == nil, original.text == original.folded {
                    report.correctWithoutContext += 1
                }
            }
        }
        return report
    }
}

extension Vietnamese {
    /// The text without diacritics, as typed on a phone without a Vietnamese keyboard: tones and vowel
    /// marks removed, `đ`/`Đ` → `d`/`D`; case, spacing and punctuation are kept.
    public static func stripDiacritics(_ text: String) -> String {
        var output = String.UnicodeScalarView()
        for scalar in composed(text).unicodeScalars {
            if scalar.isASCII {
                output.append(scalar)
            } else if let letter = Letters.letter(scalar) {
                output.append(Unicode.Scalar(letter.isUppercase ? letter.base - 32 : letter.base))
            } else {
                output.append(contentsOf: Characters.foldOther(scalar))
            }
        }
        return String(output)
    }
}
