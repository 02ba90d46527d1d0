import Foundation

/// One syllable, number or code found in a text, in normalised and folded form.
public struct Token: Sendable, Hashable {
    /// What a token is made of.
    public enum Kind: Sendable, Hashable {
        /// Letters only: a syllable or a foreign word.
        case word
        /// Digits, possibly grouped (`1.000.000`, `1,5`).
        case number
        /// Anything kept whole across `/ . - ,`: `120/2025/nđ-cp`, `01/7/2025`, `1.001193`, `qđ-ubnd`.
        case code
    }

    /// Normalised text with diacritics (see `Vietnamese.normalize`).
    public let text: String
    /// `text` without diacritics, `đ` → `d`.
    public let folded: String
    public let kind: Kind
    /// Where the token lies in the string it was read from.
    public let range: Range<String.Index>

    /// Creates a token.
    public init(text: String, folded: String, kind: Kind, range: Range<String.Index>) {
        self.text = text
        self.folded = folded
        self.kind = kind
        self.range = range
    }

    /// The syllables and numbers inside a code (`120/2025/nđ-cp` → `120`, `2025`, `nđ`, `cp`); a word's is itself.
    public var parts: [Substring] {
        kind == .word ? [text[...]] : text.split(whereSeparator: { "/.-,".contains($0) })
    }

    /// Whether the normalised text carries diacritics.
    public var hasDiacritics: Bool { text != folded }
}

extension Vietnamese {
    /// Splits text into syllables, numbers and codes; legal codes (`120/2025/NĐ-CP`), dates and
    /// amounts stay whole, while `và/hoặc` and `CCCD/CMND` split.
    ///
    /// A hyphen always joins the runs it touches; `/` joins when the code has a digit; `.` joins digits
    /// and upper-case abbreviations (`1.000.000`, `TP.HCM`, not `1.Ở`); `,` joins digits only (`1,5`).
    public static func tokenize(_ text: String) -> [Token] {
        let scalars = text.unicodeScalars
        var tokens: [Token] = []
        var group: [Run] = []
        var current: Run?
        // A connector seen right after a run; it glues that run to the next one if a run starts next.
        var pendingConnector: Unicode.Scalar?

        var index = scalars.startIndex
        while index < scalars.endIndex {
            let scalar = scalars[index]
            let next = scalars.index(after: index)
            switch Characters.classify(scalar) {
            case .letter, .digit, .mark:
                if current == nil {
                    var run = Run(start: index)
                    if let connector = pendingConnector {
                        run.separator = Characters.plainConnector(connector)
                    } else {
                        emit(&group, into: &tokens)
                    }
                    pendingConnector = nil
                    current = run
                }
                current?.add(scalar, end: next)
            case .ignored:
                current?.end = next
            case .connector:
                if let run = current {
                    group.append(run)
                    current = nil
                    pendingConnector = scalar
                } else {
                    pendingConnector = nil
                    emit(&group, into: &tokens)
                }
            case .space, .other:
                if let run = current { group.append(run) }
                current = nil
                pendingConnector = nil
                emit(&group, into: &tokens)
            }
            index = next
        }
        if let run = current { group.append(run) }
        emit(&group, into: &tokens)
        return tokens
    }

    /// Whether a separator keeps two runs in one token.
    static func joins(_ left: Run, _ right: Run, by separator: Unicode.Scalar, codeHasDigit: Bool) -> Bool {
        switch separator {
        case ",": return left.isDigitsOnly && right.isDigitsOnly
        case ".": return (left.isDigitsOnly || left.isUppercaseCode) && (right.isDigitsOnly || right.isUppercaseCode)
        case "/": return left.hasDigit || right.hasDigit || codeHasDigit
        // Hyphens join whatever they touch, so `QĐ-UBND` and a lower-case `qđ-ubnd` agree; callers
        // that need the syllables inside (search) use `Token.parts`.
        case "-": return true
        default: return false
        }
    }

    /// Turns the runs collected since the last break into tokens and empties `group`.
    private static func emit(_ group: inout [Run], into tokens: inout [Token]) {
        guard !group.isEmpty else { return }
        var first = 0
        var codeHasDigit = group[0].hasDigit
        for index in 1...group.count {
            let closes = index == group.count
                || !joins(group[index - 1], group[index], by: group[index].separator ?? " ", codeHasDigit: codeHasDigit)
            if closes {
                tokens.append(makeToken(group[first..<index]))
                first = index
                codeHasDigit = false
            }
            if index < group.count { codeHasDigit = codeHasDigit || group[index].hasDigit }
        }
        group.removeAll(keepingCapacity: true)
    }

    private static func makeToken(_ runs: ArraySlice<Run>) -> Token {
        var text = String.UnicodeScalarView()
        var allDigits = true
        var onlyGrouping = true
        for (offset, run) in runs.enumerated() {
            if offset > 0, let separator = run.separator {
                text.append(separator)
                if separator != "." && separator != "," { onlyGrouping = false }
            }
            allDigits = allDigits && run.isDigitsOnly
            if run.hasMark {
                let composed = String(String.UnicodeScalarView(run.scalars)).precomposedStringWithCanonicalMapping
                appendNormalizedWord(Array(composed.unicodeScalars)[...], to: &text)
            } else {
                appendNormalizedWord(run.scalars[...], to: &text)
            }
        }
        let normalized = String(text)
        let kind: Token.Kind
        if runs.count == 1 && !runs[runs.startIndex].hasDigit {
            kind = .word
        } else if allDigits && onlyGrouping {
            kind = .number
        } else {
            kind = .code
        }
        let range = runs[runs.startIndex].start..<runs[runs.endIndex - 1].end
        return Token(text: normalized, folded: foldNormalized(normalized), kind: kind, range: range)
    }

    /// A maximal run of letters, digits and marks.
    struct Run {
        var start: String.Index
        var end: String.Index
        var scalars: [Unicode.Scalar] = []
        var hasDigit = false
        var hasLetter = false
        var hasLowercase = false
        var hasMark = false
        var startsUppercase = false
        /// The connector right before this run, when it touched the previous run on both sides.
        var separator: Unicode.Scalar?

        init(start: String.Index) {
            self.start = start
            self.end = start
        }

        mutating func add(_ scalar: Unicode.Scalar, end: String.Index) {
            scalars.append(scalar)
            self.end = end
            switch Characters.classify(scalar) {
            case .digit: hasDigit = true
            case .mark: hasMark = true
            default:
                hasLetter = true
                let isUpper: Bool
                if let letter = Letters.letter(scalar) {
                    isUpper = letter.isUppercase
                } else {
                    isUpper = scalar.properties.isUppercase
                }
                if scalars.count == 1 { startsUppercase = isUpper }
                if !isUpper { hasLowercase = true }
            }
        }

        var isUppercaseWord: Bool { hasLetter && !hasDigit && !hasLowercase }
        /// Upper case and long enough to be an abbreviation rather than a capitalised first letter.
        var isUppercaseCode: Bool { isUppercaseWord && scalars.count >= 2 }
        var isDigitsOnly: Bool { hasDigit && !hasLetter }
    }
}
