import Foundation

/// CSV for download: UTF-8 with a byte-order mark, CRLF line ends, RFC 4180 quoting.
///
/// `ProcedureCSV` only reads CSV, so the writer lives here; files written by it import back through
/// `ProcedureCSV`, which strips the BOM and accepts CRLF.
public enum CSVDocument {
    /// The file bytes; the BOM makes Excel read the Vietnamese text as UTF-8 rather than the ANSI code page.
    public static func data(header: [String], rows: [[String]]) -> Data {
        var text = ""
        for row in (header.isEmpty ? [] : [header]) + rows {
            text += row.map(field).joined(separator: ",")
            text += "\r\n"
        }
        return Data([0xEF, 0xBB, 0xBF]) + Data(text.utf8)
    }

    /// One cell, defused against formula injection, then quoted when it holds a delimiter, quote or line break.
    ///
    /// `;` is quoted as well: Excel with Vietnamese regional settings splits on it.
    static func field(_ value: String) -> String {
        var value = value
        if let first = value.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first), !isPlainNumber(value) {
            value = "'" + value
        }
        // Scalars, not Characters: "a,\u{301}b" is one Character around the comma, yet Excel splits it there.
        guard value.unicodeScalars.contains(where: { $0 == "," || $0 == ";" || $0 == "\"" || isLineBreak($0) }) else { return value }
        // Doubled scalar by scalar too: `replacingOccurrences` matches Characters and misses a quote carrying a mark.
        var quoted = String.UnicodeScalarView()
        quoted.append("\"")
        for scalar in value.unicodeScalars {
            if scalar == "\"" { quoted.append("\"") }
            quoted.append(scalar)
        }
        quoted.append("\"")
        return String(quoted)
    }

    /// The scalars `Character.isNewline` treats as line breaks (CR LF counts as two here).
    static func isLineBreak(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A...0x0D, 0x85, 0x2028, 0x2029: true
        default: false
        }
    }

    /// A signed number such as `-3`, `+84`, `-12,5`, `-1.234.567,89` or `-5%`: nothing a spreadsheet evaluates.
    static func isPlainNumber(_ value: String) -> Bool {
        var body = Substring(value)
        if body.first == "-" || body.first == "+" { body = body.dropFirst() }
        if body.last == "%" { body = body.dropLast() }
        guard let first = body.first, let last = body.last, first.isASCIIDigit, last.isASCIIDigit else { return false }
        var previousWasSeparator = false
        for ch in body {
            if ch.isASCIIDigit {
                previousWasSeparator = false
            } else if ch == "." || ch == "," {
                if previousWasSeparator { return false }
                previousWasSeparator = true
            } else {
                return false
            }
        }
        return true
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
