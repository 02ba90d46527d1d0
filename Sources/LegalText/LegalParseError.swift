import Foundation

/// Why a text could not be read as a legal document; every case names a line.
public enum LegalParseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// No line of the text is an article heading ("Điều 1. …").
    case noArticles(lineCount: Int)
    /// Two article headings carry the same number.
    case duplicateArticle(number: String, line: Int, firstLine: Int)
    /// The bytes are not UTF-8; `line` is 1-based, `byteOffset` counts from the start of the input.
    case invalidUTF8(line: Int, byteOffset: Int)

    /// The 1-based line the error is about.
    public var line: Int {
        switch self {
        case .noArticles(let lineCount): lineCount
        case .duplicateArticle(_, let line, _): line
        case .invalidUTF8(let line, _): line
        }
    }

    /// A Vietnamese message for officials, naming the line.
    public var description: String {
        switch self {
        case .noArticles(let lineCount):
            "Không tìm thấy Điều nào trong văn bản (\(lineCount) dòng)."
        case .duplicateArticle(let number, let line, let firstLine):
            "Dòng \(line): Điều \(number) trùng số với Điều ở dòng \(firstLine)."
        case .invalidUTF8(let line, let byteOffset):
            "Dòng \(line): dữ liệu không phải UTF-8 hợp lệ (byte thứ \(byteOffset))."
        }
    }
}
