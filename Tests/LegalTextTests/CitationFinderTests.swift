import Foundation
import LegalText
import Testing

@Suite("Finding citations")
struct CitationFinderTests {
    static let table: [(String, [String])] = [
        ("theo điểm a khoản 2 Điều 5 Nghị định số 120/2025/NĐ-CP.",
         ["điểm a khoản 2 Điều 5 Nghị định số 120/2025/NĐ-CP"]),
        ("quy định tại khoản 2, khoản 3 Điều 103 Luật Xây dựng năm 2014 và",
         ["khoản 2 Điều 103 Luật Xây dựng năm 2014", "khoản 3 Điều 103 Luật Xây dựng năm 2014"]),
        ("bãi bỏ các Điều 1, 29, 31 của Nghị định số 123/2015/NĐ-CP;",
         ["Điều 1 Nghị định số 123/2015/NĐ-CP", "Điều 29 Nghị định số 123/2015/NĐ-CP",
          "Điều 31 Nghị định số 123/2015/NĐ-CP"]),
        ("các khoản 1, 2 và 3 Điều 7 Thông tư số 01/2020/TT-BTP",
         ["khoản 1 Điều 7 Thông tư số 01/2020/TT-BTP", "khoản 2 Điều 7 Thông tư số 01/2020/TT-BTP",
          "khoản 3 Điều 7 Thông tư số 01/2020/TT-BTP"]),
        ("các điểm a, b và c khoản 2 Điều 5 Bộ luật Dân sự",
         ["điểm a khoản 2 Điều 5 Bộ luật Dân sự", "điểm b khoản 2 Điều 5 Bộ luật Dân sự",
          "điểm c khoản 2 Điều 5 Bộ luật Dân sự"]),
        ("tại điểm b khoản 1 Điều 5, khoản 3 Điều 11, khoản 1, điểm a khoản 2 Điều 12;",
         ["điểm b khoản 1 Điều 5", "khoản 3 Điều 11", "khoản 1 Điều 12", "điểm a khoản 2 Điều 12"]),
        ("quy định tại khoản 2 Điều 7, Chương II Luật Hộ tịch và", ["khoản 2 Điều 7 Luật Hộ tịch"]),
        ("tại Điều 23 của Luật Trách nhiệm bồi thường của Nhà nước là thị trường",
         ["Điều 23 Luật Trách nhiệm bồi thường của Nhà nước"]),
        ("theo Điều 6 của Nghị định số 19/2011/NĐ-CP ngày 21 tháng 3 năm 2011 của Chính phủ",
         ["Điều 6 Nghị định số 19/2011/NĐ-CP"]),
        ("điểm c khoản 2 Điều 49 của Luật Nuôi con nuôi năm 2010 (sau đây gọi là",
         ["điểm c khoản 2 Điều 49 Luật Nuôi con nuôi năm 2010"]),
        ("Điều 14 và các điều từ Điều 15 đến Điều 17 của Luật này",
         ["Điều 14 Luật này", "Điều 15 Luật này", "Điều 16 Luật này", "Điều 17 Luật này"]),
        ("điểm a khoản 1 Điều 3 Nghị định 120/2025/NĐ-CP và khoản 4 Điều 2 Luật số 118/2025/QH15",
         ["điểm a khoản 1 Điều 3 Nghị định số 120/2025/NĐ-CP", "khoản 4 Điều 2 Luật số 118/2025/QH15"]),
        ("Khoản 3 Điều 28a Nghị định số 123/2015/NĐ-CP", ["khoản 3 Điều 28a Nghị định số 123/2015/NĐ-CP"]),
        ("theo quy định của Hiến pháp và Điều 2 Hiến pháp", ["Điều 2 Hiến pháp"]),
        ("khoản 1 Điều 8 Luật Hôn nhân và gia đình và Điều 3 Luật Phòng, chống tham nhũng, khoản 2",
         ["khoản 1 Điều 8 Luật Hôn nhân và gia đình", "Điều 3 Luật Phòng, chống tham nhũng", "khoản 2"]),
        ("Điều kiện cấp giấy phép; điều chỉnh quy hoạch; khoản 1 Mục này; theo quy định của luật", []),
    ]

    @Test("finds and expands citations", arguments: table)
    func finds(text: String, expected: [String]) {
        let found = CitationFinder().citations(in: text)
        #expect(found.map { $0.citation.formatted() } == expected)
    }

    @Test func rangesCoverTheWholeExpression() {
        let text = "Theo khoản 2, khoản 3 Điều 103 Luật Xây dựng năm 2014, Ủy ban nhân dân cấp xã cấp phép."
        let found = CitationFinder().citations(in: text)
        #expect(found.count == 2)
        #expect(found.allSatisfy { text[$0.range] == "khoản 2, khoản 3 Điều 103 Luật Xây dựng năm 2014" })
    }

    @Test func thisArticleAndThisDecreeUseTheContext() {
        let context = CitationContext(document: CitationFormattingTests.decree120, article: "8", clause: "2")
        let finder = CitationFinder(context: context)
        let found = finder.citations(in: "theo khoản 1 Điều này, khoản này và Điều 4 Nghị định này")
        // The document the chain ends with applies to all of it; here that is the context's own.
        let decree = CitationFormattingTests.decree120
        #expect(found.map(\.citation) == [
            Citation(clause: "1", article: "8", document: decree),
            Citation(clause: "2", article: "8", document: decree),
            Citation(article: "4", document: decree),
        ])
        #expect(CitationFinder().citations(in: "khoản 1 Điều này").map(\.citation) == [Citation(clause: "1")])
    }

    @Test func findsCitationsThroughADecree() throws {
        let document = try Fixtures.decree("120")
        let text = document.articles.map(\.text).joined(separator: "\n")
        let found = CitationFinder().citations(in: text).map(\.citation)
        #expect(found.contains(Citation(clause: "2", article: "7", document: DocumentReference(type: .law, name: "Hộ tịch", year: 2014))))
        #expect(found.contains(Citation(clause: "1", article: "4", document: DocumentReference(type: .law, name: "Hộ tịch"))))
        #expect(found.allSatisfy { $0.article != nil })
        #expect(found.contains(Citation(article: "6", document: DocumentReference(type: .decree, number: "19/2011/NĐ-CP", year: 2011))))
        #expect(found.count > 40)
    }
}
