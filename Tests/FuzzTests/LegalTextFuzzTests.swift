import Foundation
import LegalText
import Testing

/// The legal text parser and the citation finder and resolver on mutated decree excerpts.
extension FuzzTests {
    @Suite("Fuzz: legal text")
    struct LegalTextFuzz {
        static let tokens = FuzzTokens.legal + FuzzTokens.common

        @Test("text: parse, find citations, resolve them in the parsed document")
        func text() throws {
            let runner = try FuzzRunner(target: "legal-text", mutator: Mutator(tokens: Self.tokens, allowInvalidUTF8: false))
            runner.run { bytes in
                try Self.checkText(String(decoding: bytes, as: UTF8.self))
            }
        }

        @Test("bytes: invalid UTF-8 is reported at the first bad sequence")
        func bytes() throws {
            let runner = try FuzzRunner(target: "legal-bytes", mutator: Mutator(tokens: Self.tokens))
            runner.run { bytes in
                let data = Data(bytes)
                let fromData = Result { () throws(LegalParseError) in try LegalDocumentParser().parse(data) }
                guard let text = String(validating: bytes, as: UTF8.self) else {
                    guard case .failure(.invalidUTF8(let line, let offset)) = fromData else {
                        throw PropertyViolation(description: "invalid UTF-8 not reported: \(fromData)")
                    }
                    try ensure(offset < bytes.count, "byte offset \(offset) past the end (\(bytes.count))")
                    let prefix = bytes[..<offset]
                    try ensure(String(validating: prefix, as: UTF8.self) != nil, "bytes before offset \(offset) are not valid UTF-8")
                    let newlines = prefix.filter { $0 == UInt8(ascii: "\n") }.count
                    try ensure(line == newlines + 1, "line \(line) for offset \(offset), expected \(newlines + 1)")
                    return
                }
                let fromText = Result { () throws(LegalParseError) in try LegalDocumentParser().parse(text) }
                try ensure(fromData == fromText, "parsing the bytes and the string differ")
            }
        }

        /// Parses `text`, checks what the result claims about the text, and runs every citation through the resolver.
        static func checkText(_ text: String) throws {
            let lineCount = Self.lineCount(text)
            switch Result(catching: { () throws(LegalParseError) in try LegalDocumentParser().parse(text) }) {
            case .success(let document):
                try ensure(document.articles.count <= lineCount, "\(document.articles.count) articles from \(lineCount) lines")
                try ensure(Set(document.articles.map { $0.number.lowercased() }).count == document.articles.count, "two articles share a number")
                for article in document.articles.prefix(50) {
                    try ensure(document.article(article.number) != nil, "article \(article.number) not found by its number")
                }
                let finder = CitationFinder(context: CitationContext(document: nil, article: document.articles.first?.number))
                for article in document.articles.prefix(20) {
                    for found in finder.citations(in: article.text).prefix(20) {
                        try ensure(found.range.lowerBound >= article.text.startIndex && found.range.upperBound <= article.text.endIndex, "citation range outside the text")
                        _ = found.citation.description
                        _ = found.citation.resolve(in: [String: LegalDocument](), citingDocument: document)
                    }
                }
            case .failure(let error):
                try ensure(error.line >= 0 && error.line <= lineCount + 1, "error line \(error.line) outside 0…\(lineCount + 1)")
                _ = error.description
            }
            for found in CitationFinder().citations(in: text).prefix(200) {
                try ensure(found.range.lowerBound >= text.startIndex && found.range.upperBound <= text.endIndex, "citation range outside the text")
                try ensure(found.citation.article != nil || found.citation.clause != nil || found.citation.point != nil, "a citation naming no provision")
            }
        }

        /// Lines as the parser counts them: LF, CR and CRLF each end one.
        static func lineCount(_ text: String) -> Int {
            var count = 0
            var previous: UInt8 = 0
            for byte in text.utf8 {
                if byte == UInt8(ascii: "\r") || (byte == UInt8(ascii: "\n") && previous != UInt8(ascii: "\r")) { count += 1 }
                previous = byte
            }
            return count + 1
        }
    }
}
