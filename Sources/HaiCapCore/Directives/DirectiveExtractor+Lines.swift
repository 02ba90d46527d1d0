import Foundation

/// A line of a directive once wrapped lines are joined and inline list items split off.
struct DirectiveLine {
    /// A list marker's level: I. = 0, 1. = 1, 1.1. = 2, a) = 5, (1) = 6, "-" = 7, "+" = 8; nil for a plain line.
    var rank: Int?
    var body: Substring
    var isBlank: Bool { body.isEmpty }
}

enum DirectiveLines {
    static let romanNumerals: Set<String> = [
        "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV",
    ]

    /// The list marker at the start of `line` ("- ", "1.", "2.1.", "a)", "(1)", "IV."), its rank and the text after it.
    static func marker(_ line: Substring) -> (rank: Int, body: Substring)? {
        guard let first = line.first else { return nil }
        func body(after index: Substring.Index) -> Substring {
            line[index...].drop(while: { $0.isWhitespace })
        }
        if "-–—•*·▪●○►+".contains(first) {
            let rest = body(after: line.index(after: line.startIndex))
            // "-5%" is a number, "--" a rule.
            guard let next = rest.first, !next.isNumber || rest.startIndex > line.index(after: line.startIndex), next != first else { return nil }
            return (first == "+" ? 8 : 7, rest)
        }
        var chars: [Character] = []
        var indices: [Substring.Index] = []
        var i = line.startIndex
        while i < line.endIndex, chars.count < 14 {
            chars.append(line[i])
            indices.append(i)
            i = line.index(after: i)
        }
        func followedBySpace(_ k: Int) -> Bool { k >= chars.count || chars[k].isWhitespace }
        func after(_ k: Int) -> Substring { k < indices.count ? body(after: indices[k]) : line[line.endIndex...] }
        // "(1)", "(a)".
        if first == "(", let close = chars.firstIndex(of: ")"), close >= 2, close <= 3 {
            let inner = chars[1..<close]
            if inner.allSatisfy(\.isNumber) || (inner.count == 1 && inner.first!.isLetter) { return (6, after(close + 1)) }
        }
        // "IV.", "II)".
        var k = 0
        while k < chars.count, "IVXL".contains(chars[k]) { k += 1 }
        if k > 0, k < chars.count, chars[k] == "." || chars[k] == ")", followedBySpace(k + 1),
           romanNumerals.contains(String(chars[0..<k])) {
            return (0, after(k + 1))
        }
        // "1.", "2)", "2.1.", "2.1".
        var groups = 0
        k = 0
        while k < chars.count, chars[k].isASCII, chars[k].isNumber {
            let start = k
            while k < chars.count, chars[k].isASCII, chars[k].isNumber { k += 1 }
            guard k - start <= 2 else { return nil }
            groups += 1
            if k < chars.count, chars[k] == ".", k + 1 < chars.count, chars[k + 1].isNumber {
                k += 1
                continue
            }
            break
        }
        if groups > 0 {
            if k < chars.count, chars[k] == "." || chars[k] == ")", followedBySpace(k + 1), k + 1 < chars.count || groups > 1 {
                return (groups, after(k + 1))
            }
            if groups > 1, k < chars.count, chars[k].isWhitespace { return (groups, after(k)) }
            return nil
        }
        // "a)", "b.", "đ)".
        if chars.count >= 2, first.isLetter, first.isLowercase || chars[1] == ")", chars[1] == ")" || chars[1] == ".", followedBySpace(2), chars.count > 2 {
            return (5, after(2))
        }
        return nil
    }

    /// The lines of `text`: a line that continues the previous one (starts lower case, the previous has no
    /// closing punctuation) is joined to it, and list items run into one line ("…sau: - Rà soát…; - Báo cáo…")
    /// are split.
    static func lines(_ text: String) -> [DirectiveLine] {
        var out: [DirectiveLine] = []
        var pending: String?
        func flush() {
            guard let p = pending else { return }
            pending = nil
            for piece in splitInline(p[...]) {
                let trimmed = trim(piece)
                if let (rank, body) = marker(trimmed) {
                    out.append(DirectiveLine(rank: rank, body: trim(body)))
                } else {
                    out.append(DirectiveLine(rank: nil, body: trimmed))
                }
            }
        }
        for raw in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            let line = trim(raw)
            if line.isEmpty {
                flush()
                out.append(DirectiveLine(rank: nil, body: ""[...]))
                continue
            }
            if var p = pending, let first = line.first, first.isLowercase || first.isNumber, marker(line) == nil,
               let last = p.last, !".;:!?".contains(last) {
                p.append(" ")
                p.append(contentsOf: line)
                pending = p
                continue
            }
            flush()
            pending = String(line)
        }
        flush()
        return out
    }

    /// Splits a line where a list item starts after ":", ";" or ".".
    static func splitInline(_ line: Substring) -> [Substring] {
        var out: [Substring] = []
        var start = line.startIndex
        var i = line.startIndex
        while i < line.endIndex {
            let ch = line[i]
            let next = line.index(after: i)
            if ":;.".contains(ch), next < line.endIndex, line[next].isWhitespace {
                let rest = line[next...].drop(while: { $0.isWhitespace })
                if let first = rest.first, "-–•+(".contains(first) || first.isNumber || (first.isLetter && first.isLowercase),
                   let (rank, body) = marker(rest), inlineBreak(after: ch, rank: rank, body: body) {
                    out.append(line[start..<next])
                    start = rest.startIndex
                    i = rest.startIndex
                    continue
                }
            }
            i = next
        }
        out.append(line[start...])
        return out
    }

    private static func inlineBreak(after ch: Character, rank: Int, body: Substring) -> Bool {
        guard let first = body.first else { return false }
        switch rank {
        case 7, 8: return ch != "."
        case 5, 6: return ch != "."
        default: return first.isUppercase
        }
    }

    /// Whitespace (also no-break spaces) removed from both ends, scalar by scalar so long runs stay cheap.
    static func trim(_ s: Substring) -> Substring {
        let scalars = s.unicodeScalars
        var start = scalars.startIndex
        while start < scalars.endIndex, scalars[start].properties.isWhitespace { start = scalars.index(after: start) }
        var end = scalars.endIndex
        while end > start {
            let previous = scalars.index(before: end)
            guard scalars[previous].properties.isWhitespace else { break }
            end = previous
        }
        return s[start..<end]
    }

    /// Abbreviations a "." does not end a sentence after.
    static let abbreviations: Set<String> = [
        "TP", "Tp", "tp", "P", "p", "TX", "TT", "KT", "Q", "ThS", "TS", "PGS", "GS", "BS", "Đ/c", "đ/c", "ĐC", "St", "Th", "X", "x",
    ]

    /// Sentences of a line: split at ";" and at ". " (also "!", "?") before a capital, a digit or a list marker.
    /// `clause` is true for a piece that ended with ";", so the next piece continues its sentence.
    static func sentences(_ body: Substring) -> [(text: Substring, clause: Bool)] {
        var out: [(Substring, Bool)] = []
        var start = body.startIndex
        var wordStart = body.startIndex
        var i = body.startIndex
        while i < body.endIndex {
            let ch = body[i]
            let next = body.index(after: i)
            if ch.isWhitespace {
                wordStart = next
            } else if ch == ";" {
                out.append((body[start..<i], true))
                start = next
                wordStart = next
            } else if ".!?".contains(ch), next < body.endIndex, body[next].isWhitespace {
                let rest = body[next...].drop(while: { $0.isWhitespace })
                let word = String(body[wordStart..<i])
                if let f = rest.first, f.isUppercase || f.isNumber || "-(".contains(f), !abbreviations.contains(word) {
                    out.append((body[start..<next], false))
                    start = rest.startIndex
                    wordStart = rest.startIndex
                    i = rest.startIndex
                    continue
                }
            }
            i = next
        }
        if start < body.endIndex { out.append((body[start...], false)) }
        return out.map { (trim($0.0), $0.1) }.filter { !$0.0.isEmpty }
    }
}
