import Foundation
import LegalText
import Testing

@Suite("Citation formatting")
struct CitationFormattingTests {
    static let decree120 = DocumentReference(type: .decree, number: "120/2025/NĐ-CP")

    static let table: [(Citation, String)] = [
        (Citation(point: "a", clause: "2", article: "5", document: decree120),
         "điểm a khoản 2 Điều 5 Nghị định số 120/2025/NĐ-CP"),
        (Citation(clause: "2", article: "103", document: DocumentReference(type: .law, name: "Xây dựng", year: 2014)),
         "khoản 2 Điều 103 Luật Xây dựng năm 2014"),
        (Citation(article: "28a", document: DocumentReference(number: "123/2015/NĐ-CP")),
         "Điều 28a Nghị định số 123/2015/NĐ-CP"),
        (Citation(article: "4", document: DocumentReference(type: .law, number: "60/2014/QH13", name: "Hộ tịch")),
         "Điều 4 Luật Hộ tịch số 60/2014/QH13"),
        (Citation(point: "đ", clause: "1", article: "2", document: DocumentReference(type: .decree, isCurrent: true)),
         "điểm đ khoản 1 Điều 2 Nghị định này"),
        (Citation(article: "3", document: DocumentReference(number: "01/2020/TT-BTP")),
         "Điều 3 Thông tư số 01/2020/TT-BTP"),
        (Citation(article: "5", document: DocumentReference(type: .code, name: "Dân sự")), "Điều 5 Bộ luật Dân sự"),
        (Citation(article: "5"), "Điều 5"),
    ]

    @Test("formats in Vietnamese", arguments: table)
    func formats(citation: Citation, expected: String) {
        #expect(citation.formatted() == expected)
        #expect("\(citation)" == expected)
    }

    @Test("reads back what it writes", arguments: table)
    func roundTrips(citation: Citation, text: String) {
        #expect(Citation(text) == citation)
    }

    @Test func formatsWithoutTheDocument() {
        let citation = Self.table[0].0
        #expect(citation.formatted(includingDocument: false) == "điểm a khoản 2 Điều 5")
    }

    @Test("infers the type from the number's symbol", arguments: [
        ("120/2025/NĐ-CP", DocumentType.decree), ("03/2026/QH16", .law), ("01/2020/TT-BTP", .circular),
        ("20/2013/TTLT-BYT-BCT", .jointCircular), ("190/2025/QH15", .law), ("401/VBHN-BTP", .consolidatedText),
    ])
    func infersType(number: String, type: DocumentType) {
        #expect(DocumentType.inferred(fromNumber: number) == type)
    }

    @Test func numbersCompareWithoutCaseOrDiacriticsOnD() {
        #expect(DocumentReference.normalizedNumber("120/2025/nđ-cp") == DocumentReference.normalizedNumber("120/2025/ND-CP"))
        #expect(DocumentReference.normalizedNumber("120/2025/NĐ-CP") != DocumentReference.normalizedNumber("121/2025/NĐ-CP"))
    }

    @Test("the ASCII-and-Đ fast path gives what NFC, capitals and no spaces give", arguments: [
        "120/2025/nđ-cp", " 03/2026/QH16 ", "401/VBHN-BTP\t", "Đ\r\nd", "120/2025/N\u{0110}-CP", "S\u{1ED1} 12", "12/2025/QĐ-UBND", "x\u{0302}y", "a\u{00A0}b", "",
    ])
    func normalizedNumberFastPath(number: String) {
        let slow = number.precomposedStringWithCanonicalMapping.uppercased().replacingOccurrences(of: "Đ", with: "D").filter { !$0.isWhitespace }
        #expect(DocumentReference.normalizedNumber(number) == slow)
    }

    @Test func textThatIsNotOneCitationIsRejected() {
        #expect(Citation("Điều kiện cấp phép") == nil)
        #expect(Citation("khoản 2, khoản 3 Điều 103") == nil)
        #expect(Citation("xem Điều 5") == nil)
    }
}
