import Foundation
import LegalText
import Testing

@Suite("Malformed input")
struct MalformedInputTests {
    @Test func textWithoutArticlesIsRejected() {
        let text = "NGHỊ ĐỊNH\nVỀ THỬ NGHIỆM\nChương I\nQUY ĐỊNH CHUNG\n1. Một khoản lạc.\n"
        #expect(throws: LegalParseError.noArticles(lineCount: 5)) {
            try LegalDocumentParser().parse(text)
        }
        #expect(throws: LegalParseError.noArticles(lineCount: 0)) {
            try LegalDocumentParser().parse("")
        }
    }

    @Test func duplicateArticleNumbersNameBothLines() throws {
        let text = "Điều 1. Phạm vi\nNội dung.\nĐiều 2. Đối tượng\nNội dung.\nĐiều 2. Đối tượng khác\nNội dung."
        let error = #expect(throws: LegalParseError.self) { try LegalDocumentParser().parse(text) }
        #expect(error == .duplicateArticle(number: "2", line: 5, firstLine: 3))
        #expect(error?.line == 5)
        #expect(error?.description.hasPrefix("Dòng 5:") == true)
    }

    @Test func repeatedNumbersInsideQuotationsAndAnnexesAreFine() throws {
        let text = """
            Điều 1. Sửa đổi
            Sửa đổi Điều 2 như sau:
            “Điều 2. Nội dung mới
            1. Khoản mới.”
            Điều 2. Hiệu lực
            Nội dung.
            PHỤ LỤC
            Điều 1. Mẫu
            """
        #expect(try LegalDocumentParser().parse(text).articles.map(\.number) == ["1", "2"])
    }

    @Test("invalid UTF-8 names the line", arguments: [
        ([0xFF], 3),
        ([0xC0, 0x80], 3),
        ([0xED, 0xA0, 0x80], 3),
        ([0xE1, 0xBB], 3),
        ([0xF4, 0x90, 0x80, 0x80], 3),
    ] as [([UInt8], Int)])
    func invalidUTF8(bad: [UInt8], line: Int) {
        var bytes = Array("Điều 1. Phạm vi\nNội dung.\nDòng ba ".utf8)
        let offset = bytes.count
        bytes += bad
        bytes += Array(" hỏng.\nĐiều 2. Hiệu lực\n".utf8)
        #expect(throws: LegalParseError.invalidUTF8(line: line, byteOffset: offset)) {
            try LegalDocumentParser().parse(Data(bytes))
        }
    }

    @Test func validUTF8DataParsesLikeTheString() throws {
        let data = try Fixtures.decreeData("120")
        let fromData = try LegalDocumentParser().parse(data)
        let fromString = try LegalDocumentParser().parse(try #require(String(data: data, encoding: .utf8)))
        #expect(fromData == fromString)
    }

    @Test func aFiveMegabyteTextParses() throws {
        let body = try Fixtures.decree("146").articles.map(\.text)
        var lines: [String] = ["NGHỊ ĐỊNH", "THỬ TẢI LỚN"]
        var number = 0
        var size = 0
        while size < 5_000_000 {
            number += 1
            if number % 40 == 1 { lines.append("Chương \(number / 40 + 1)") }
            let article = "Điều \(number). Điều thứ \(number)\n" + body[number % body.count]
            size += article.utf8.count
            lines.append(article)
        }
        let document = try LegalDocumentParser().parse(lines.joined(separator: "\n"))
        #expect(document.articles.count == number)
        #expect(document.articles.last?.number == String(number))
    }

    /// A large generated input, described by name so test logs stay small.
    struct Pathological: CustomTestStringConvertible, Sendable {
        let name: String
        let text: String
        var testDescription: String { name }
    }

    static let pathologicalInputs: [Pathological] = [
        .init(name: "200k opening quotes", text: String(repeating: "“", count: 200_000)),
        .init(name: "100k quoted lines", text: String(repeating: "“mở\n", count: 100_000) + "Điều 1. Cuối\n"),
        .init(name: "1 MB line", text: String(repeating: "a", count: 1_000_000) + "\nĐiều 1. Cuối"),
        .init(name: "50k chapter headings", text: String(repeating: "Chương I\n", count: 50_000) + "Điều 1. Cuối"),
    ]

    @Test("pathological input does not crash", arguments: pathologicalInputs)
    func pathological(input: Pathological) {
        let result = Result { try LegalDocumentParser().parse(input.text) }
        switch result {
        case .success(let document): #expect(document.articles.count == 1)
        case .failure(let error): #expect(error as? LegalParseError == .noArticles(lineCount: 1))
        }
    }
}
