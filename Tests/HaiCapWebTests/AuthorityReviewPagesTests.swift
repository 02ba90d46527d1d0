import Foundation
import HaiCapCore
import HaiCapStore
import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing

@Suite("Authority review queue, delegations and recorded changes (web forms)")
struct AuthorityReviewPagesTests {
    static func permitRecord(_ h: TestHarness) async throws -> CompetenceRecord {
        let page = try await CompetenceRepository(db: h.database.sql).list(document: "140/2025/NĐ-CP", status: .extracted, query: nil, page: .init(per: 500))
        return try #require(page.items.first { $0.article == "4" && $0.clause == "1" })
    }

    @Test("province officials verify and reject in the queue; commune officials only read it", arguments: TestBackend.enabled)
    func queue(backend: TestBackend) async throws {
        try await TestApp.run(backend) { h in
            let record = try await Self.permitRecord(h)
            let id = try #require(record.id)
            _ = try await h.accounts.create(username: "xa.a", displayName: nil, password: "password-123", role: .commune, unitCode: "24121", by: "test")
            let commune = try await h.signIn("xa.a", "password-123")
            let list = try await h.get("/tham-quyen/duyet?document=140%2F2025%2FN%C4%90-CP", cookies: commune)
            #expect(list.status == .ok)
            #expect(list.text.contains("ban-ghi-\(id)"))
            #expect(!list.text.contains("Xác minh</button>"))
            #expect(try await h.postForm("/tham-quyen/duyet/\(id)", ["action": "verify"], cookies: commune).status == .forbidden)

            _ = try await h.accounts.create(username: "tinh", displayName: nil, password: "password-123", role: .province, unitCode: nil, by: "test")
            let province = try await h.signIn("tinh", "password-123")
            let verified = try await h.postForm("/tham-quyen/duyet/\(id)", ["action": "verify"], cookies: province)
            #expect(verified.status == .seeOther)
            #expect(try await CompetenceRepository(db: h.database.sql).find(id: id)?.status == .verified)
            let edited = try await h.postForm("/tham-quyen/duyet/\(id)", ["action": "edit", "holder": "chu_tich_ubnd_xa", "mode": "ủy quyền"], cookies: province)
            #expect(edited.status == .seeOther)
            let after = try await CompetenceRepository(db: h.database.sql).find(id: id)
            #expect(after?.holder == "chu_tich_ubnd_xa" && after?.mode == .delegation)
            let audit = try await h.database.sql.select().column("actor").from("audit_log").where("entity", .equal, "competence").all()
            #expect(audit.count == 2)
        }
    }

    @Test("a recorded delegation is quoted with the answers about the delegator", arguments: TestBackend.enabled)
    func delegation(backend: TestBackend) async throws {
        try await TestApp.run(backend) { h in
            let province = try await h.signIn("admin", TestApp.adminPassword)
            let bad = try await h.postForm("/tham-quyen/uy-quyen", ["number": "", "delegator": "ubnd_tinh", "delegate": "x", "scope": "y", "validFrom": "2025-07-01"], cookies: province)
            #expect(bad.status == .unprocessableContent || bad.status == .badRequest)
            let ok = try await h.postForm("/tham-quyen/uy-quyen", [
                "number": "15/2025/QĐ-UBND", "delegator": "ubnd_tinh", "delegate": "Giám đốc Sở Xây dựng",
                "scope": "thành lập Ban quản lý dự án khu vực", "validFrom": "2025-07-01", "validTo": "",
            ], cookies: province)
            #expect(ok.status == .seeOther)
            let token = try await h.adminToken()
            let answer = try await h.json(.post, "/api/v1/assistant/authority", token: token,
                                          #"{"question": "UBND xã có được thành lập Ban quản lý dự án khu vực không?"}"#)
            struct A: Decodable { var holder: String?; var warnings: [String] }
            let a = try answer.decode(A.self)
            #expect(a.holder == "Ủy ban nhân dân cấp tỉnh")
            #expect(a.warnings.contains { $0.contains("15/2025/QĐ-UBND") && $0.contains("Giám đốc Sở Xây dựng") })
        }
    }

    @Test("an amendment recorded on a document page shows on the provision and warns in answers", arguments: TestBackend.enabled)
    func change(backend: TestBackend) async throws {
        try await TestApp.run(backend) { h in
            let jar = try await h.signIn("admin", TestApp.adminPassword)
            let recorded = try await h.postForm("/tham-quyen/van-ban/140-2025-ND-CP/thay-doi", [
                "kind": "amendment", "article": "4", "clause": "1", "byDocument": "999/2026/NĐ-CP", "effective": "2026-09-01", "note": "thử",
            ], cookies: jar)
            #expect(recorded.status == .seeOther)
            let page = try await h.get("/tham-quyen/van-ban/140-2025-ND-CP", cookies: jar)
            #expect(page.text.contains("khoản 1 Điều 4 Nghị định số 140/2025/NĐ-CP bị sửa đổi, bổ sung bởi Nghị định số 999/2026/NĐ-CP"))
            let token = try await h.adminToken()
            let answer = try await h.json(.post, "/api/v1/assistant/authority", token: token, #"{"question": "Ai có thẩm quyền cấp giấy phép xây dựng nhà ở riêng lẻ?"}"#)
            struct A: Decodable { var warnings: [String] }
            #expect(try answer.decode(A.self).warnings.contains { $0.contains("sửa đổi, bổ sung bởi Nghị định số 999/2026/NĐ-CP") })
        }
    }
}
