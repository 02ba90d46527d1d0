import Foundation

/// Recognises the structural lines of a legal text. Hand-written scanning rather than
/// regular expressions: a 5 MB text has ~50k lines and this runs on every one.
enum LineKind: Equatable {
    case part(number: String, title: String)
    case chapter(number: String, title: String)
    case section(number: String, title: String)
    case article(number: String, title: String)
    case clause(number: String)
    case point(letter: String)
    case annex(number: String, title: String)
    case note(marker: String)
    case recipients
    case signature
    case text
}

enum LineClassifier {
    static func classify(_ line: Substring) -> LineKind {
        guard let first = line.first else { return .text }
        // Rows of a flattened table ("1a.\tQuy hoạch…", "1 | Chi phí…") are not provisions.
        if first.isNumber, let number = clauseLabel(line), !isTableRow(line) { return .clause(number: number) }
        if first.isLowercase, let letter = pointLabel(line), !isTableRow(line) { return .point(letter: letter) }
        if first == "Đ", let (number, title) = numbered(line, keyword: "Điều", strict: true) {
            return .article(number: number, title: title)
        }
        if first == "C" || first == "c" {
            if let (number, title) = numbered(line, keyword: "Chương", strict: false) {
                return .chapter(number: number, title: title)
            }
        }
        if first == "M" || first == "m", let (number, title) = numbered(line, keyword: "Mục", strict: false) {
            return .section(number: number, title: title)
        }
        if first == "P" || first == "p" {
            if let (number, title) = partHeading(line) { return .part(number: number, title: title) }
            if let (number, title) = annexHeading(line) { return .annex(number: number, title: title) }
        }
        if first == "[", let marker = noteMarker(line) { return .note(marker: marker) }
        if line.hasPrefix("Nơi nhận") { return .recipients }
        if isSignatureStart(line) { return .signature }
        return .text
    }

    /// A tab or " | " marks a row of a flattened table. Scanned as bytes: `contains` on strings
    /// goes through Foundation and was most of the parse time of a large text.
    static func isTableRow(_ line: Substring) -> Bool {
        var previous: (UInt8, UInt8) = (0, 0)
        for byte in line.utf8 {
            if byte == UInt8(ascii: "\t") { return true }
            if byte == UInt8(ascii: " "), previous == (UInt8(ascii: " "), UInt8(ascii: "|")) { return true }
            previous = (previous.1, byte)
        }
        return false
    }

    /// "2. …", "3a. …", "2.[5] …": digits, an optional letter, a dot, then a space or footnote.
    static func clauseLabel(_ line: Substring) -> String? {
        let digits = line.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, digits.count <= 3 else { return nil }
        var rest = line.dropFirst(digits.count)
        var label = String(digits)
        if let letter = rest.first, isPointLetter(letter), rest.dropFirst().first == "." {
            label.append(letter)
            rest = rest.dropFirst()
        }
        guard rest.first == "." else { return nil }
        rest = rest.dropFirst()
        // "3.Sau khi…" (a missing space) is still a clause; "1.000 đồng" is not.
        guard let next = rest.first, next.isWhitespace || next == "[" || next.isUppercase else { return nil }
        return label
    }

    /// "a) …", "đ) …", "a1) …".
    static func pointLabel(_ line: Substring) -> String? {
        guard let letter = line.first, isPointLetter(letter) else { return nil }
        let digits = line.dropFirst().prefix { $0.isASCII && $0.isNumber }
        let rest = line.dropFirst(1 + digits.count)
        guard rest.first == ")" else { return nil }
        return String(letter) + digits
    }

    static func isPointLetter(_ character: Character) -> Bool {
        character == "đ" || (character.isASCII && character.isLowercase && character.isLetter)
    }

    /// "Điều 5. Title", "Chương II", "CHƯƠNG II[39] (được bãi bỏ)", "Mục 1. TITLE".
    /// `strict` (articles) demands a dot or colon after the number, so that a sentence
    /// opening "Điều 58 của Luật…" is not taken for a heading.
    static func numbered(_ line: Substring, keyword: String, strict: Bool) -> (String, String)? {
        guard let afterKeyword = dropKeyword(keyword, from: line) else { return nil }
        let number = afterKeyword.prefix { $0.isLetter || $0.isNumber }
        guard !number.isEmpty, isNumeral(number) else { return nil }
        var rest = afterKeyword.dropFirst(number.count)
        rest = dropNoteMarkers(rest)
        if let mark = rest.first, mark == "." || mark == ":" {
            rest = rest.dropFirst()
        } else if strict {
            guard rest.allSatisfy(\.isWhitespace) else { return nil }
        } else if !rest.isEmpty {
            // A heading with its title on the same line has it in capitals ("Mục 1 ĐĂNG KÝ
            // KHAI SINH") or a status in brackets; otherwise this is a sentence ("Mục 1 của…").
            let title = cleanTitle(rest)
            guard rest.first?.isWhitespace == true,
                title.isEmpty || title.hasPrefix("(") || title == title.uppercased()
            else { return nil }
        }
        return (String(number), cleanTitle(rest))
    }

    /// "Phần thứ nhất", "PHẦN THỨ HAI. TITLE", "Phần I".
    static func partHeading(_ line: Substring) -> (String, String)? {
        guard var rest = dropKeyword("Phần", from: line) else { return nil }
        var number = ""
        if let afterOrdinal = dropKeyword("thứ", from: rest) {
            let word = afterOrdinal.prefix { $0.isLetter }
            guard !word.isEmpty else { return nil }
            number = "thứ " + word.lowercased()
            rest = afterOrdinal.dropFirst(word.count)
        } else {
            let numeral = rest.prefix { $0.isLetter || $0.isNumber }
            guard !numeral.isEmpty, isNumeral(numeral) else { return nil }
            number = String(numeral)
            rest = rest.dropFirst(numeral.count)
        }
        rest = dropNoteMarkers(rest)
        if let mark = rest.first, mark == "." || mark == ":" { rest = rest.dropFirst() }
        return (number, cleanTitle(rest))
    }

    /// "PHỤ LỤC", "PHỤ LỤC II", "Phụ lục 3": uppercase, or mixed case standing alone, so a
    /// sentence opening "Phụ lục I ban hành kèm theo…" stays text.
    static func annexHeading(_ line: Substring) -> (String, String)? {
        let upper = line.hasPrefix("PHỤ LỤC")
        guard upper || line.hasPrefix("Phụ lục") else { return nil }
        var rest = line.dropFirst("PHỤ LỤC".count)
        guard rest.isEmpty || rest.first?.isWhitespace == true else { return nil }
        rest = rest.drop { $0.isWhitespace }
        let numeral = rest.prefix { $0.isLetter || $0.isNumber }
        var number = ""
        if !numeral.isEmpty, isNumeral(numeral) {
            number = String(numeral)
            rest = rest.dropFirst(numeral.count)
        }
        rest = dropNoteMarkers(rest)
        if let mark = rest.first, mark == "." || mark == ":" || mark == "-" { rest = rest.dropFirst() }
        let title = cleanTitle(rest)
        if upper {
            guard title == title.uppercased() else { return nil }
        } else {
            guard title.isEmpty else { return nil }
        }
        return (number, title)
    }

    /// "[12] …" at the start of a line.
    static func noteMarker(_ line: Substring) -> String? {
        let digits = line.dropFirst().prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, line.dropFirst(1 + digits.count).first == "]" else { return nil }
        return String(digits)
    }

    /// "TM. CHÍNH PHỦ", "KT. BỘ TRƯỞNG", "Q. CHỦ TỊCH", "TL. …": the capacity line of a signature.
    static func isSignatureStart(_ line: Substring) -> Bool {
        for prefix in ["TM. ", "KT. ", "Q. ", "TL. ", "TUQ. "] where line.hasPrefix(prefix) {
            let office = line.dropFirst(prefix.count).split(separator: " ").prefix(2).joined()
            return !office.isEmpty && office == office.uppercased()
        }
        return false
    }

    /// Arabic digits with an optional letter ("28a"), or a Roman numeral ("XIV").
    static func isNumeral(_ token: Substring) -> Bool {
        if let first = token.first, first.isASCII, first.isNumber {
            let digits = token.prefix { $0.isASCII && $0.isNumber }
            let suffix = token.dropFirst(digits.count)
            return suffix.isEmpty || (suffix.count == 1 && suffix.first.map(isPointLetter) == true)
        }
        return token.allSatisfy { "IVXLCivxlc".contains($0) }
    }

    /// Title text with surrounding spaces and trailing footnote markers removed.
    static func cleanTitle(_ text: Substring) -> String {
        var title = text.trimmingCharacters(in: .whitespaces)[...]
        while title.hasSuffix("]"), let open = title.lastIndex(of: "["),
            title[title.index(after: open)..<title.index(before: title.endIndex)].allSatisfy(\.isNumber)
        {
            title = title[..<open].trimmingCharacters(in: .whitespaces)[...]
        }
        return String(title)
    }

    private static func dropKeyword(_ keyword: String, from line: Substring) -> Substring? {
        let head = line.prefix(keyword.count)
        guard head.count == keyword.count, head.lowercased() == keyword.lowercased() else { return nil }
        let rest = line.dropFirst(keyword.count)
        guard let space = rest.first, space.isWhitespace else { return nil }
        return rest.drop { $0.isWhitespace }
    }

    private static func dropNoteMarkers(_ text: Substring) -> Substring {
        var rest = text
        while rest.first == "[", let close = rest.firstIndex(of: "]"),
            rest[rest.index(after: rest.startIndex)..<close].allSatisfy(\.isNumber)
        {
            rest = rest[rest.index(after: close)...]
        }
        return rest
    }
}
