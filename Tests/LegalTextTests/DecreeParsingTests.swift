import Foundation
import LegalText
import Testing

@Suite("The seven decrees of 2025")
struct DecreeParsingTests {
    @Test("parses to the expected number of articles, numbered 1…N", arguments: Fixtures.decreeArticleCounts)
    func articleCounts(decree: String, articles: Int) throws {
        let document = try Fixtures.decree(decree)
        #expect(document.articles.count == articles)
        #expect(document.articles.map(\.number) == (1...articles).map(String.init))
    }

    @Test("has the reference's articles, clauses and points", arguments: Fixtures.decreeArticleCounts.map(\.decree))
    func agreesWithReference(decree: String) throws {
        let document = try Fixtures.decree(decree)
        let reference = try Fixtures.referenceArticles(decree)
        #expect(reference.map(\.number) == document.articles.map(\.number))
        for row in reference {
            let article = try #require(document.article(row.number), "Điều \(row.number) of \(decree)")
            #expect(article.clauses.map(\.number) == row.clauseNumbers, "clauses of Điều \(row.number), \(decree)")
            if let letters = row.pointLetters {
                #expect(article.clauses.map { $0.points.map(\.letter) } == letters, "points of Điều \(row.number)")
            }
            #expect(words(article.text) == words(row.textWithoutOverrun), "text of Điều \(row.number), \(decree)")
        }
    }

    @Test("keeps annex text out of articles", arguments: Fixtures.decreeArticleCounts.map(\.decree))
    func annexesStayApart(decree: String) throws {
        let document = try Fixtures.decree(decree)
        guard let firstAnnex = document.annexes.first else { return }
        let provisionLines = document.articles.flatMap { article in
            [article.line] + article.clauses.flatMap { [$0.line] + $0.points.map(\.line) } + article.points.map(\.line)
        }
        #expect(provisionLines.allSatisfy { $0 < firstAnnex.line })
        let articleText = document.articles.map(\.text).joined(separator: "\n")
        for annex in document.annexes {
            #expect(!articleText.contains(annex.title), "\(annex.label) title leaked")
            #expect(!articleText.contains(annex.label + "\n"))
        }
        #expect(!articleText.contains("Kèm theo Nghị định"))
        #expect(!articleText.contains("Nơi nhận"))
        #expect(!articleText.contains("Nguyễn Hòa Bình"))
    }

    @Test("finds the annexes", arguments: [("118", 0), ("120", 1), ("139", 5), ("140", 1), ("144", 8), ("145", 0), ("146", 16)])
    func annexCounts(decree: String, annexes: Int) throws {
        let document = try Fixtures.decree(decree)
        #expect(document.annexes.count == annexes)
        #expect(document.annexes.allSatisfy { !$0.text.isEmpty && !$0.title.isEmpty })
    }

    @Test("reads the masthead and signature where the text has them", arguments: ["120", "139", "140", "144", "146"])
    func fullHeaders(decree: String) throws {
        let header = try Fixtures.decree(decree).header
        #expect(header.type == .decree)
        #expect(header.number == "\(decree)/2025/NĐ-CP")
        #expect(header.issuer == "CHÍNH PHỦ")
        #expect(header.place == "Hà Nội")
        #expect(header.date == CivilDate(year: 2025, month: 6, day: decree == "120" ? 11 : 12))
        #expect(header.title?.hasPrefix("QUY ĐỊNH VỀ PHÂN") == true)
        #expect(header.signer == Signer(capacity: "TM. CHÍNH PHỦ KT. THỦ TƯỚNG PHÓ THỦ TƯỚNG", name: "Nguyễn Hòa Bình"))
        // NĐ 146 has a no-break space after "Căn cứ": compare words, the text stays as written.
        #expect(words(header.preamble.first ?? "").starts(with: words("Căn cứ Luật Tổ chức Chính phủ")))
    }

    @Test("reads what a headless text has: type, title and, from the preamble, the issuer", arguments: ["118", "145"])
    func headlessHeaders(decree: String) throws {
        let header = try Fixtures.decree(decree).header
        #expect(header.type == .decree)
        #expect(header.number == nil)
        #expect(header.date == nil)
        #expect(header.issuer == "Chính phủ")
        #expect(header.signer == nil)
        #expect(header.title?.isEmpty == false)
    }

    @Test func chaptersAndSectionsAreAttachedToArticles() throws {
        let document = try Fixtures.decree("120")
        let article4 = try #require(document.article("4"))
        #expect(article4.title == "Thẩm quyền đăng ký hộ tịch")
        #expect(article4.chapter?.number == "II")
        #expect(article4.chapter?.title.hasPrefix("PHÂN ĐỊNH THẨM QUYỀN") == true)
        #expect(article4.section == Division(kind: .section, number: "1", title: "LĨNH VỰC HỘ TỊCH", line: 28))
        #expect(document.article("13")?.section == nil)
        #expect(document.divisions.filter { $0.kind == .chapter }.map(\.number) == ["I", "II", "III", "IV", "V"])
    }

    @Test func quotedAmendmentsStayInTheAmendingClause() throws {
        let article = try #require(try Fixtures.decree("118").article("40"))
        #expect(article.clauses.map(\.number) == (1...8).map(String.init))
        let clause5 = article.clauses[4]
        #expect(clause5.text.contains("“3. Văn phòng Ủy ban nhân dân cấp tỉnh"))
        #expect(clause5.text.contains("Tại các địa phương tổ chức Trung tâm Phục vụ hành chính công một cấp"))
    }

    @Test func articlesQuotedInsideAnnexesAreNotArticles() throws {
        let document = try Fixtures.decree("146")
        #expect(document.article("4")?.title != "Yêu cầu về pháp nhân")
        #expect(document.annexes.contains { $0.text.contains("“Điều 4. Yêu cầu về pháp nhân") })
        let forms = try Fixtures.decree("144")
        #expect(forms.annexes.contains { $0.text.contains("Điều 1. Cơ sở phá dỡ tàu biển") })
    }

    @Test func clausesKeepTheirPointsAndExactText() throws {
        let article = try #require(try Fixtures.decree("140").article("2"))
        let clause = try #require(article.clauses.first)
        #expect(clause.intro == "1. Nguyên tắc chung")
        #expect(clause.points.map(\.letter) == ["a", "b", "c", "d", "đ", "e", "g"])
        #expect(clause.points[0].text.hasPrefix("a) Bảo đảm phù hợp với quy định của Hiến pháp"))
        #expect(clause.text.hasPrefix("1. Nguyên tắc chung\na) Bảo đảm"))
    }
}
