import Foundation
import LegalText
import Testing

@Suite("Parsing structure")
struct ParserStructureTests {
    static let law = """
        QUỐC HỘI
        -------
        Luật số: 99/2030/QH99 | Hà Nội, ngày 05 tháng 3 năm 2030
        LUẬT
        THỬ NGHIỆM
        Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;
        Quốc hội ban hành Luật Thử nghiệm.
        Phần thứ nhất
        QUY ĐỊNH CHUNG
        Chương I
        NHỮNG QUY ĐỊNH CHUNG
        Điều 1. Phạm vi điều chỉnh[1]
        Luật này quy định về:
        1. Việc thử nghiệm;
        2.[2] Việc đánh giá.
        Điều 2. Giải thích từ ngữ
        a) Điểm thứ nhất;
        b) Điểm thứ hai.
        Mục 1. THẨM QUYỀN
        Điều 3. Thẩm quyền
        1. Ủy ban nhân dân cấp xã:
        a) Cấp giấy phép;
        đ) Thu hồi giấy phép.
        Trường hợp khác do Chủ tịch quyết định.
        3a. Khoản được bổ sung.
        Điều 3a. Điều được bổ sung
        Sửa đổi khoản 2 Điều 5 như sau:
        “2. Khoản được trích dẫn;
        Điều 9. Điều được trích dẫn
        a) Điểm được trích dẫn.”
        Chương II[3] (được bãi bỏ)
        Chương III
        ĐIỀU KHOẢN THI HÀNH
        Điều 4. Hiệu lực thi hành
        Luật này có hiệu lực từ ngày 01 tháng 01 năm 2031.
        Nơi nhận:
        - Như trên;
        - Lưu: VT. | CHỦ TỊCH QUỐC HỘI
        Nguyễn Văn A
        PHỤ LỤC I
        DANH MỤC THỬ NGHIỆM
        Điều 1. Mẫu quyết định
        1. Dòng của phụ lục.
        Phụ lục 2
        Dòng của phụ lục hai.
        [1] Điều này được sửa đổi theo Luật số 1/2031/QH99.
        """

    @Test func readsHeaderDivisionsArticlesAndTail() throws {
        let document = try LegalDocumentParser().parse(Self.law)
        let header = document.header
        #expect(header.issuer == "QUỐC HỘI")
        #expect(header.type == .law)
        #expect(header.number == "99/2030/QH99")
        #expect(header.date == CivilDate(year: 2030, month: 3, day: 5))
        #expect(header.title == "THỬ NGHIỆM")
        #expect(header.preamble.count == 2)
        #expect(header.signer == Signer(capacity: "CHỦ TỊCH QUỐC HỘI", name: "Nguyễn Văn A"))

        #expect(document.articles.map(\.number) == ["1", "2", "3", "3a", "4"])
        #expect(document.divisions.map(\.kind) == [.part, .chapter, .section, .chapter, .chapter])
        #expect(document.divisions[0].number == "thứ nhất")
        #expect(document.divisions[0].title == "QUY ĐỊNH CHUNG")
        #expect(document.divisions[3].title == "(được bãi bỏ)")
        #expect(document.articles[0].part?.title == "QUY ĐỊNH CHUNG")
        #expect(document.articles[4].chapter?.number == "III")
        #expect(document.articles[4].section == nil)

        #expect(document.annexes.map(\.label) == ["PHỤ LỤC I", "Phụ lục 2"])
        #expect(document.annexes[0].title == "DANH MỤC THỬ NGHIỆM")
        #expect(document.annexes[0].text.contains("Điều 1. Mẫu quyết định"))
        #expect(document.notes.map(\.marker) == [])
    }

    @Test func keepsTitlesCleanAndTextExact() throws {
        let document = try LegalDocumentParser().parse(Self.law)
        let first = document.articles[0]
        #expect(first.title == "Phạm vi điều chỉnh")
        #expect(first.heading == "Điều 1. Phạm vi điều chỉnh[1]")
        #expect(first.intro == "Luật này quy định về:")
        #expect(first.clauses.map(\.number) == ["1", "2"])
        #expect(first.clauses[1].text == "2.[2] Việc đánh giá.")
        #expect(first.text == "Luật này quy định về:\n1. Việc thử nghiệm;\n2.[2] Việc đánh giá.")
    }

    @Test func pointsBelongToTheirClauseOrDirectlyToTheArticle() throws {
        let document = try LegalDocumentParser().parse(Self.law)
        #expect(document.articles[1].clauses.isEmpty)
        #expect(document.articles[1].points.map(\.letter) == ["a", "b"])
        let clause = document.articles[2].clauses[0]
        #expect(clause.intro == "1. Ủy ban nhân dân cấp xã:")
        #expect(clause.points.map(\.letter) == ["a", "đ"])
        #expect(clause.points[1].text == "đ) Thu hồi giấy phép.\nTrường hợp khác do Chủ tịch quyết định.")
        #expect(document.articles[2].clauses.map(\.number) == ["1", "3a"])
    }

    @Test func quotationsSpanningLinesAreText() throws {
        let article = try #require(try LegalDocumentParser().parse(Self.law).article("3a"))
        #expect(article.clauses.isEmpty)
        #expect(article.points.isEmpty)
        #expect(article.text.contains("Điều 9. Điều được trích dẫn"))
    }

    @Test func footnotesOfConsolidatedTextsAreNotes() throws {
        let text = """
            Điều 1. Phạm vi[1]
            Nội dung.
            [1] Điều này được sửa đổi, bổ sung theo quy định tại khoản 1 Điều 2 của Luật số 5/2030/QH99.
            Điều 2 của Luật số 5/2030/QH99 có hiệu lực từ ngày 01 tháng 7 năm 2030.
            [2] Cụm từ được thay thế.
            """
        let document = try LegalDocumentParser().parse(text)
        #expect(document.articles.map(\.text) == ["Nội dung."])
        #expect(document.notes.map(\.marker) == ["1", "2"])
        #expect(document.notes[0].text.hasSuffix("có hiệu lực từ ngày 01 tháng 7 năm 2030."))
    }

    @Test func lineEndingsAndUnicodeFormsDoNotMatter() throws {
        let lf = "Chương I\nQUY ĐỊNH CHUNG\nĐiều 1. Phạm vi\n1. Khoản một.\na) Điểm a.\nĐiều 2. Hiệu lực\nNội dung."
        let crlf = lf.replacingOccurrences(of: "\n", with: "\r\n")
        let decomposed = lf.decomposedStringWithCanonicalMapping
        let expected = try LegalDocumentParser().parse(lf)
        for variant in [crlf, decomposed, "\u{FEFF}" + lf] {
            let document = try LegalDocumentParser().parse(variant)
            #expect(document.articles.map(\.number) == ["1", "2"])
            #expect(document.articles[0].clauses.first?.points.map(\.letter) == ["a"])
            #expect(document.divisions.map(\.title) == expected.divisions.map(\.title))
        }
    }

    @Test("does not take sentences for headings", arguments: [
        "Điều 58 của Luật Quy hoạch có hiệu lực.",
        "Điều kiện cấp giấy phép.",
        "Mục 1 của Chương này quy định.",
        "Phụ lục I ban hành kèm theo Nghị định này.",
        "1.000 đồng cho mỗi bản.",
        "1 | Chi phí | 2",
    ])
    func sentencesStayText(line: String) throws {
        let document = try LegalDocumentParser().parse("Điều 1. Phạm vi\n\(line)\nĐiều 2. Hiệu lực\nNội dung.")
        #expect(document.articles.count == 2)
        #expect(document.articles[0].text == line)
        #expect(document.articles[0].clauses.isEmpty)
        #expect(document.annexes.isEmpty)
        #expect(document.divisions.isEmpty)
    }
}
