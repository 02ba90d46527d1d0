import Foundation
import HaiCapCore
import HaiCapStore
@testable import HaiCapWeb
import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing

@Suite("Authority and legal pages")
struct AuthorityPagesTests {
    @Test("assistant page: sign-in required, form post answers without JavaScript", arguments: TestBackend.enabled)
    func assistant(backend: TestBackend) async throws {
        try await TestApp.run(backend) { h in
            #expect(try await h.get("/tham-quyen").status == .unauthorized)
            _ = try await h.accounts.create(username: "xa.a", displayName: "Cán bộ xã", password: "password-123", role: .commune, unitCode: "24121", by: "test")
            let jar = try await h.signIn("xa.a", "password-123")
            let page = try await h.get("/tham-quyen", cookies: jar)
            #expect(page.status == .ok)
            #expect(page.text.contains("Trợ lý thẩm quyền"))
            let answer = try await h.postForm("/tham-quyen", ["question": "Cơ quan nào đăng ký khai sinh có yếu tố nước ngoài?"], cookies: jar)
            #expect(answer.status == .ok)
            #expect(answer.text.contains("Ủy ban nhân dân cấp xã"))
            #expect(answer.text.contains("Nghị định số 120/2025/NĐ-CP"))
            let forged = try await h.postForm("/tham-quyen", ["question": "x"], cookies: jar, includeCSRF: false)
            #expect(forged.status == .forbidden)
        }
    }

    @Test("questions arriving together on a fresh instance share one build of the knowledge base", arguments: TestBackend.enabled)
    func oneBuildAtStart(backend: TestBackend) async throws {
        try await TestApp.run(backend) { h in
            let service = AuthorityService(database: h.database)
            let built = try await withThrowingTaskGroup(of: AuthorityKnowledge.self) { group in
                for _ in 0..<12 { group.addTask { try await service.knowledge() } }
                return try await group.reduce(into: [AuthorityKnowledge]()) { $0.append($1) }
            }
            #expect(built.count == 12 && built.allSatisfy { $0 === built[0] })
            #expect(try await service.knowledge() === built[0])
        }
    }

    @Test("questions asked on the page and over the API are logged, masked; the province sees them, unanswered apart", arguments: TestBackend.enabled)
    func questionLog(backend: TestBackend) async throws {
        try await TestApp.run(backend) { h in
            _ = try await h.accounts.create(username: "xa.a", displayName: "Cán bộ xã", password: "password-123", role: .commune, unitCode: "24121", by: "test")
            let jar = try await h.signIn("xa.a", "password-123")
            _ = try await h.postForm("/tham-quyen", ["question": "Cơ quan nào đăng ký khai sinh có yếu tố nước ngoài?"], cookies: jar)
            let token = try await h.token(username: "xa.b", role: .commune, unit: "24121")
            let unknown = try await h.json(.post, "/api/v1/assistant/authority", token: token,
                                           #"{"question": "Ai cấp giấy phép lái xe cho ông 0912345678?", "asOf": "2026-01-15"}"#)
            #expect(unknown.status == .ok)
            // A question the assistant refuses is not logged.
            #expect(try await h.json(.post, "/api/v1/assistant/authority", token: token, #"{"question": "  "}"#).status == .unprocessableContent)

            let log = AuthorityQuestionLogRepository(db: h.database.sql)
            let all = try await log.list(unanswered: false, page: .init())
            #expect(all.total == 2)
            #expect(all.items.map(\.askedBy) == ["xa.b", "xa.a"])
            #expect(all.items.last?.kind == "answer" && all.items.last?.holderCode == "ubnd_xa")
            #expect(all.items.last?.citation?.hasSuffix("Nghị định số 120/2025/NĐ-CP") == true)
            #expect(all.items.first?.asOf == "2026-01-15" && all.items.first?.kind != "answer")
            #expect(all.items.first?.question.contains("0912345678") == false)
            let unanswered = try await log.list(unanswered: true, page: .init())
            #expect(unanswered.items.map(\.askedBy) == ["xa.b"])

            #expect(try await h.get("/tham-quyen/cau-hoi", cookies: jar).status == .forbidden)
            let province = try await h.token(username: "tinh.a", role: .province)
            let page = try await h.get("/tham-quyen/cau-hoi?loc=chua-tra-loi", token: province)
            #expect(page.status == .ok)
            #expect(page.text.contains("Câu hỏi về thẩm quyền") && page.text.contains("giấy phép lái xe"))
            #expect(!page.text.contains("khai sinh") && !page.text.contains("0912345678"))
            // Each question links back to the assistant, asked again as of the same day; "?" and "&" are escaped.
            #expect(page.text.contains("/tham-quyen?q=Ai%20c%E1%BA%A5p%20gi%E1%BA%A5y") && page.text.contains("%3F&amp;asOf=2026%2D01%2D15"))
            let everything = try await h.get("/tham-quyen/cau-hoi", token: province)
            #expect(everything.text.contains("khai sinh") && everything.text.contains("Ủy ban nhân dân cấp xã"))

            // The asker, and only the asker, says whether an answer was right; a wrong one joins the list to review.
            struct Asked: Decodable { var kind: String; var questionId: Int64? }
            let asked = try await h.json(.post, "/api/v1/assistant/authority", token: token,
                                         #"{"question": "Ai có thẩm quyền cấp giấy phép xây dựng nhà ở riêng lẻ?"}"#).decode(Asked.self)
            let id = try #require(asked.questionId)
            let other = try await h.token(username: "xa.c", role: .commune, unit: "24121")
            #expect(try await h.json(.post, "/api/v1/assistant/authority/feedback", token: other, #"{"questionId": \#(id), "helpful": false}"#).status == .notFound)
            #expect(try await h.json(.post, "/api/v1/assistant/authority/feedback", token: token, #"{"questionId": \#(id), "helpful": false}"#).status == .noContent)
            #expect(try await log.list(unanswered: true, page: .init()).items.map(\.id).contains(id))
            let onPage = try await h.postForm("/tham-quyen", ["question": "Cơ quan nào đăng ký khai sinh có yếu tố nước ngoài?"], cookies: jar)
            #expect(onPage.text.contains("Câu trả lời này có đúng không?"))
            let pageID = try #require(try await log.list(unanswered: false, page: .init()).items.first?.id)
            let verdict = try await h.postForm("/tham-quyen/gop-y", ["question": String(pageID), "verdict": "dung"], cookies: jar)
            #expect(verdict.status == .seeOther)
            #expect(try await h.get("/tham-quyen?da-gop-y=dung", cookies: jar).text.contains("đã ghi nhận câu trả lời là đúng"))
            #expect(try await log.list(unanswered: false, page: .init()).items.first?.feedback == 1)
            #expect(try await h.postForm("/tham-quyen/gop-y", ["question": String(id), "verdict": "dung"], cookies: jar).status == .notFound)
            let reviewed = try await h.get("/tham-quyen/cau-hoi?loc=chua-tra-loi", token: province)
            #expect(reviewed.text.contains("nhà ở riêng lẻ") && reviewed.text.contains("<td>Sai</td>"))

            // Twenty questions at once (on SQLite their log entries commit together): twenty entries, twenty ids.
            let before = try await log.list(unanswered: false, page: .init()).total
            let ids = try await withThrowingTaskGroup(of: Int64?.self) { group in
                for i in 0..<20 {
                    group.addTask {
                        try await h.json(.post, "/api/v1/assistant/authority", token: token,
                                         #"{"question": "Ai cấp giấy phép xây dựng nhà ở riêng lẻ? (\#(i))"}"#).decode(Asked.self).questionId
                    }
                }
                return try await group.reduce(into: [Int64?]()) { $0.append($1) }
            }
            #expect(ids.count == 20 && Set(ids.compactMap { $0 }).count == 20)
            #expect(try await log.list(unanswered: false, page: .init()).total == before + 20)
        }
    }

    @Test("province officials add and remove their own words on the page and over the API, audited; the next question uses them", arguments: TestBackend.enabled)
    func officialsWords(backend: TestBackend) async throws {
        try await TestApp.run(backend) { h in
            struct Answer: Decodable { var kind: String; var holderCode: String? }
            struct Phrase: Decodable { var id: Int64; var phrase: String; var replacement: String; var createdBy: String }
            struct Phrases: Decodable { var items: [Phrase]; var total: Int; var builtIn: [[String: String]] }
            let commune = try await h.token(username: "xa.a", role: .commune, unit: "24121")
            let question = #"{"question": "Ai cấp giấy phép xây cất nhà dân?"}"#
            #expect(try await h.json(.post, "/api/v1/assistant/authority", token: commune, question).decode(Answer.self).kind != "answer")

            _ = try await h.accounts.create(username: "tinh.a", displayName: "Cán bộ tỉnh", password: "password-123", role: .province, unitCode: nil, by: "test")
            let jar = try await h.signIn("tinh.a", "password-123")
            let added = try await h.postForm("/tham-quyen/tu-ngu", ["phrase": "xây cất nhà dân", "replacement": "xây dựng nhà ở riêng lẻ"], cookies: jar)
            #expect(added.status == .seeOther)
            let page = try await h.get("/tham-quyen/tu-ngu?da-them=1", cookies: jar)
            #expect(page.text.contains("xây cất nhà dân") && page.text.contains("Đã thêm") && page.text.contains("kiều bào"))
            let answered = try await h.json(.post, "/api/v1/assistant/authority", token: commune, question).decode(Answer.self)
            #expect(answered.kind == "answer" && answered.holderCode == "ubnd_xa")

            // Holder words, a duplicate (with or without diacritics) and a lone syllable are refused with the reason.
            let holder = try await h.postForm("/tham-quyen/tu-ngu", ["phrase": "xã làm giấy tờ", "replacement": "Ủy ban nhân dân cấp xã"], cookies: jar)
            #expect(holder.status == .unprocessableContent && holder.text.contains("không được nêu chủ thể"))
            let twice = try await h.json(.post, "/api/v1/authority/phrases", token: try await h.token(username: "tinh.b", role: .province),
                                         #"{"phrase": "xay cat nha dan", "replacement": "xây dựng"}"#)
            #expect(twice.status == .unprocessableContent)
            // Commune officials read the list; only the province writes it.
            #expect(try await h.get("/tham-quyen/tu-ngu", token: commune).status == .ok)
            #expect(try await h.json(.post, "/api/v1/authority/phrases", token: commune, #"{"phrase": "nhà trọ", "replacement": "nhà ở"}"#).status == .forbidden)

            let list = try await h.get("/api/v1/authority/phrases", token: commune).decode(Phrases.self)
            let rule = try #require(list.items.first)
            #expect(list.total == 1 && rule.phrase == "xây cất nhà dân" && rule.createdBy == "tinh.a" && !list.builtIn.isEmpty)
            let audit = try await AuditRepository(db: h.database.sql).list(entity: "authority_phrase", page: .init())
            #expect(audit.items.map(\.action) == ["authority.phrase.add"])

            // Removing asks first, then the assistant no longer reads the phrase.
            let confirm = try await h.get("/tham-quyen/tu-ngu/\(rule.id)/xoa", cookies: jar)
            #expect(confirm.status == .ok && confirm.text.contains("Xóa cách gọi “xây cất nhà dân”"))
            #expect(try await h.postForm("/tham-quyen/tu-ngu/\(rule.id)/xoa", [:], cookies: jar).status == .seeOther)
            #expect(try await h.json(.post, "/api/v1/assistant/authority", token: commune, question).decode(Answer.self).kind != "answer")
            let province = try await h.token(username: "tinh.c", role: .province)
            #expect(try await h.send(.delete, "/api/v1/authority/phrases/\(rule.id)", token: province).status == .notFound)
            let api = try await h.json(.post, "/api/v1/authority/phrases", token: province, #"{"phrase": "quán nhậu", "replacement": "kinh doanh rượu"}"#)
            #expect(api.status == .created)
            #expect(try await h.send(.delete, "/api/v1/authority/phrases/\(try api.decode(Phrase.self).id)", token: province).status == .noContent)
            let actions = try await AuditRepository(db: h.database.sql).list(entity: "authority_phrase", page: .init()).items.map(\.action)
            #expect(actions.sorted() == ["authority.phrase.add", "authority.phrase.add", "authority.phrase.remove", "authority.phrase.remove"])
        }
    }

    @Test("document page has an outline, anchors and cross-reference links; search finds provisions", arguments: TestBackend.enabled)
    func documentPage(backend: TestBackend) async throws {
        try await TestApp.run(backend) { h in
            let jar = try await h.signIn("admin", TestApp.adminPassword)
            let list = try await h.get("/tham-quyen/van-ban", cookies: jar)
            #expect(list.text.contains("/tham-quyen/van-ban/140-2025-ND-CP"))
            let page = try await h.get("/tham-quyen/van-ban/140-2025-ND-CP", cookies: jar)
            #expect(page.status == .ok)
            #expect(page.text.contains("id=\"dieu-4-khoan-1\""))
            #expect(page.text.contains("href=\"#dieu-4\""))
            #expect(page.text.contains("/tham-quyen/van-ban/50-2014-QH13#dieu-103"))
            #expect(page.text.contains("bãi bỏ bởi Nghị định số 207/2026/NĐ-CP"))
            #expect(page.text.contains("trừ các trường hợp sau"))
            let search = try await h.get("/tham-quyen/tim-kiem?q=cap%20giay%20phep%20xay%20dung&document=140%2F2025%2FN%C4%90-CP", cookies: jar)
            #expect(search.text.contains("140-2025-ND-CP#dieu-4-khoan-1"))
            #expect(try await h.get("/tham-quyen/van-ban/1-2000-ND-CP", cookies: jar).status == .notFound)
        }
    }

    static func multipart(_ fields: [String: String], file: (name: String, type: String, body: String)?, boundary: String = "XyZ123") -> ByteBuffer {
        var text = ""
        for (k, v) in fields.sorted(by: { $0.key < $1.key }) {
            text += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(k)\"\r\n\r\n\(v)\r\n"
        }
        if let file {
            text += "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(file.name)\"\r\nContent-Type: \(file.type)\r\n\r\n\(file.body)\r\n"
        }
        text += "--\(boundary)--\r\n"
        return ByteBuffer(string: text)
    }

    @Test("upload: province only, type checked, proposals queued and audited", arguments: TestBackend.enabled)
    func upload(backend: TestBackend) async throws {
        try await TestApp.run(backend) { h in
            let decree = "Điều 1. Phạm vi điều chỉnh\nNghị định này quy định thử.\nĐiều 2. Thẩm quyền cấp phép thử\nThẩm quyền cấp phép thử nghiệm do Ủy ban nhân dân cấp xã thực hiện.\n"
            let headers: HTTPFields = [.contentType: "multipart/form-data; boundary=XyZ123"]
            _ = try await h.accounts.create(username: "xa.a", displayName: nil, password: "password-123", role: .commune, unitCode: "24121", by: "test")
            let commune = try await h.signIn("xa.a", "password-123")
            var fields = ["number": "999/2025/NĐ-CP", "title": "Thử nghiệm", "type": "Nghị định", "effective": "2025-07-01", "delineation": "on",
                          "_csrf": commune.values["haicap_csrf"] ?? ""]
            let denied = try await h.send(.post, "/tham-quyen/van-ban", cookies: commune, headers: headers,
                                          body: Self.multipart(fields, file: ("nd.txt", "text/plain", decree)))
            #expect(denied.status == .forbidden)
            let jar = try await h.signIn("admin", TestApp.adminPassword)
            fields["_csrf"] = jar.values["haicap_csrf"] ?? ""
            let wrongType = try await h.send(.post, "/tham-quyen/van-ban", cookies: jar, headers: headers,
                                             body: Self.multipart(fields, file: ("nd.pdf", "application/pdf", "%PDF")))
            #expect(wrongType.status == .unprocessableContent || wrongType.status == .badRequest)
            let ok = try await h.send(.post, "/tham-quyen/van-ban", cookies: jar, headers: headers,
                                      body: Self.multipart(fields, file: ("nd.txt", "text/plain", decree)))
            #expect(ok.status == .seeOther)
            #expect(ok.headers[.location] == "/tham-quyen/van-ban/999-2025-ND-CP")
            let records = try await CompetenceRepository(db: h.database.sql).list(document: "999/2025/NĐ-CP", status: .extracted, query: nil, page: .init())
            #expect(records.items.map(\.holder) == ["ubnd_xa"])
            let audit = try await h.database.sql.select().column("entity_id").from("audit_log").where("action", .equal, "legal.import").all()
            #expect(audit.count == 1)
            let duplicate = try await h.send(.post, "/tham-quyen/van-ban", cookies: jar, headers: headers,
                                             body: Self.multipart(fields, file: ("nd.txt", "text/plain", decree)))
            #expect(duplicate.status == .conflict)
        }
    }
}
