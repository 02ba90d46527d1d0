import Foundation

/// One paragraph of the input with its 1-based line number and what it is.
struct TextLine {
    var text: Substring
    var number: Int
    var kind: LineKind
}

enum TextLines {
    /// Splits on LF, CRLF or CR, trims each line, classifies it, and marks the lines inside a
    /// multi-line quotation as plain text: amending decrees quote whole clauses and articles
    /// ("Sửa đổi khoản 3 Điều 5 như sau: “3. …”"), which must stay inside the amending provision.
    static func read(_ text: String) -> [TextLine] {
        var lines: [TextLine] = []
        lines.reserveCapacity(text.utf8.count / 80 + 1)
        var start = text.startIndex
        var number = 0
        let utf8 = text.utf8
        var index = utf8.startIndex
        while index < utf8.endIndex {
            let byte = utf8[index]
            if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
                number += 1
                lines.append(TextLine(text: trimmed(text[start..<index]), number: number, kind: .text))
                var next = utf8.index(after: index)
                if byte == UInt8(ascii: "\r"), next < utf8.endIndex, utf8[next] == UInt8(ascii: "\n") {
                    next = utf8.index(after: next)
                }
                start = next
                index = next
            } else {
                index = utf8.index(after: index)
            }
        }
        if start < text.endIndex {
            number += 1
            lines.append(TextLine(text: trimmed(text[start...]), number: number, kind: .text))
        }
        let quoted = quotedLines(lines)
        for position in lines.indices where !quoted[position] {
            lines[position].kind = LineClassifier.classify(lines[position].text)
        }
        return lines
    }

    static func trimmed(_ line: Substring) -> Substring {
        guard let first = line.firstIndex(where: { !$0.isWhitespace }),
            let last = line.lastIndex(where: { !$0.isWhitespace })
        else { return line[line.endIndex...] }
        return line[first...last]
    }

    /// Longest quotation followed across lines; an opening quote that is not closed within this
    /// many lines is taken for a typo rather than allowed to swallow the rest of the text.
    static let longestQuotation = 400

    /// For each line, whether it lies inside a quotation opened on an earlier line.
    static func quotedLines(_ lines: [TextLine]) -> [Bool] {
        // “ is E2 80 9C and ” is E2 80 9D in UTF-8; bytes are much faster to scan than scalars.
        let balance = lines.map { line -> Int in
            var count = 0
            var previous: (UInt8, UInt8) = (0, 0)
            for byte in line.text.utf8 {
                if previous == (0xE2, 0x80) {
                    if byte == 0x9C { count += 1 } else if byte == 0x9D { count -= 1 }
                }
                previous = (previous.1, byte)
            }
            return count
        }
        var quoted = Array(repeating: false, count: lines.count)
        var position = 0
        while position < lines.count {
            guard balance[position] > 0 else {
                position += 1
                continue
            }
            var depth = balance[position]
            var end = position + 1
            let limit = min(lines.count, position + longestQuotation)
            while end < limit, depth > 0 {
                depth += balance[end]
                if depth > 0 { end += 1 }
            }
            if depth <= 0, end < lines.count {
                for inside in (position + 1)...end { quoted[inside] = true }
                position = end + 1
            } else {
                position += 1
            }
        }
        return quoted
    }
}
