import Testing
import Retrieval

@Suite struct RankingTests {
    let index = Fixture.snapshot()

    private func ids(_ query: String, _ options: SearchOptions = SearchOptions()) -> [String] {
        index.search(query, options: options).map(\.id)
    }

    @Test func titleMatchRanksAboveBodyMatch() {
        #expect(Array(ids("hộ kinh doanh").prefix(2)) == ["ho-kinh-doanh", "doanh-nghiep"])
    }

    @Test(arguments: [
        ("dang ky ho kinh doanh", "ho-kinh-doanh"), ("hoa giai", "hoa-giai"), ("kham suc khoe", "suc-khoe"),
        ("dang ky tam tru", "tam-tru"), ("le phi giay phep xay dung", "le-phi"),
    ])
    func unaccentedQueryFindsAccentedText(query: String, expected: String) {
        #expect(ids(query).first == expected)
    }

    @Test func accentedQueryPrefersExactTones() {
        #expect(ids("đảng ủy").first == "dang-uy")
        #expect(ids("đăng ký").first != "dang-uy")
        // Without diacritics "dang" is ambiguous, so both kinds of documents are found.
        let folded = ids("dang", SearchOptions(limit: 20))
        #expect(folded.contains("dang-uy") && folded.contains("tam-tru"))
    }

    @Test func bothTonePlacementsMatch() {
        #expect(ids("hòa giải").first == "hoa-giai")
        #expect(ids("sức khỏe").first == "suc-khoe")
    }

    @Test func codesAndTheirPartsMatch() {
        #expect(ids("120/2025/NĐ-CP").first == "nghi-dinh-120")
        #expect(ids("nghị định 120").first == "nghi-dinh-120")
        #expect(ids("1.000.000 đồng").first == "le-phi")
    }

    @Test func abbreviationsExpand() {
        #expect(ids("UBND cấp xã đăng ký hộ kinh doanh").first == "ho-kinh-doanh")
        #expect(ids("GPXD").first == "le-phi")
    }

    @Test func scoresDescendAndLimitHolds() {
        let hits = index.search("đăng ký", options: SearchOptions(limit: 3))
        #expect(hits.count == 3)
        #expect(zip(hits, hits.dropFirst()).allSatisfy { $0.score >= $1.score })
        #expect(hits.allSatisfy { $0.score > 0 })
    }

    @Test func filtersByMetadataAndIds() {
        let commune = SearchOptions(filter: .metadata("level", equals: "commune"))
        #expect(!ids("đăng ký kinh doanh", commune).contains("doanh-nghiep"))
        let province = SearchOptions(filter: .metadata("level", equals: "province"))
        #expect(ids("đăng ký kinh doanh", province).first == "doanh-nghiep")
        let some = SearchOptions(filter: .ids(["tam-tru", "dang-uy"]))
        #expect(Set(ids("đăng ký", some)).isSubset(of: ["tam-tru", "dang-uy"]))
        let notCommune = SearchOptions(filter: .not(.metadata("level", equals: "commune")))
        #expect(ids("đăng ký", notCommune) == ids("đăng ký", province))
        let both = SearchOptions(filter: .all([.metadata("level", equals: "commune"), .ids(["tam-tru"])]))
        #expect(ids("đăng ký", both) == ["tam-tru"])
        let either = SearchOptions(filter: .any([.ids(["le-phi"]), .ids(["tam-tru"])]))
        #expect(ids("đăng ký lệ phí", either).count == 2)
    }

    @Test func fieldWeightsRestrictFields() {
        let titleOnly = SearchOptions(fieldWeights: ["title": 1])
        #expect(ids("doanh nghiệp", titleOnly).first == "doanh-nghiep")
        #expect(ids("địa điểm", titleOnly).isEmpty)
        #expect(ids("địa điểm") == ["ho-kinh-doanh"])
        // With the schema's own weights the override path ranks like the precomputed one.
        #expect(ids("đăng ký kinh doanh", SearchOptions(fieldWeights: ["title": 2.5, "body": 1])) == ids("đăng ký kinh doanh"))
    }

    @Test func snippetHighlightsMatchedWords() throws {
        let snippet = try #require(index.snippet(id: "ho-kinh-doanh", field: "body", query: "dang ky kinh doanh", length: 6))
        #expect(snippet.highlights.map { String(snippet.text[$0]) } == ["kinh", "doanh", "đăng", "ký"])
        #expect(snippet.marked(open: "[", close: "]") == "Hộ [kinh] [doanh] [đăng] [ký] tại…")
        #expect(index.snippet(id: "missing", field: "body", query: "x") == nil)
        let whole = try #require(index.snippet(id: "le-phi", field: "body", query: "lệ phí", length: 100))
        #expect(whole.marked(open: "«", close: "»") == "«Lệ» «phí» cấp giấy phép xây dựng là 1.000.000 đồng.")
    }
}
