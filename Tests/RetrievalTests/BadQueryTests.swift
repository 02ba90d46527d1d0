import Testing
import Retrieval

@Suite struct BadQueryTests {
    let index = Fixture.snapshot()

    @Test(arguments: ["", "   ", "\u{0000}\u{0007}", "!!!???", "\u{0301}\u{0301}", "xyzzy qwerty"])
    func emptyOrUnknownQueriesFindNothing(query: String) {
        #expect(index.search(query).isEmpty)
    }

    @Test func hugeQueryIsBounded() {
        let query = String(repeating: "đăng ký hộ kinh doanh tại xã ", count: 4000)
        #expect(query.utf8.count > 100_000)
        let hits = index.search(query)
        #expect(hits.count <= 10)
        #expect(hits.first?.id == "ho-kinh-doanh")
        _ = index.snippet(id: "ho-kinh-doanh", field: "body", query: query)
    }

    @Test func zeroLimitAndEmptyIndex() {
        #expect(index.search("đăng ký", options: SearchOptions(limit: 0)).isEmpty)
        let empty = IndexBuilder(schema: Fixture.schema).snapshot()
        #expect(empty.search("đăng ký").isEmpty)
        #expect(empty.count == 0)
    }

    @Test func documentsWithMissingOrEmptyFields() {
        var builder = IndexBuilder(schema: Fixture.schema)
        builder.add(SearchDocument(id: "empty", fields: [:]))
        builder.add(SearchDocument(id: "title-only", fields: ["title": "Đăng ký"]))
        builder.add(SearchDocument(id: "controls", fields: ["body": "\u{0000}đăng\u{0007}ký\u{FFFD}"]))
        let snapshot = builder.snapshot()
        #expect(Set(snapshot.search("dang ky").map(\.id)) == ["title-only", "controls"])
        #expect(snapshot.snippet(id: "empty", field: "body", query: "x") == nil)
    }
}
