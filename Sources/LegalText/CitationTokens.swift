import Foundation

/// A word or punctuation mark of running text, with where it sits.
struct CitationToken {
    var text: Substring
    /// Lowercased, for keyword comparison.
    var lower: String
    var isWord: Bool

    var range: Range<String.Index> { text.startIndex..<text.endIndex }
    var startsUppercase: Bool { text.first?.isUppercase == true }
    /// "123/2015/NĐ-CP": a document number has a slash.
    var isDocumentNumber: Bool { isWord && text.contains("/") && text.first?.isNumber == true }
    /// "5", "28a": an article or clause number.
    var isProvisionNumber: Bool {
        guard isWord, let first = text.first, first.isASCII, first.isNumber else { return false }
        let digits = text.prefix { $0.isASCII && $0.isNumber }
        let rest = text.dropFirst(digits.count)
        return digits.count <= 3 && (rest.isEmpty || (rest.count == 1 && rest.first.map(LineClassifier.isPointLetter) == true))
    }
    /// "a", "đ", "a1": a point letter.
    var isPointLetter: Bool {
        guard isWord, let first = text.first, LineClassifier.isPointLetter(first) else { return false }
        return text.dropFirst().allSatisfy { $0.isASCII && $0.isNumber } && text.count <= 2
    }
}

enum CitationTokenizer {
    /// Words are runs of letters and digits, with "/" and "-" inside them kept ("123/2015/NĐ-CP");
    /// every other visible character is a one-character punctuation token.
    static func tokens(_ text: String) -> [CitationToken] {
        var tokens: [CitationToken] = []
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            if character.isWhitespace {
                index = text.index(after: index)
                continue
            }
            if isWordCharacter(character) {
                var end = text.index(after: index)
                while end < text.endIndex {
                    let next = text[end]
                    if isWordCharacter(next) {
                        end = text.index(after: end)
                    } else if next == "/" || next == "-", text.index(after: end) < text.endIndex,
                        isWordCharacter(text[text.index(after: end)])
                    {
                        end = text.index(after: end)
                    } else {
                        break
                    }
                }
                let word = text[index..<end]
                tokens.append(CitationToken(text: word, lower: word.lowercased(), isWord: true))
                index = end
            } else {
                let end = text.index(after: index)
                let mark = text[index..<end]
                tokens.append(CitationToken(text: mark, lower: String(mark), isWord: false))
                index = end
            }
        }
        return tokens
    }

    private static func isWordCharacter(_ character: Character) -> Bool {
        character.isLetter || character.isNumber
    }
}
