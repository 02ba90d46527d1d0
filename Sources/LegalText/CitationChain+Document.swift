import Foundation

extension CitationChain {
    /// Words that end a document name: "Luật Đất đai được sửa đổi…" names "Đất đai".
    static let nameStopWords: Set<String> = [
        "số", "năm", "ngày", "và", "hoặc", "thì", "là", "được", "để", "theo", "tại", "như", "có", "đã",
        "do", "mà", "khi", "đối", "trong", "nhưng", "sau", "trước", "này", "về", "với", "quy", "gồm",
        "điều", "khoản", "điểm", "chương", "mục", "phụ", "nay", "sửa", "đến", "từ", "cho", "không", "bao",
        "gồm", "phải", "nếu", "trừ", "hướng", "thi", "hiện", "các", "những", "của",
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
        if cursor < tokens.count, tokens[cursor].isWord, tokens[cursor].startsUppercase {
            let (name, end) = readName(from: cursor)
            if !name.isEmpty { reference.name = name }
            cursor = end
        }
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

    /// A document name: "Xây dựng", "Hôn nhân và gia đình", "Phòng, chống tham nhũng",
    /// "Trách nhiệm bồi thường của Nhà nước". A comma or "và" continues the name only before a
    /// lowercase word that could belong to it; "của" only in "của Nhà nước". Some names still run
    /// on ("Luật Hộ tịch và giấy tờ…"), which is why resolution also accepts a title that begins the name.
    private func readName(from start: Int) -> (String, Int) {
        var name = ""
        var cursor = start
        var count = 0
        func continuesName(_ index: Int) -> Bool {
            index < tokens.count && tokens[index].isWord && !tokens[index].startsUppercase
                && !Self.nameStopWords.contains(tokens[index].lower) && !tokens[index].isProvisionNumber
        }
        while cursor < tokens.count, count < Self.longestName {
            let token = tokens[cursor]
            // Names with a comma have it early ("Phòng, chống…", "Quản lý, sử dụng…"); later, a
            // comma more likely ends the name ("Luật Nuôi con nuôi, xin ý kiến…").
            let commaFits = token.lower == "," && count <= 2
            if commaFits || token.lower == "và", count > 0, continuesName(cursor + 1) {
                name += token.lower == "," ? "," : " và"
                cursor += 1
                continue
            }
            if token.lower == "của", count > 0, cursor + 2 < tokens.count,
                tokens[cursor + 1].lower == "nhà", tokens[cursor + 2].lower == "nước"
            {
                name += " của " + tokens[cursor + 1].text + " " + tokens[cursor + 2].text
                cursor += 3
                count += 3
                continue
            }
            guard token.isWord, !Self.nameStopWords.contains(token.lower), token.lower != "của",
                !token.isDocumentNumber
            else { break }
            name += (name.isEmpty ? "" : " ") + token.text
            count += 1
            cursor += 1
        }
        return (name, cursor)
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
