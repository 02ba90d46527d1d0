import Foundation
import HaiCapCore
import HaiCapStore
import Hummingbird
import HummingbirdTesting
import Testing

/// Province officials' own words for the procedure assistant (`/thu-tuc/tu-ngu`, `/api/v1/procedures/phrases`).
@Suite("Procedure assistant: officials' everyday phrases")
struct ProcedurePhrasesTests {
    struct Reply: Decodable {
        struct Ref: Decodable { var code: String; var name: String }
        var kind: String
        var procedure: Ref?
    }

    struct Phrase: Decodable { var id: Int64; var phrase: String; var replacement: String; var createdBy: String }
    struct Phrases: Decodable { var items: [Phrase]; var total: Int; var builtIn: [[String: String]] }

    static let question = #"{"question": "Làm giấy chào đời cho bé cần gì?"}"#

    @Test("a province official adds a phrase on the page; the next citizen question uses it; removing it asks first; all audited", arguments: TestBackend.enabled)
    func pages(backend: TestBackend) async throws {
        try await TestApp.run(backend) { h in
            let before = try await h.json(.post, "/api/v1/assistant/procedures", Self.question).decode(Reply.self)
            #expect(before.kind != "answer", "“giấy chào đời” is nobody's word for a procedure until an official says so")

            _ = try await h.accounts.create(username: "tinh.a", displayName: "Cán bộ tỉnh", password: "password-123", role: .province, unitCode: nil, by: "test")
            let jar = try await h.signIn("tinh.a", "password-123")
            let added = try await h.postForm("/thu-tuc/tu-ngu", ["phrase": "giấy chào đời", "replacement": "giấy khai sinh"], cookies: jar)
            #expect(added.status == .seeOther)
            let page = try await h.get("/thu-tuc/tu-ngu?da-them=1", cookies: jar)
            #expect(page.status == .ok)
            #expect(page.text.contains("giấy chào đời") && page.text.contains("Đã thêm") && page.text.contains("hôn thú"), "officials' and built-in rules listed")
            #expect(page.text.contains("Từ ngữ trong danh mục thủ tục"))

            let after = try await h.json(.post, "/api/v1/assistant/procedures", Self.question).decode(Reply.self)
            #expect(after.kind == "answer")
            #expect(after.procedure?.name.contains("khai sinh") == true, "\(String(describing: after.procedure))")
            // Typed without diacritics, the rule still applies.
            let folded = try await h.json(.post, "/api/v1/assistant/procedures", #"{"question": "lam giay chao doi cho be can gi"}"#).decode(Reply.self)
            #expect(folded.procedure?.name.contains("khai sinh") == true)

            // A lone syllable, a replacement that contains the phrase again, and a duplicate are refused with the reason.
            let lone = try await h.postForm("/thu-tuc/tu-ngu", ["phrase": "cưới", "replacement": "kết hôn"], cookies: jar)
            #expect(lone.status == .unprocessableContent && lone.text.contains("từ 2 đến 8 tiếng"))
            let growing = try await h.postForm("/thu-tuc/tu-ngu", ["phrase": "nhà trọ", "replacement": "nhà trọ cho thuê"], cookies: jar)
            #expect(growing.status == .unprocessableContent && growing.text.contains("không được chứa lại chính cách gọi"))
            let province = try await h.token(username: "tinh.b", role: .province)
            let twice = try await h.json(.post, "/api/v1/procedures/phrases", token: province, #"{"phrase": "giay chao doi", "replacement": "khai sinh"}"#)
            #expect(twice.status == .unprocessableContent)

            // Commune officials read the list; only the province writes it; anonymous callers neither.
            let commune = try await h.token(username: "xa.a", role: .commune, unit: "24121")
            #expect(try await h.get("/thu-tuc/tu-ngu", token: commune).status == .ok)
            #expect(try await h.json(.post, "/api/v1/procedures/phrases", token: commune, #"{"phrase": "báo vắng", "replacement": "tạm vắng"}"#).status == .forbidden)
            #expect(try await h.get("/api/v1/procedures/phrases").status == .unauthorized)
            let list = try await h.get("/api/v1/procedures/phrases", token: commune).decode(Phrases.self)
            let rule = try #require(list.items.first)
            #expect(list.total == 1 && rule.phrase == "giấy chào đời" && rule.createdBy == "tinh.a")
            #expect(list.builtIn.contains { $0["phrase"] == "hôn thú" && $0["replacement"] == "giấy kết hôn" }, "built-in rules listed as written")
            // The authority assistant's list is a different one.
            #expect(try await h.get("/api/v1/authority/phrases", token: commune).decode(Phrases.self).total == 0)

            let confirm = try await h.get("/thu-tuc/tu-ngu/\(rule.id)/xoa", cookies: jar)
            #expect(confirm.status == .ok && confirm.text.contains("Xóa cách gọi “giấy chào đời”"))
            #expect(try await h.postForm("/thu-tuc/tu-ngu/\(rule.id)/xoa", [:], cookies: jar).status == .seeOther)
            #expect(try await h.json(.post, "/api/v1/assistant/procedures", Self.question).decode(Reply.self).kind != "answer")
            #expect(try await h.send(.delete, "/api/v1/procedures/phrases/\(rule.id)", token: province).status == .notFound)
            let api = try await h.json(.post, "/api/v1/procedures/phrases", token: province, #"{"phrase": "báo vắng", "replacement": "khai báo tạm vắng"}"#)
            #expect(api.status == .created)
            #expect(try await h.send(.delete, "/api/v1/procedures/phrases/\(try api.decode(Phrase.self).id)", token: province).status == .noContent)
            let actions = try await AuditRepository(db: h.database.sql).list(entity: "procedure_phrase", page: .init()).items.map(\.action)
            #expect(actions.sorted() == ["procedure.phrase.add", "procedure.phrase.add", "procedure.phrase.remove", "procedure.phrase.remove"])
        }
    }

    @Test("another instance on the same database picks up a rule by polling the catalogue's version")
    func otherInstance() async throws {
        try await TestDatabase.withFresh(.sqlite) { database in
            try await Migrator(database: database).migrate(now: fixedNow)
            _ = try await ProcedureSeeder(database: database).seedMissing(now: fixedNow)
            let other = ProcedureService(database: database, provinceCode: "66", portalURLTemplate: nil, refreshInterval: 0)
            let ask = { try await other.ask("Làm giấy chào đời cho bé cần gì?", conversation: nil, unit: nil, now: fixedNow) }
            #expect(try await ask().kind != .answer)
            _ = try await PhraseRepository(db: database.sql, book: .procedures).insert(
                ThesaurusRule(phrase: "giấy chào đời", replacement: "giấy khai sinh", createdBy: "tinh.a", createdAt: fixedNow))
            let reply = try await ask()
            #expect(reply.kind == .answer && reply.procedure?.name.contains("khai sinh") == true)
        }
    }
}
