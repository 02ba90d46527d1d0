import Foundation
import HaiCapCore
@testable import HaiCapWeb
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Monitoring and direction pages: dashboard, directives, assignment lifecycle through forms")
struct DirectivePagesTests {
    struct Item: Decodable { var id: Int64; var unit: String?; var state: String; var progress: Int; var deadline: String }
    struct List: Decodable { var items: [Item]; var total: Int }

    /// Posts a form with repeated names (checkbox lists), the CSRF token from the jar first.
    @discardableResult
    func post(_ h: TestHarness, _ uri: String, _ pairs: [(String, String)], _ jar: CookieJar) async throws -> TestResponse {
        let all = [("_csrf", jar.values["haicap_csrf"] ?? "")] + pairs
        let body = all.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? $0.1)" }.joined(separator: "&")
        return try await h.send(.post, uri, cookies: jar, headers: [.contentType: "application/x-www-form-urlencoded"], body: ByteBuffer(string: body))
    }

    func location(_ r: TestResponse) -> String { r.headers[.location] ?? "" }

    /// Creates a directive through the form and returns its id.
    func newDirective(_ h: TestHarness, _ jar: CookieJar, text: String = "Giao UBND các xã, phường rà soát thủ tục hành chính.") async throws -> Int64 {
        let r = try await h.postForm("/dieu-hanh/van-ban/moi", [
            "number": "125/UBND-TH", "date": "20/11/2026", "issuer": "UBND tỉnh Đắk Lắk", "signer": "Phó Chủ tịch",
            "summary": "Triển khai rà soát thủ tục hành chính", "text": text, "link": "", "field": "Cải cách hành chính",
        ], cookies: jar)
        #expect(r.status == .seeOther)
        let path = location(r)
        #expect(path.hasPrefix("/dieu-hanh/van-ban/"))
        let id = Int64(path.dropFirst("/dieu-hanh/van-ban/".count).prefix { $0.isNumber })
        return try #require(id)
    }

    func items(_ h: TestHarness, token: String, directive: Int64) async throws -> [Item] {
        try await h.get("/api/v1/assignments?directive=\(directive)", token: token).decode(List.self).items
    }

    @Test("province: dashboard with counts and the 102-unit light table; directive form with kept values; assign to two units", arguments: TestBackend.enabled)
    func provinceFlow(backend: TestBackend) async throws {
        try await TestApp.run(backend) { h in
            let token = try await h.token(username: "tinh.a", role: .province)
            let jar = try await h.signIn("tinh.a", "password-123")

            let empty = try await h.get("/dieu-hanh", cookies: jar)
            #expect(empty.status == .ok)
            #expect(empty.text.contains("Xếp hạng đúng hạn và đèn tín hiệu"))
            #expect(empty.text.components(separatedBy: "<td><span class=\"dh-light ").count - 1 == 102)
            #expect(empty.text.contains(TrafficLight.rules[0]))
            #expect(empty.text.contains("/api/v1/monitoring/assignments.xlsx"))

            // A validation error keeps what was typed and says what is missing beside the field.
            let bad = try await h.postForm("/dieu-hanh/van-ban/moi", [
                "number": "77/CT-UBND", "date": "20/11/2026", "issuer": "UBND tỉnh", "signer": "", "summary": "", "text": "Nội dung giữ lại", "link": "ftp://x", "field": "",
            ], cookies: jar)
            #expect(bad.status == .unprocessableContent)
            #expect(bad.text.contains("value=\"77/CT-UBND\""))
            #expect(bad.text.contains("Nội dung giữ lại"))
            #expect(bad.text.contains("Cần trích yếu nội dung văn bản."))
            #expect(bad.text.contains("Đường dẫn phải bắt đầu bằng http:// hoặc https://."))

            let directive = try await newDirective(h, jar)
            let page = try await h.get("/dieu-hanh/van-ban/\(directive)", cookies: jar)
            #expect(page.text.contains("Giao nhiệm vụ"))
            #expect(page.text.contains("Đề xuất nhiệm vụ"))

            // Missing deadline: refused beside the field, the chosen units stay checked.
            let noDeadline = try await post(h, "/dieu-hanh/van-ban/\(directive)/giao", [
                ("content", "Rà soát thủ tục"), ("units", "22015"), ("units", "22045"), ("deadline", ""), ("workingDays", ""),
                ("priority", "high"), ("recurrence", "none"),
            ], jar)
            #expect(noDeadline.status == .unprocessableContent)
            #expect(noDeadline.text.contains("Cần hạn hoàn thành"))
            #expect(noDeadline.text.contains("value=\"22045\" checked"))

            let given = try await post(h, "/dieu-hanh/van-ban/\(directive)/giao", [
                ("content", "Rà soát thủ tục hành chính tại Bộ phận Một cửa"), ("expectedResult", "Báo cáo kết quả"),
                ("units", "22015"), ("units", "22045"), ("coordinating", "22051"), ("deadline", "16/12/2026"), ("workingDays", ""),
                ("priority", "high"), ("recurrence", "none"), ("assignee", ""), ("field", ""),
            ], jar)
            #expect(given.status == .seeOther)
            #expect(location(given).contains("da-giao=2"))
            let created = try await items(h, token: token, directive: directive)
            #expect(created.map { $0.unit ?? "" }.sorted() == ["22015", "22045"])
            let shown = try await h.get("/dieu-hanh/van-ban/\(directive)", cookies: jar)
            #expect(shown.text.contains("Phường Tuy Hòa"))
            #expect(shown.text.contains("Phường Bình Kiến"))

            let board = try await h.get("/dieu-hanh", cookies: jar)
            #expect(board.text.contains("<p class=\"rpt-stat-label\">Chưa xác nhận đã nhận</p><p class=\"rpt-stat-value\">2</p>"))
            #expect(board.text.contains("<p class=\"rpt-stat-label\">Đang thực hiện trong hạn</p><p class=\"rpt-stat-value\">2</p>"))
            let filtered = try await h.get("/dieu-hanh?van-ban=\(directive)&don-vi=22015&tu-ngay=01/12/2026&den-ngay=31/12/2026", cookies: jar)
            #expect(filtered.status == .ok)
            #expect(filtered.text.contains("/api/v1/monitoring/assignments.csv?directive=\(directive)&amp;unit=22015&amp;from=2026-12-01&amp;to=2026-12-31"))
            // The export link works with the session cookie.
            let csv = try await h.get("/api/v1/monitoring/assignments.csv?directive=\(directive)&unit=22015", cookies: jar)
            #expect(csv.status == .ok)
            #expect(csv.text.contains("Rà soát thủ tục hành chính"))
        }
    }

    @Test("extraction assist: proposals from pasted text, confirming creates the checked ones", arguments: TestBackend.enabled)
    func extraction(backend: TestBackend) async throws {
        try await TestApp.run(backend) { h in
            let token = try await h.token(username: "tinh.a", role: .province)
            let jar = try await h.signIn("tinh.a", "password-123")
            let directive = try await newDirective(h, jar)
            let text = "UBND tỉnh yêu cầu:\n1. Giao UBND phường Tuy Hòa rà soát hồ sơ đất đai, báo cáo trước ngày 16/12/2026.\n2. Đề nghị UBND phường Bình Kiến tổ chức đối thoại với người dân trước ngày 20/12/2026."
            let proposed = try await h.postForm("/dieu-hanh/van-ban/\(directive)/de-xuat", ["text": text], cookies: jar)
            #expect(proposed.status == .ok)
            #expect(proposed.text.contains("Đề xuất 1"))
            #expect(proposed.text.contains("Đề xuất 2"))
            #expect(proposed.text.contains("Phường Tuy Hòa"))
            #expect(proposed.text.contains("value=\"16/12/2026\""))
            #expect(proposed.text.contains("Tạo nhiệm vụ này"))

            // Only the first is kept; its deadline is edited.
            let made = try await h.postForm("/dieu-hanh/van-ban/\(directive)/tao-de-xuat", [
                "count": "2", "text": text,
                "p0.content": "Rà soát hồ sơ đất đai", "p0.units": "22015", "p0.deadline": "18/12/2026", "p0.create": "1",
                "p1.content": "Tổ chức đối thoại", "p1.units": "22045", "p1.deadline": "20/12/2026",
            ], cookies: jar)
            #expect(made.status == .seeOther)
            let created = try await items(h, token: token, directive: directive)
            #expect(created.count == 1)
            #expect(created.first?.unit == "22015")
            #expect(created.first?.deadline == "2026-12-18")

            // A checked proposal without units is refused and nothing is created.
            let refused = try await h.postForm("/dieu-hanh/van-ban/\(directive)/tao-de-xuat", [
                "count": "1", "text": text, "p0.content": "Việc không rõ đơn vị", "p0.units": "", "p0.deadline": "20/12/2026", "p0.create": "1",
            ], cookies: jar)
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains("Cần ít nhất một đơn vị chủ trì"))
            #expect(try await items(h, token: token, directive: directive).count == 1)
        }
    }

    @Test("commune acknowledges with one tap, reports progress, asks for more time; province approves, confirms", arguments: TestBackend.enabled)
    func lifecycle(backend: TestBackend) async throws {
        try await TestApp.run(backend) { h in
            let token = try await h.token(username: "tinh.a", role: .province)
            _ = try await h.token(username: "xa.a", role: .commune, unit: "22015")
            _ = try await h.token(username: "xa.b", role: .commune, unit: "22045")
            let province = try await h.signIn("tinh.a", "password-123")
            let directive = try await newDirective(h, province)
            #expect(try await post(h, "/dieu-hanh/van-ban/\(directive)/giao", [
                ("content", "Việc của Tuy Hòa"), ("units", "22015"), ("deadline", "16/12/2026"), ("priority", "normal"), ("recurrence", "none"),
            ], province).status == .seeOther)
            #expect(try await post(h, "/dieu-hanh/van-ban/\(directive)/giao", [
                ("content", "Việc của Bình Kiến"), ("units", "22045"), ("deadline", "16/12/2026"), ("priority", "normal"), ("recurrence", "none"),
            ], province).status == .seeOther)
            let mine = try #require(try await items(h, token: token, directive: directive).first { $0.unit == "22015" }).id

            let commune = try await h.signIn("xa.a", "password-123")
            let home = try await h.get("/dieu-hanh", cookies: commune)
            #expect(home.status == .ok)
            #expect(home.text.contains("Việc của Tuy Hòa"))
            #expect(!home.text.contains("Việc của Bình Kiến"))
            #expect(home.text.contains("action=\"/dieu-hanh/nhiem-vu/\(mine)/nhan\""))

            // CSRF: a form post without the token is refused and changes nothing.
            let forged = try await h.postForm("/dieu-hanh/nhiem-vu/\(mine)/nhan", ["back": "/dieu-hanh"], cookies: commune, includeCSRF: false)
            #expect(forged.status == .forbidden)
            #expect(try await items(h, token: token, directive: directive).first { $0.id == mine }?.state == "assigned")

            let ack = try await h.postForm("/dieu-hanh/nhiem-vu/\(mine)/nhan", ["back": "/dieu-hanh"], cookies: commune)
            #expect(ack.status == .seeOther)
            #expect(location(ack) == "/dieu-hanh?da-nhan=\(mine)")
            #expect(try await h.get(location(ack), cookies: commune).text.contains("Đã xác nhận nhận nhiệm vụ"))
            // Acknowledging twice: the service's message on the page.
            let again = try await h.postForm("/dieu-hanh/nhiem-vu/\(mine)/nhan", [:], cookies: commune)
            #expect(again.status == .conflict)
            #expect(again.text.contains("Nhiệm vụ đã được xác nhận nhận từ trước."))

            let tooMuch = try await h.postForm("/dieu-hanh/nhiem-vu/\(mine)/tien-do", ["progress": "140", "note": "Ghi chú giữ lại", "evidence": ""], cookies: commune)
            #expect(tooMuch.status == .unprocessableContent)
            #expect(tooMuch.text.contains("Tiến độ phải là số nguyên từ 0 đến 100"))
            #expect(tooMuch.text.contains("Ghi chú giữ lại"))
            #expect(tooMuch.text.contains("value=\"140\""))

            let progressed = try await h.postForm("/dieu-hanh/nhiem-vu/\(mine)/tien-do", [
                "progress": "40", "note": "Đã rà soát 20 thủ tục", "evidence": "https://vb.daklak.gov.vn/a.pdf\nhttps://vb.daklak.gov.vn/b.pdf",
            ], cookies: commune)
            #expect(progressed.status == .seeOther)
            let detail = try await h.get("/dieu-hanh/nhiem-vu/\(mine)", cookies: commune)
            #expect(detail.text.contains("<progress id=\"tien-do-hien-tai\" class=\"rp-progress\" max=\"100\" value=\"40\">"))
            #expect(detail.text.contains("https://vb.daklak.gov.vn/b.pdf"))
            #expect(detail.text.contains("Đề nghị gia hạn"))
            #expect(!detail.text.contains("Đồng ý gia hạn"))

            let asked = try await h.postForm("/dieu-hanh/nhiem-vu/\(mine)/gia-han", ["deadline": "23/12/2026", "reason": "Chờ số liệu của bưu điện"], cookies: commune)
            #expect(asked.status == .seeOther)
            let pending = try await h.get("/dieu-hanh/nhiem-vu/\(mine)", cookies: province)
            #expect(pending.text.contains("Đề nghị gia hạn đến 23/12/2026"))
            #expect(pending.text.contains("Đồng ý gia hạn"))
            #expect(!pending.text.contains("action=\"/dieu-hanh/nhiem-vu/\(mine)/tien-do"))
            // The commune cannot decide its own request: not offered, and refused if forged.
            #expect(!(try await h.get("/dieu-hanh/nhiem-vu/\(mine)", cookies: commune)).text.contains("quyet-dinh-gia-han"))
            #expect(try await h.postForm("/dieu-hanh/nhiem-vu/\(mine)/quyet-dinh-gia-han", ["approve": "1"], cookies: commune).status == .forbidden)

            let approved = try await h.postForm("/dieu-hanh/nhiem-vu/\(mine)/quyet-dinh-gia-han", ["approve": "1", "deadline": "", "note": "Đồng ý"], cookies: province)
            #expect(approved.status == .seeOther)
            let extended = try await h.get("/dieu-hanh/nhiem-vu/\(mine)", cookies: commune)
            #expect(extended.text.contains("23/12/2026"))
            #expect(extended.text.contains("hạn ban đầu 16/12/2026"))

            #expect(try await h.postForm("/dieu-hanh/nhiem-vu/\(mine)/hoan-thanh", ["note": "Đã xong", "evidence": ""], cookies: commune).status == .seeOther)
            let reported = try await h.get("/dieu-hanh/nhiem-vu/\(mine)", cookies: province)
            #expect(reported.text.contains("Xác nhận hoàn thành"))
            let noComment = try await h.postForm("/dieu-hanh/nhiem-vu/\(mine)/tra-lai", ["comment": ""], cookies: province)
            #expect(noComment.status == .unprocessableContent)
            #expect(try await h.postForm("/dieu-hanh/nhiem-vu/\(mine)/xac-nhan", ["note": ""], cookies: province).status == .seeOther)
            let done = try await h.get("/dieu-hanh/nhiem-vu/\(mine)", cookies: commune)
            #expect(done.text.contains(AssignmentStatus.doneOnTime.label))
            #expect(done.text.contains(AssignmentState.completed.label))

            // Discussion: a mention is shown with the unit's name.
            #expect(try await h.postForm("/dieu-hanh/nhiem-vu/\(mine)/thao-luan", ["body": "Nhờ @22051 gửi số liệu", "attachments": "https://drive.example/x"], cookies: commune).status == .seeOther)
            let thread = try await h.get("/dieu-hanh/nhiem-vu/\(mine)", cookies: commune)
            #expect(thread.text.contains("@Phường Sông Cầu"))
            #expect(thread.text.contains("https://drive.example/x"))

            // Another commune's official: 403 on the detail page and on province pages.
            let other = try await h.signIn("xa.b", "password-123")
            #expect(try await h.get("/dieu-hanh/nhiem-vu/\(mine)", cookies: other).status == .forbidden)
            #expect(try await h.get("/dieu-hanh/van-ban/moi", cookies: other).status == .forbidden)
            #expect(try await h.postForm("/dieu-hanh/van-ban/\(directive)/de-xuat", ["text": "Giao UBND phường Tuy Hòa làm việc."], cookies: other).status == .forbidden)
        }
    }
}
