import Foundation
@testable import HaiCapWeb
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Units API and pages")
struct UnitsAPITests {
    struct UnitList: Decodable {
        struct Item: Decodable {
            var code: String
            var name: String
            var type: String
        }
        var items: [Item]
        var total: Int
        var page: Int
        var per: Int
    }

    struct Lookup: Decodable {
        struct Item: Decodable {
            struct Unit: Decodable {
                var code: String
                var name: String
            }
            var old: String
            var unit: Unit
            var relation: String
        }
        var items: [Item]
    }

    @Test("lists all units of the country, and 102 of Đắk Lắk with pagination", arguments: TestBackend.enabled)
    func listsUnits(backend: TestBackend) async throws {
        try await TestApp.run(backend) { h in
            let all = try await h.get("/api/v1/units").decode(UnitList.self)
            #expect(all.total == 3321)
            #expect(all.items.count == 50)
            let dakLak = try await h.get("/api/v1/units?province=66").decode(UnitList.self)
            #expect(dakLak.total == 102)
            #expect(dakLak.items.first?.code == "22015")
            #expect(dakLak.items.first?.name == "Phường Tuy Hòa")
            #expect(dakLak.items.first?.type == "phường")
            let last = try await h.get("/api/v1/units?province=66&page=3&per=50").decode(UnitList.self)
            #expect(last.items.count == 2)
            #expect(last.total == 102)
            #expect(last.page == 3)
            let search = try await h.get("/api/v1/units?province=66&q=ea%20kao").decode(UnitList.self)
            #expect(search.items.map(\.name) == ["Phường Ea Kao"])
            // đ folds to d: "duc binh" finds "Xã Đức Bình" (plain Unicode folding would not).
            let folded = try await h.get("/api/v1/units?province=66&q=DUC%20BINH").decode(UnitList.self)
            #expect(folded.items.map(\.code) == ["22222"])
        }
    }

    @Test("bad pagination is a 422 naming the field", arguments: TestBackend.enabled)
    func badPagination(backend: TestBackend) async throws {
        try await TestApp.run(backend) { h in
            let response = try await h.get("/api/v1/units?per=1000")
            #expect(response.status == .unprocessableContent)
            #expect(response.text.contains("\"key\":\"per\""))
        }
    }

    @Test("old→new lookup: a ward merged whole, a ward split between units, an unknown name", arguments: TestBackend.enabled)
    func lookupExamples(backend: TestBackend) async throws {
        try await TestApp.run(backend) { h in
            let whole = try await h.get("/api/v1/units/lookup?q=x%C3%A3%20H%C3%B2a%20An%2C%20huy%E1%BB%87n%20Kr%C3%B4ng%20P%E1%BA%AFc").decode(Lookup.self)
            #expect(whole.items.count == 1)
            #expect(whole.items.first?.unit.code == "24490")
            #expect(whole.items.first?.relation == "whole")

            // Typed without diacritics, as on a phone.
            let split = try await h.get("/api/v1/units/lookup?q=xa%20hoa%20an%20huyen%20phu%20hoa%20cu%20nay%20thuoc%20don%20vi%20nao").decode(Lookup.self)
            #expect(Set(split.items.map(\.unit.code)) == ["22015", "22319"])
            #expect(split.items.allSatisfy { $0.relation == "part" })

            let unknown = try await h.get("/api/v1/units/lookup?q=ph%C6%B0%E1%BB%9Dng%20Kh%C3%B4ng%20C%C3%B3").decode(Lookup.self)
            #expect(unknown.items.isEmpty)

            let missing = try await h.get("/api/v1/units/lookup")
            #expect(missing.status == .unprocessableContent)
        }
    }

    @Test("unit pages: directory with search, unit page, lookup page, unknown unit", arguments: TestBackend.enabled)
    func unitPages(backend: TestBackend) async throws {
        try await TestApp.run(backend) { h in
            let list = try await h.get("/units?province=66&q=tuy%20hoa")
            #expect(list.status == .ok)
            #expect(list.text.contains("Phường Tuy Hòa"))
            let unit = try await h.get("/units/22015")
            #expect(unit.text.contains("Hình thành từ các đơn vị cũ"))
            #expect(unit.text.contains("Xã Hòa An"))
            let lookup = try await h.get("/units/lookup?q=hoa%20an%20phu%20hoa")
            #expect(lookup.text.contains("Xã Phú Hòa 1"))
            let missing = try await h.get("/units/99999")
            #expect(missing.status == .notFound)
            #expect(missing.headers[.contentType]?.hasPrefix("text/html") == true)
            #expect(missing.text.contains("Không có đơn vị hành chính mã 99999"))
        }
    }

    @Test("home page is Vietnamese and says plainly which platforms are not built yet", arguments: TestBackend.enabled)
    func homePage(backend: TestBackend) async throws {
        try await TestApp.run(backend) { h in
            let home = try await h.get("/")
            #expect(home.status == .ok)
            #expect(home.text.contains("Tỉnh Đắk Lắk"))
            #expect(home.text.contains("<html lang=\"vi\">"))
            // Every platform not built yet says so on its page (none left once all four are built).
            for platform in HomeController.platforms where platform.statusClass == "pending" {
                #expect(try await h.get(platform.href).text.contains("Chức năng này chưa được xây dựng"), "\(platform.href)")
            }
            let css = try await h.get("/static/app.css")
            #expect(css.headers[.contentType]?.hasPrefix("text/css") == true)
        }
    }
}
