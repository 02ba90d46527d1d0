import Foundation

/// The kind of a Vietnamese legal document (loại văn bản).
public enum DocumentType: String, Sendable, Hashable, Codable, CaseIterable {
    case constitution
    case code
    case law
    case ordinance
    case resolution
    case decree
    case decision
    case directive
    case jointCircular
    case circular
    case consolidatedText

    /// The name as written in running text, e.g. "Nghị định".
    public var vietnameseName: String {
        switch self {
        case .constitution: "Hiến pháp"
        case .code: "Bộ luật"
        case .law: "Luật"
        case .ordinance: "Pháp lệnh"
        case .resolution: "Nghị quyết"
        case .decree: "Nghị định"
        case .decision: "Quyết định"
        case .directive: "Chỉ thị"
        case .jointCircular: "Thông tư liên tịch"
        case .circular: "Thông tư"
        case .consolidatedText: "Văn bản hợp nhất"
        }
    }

    /// Finds the type named at the start of `words` (already lowercased), longest name first.
    /// Returns the type and how many words its name uses.
    static func match(lowercasedWords words: ArraySlice<String>) -> (type: DocumentType, wordCount: Int)? {
        for type in matchOrder {
            let nameWords = type.lowercasedNameWords
            guard words.count >= nameWords.count else { continue }
            if zip(words, nameWords).allSatisfy({ $0 == $1 }) {
                return (type, nameWords.count)
            }
        }
        return nil
    }

    /// The type whose name is the whole of `line` (a masthead line such as "NGHỊ ĐỊNH").
    static func fromHeading(_ line: String) -> (type: DocumentType, rest: String)? {
        let words = line.split(whereSeparator: \.isWhitespace).map { $0.lowercased() }
        guard let found = match(lowercasedWords: words[...]) else { return nil }
        let rest = line.split(whereSeparator: \.isWhitespace).dropFirst(found.wordCount).joined(separator: " ")
        return (found.type, rest)
    }

    /// Guesses the type from the symbol at the end of a document number ("…/NĐ-CP" is a decree).
    public static func inferred(fromNumber number: String) -> DocumentType? {
        let symbol = number.split(separator: "/").last.map { String($0).uppercased() } ?? ""
        if symbol.hasPrefix("NĐ") || symbol.hasPrefix("ND-") { return .decree }
        if symbol.hasPrefix("TTLT") { return .jointCircular }
        if symbol.hasPrefix("TT") { return .circular }
        if symbol.hasPrefix("QĐ") || symbol.hasPrefix("QD-") { return .decision }
        if symbol.hasPrefix("NQ") { return .resolution }
        if symbol.hasPrefix("CT-") { return .directive }
        if symbol.hasPrefix("VBHN") { return .consolidatedText }
        if symbol.hasPrefix("QH") { return .law }
        return nil
    }

    /// Longer names first, so "Thông tư liên tịch" wins over "Thông tư" and "Bộ luật" over "Luật".
    private static let matchOrder: [DocumentType] = allCases.sorted {
        $0.lowercasedNameWords.count > $1.lowercasedNameWords.count
    }

    private var lowercasedNameWords: [String] {
        vietnameseName.lowercased().split(separator: " ").map(String.init)
    }
}
