import Foundation

/// Reads the masthead, title and preamble before the first heading, and the signature block.
enum HeaderReader {
    static func read(_ lines: [TextLine]) -> DocumentHeader {
        var header = DocumentHeader()
        let texts = lines.map { String($0.text) }
        var titleEnd = 0

        for (position, text) in texts.enumerated() {
            let cells = text.split(separator: "|").map { String(TextLines.trimmed($0[...])) }
            if position == 0, let issuer = mastheadIssuer(cells.first ?? "") { header.issuer = issuer }
            // Number and date are read from the masthead only: the preamble cites other
            // documents with their own numbers and dates.
            for cell in cells where header.type == nil {
                if header.number == nil, let number = numberCell(cell) { header.number = number }
                if header.date == nil, let (place, date) = placeAndDate(cell) {
                    header.date = date
                    header.place = place
                }
            }
            if header.type == nil, isUppercase(text), let (type, rest) = DocumentType.fromHeading(text) {
                header.type = type
                var title = rest.isEmpty ? [] : [rest]
                var next = position + 1
                while next < texts.count, isUppercase(texts[next]), !texts[next].hasPrefix("CĂN CỨ") {
                    title.append(texts[next])
                    next += 1
                }
                header.title = title.isEmpty ? nil : title.joined(separator: " ")
                titleEnd = next
            }
        }
        header.preamble = Array(texts[min(titleEnd, texts.count)...])
        if header.issuer == nil { header.issuer = preambleIssuer(header.preamble) }
        if header.number == nil { consolidatedOrigin(header.preamble, into: &header) }
        if header.type == nil, let number = header.number { header.type = DocumentType.inferred(fromNumber: number) }
        return header
    }

    /// "CHÍNH PHỦ -------" in the first cell of the first line.
    private static func mastheadIssuer(_ cell: String) -> String? {
        let name = cell.filter { $0 != "-" && $0 != "_" }.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, isUppercase(name), !name.hasPrefix("CỘNG HÒA"), !name.hasPrefix("CỘNG HOÀ"),
            DocumentType.fromHeading(name) == nil
        else { return nil }
        return name
    }

    /// "Số: 120/2025/NĐ-CP" or "Luật số: 60/2014/QH13".
    private static func numberCell(_ cell: String) -> String? {
        guard let range = cell.range(of: "số:", options: [.caseInsensitive]),
            cell[..<range.lowerBound].split(separator: " ").count <= 1
        else { return nil }
        let token = cell[range.upperBound...].split(whereSeparator: \.isWhitespace).first
        return token.map(String.init).flatMap { $0.contains("/") ? $0 : nil }
    }

    /// "Hà Nội, ngày 11 tháng 6 năm 2025".
    private static func placeAndDate(_ cell: String) -> (String?, CivilDate)? {
        guard let range = cell.range(of: "ngày "), let date = civilDate(in: cell[range.lowerBound...]) else {
            return nil
        }
        let place = cell[..<range.lowerBound].trimmingCharacters(in: CharacterSet(charactersIn: ", "))
        return (place.isEmpty ? nil : place, date)
    }

    /// The first "ngày D tháng M năm Y" in `text`.
    static func civilDate(in text: Substring) -> CivilDate? {
        let words = text.split(whereSeparator: { $0.isWhitespace || $0 == "," }).map { $0.lowercased() }
        guard words.count >= 6, let start = words.firstIndex(of: "ngày"), start + 5 < words.count,
            words[start + 2] == "tháng", words[start + 4] == "năm",
            let day = Int(words[start + 1]), let month = Int(words[start + 3]),
            let year = Int(words[start + 5].prefix { $0.isNumber }),
            (1...31).contains(day), (1...12).contains(month)
        else { return nil }
        return CivilDate(year: year, month: month, day: day)
    }

    /// "Chính phủ ban hành Nghị định …" names the issuer when the masthead is missing.
    private static func preambleIssuer(_ preamble: [String]) -> String? {
        for line in preamble {
            guard let range = line.range(of: " ban hành ") else { continue }
            let before = line[..<range.lowerBound]
            let subject = before.split(separator: ";").last.map { TextLines.trimmed($0) } ?? ""
            if !subject.isEmpty, subject.split(separator: " ").count <= 8 { return String(subject) }
        }
        return nil
    }

    /// A consolidated text (văn bản hợp nhất) opens with the original: "Nghị định số 123/2015/NĐ-CP
    /// ngày 15 tháng 11 năm 2015 của Chính phủ…"; its number is the one citations use.
    private static func consolidatedOrigin(_ preamble: [String], into header: inout DocumentHeader) {
        guard let type = header.type, let line = preamble.first,
            line.lowercased().hasPrefix(type.vietnameseName.lowercased())
        else { return }
        let words = line.split(whereSeparator: \.isWhitespace)
        guard let index = words.firstIndex(where: { $0.lowercased() == "số" }), index + 1 < words.count,
            words[index + 1].contains("/")
        else { return }
        header.number = String(words[index + 1])
        if let dateStart = line.range(of: "ngày ") {
            header.date = civilDate(in: line[dateStart.lowerBound...])
        }
    }

    /// The signature in the closing lines: capacity in capitals, then the signer's name.
    static func signer(in lines: [TextLine]) -> Signer? {
        var collected: [String] = []
        for line in lines {
            if !collected.isEmpty {
                collected.append(String(line.text))
            } else if LineClassifier.isSignatureStart(line.text) {
                collected.append(String(line.text))
            } else if let bar = line.text.lastIndex(of: "|") {
                // "- Lưu: VT, PL. | TM. CHÍNH PHỦ" or "… | CHỦ TỊCH QUỐC HỘI": the signature
                // sits in the right-hand cell of the recipients table.
                let cell = TextLines.trimmed(line.text[line.text.index(after: bar)...])
                let office = cell.split(separator: " ").prefix(2).joined()
                if !office.isEmpty, office == office.uppercased() { collected.append(String(cell)) }
            }
        }
        let words = collected.joined(separator: " ").split(whereSeparator: \.isWhitespace)
        // The name is the trailing run of words not in capitals; a one-letter word ("Nguyễn Văn A")
        // is part of the name whatever its case.
        let nameWords = words.reversed().prefix { word in word.count == 1 || word.contains { $0.isLowercase } }
            .reversed()
        guard !nameWords.isEmpty else { return nil }
        return Signer(
            capacity: words.dropLast(nameWords.count).joined(separator: " "),
            name: nameWords.joined(separator: " "))
    }

    static func isUppercase(_ text: String) -> Bool {
        text.contains { $0.isLetter } && text == text.uppercased()
    }
}
