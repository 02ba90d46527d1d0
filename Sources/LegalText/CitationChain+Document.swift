import Foundation

extension CitationChain {
    /// Words that end a document name: "Luật Đất đai được sửa đổi…" names "Đất đai".
    static let nameStopWords: Set<String> = [
        "số", "năm", "ngày", "và", "hoặc", "thì", "là", "được", "để", "theo", "tại", "như", "có", "đã",
        "do", "mà", "khi", "đối", "trong", "nhưng", "sau", "trước", "này", "về", "với", "quy", "gồm",
        "điều", "khoản", "điểm", "chương", "mục", "phụ", "nay", "sửa", "đến", "từ", "cho", "không",
    ]
    /// Longest document name read, in words.
    static let longestName = 14

    /// The document after the provisions: "của Nghị định số 123/2015/NĐ-CP", "Luật Xây dựng năm 2014",
    /// "Nghị định này"; an interposed "Chương II" ("khoản 2 Điều 7, Chương II Luật Hộ tịch") is skipped.
    func readDocument() -> (reference: DocumentReference, end: Int)? {
        var cursor = position
        if cursor < tokens.count, tokens[cursor].lower == "của" { cursor += 1 }
        if let afterDivision = skipDivision(from: cursor) { cursor = afterDivision }
        if cursor < tokens.count, tokens[cursor].lower == "của" { cursor += 1 }
        guard cursor < tokens.count, tokens[cursor].startsUppercase else { return nil }
        let words = tokens[cursor...].prefix(3).map { $0.lower }
        guard let (type, wordCount) = DocumentType.match(lowercasedWords: words[...]) else { return nil }
        cursor += wordCount
        var reference = DocumentReference(type: type)

        if cursor < tokens.count, tokens[cursor].lower == "này" {
            reference = context.document ?? DocumentReference(type: type, isCurrent: true)
            return (reference, cursor + 1)
        }
        var nameWords: [Substring] = []
        if cursor < tokens.count, tokens[cursor].isWord, tokens[cursor].startsUppercase {
            while cursor < tokens.count, tokens[cursor].isWord, nameWords.count < Self.longestName,
                !Self.nameStopWords.contains(tokens[cursor].lower), !tokens[cursor].isDocumentNumber
            {
                nameWords.append(tokens[cursor].text)
                cursor += 1
            }
        }
        if !nameWords.isEmpty { reference.name = nameWords.joined(separator: " ") }
        if cursor < tokens.count, tokens[cursor].lower == "số", cursor + 1 < tokens.count,
            tokens[cursor + 1].isDocumentNumber
        {
            cursor += 1
        }
        if cursor < tokens.count, tokens[cursor].isDocumentNumber {
            reference.number = String(tokens[cursor].text)
            cursor += 1
        }
        if cursor + 1 < tokens.count, tokens[cursor].lower == "năm", let year = Int(tokens[cursor + 1].text),
            (1945...2100).contains(year)
        {
            reference.year = year
            cursor += 2
        } else if let (date, end) = readDate(from: cursor) {
            if reference.year == nil { reference.year = date }
            cursor = end
        }
        // "Luật" alone is too vague to name a document, except "Hiến pháp", which is unique.
        guard reference.name != nil || reference.number != nil || type == .constitution else { return nil }
        return (reference, cursor)
    }

    /// "Chương II", "Mục 3", optionally followed by a comma; returns the index after it.
    private func skipDivision(from start: Int) -> Int? {
        var cursor = start
        if cursor < tokens.count, tokens[cursor].lower == "," { cursor += 1 }
        guard cursor + 1 < tokens.count, ["chương", "mục"].contains(tokens[cursor].lower),
            LineClassifier.isNumeral(tokens[cursor + 1].text)
        else { return nil }
        cursor += 2
        if cursor < tokens.count, tokens[cursor].lower == "," { cursor += 1 }
        return cursor
    }

    /// "ngày 21 tháng 3 năm 2011" → (2011, index after it).
    private func readDate(from start: Int) -> (Int, Int)? {
        guard start + 5 < tokens.count, tokens[start].lower == "ngày", tokens[start + 2].lower == "tháng",
            tokens[start + 4].lower == "năm", let year = Int(tokens[start + 5].text)
        else { return nil }
        return (year, start + 6)
    }
}
