import Foundation
import HaiCapCore
import HaiCapStore
import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing

@Suite("Authority assistant API")
struct AuthorityAPITests {
    struct Answer: Decodable {
        struct Basis: Decodable {
            var citation: String
            var document: String
            var text: String
            var effective: String?
            var expires: String?
        }
        var kind: String
        var holder: String?
        var previousHolder: String?
        var mode: String?
        var basis: [Basis]
        var answer: String
        var warnings: [String]
        var asOf: String
    }

    @Test("POST /api/v1/assistant/authority answers with holder, basis, validity and as-of", arguments: TestBackend.enabled)
    func answer(backend: TestBackend) async throws {
        try await TestApp.run(backend) { h in
            let token = try await h.token(username: "xa.a", role: .commune, unit: "24121")
            let response = try await h.json(.post, "/api/v1/assistant/authority", token: token,
                                            #"{"question": "Ai có thẩm quyền cấp giấy phép xây dựng nhà ở riêng lẻ?"}"#)
            #expect(response.status == .ok)
            let a = try response.decode(Answer.self)
            #expect(a.kind == "answer")
            #expect(a.holder == "Ủy ban nhân dân cấp xã")
            #expect(a.mode == "phân định")
            #expect(a.asOf == "2026-11-27")
            #expect(a.basis.first?.citation == "khoản 1 Điều 4 Nghị định số 140/2025/NĐ-CP")
            #expect(a.basis.first?.effective == "2025-07-01")
            #expect(a.basis.first?.expires == "2027-03-01")
            #expect(a.basis.first?.text.contains("do Ủy ban nhân dân cấp xã thực hiện") == true)
            // Less than 6 months before 01/3/2027: the condition is quoted verbatim.
            #expect(a.warnings.contains { $0.contains("trừ các trường hợp sau") && $0.contains("kéo dài thời gian áp dụng") })
            // Every key is present, null when empty.
            let object = try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any]
            for key in ["kind", "holder", "previousHolder", "mode", "basis", "answer", "warnings"] { #expect(object?[key] != nil) }
        }
    }

    @Test("repealed provision: a holder before NĐ 207/2026, none after", arguments: TestBackend.enabled)
    func asOfRepeal(backend: TestBackend) async throws {
        try await TestApp.run(backend) { h in
            let token = try await h.token(username: "tinh", role: .province)
            let question = "Ai có trách nhiệm tiếp nhận báo cáo sự cố công trình xây dựng của chủ đầu tư?"
            let before = try await h.json(.post, "/api/v1/assistant/authority", token: token, #"{"question": "\#(question)", "asOf": "2025-10-01"}"#).decode(Answer.self)
            #expect(before.holder == "Ủy ban nhân dân cấp xã")
            #expect(before.basis.first?.citation.hasSuffix("Điều 8 Nghị định số 140/2025/NĐ-CP") == true)
            let now = try await h.json(.post, "/api/v1/assistant/authority", token: token, #"{"question": "\#(question)"}"#).decode(Answer.self)
            #expect(now.holder == nil)
            #expect(now.kind == "provisions")
            #expect(now.warnings.contains { $0.contains("207/2026/NĐ-CP") })
            let expired = try await h.json(.post, "/api/v1/assistant/authority", token: token,
                                           #"{"question": "Ai cấp giấy phép xây dựng?", "asOf": "2027-03-01"}"#).decode(Answer.self)
            #expect(expired.holder == nil)
        }
    }

    @Test("questions the texts do not answer name no holder", arguments: TestBackend.enabled)
    func unanswerable(backend: TestBackend) async throws {
        try await TestApp.run(backend) { h in
            let token = try await h.adminToken()
            let a = try await h.json(.post, "/api/v1/assistant/authority", token: token, #"{"question": "Ai cấp giấy phép kinh doanh dịch vụ karaoke?"}"#).decode(Answer.self)
            #expect(a.holder == nil)
            #expect(a.kind != "answer")
        }
    }

    @Test("validation and access", arguments: TestBackend.enabled)
    func access(backend: TestBackend) async throws {
        try await TestApp.run(backend) { h in
            let anonymous = try await h.json(.post, "/api/v1/assistant/authority", #"{"question": "Ai cấp giấy phép xây dựng?"}"#)
            #expect(anonymous.status == .unauthorized)
            #expect(try await h.get("/api/v1/legal/documents").status == .unauthorized)
            #expect(try await h.get("/api/v1/competences").status == .unauthorized)
            let token = try await h.token(username: "xa.a", role: .commune, unit: "24121")
            let empty = try await h.json(.post, "/api/v1/assistant/authority", token: token, #"{"question": "  "}"#)
            #expect(empty.status == .unprocessableContent || empty.status == .badRequest)
            let badDate = try await h.json(.post, "/api/v1/assistant/authority", token: token, #"{"question": "Ai cấp phép?", "asOf": "01/3/2027"}"#)
            #expect(badDate.apiError?.code == "validation_failed")
            let review = try await h.json(.post, "/api/v1/competences/1/review", token: token, #"{"action": "verify"}"#)
            #expect(review.status == .forbidden)
        }
    }

    struct Documents: Decodable {
        struct Item: Decodable {
            var number: String
            var title: String
            var type: String
            var effective: String?
            var expires: String?
            var status: String
            var articles: Int
        }
        var items: [Item]
        var total: Int
    }

    @Test("GET /api/v1/legal/documents lists the bundled registry with status", arguments: TestBackend.enabled)
    func documents(backend: TestBackend) async throws {
        try await TestApp.run(backend) { h in
            let token = try await h.token(username: "xa.a", role: .commune, unit: "24121")
            let list = try await h.get("/api/v1/legal/documents", token: token).decode(Documents.self)
            #expect(list.total == list.items.count)
            let nd140 = list.items.first { $0.number == "140/2025/NĐ-CP" }
            #expect(nd140?.articles == 32)
            #expect(nd140?.status == "partly_repealed")
            #expect(nd140?.expires == "2027-03-01")
            #expect(list.items.first { $0.number == "03/2026/QH16" }?.status == "not_yet_in_force")
            #expect(list.items.first { $0.number == "120/2025/NĐ-CP" }?.articles == 24)
        }
    }

    struct Competences: Decodable {
        struct Item: Decodable {
            var id: Int64
            var power: String
            var holder: String
            var previousHolder: String?
            var mode: String
            var basis: [Answer.Basis]
            var status: String
        }
        var items: [Item]
        var total: Int
    }

    @Test("competences: filter, review transitions audited, answers follow reviews", arguments: TestBackend.enabled)
    func review(backend: TestBackend) async throws {
        try await TestApp.run(backend) { h in
            let province = try await h.token(username: "tinh", role: .province)
            let list = try await h.get("/api/v1/competences?document=140/2025/N%C4%90-CP&status=extracted&q=giay%20phep%20xay%20dung", token: province)
                .decode(Competences.self)
            #expect(list.total >= 1)
            let permit = try #require(list.items.first { $0.basis.first?.citation == "khoản 1 Điều 4 Nghị định số 140/2025/NĐ-CP" })
            #expect(permit.holder == "Ủy ban nhân dân cấp xã")
            let verified = try await h.json(.post, "/api/v1/competences/\(permit.id)/review", token: province, #"{"action": "verify"}"#)
            #expect(verified.status == .ok)
            #expect(try verified.decode(Competences.Item.self).status == "verified")
            let again = try await h.json(.post, "/api/v1/competences/\(permit.id)/review", token: province, #"{"action": "verify"}"#)
            #expect(again.status == .conflict)
            let noReason = try await h.json(.post, "/api/v1/competences/\(permit.id)/review", token: province, #"{"action": "reject"}"#)
            #expect(noReason.apiError?.code == "validation_failed")
            let rejected = try await h.json(.post, "/api/v1/competences/\(permit.id)/review", token: province, #"{"action": "reject", "reason": "thử"}"#)
            #expect(try rejected.decode(Competences.Item.self).status == "rejected")
            let audit = try await h.database.sql.select().column("action").from("audit_log").where("entity", .equal, "competence").all()
                .map { try $0.decode(column: "action", as: String.self) }
            #expect(audit == ["competence.verify", "competence.reject"])
            // A rejected record no longer answers.
            let answer = try await h.json(.post, "/api/v1/assistant/authority", token: province,
                                          #"{"question": "Ai có thẩm quyền cấp giấy phép xây dựng nhà ở riêng lẻ?"}"#).decode(Answer.self)
            #expect(answer.basis.first?.citation != "khoản 1 Điều 4 Nghị định số 140/2025/NĐ-CP" || answer.holder == nil)
            let missing = try await h.json(.post, "/api/v1/competences/999999/review", token: province, #"{"action": "verify"}"#)
            #expect(missing.status == .notFound)
        }
    }
}
