import Foundation
import LegalText
import Testing

@Suite("Resolving citations")
struct CitationResolutionTests {
    static func registry() throws -> [String: LegalDocument] {
        var registry: [String: LegalDocument] = [:]
        for decree in ["120", "140"] {
            let document = try Fixtures.decree(decree)
            registry[try #require(document.header.number)] = document
        }
        let law = """
            LUẬT
            XÂY DỰNG
            Luật Xây dựng số 50/2014/QH13 ngày 18 tháng 6 năm 2014 của Quốc hội.
            Điều 103. Thẩm quyền cấp giấy phép xây dựng
            1. Bộ Xây dựng cấp giấy phép.
            2. Ủy ban nhân dân cấp tỉnh cấp giấy phép.
            3. Ủy ban nhân dân cấp xã cấp giấy phép.
            """
        registry["50/2014/QH13"] = try LegalDocumentParser().parse(law)
        return registry
    }

    @Test func resolvesPointClauseAndArticleByNumber() throws {
        let registry = try Self.registry()
        let citation = try #require(Citation("điểm a khoản 1 Điều 2 Nghị định số 140/2025/NĐ-CP"))
        guard case .provision(let provision) = citation.resolve(in: registry) else {
            Issue.record("not resolved")
            return
        }
        #expect(provision.documentNumber == "140/2025/NĐ-CP")
        #expect(provision.article.title == "Nguyên tắc phân định thẩm quyền")
        #expect(provision.clause?.number == "1")
        #expect(provision.text.hasPrefix("a) Bảo đảm phù hợp với quy định của Hiến pháp"))
    }

    @Test func resolvesNumbersWrittenWithoutTheStrokeOnD() throws {
        let citation = Citation(article: "4", document: DocumentReference(number: "120/2025/ND-CP"))
        guard case .provision(let provision) = citation.resolve(in: try Self.registry()) else {
            Issue.record("not resolved")
            return
        }
        #expect(provision.text.hasPrefix("Ủy ban nhân dân xã, phường, đặc khu"))
    }

    @Test func resolvesALawNamedByTitleAndYear() throws {
        let registry = try Self.registry()
        let found = CitationFinder().citations(in: "khoản 2, khoản 3 Điều 103 Luật Xây dựng năm 2014")
        let texts = found.map { result -> String? in
            guard case .provision(let provision) = result.citation.resolve(in: registry) else { return nil }
            return provision.text
        }
        #expect(texts == ["2. Ủy ban nhân dân cấp tỉnh cấp giấy phép.", "3. Ủy ban nhân dân cấp xã cấp giấy phép."])
        // A name read on past the title ("Luật Xây dựng và các văn bản…") still finds the law.
        let runOn = Citation(article: "103", document: DocumentReference(type: .law, name: "Xây dựng và hướng dẫn"))
        #expect(runOn.resolve(in: registry) != .documentNotFound)
        let wrongYear = try #require(Citation("Điều 103 Luật Xây dựng năm 2020"))
        #expect(wrongYear.resolve(in: registry) == .documentNotFound)
    }

    @Test("reports what is missing", arguments: [
        ("Điều 5 Nghị định số 999/2025/NĐ-CP", CitationResolution.documentNotFound),
        ("Điều 99 Nghị định số 120/2025/NĐ-CP", .provisionNotFound),
        ("khoản 9 Điều 4 Nghị định số 120/2025/NĐ-CP", .provisionNotFound),
        ("điểm z khoản 1 Điều 2 Nghị định số 140/2025/NĐ-CP", .provisionNotFound),
        ("Điều 5", .documentNotFound),
    ])
    func missing(text: String, expected: CitationResolution) throws {
        let citation = try #require(Citation(text))
        #expect(citation.resolve(in: try Self.registry()) == expected)
    }

    @Test func citationsWithoutADocumentResolveInTheCitingOne() throws {
        let registry = try Self.registry()
        let decree = try #require(registry["120/2025/NĐ-CP"])
        let article = try #require(decree.article("20"))
        let found = CitationFinder().citations(in: article.text).map(\.citation)
        let ownArticle19 = try #require(found.first { $0.article == "19" })
        #expect(ownArticle19.document?.isCurrent == true)
        guard case .provision(let provision) = ownArticle19.resolve(in: registry, citingDocument: decree) else {
            Issue.record("not resolved")
            return
        }
        #expect(provision.article.title.hasPrefix("Cơ quan giải quyết bồi thường"))
    }

    @Test func everyCitationOfADecreeToItselfResolves() throws {
        let registry = try Self.registry()
        for number in ["120/2025/NĐ-CP", "140/2025/NĐ-CP"] {
            let decree = try #require(registry[number])
            for article in decree.articles {
                let context = CitationContext(article: article.number)
                let own = CitationFinder(context: context).citations(in: article.text)
                    .map(\.citation).filter { $0.document?.isCurrent == true }
                for citation in own {
                    #expect(citation.resolve(in: registry, citingDocument: decree) != .provisionNotFound,
                            "\(citation) in Điều \(article.number) of \(number)")
                }
            }
        }
    }
}
