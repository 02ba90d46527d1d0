import Foundation
import HaiCapCore
@testable import HaiCapStore
@testable import HaiCapWeb
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Procedure API and pages")
struct ProcedureAPITests {
    struct Reply: Decodable {
        struct Ref: Decodable { var code: String; var name: String }
        var conversation: String
        var kind: String
        var intent: String
        var procedure: Ref?
        var choices: [Ref]
        var answer: String
        var citations: [String]
        var verified: Bool
        var question_id: Int64?
        var suggestion: String?
    }

    func ask(_ h: TestHarness, _ question: String, conversation: String? = nil, unit: String? = nil) async throws -> TestResponse {
        var body: [String: String] = ["question": question]
        body["conversation"] = conversation
        body["unit"] = unit
        let text = String(decoding: try JSONEncoder().encode(body), as: UTF8.self)
        return try await h.json(.post, "/api/v1/assistant/procedures", text)
    }

    @Test("the assistant answers anonymously in the documented shape, citing code and legal basis", arguments: TestBackend.enabled)
    func contract(backend: TestBackend) async throws {
        try await TestApp.run(backend) { h in
            let response = try await ask(h, "lam giay khai sinh cho con can gi")
            #expect(response.status == .ok)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any])
            for key in ["conversation", "kind", "intent", "procedure", "choices", "answer", "citations", "verified"] {
                #expect(object[key] != nil, "missing \(key)")
            }
            let reply = try response.decode(Reply.self)
            #expect(reply.kind == "answer")
            #expect(reply.intent == "documents")
            #expect(reply.procedure?.code == "HC.HT.001")
            #expect(reply.citations.first == "HC.HT.001")
            #expect(reply.citations.contains { $0.contains("123/2015/NĐ-CP") })
            #expect(reply.answer.contains("Tờ khai đăng ký khai sinh"))
            #expect(!reply.verified)
            // Typed without diacritics: the reply offers the question restored ("Có phải bạn muốn hỏi …").
            #expect(reply.suggestion == "làm giấy khai sinh cho con cần gì")
            let accented = try await ask(h, "Làm giấy khai sinh cho con cần gì?").decode(Reply.self)
            #expect(accented.suggestion == nil)
            let notFound = try await ask(h, "lam ho chieu can gi").decode(Reply.self)
            #expect(notFound.kind == "not_found")
            let empty = try await h.json(.post, "/api/v1/assistant/procedures", #"{"question": "  "}"#)
            #expect(empty.status == .unprocessableContent)
        }
    }

    @Test("a conversation remembers the procedure and the unit across turns", arguments: TestBackend.enabled)
    func dialogueMemory(backend: TestBackend) async throws {
        try await TestApp.run(backend) { h in
            _ = try await DeskRepository.save(OneStopDesk(unitCode: "24121", address: "Số 1 đường Thử", hours: "7h–17h", phone: "0262 000", updatedAt: fixedNow, updatedBy: "test"), database: h.database)
            let first = try await ask(h, "đăng ký khai sinh cần giấy tờ gì").decode(Reply.self)
            #expect(first.procedure?.code == "HC.HT.001")
            let second = try await ask(h, "còn lệ phí thì sao?", conversation: first.conversation).decode(Reply.self)
            #expect(second.conversation == first.conversation)
            #expect(second.kind == "answer")
            #expect(second.intent == "fee")
            #expect(second.procedure?.code == "HC.HT.001")
            let unit = try #require(try await UnitRepository(db: h.database.sql).find(code: "24121"))
            let third = try await ask(h, "tôi ở \(unit.name.lowercased())", conversation: first.conversation).decode(Reply.self)
            #expect(third.procedure?.code == "HC.HT.001")
            #expect(third.intent == "place")
            #expect(third.answer.contains("Số 1 đường Thử"))
            let fresh = try await ask(h, "còn lệ phí thì sao?").decode(Reply.self)
            #expect(fresh.procedure == nil)
        }
    }

    @Test("questions are logged with personal numbers masked; 👍/👎 is recorded for the asking conversation only", arguments: TestBackend.enabled)
    func questionLog(backend: TestBackend) async throws {
        try await TestApp.run(backend) { h in
            let reply = try await ask(h, "CCCD 066123456789, sđt 0905123456, a@b.vn: làm khai sinh cần gì").decode(Reply.self)
            let id = try #require(reply.question_id)
            let logged = try await AssistantLogRepository(db: h.database.sql).list(unanswered: false, page: .init())
            #expect(logged.items.first?.question == "CCCD [số CCCD], sđt [số điện thoại], [email]: làm khai sinh cần gì")
            let wrong = try await h.json(.post, "/api/v1/assistant/procedures/feedback", #"{"question_id": \#(id), "conversation": "other", "helpful": false}"#)
            #expect(wrong.status == .notFound)
            let right = try await h.json(.post, "/api/v1/assistant/procedures/feedback", #"{"question_id": \#(id), "conversation": "\#(reply.conversation)", "helpful": false}"#)
            #expect(right.status == .noContent)
            let unanswered = try await AssistantLogRepository(db: h.database.sql).list(unanswered: true, page: .init())
            #expect(unanswered.items.map(\.id) == [id])
            let official = try await h.token(username: "tinh.a", role: .province)
            let page = try await h.get("/thu-tuc/cau-hoi?loc=chua-tra-loi", token: official)
            #expect(page.status == .ok)
            #expect(page.text.contains("[số CCCD]") && !page.text.contains("066123456789"))
            #expect(try await h.get("/thu-tuc/cau-hoi").status == .unauthorized)
        }
    }

    @Test("the assistant is rate-limited per client with 429 and Retry-After; 0 turns the limit off", arguments: TestBackend.enabled)
    func rateLimit(backend: TestBackend) async throws {
        var config = TestApp.config()
        config.assistantRateLimit = 2
        try await TestApp.run(backend, config: config) { h in
            #expect(try await ask(h, "khai sinh").status == .ok)
            #expect(try await ask(h, "khai tu").status == .ok)
            let limited = try await ask(h, "ket hon")
            #expect(limited.status == .tooManyRequests)
            let retryAfter = Int(limited.headers[.retryAfter] ?? "") ?? 0
            #expect(retryAfter > 0)
            #expect(limited.apiError?.code == "too_many_requests")
        }
        var off = TestApp.config()
        off.assistantRateLimit = 0
        try await TestApp.run(backend, config: off) { h in
            for _ in 0..<5 {
                let status = try await ask(h, "khai sinh").status
                #expect(status == .ok)
            }
        }
    }

    @Test("the catalogue lists and filters; one record comes whole; a missing code is 404", arguments: TestBackend.enabled)
    func catalogue(backend: TestBackend) async throws {
        try await TestApp.run(backend) { h in
            struct List: Decodable {
                struct Item: Decodable { var code: String; var name: String; var field: String; var level: String; var verified: Bool }
                var items: [Item]
                var total: Int
                var page: Int
                var per: Int
            }
            let all = try await h.get("/api/v1/procedures?per=5").decode(List.self)
            #expect(all.total >= 237)
            #expect(all.items.count == 5 && all.page == 1 && all.per == 5)
            let second = try await h.get("/api/v1/procedures?per=5&page=2").decode(List.self)
            #expect(second.page == 2 && second.total == all.total && second.items.count == 5)
            #expect(Set(second.items.map(\.code)).isDisjoint(with: all.items.map(\.code)))
            #expect(try await h.get("/api/v1/procedures?per=0").status == .unprocessableContent)
            let civil = try await h.get("/api/v1/procedures?field=H%E1%BB%99%20t%E1%BB%8Bch&per=500").decode(List.self)
            #expect(civil.items.allSatisfy { $0.field == "Hộ tịch" } && civil.total >= 8)
            let search = try await h.get("/api/v1/procedures?q=khai%20sinh").decode(List.self)
            #expect(search.items.first?.code == "HC.HT.001")
            let one = try await h.get("/api/v1/procedures/HC.HT.001")
            #expect(one.status == .ok)
            let record = try #require(try JSONSerialization.jsonObject(with: Data(one.body.readableBytesView)) as? [String: Any])
            #expect(record["cases"] != nil && record["legalBasis"] != nil && record["verified"] as? Bool == false)
            #expect((record["updatedAt"] as? String)?.hasSuffix("+07:00") == true)
            #expect(try await h.get("/api/v1/procedures/KHONG.CO").status == .notFound)
        }
    }

    @Test("the printable checklist lists the case's papers and says when a record is unverified", arguments: TestBackend.enabled)
    func checklistPage(backend: TestBackend) async throws {
        try await TestApp.run(backend) { h in
            let page = try await h.get("/thu-tuc/HC.HT.001/giay-to")
            #expect(page.status == .ok)
            #expect(page.text.contains("Giấy tờ cần mang"))
            #expect(page.text.contains("Tờ khai đăng ký khai sinh"))
            #expect(page.text.contains("chưa xác minh"))
            let variant = try await h.get("/thu-tuc/HC.HT.001/giay-to?case=Khai%20sinh%20cho%20tr%E1%BA%BB%20b%E1%BB%8B%20b%E1%BB%8F%20r%C6%A1i")
            #expect(variant.text.contains("Biên bản xác nhận việc trẻ bị bỏ rơi"))
            #expect(try await h.get("/thu-tuc/KHONG.CO/giay-to").status == .notFound)
        }
    }

    @Test("the chat works as a plain form post without JavaScript", arguments: TestBackend.enabled)
    func chatForm(backend: TestBackend) async throws {
        try await TestApp.run(backend) { h in
            let jar = CookieJar()
            let page = try await h.get("/thu-tuc", cookies: jar)
            #expect(page.status == .ok && page.text.contains("Trợ lý thủ tục hành chính"))
            let answer = try await h.postForm("/thu-tuc", ["question": "lệ phí đăng ký kết hôn"], cookies: jar)
            #expect(answer.status == .ok)
            #expect(answer.text.contains("Đăng ký kết hôn"))
            #expect(!answer.text.contains("Có phải bạn muốn hỏi"))
            let unaccented = try await h.postForm("/thu-tuc", ["question": "le phi dang ky ket hon bao nhieu"], cookies: jar)
            #expect(unaccented.text.contains("Có phải bạn muốn hỏi: “lệ phí đăng ký kết hôn bao nhiêu”?"))
            #expect(try await h.get("/static/assistant.js").status == .ok)
            #expect(try await h.get("/thu-tuc/danh-muc?q=tam%20tru").text.contains("Đăng ký tạm trú"))
        }
    }

    @Test("the catalogue page shows 50 procedures a page, with links that keep the search and the field", arguments: TestBackend.enabled)
    func cataloguePages(backend: TestBackend) async throws {
        try await TestApp.run(backend) { h in
            let first = try await h.get("/thu-tuc/danh-muc")
            #expect(first.status == .ok)
            let links = { (text: String) in text.components(separatedBy: "href=\"/thu-tuc/").dropFirst().filter { !$0.hasPrefix("danh-muc") }.count }
            #expect(links(first.text) == 50)
            #expect(first.text.contains("Đang xem 1–50.") && first.text.contains("Trang 1/"))
            #expect(first.text.contains("href=\"/thu-tuc/danh-muc?page=2\" rel=\"next\""))
            #expect(!first.text.contains("rel=\"prev\""))
            let second = try await h.get("/thu-tuc/danh-muc?page=2")
            #expect(second.text.contains("Đang xem 51–100.") && second.text.contains("rel=\"prev\""))
            // A search with more than one page keeps its words in the links.
            let search = try await h.get("/thu-tuc/danh-muc?q=c%E1%BA%A5p&per=5")
            #expect(links(search.text) == 5)
            #expect(search.text.contains("/thu-tuc/danh-muc?q=c%E1%BA%A5p&amp;per=5&amp;page=2") || search.text.contains("/thu-tuc/danh-muc?q=c%E1%BA%A5p&per=5&page=2"))
            // A field small enough for one page has no pager.
            let civil = try await h.get("/thu-tuc/danh-muc?field=H%E1%BB%99%20t%E1%BB%8Bch")
            #expect(civil.status == .ok && civil.text.contains("Hộ tịch") && !civil.text.contains("Trang 1/"))
            #expect(try await h.get("/thu-tuc/danh-muc?page=0").status == .unprocessableContent)
        }
    }

    @Test("a province official edits and verifies a record, audited; a commune official may not", arguments: TestBackend.enabled)
    func officialEdits(backend: TestBackend) async throws {
        try await TestApp.run(backend) { h in
            _ = try await h.accounts.create(username: "tinh.b", displayName: nil, password: "password-123", role: .province, unitCode: nil, by: "test")
            _ = try await h.accounts.create(username: "xa.b", displayName: nil, password: "password-123", role: .commune, unitCode: "24121", by: "test")
            let commune = try await h.signIn("xa.b", "password-123")
            #expect(try await h.get("/thu-tuc/HC.HT.001/sua", cookies: commune).status == .forbidden)
            let jar = try await h.signIn("tinh.b", "password-123")
            #expect(try await h.get("/thu-tuc/HC.HT.001/sua", cookies: jar).status == .ok)
            let saved = try await h.postForm("/thu-tuc/HC.HT.001/sua", [
                "name": "Đăng ký khai sinh", "field": "Hộ tịch", "level": "Cấp Xã", "fee": "Miễn lệ phí", "verified": "on",
            ], cookies: jar)
            #expect(saved.status == .seeOther)
            let record = try #require(try await ProcedureRepository(db: h.database.sql).find(code: "HC.HT.001"))
            #expect(record.verified)
            #expect(record.channels.allSatisfy { $0.fee.amount == 0 })
            let audit = try await AuditRepository(db: h.database.sql).list(entity: "procedure", page: .init())
            #expect(audit.items.first?.action == "procedure.verify" && audit.items.first?.actor == "tinh.b")
            let reply = try await ask(h, "lệ phí đăng ký khai sinh").decode(Reply.self)
            #expect(reply.verified)
            #expect(!reply.answer.contains("chưa xác minh"))
        }
    }
}
