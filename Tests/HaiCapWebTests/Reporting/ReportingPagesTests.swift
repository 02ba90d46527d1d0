import Foundation
import HaiCapCore
import HaiCapStore
@testable import HaiCapWeb
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Reporting pages: landing, form editor, JSON import/export, regimes, periods, working-day calendar")
struct ReportingPagesTests {
    static func province(_ h: TestHarness) async throws -> CookieJar {
        _ = try await h.accounts.create(username: "tinh", displayName: nil, password: "password-123", role: .province, unitCode: nil, by: "test")
        return try await h.signIn("tinh", "password-123")
    }

    static func commune(_ h: TestHarness, unit: String = "24121") async throws -> CookieJar {
        _ = try await h.accounts.create(username: "xa.\(unit)", displayName: nil, password: "password-123", role: .commune, unitCode: unit, by: "test")
        return try await h.signIn("xa.\(unit)", "password-123")
    }

    static func location(_ response: TestResponse) -> String { response.headers[.location] ?? "" }

    /// The form id in a redirect to `/bao-cao/bieu-mau/{id}?…`.
    static func formID(_ response: TestResponse) throws -> Int64 {
        let path = location(response)
        let match = try #require(try /\/bao-cao\/bieu-mau\/(\d+)\?/.firstMatch(in: path))
        return try #require(Int64(match.1))
    }

    static let editorFields: [String: String] = [
        "name": "Biểu mẫu thử nghiệm", "description": "Mô tả thử",
        "ind_key_0": "tiep_nhan", "ind_label_0": "Hồ sơ tiếp nhận", "ind_type_0": "integer", "ind_unit_0": "hồ sơ",
        "ind_section_0": "Tiếp nhận", "ind_required_0": "on", "ind_min_0": "0", "ind_max_0": "",
        "ind_key_1": "dung_han", "ind_label_1": "Giải quyết đúng hạn", "ind_type_1": "integer", "ind_min_1": "0",
        "ind_key_2": "ty_le", "ind_label_2": "Tỷ lệ đúng hạn", "ind_type_2": "percent", "ind_formula_2": "round(dung_han / tiep_nhan * 100, 1)",
        "ind_key_3": "xep_loai", "ind_label_3": "Tự xếp loại", "ind_type_3": "choice", "ind_choices_3": "Tốt; Khá; Trung bình",
        // Blank rows the editor adds are ignored.
        "ind_key_4": "", "ind_label_4": "", "ind_type_4": "integer",
        "rule_expression_0": "dung_han <= tiep_nhan", "rule_message_0": "Số đúng hạn không lớn hơn số tiếp nhận.",
        "rule_expression_1": "", "rule_message_1": "",
        "outline_title_0": "Kết quả nổi bật", "outline_hint_0": "Nêu ngắn gọn",
        "outline_title_1": "", "outline_hint_1": "",
    ]

    @Test("landing: anonymous must sign in, province sees regimes and deadlines, commune sees its periods", arguments: TestBackend.enabled)
    func landing(backend: TestBackend) async throws {
        try await TestApp.run(backend) { h in
            let anonymous = try await h.get("/bao-cao")
            #expect(anonymous.status == .unauthorized)
            #expect(anonymous.text.contains("Cần đăng nhập"))

            let home = try await h.get("/")
            #expect(home.text.contains("Đang hoạt động: biểu mẫu, chế độ và kỳ báo cáo"))

            let province = try await Self.province(h)
            let page = try await h.get("/bao-cao", cookies: province)
            #expect(page.status == .ok)
            let text = page.text
            #expect(text.contains("Tình hình giải quyết TTHC tại Bộ phận Một cửa (ví dụ)"))
            #expect(text.contains("Ví dụ</span>"))
            #expect(text.contains("Hằng tháng"))
            #expect(text.contains("2 ngày làm việc sau ngày chốt số liệu"))
            #expect(text.contains("Tất cả xã, phường"))
            #expect(text.contains("Quá hạn"))
            #expect(text.contains("Sắp đến hạn"))
            #expect(text.contains("href=\"/bao-cao/che-do/moi\""))
            #expect(text.contains("href=\"/bao-cao/bieu-mau\""))
            #expect(!text.contains("/quan-tri/lich-lam-viec"))
            #expect(text.contains("Ví dụ minh họa"))
            #expect(text.contains("Đã gửi 0/"))

            let admin = try await h.signIn("admin", TestApp.adminPassword)
            #expect(try await h.get("/bao-cao", cookies: admin).text.contains("href=\"/quan-tri/lich-lam-viec\""))

            let commune = try await Self.commune(h)
            let mine = try await h.get("/bao-cao", cookies: commune)
            #expect(mine.status == .ok)
            #expect(mine.text.contains("Tháng 12/2026"))
            #expect(mine.text.contains("Chưa nhập"))
            #expect(mine.text.contains("Nhập báo cáo"))
            #expect(try /\/bao-cao\/ky\/\d+\/don-vi\/24121/.firstMatch(in: mine.text) != nil)
            #expect(!mine.text.contains("/bao-cao/che-do/moi"))
            // Province pages are closed to a commune official.
            #expect(try await h.get("/bao-cao/che-do/moi", cookies: commune).status == .forbidden)
            #expect(try await h.get("/bao-cao/bieu-mau/moi", cookies: commune).status == .forbidden)
            #expect(try await h.postForm("/bao-cao/bieu-mau/moi", Self.editorFields, cookies: commune).status == .forbidden)
        }
    }

    @Test("the structured editor creates a form; a mistake is shown beside its row with the values kept", arguments: TestBackend.enabled)
    func editorCreate(backend: TestBackend) async throws {
        try await TestApp.run(backend) { h in
            let jar = try await Self.province(h)
            let blank = try await h.get("/bao-cao/bieu-mau/moi", cookies: jar)
            #expect(blank.status == .ok)
            #expect(blank.text.contains("name=\"_csrf\""))
            #expect(blank.text.contains("name=\"ind_key_4\""))
            #expect(!blank.text.contains("name=\"ind_key_5\""))
            #expect(blank.text.contains("<option value=\"percent\">Tỷ lệ (%)</option>"))

            var bad = Self.editorFields
            bad["ind_key_1"] = "đúng hạn"
            bad["ind_min_0"] = "không"
            let rejected = try await h.postForm("/bao-cao/bieu-mau/moi", bad, cookies: jar)
            #expect(rejected.status == .unprocessableContent)
            let text = rejected.text
            #expect(text.contains("Chưa lưu được"))
            #expect(text.contains("value=\"đúng hạn\""))
            #expect(text.contains("value=\"Biểu mẫu thử nghiệm\""))
            #expect(text.contains("value=\"Tốt; Khá; Trung bình\""))
            #expect(text.contains("Mã chỉ tiêu &#39;đúng hạn&#39; không hợp lệ") || text.contains("Mã chỉ tiêu 'đúng hạn' không hợp lệ"))
            #expect(text.contains("giá trị nhỏ nhất “không” không phải là số"))
            #expect(text.contains("aria-invalid=\"true\""))
            #expect(try await ReportingRepository(db: h.database.sql).formCount() == 2)

            let created = try await h.postForm("/bao-cao/bieu-mau/moi", Self.editorFields, cookies: jar)
            #expect(created.status == .seeOther)
            let id = try Self.formID(created)
            let form = try await ReportingService(database: h.database, provinceCode: "66").form(id: id)
            #expect(form.version == 1)
            #expect(form.definition.indicators.map(\.key) == ["tiep_nhan", "dung_han", "ty_le", "xep_loai"])
            #expect(form.definition.indicators[0].required && form.definition.indicators[0].min == 0 && form.definition.indicators[0].unit == "hồ sơ")
            #expect(form.definition.indicators[3].choices == ["Tốt", "Khá", "Trung bình"])
            #expect(form.definition.rules.count == 1 && form.definition.outline.count == 1)

            let view = try await h.get(Self.location(created), cookies: jar)
            #expect(view.status == .ok)
            #expect(view.text.contains("Đã lưu biểu mẫu, phiên bản 1."))
            #expect(view.text.contains("Tỷ lệ (%)"))
            #expect(view.text.contains("round(dung_han / tiep_nhan * 100, 1)"))
            #expect(view.text.contains("Số đúng hạn không lớn hơn số tiếp nhận."))
            #expect(view.text.contains("Kết quả nổi bật"))
            #expect(try await h.get("/bao-cao/bieu-mau", cookies: jar).text.contains("Biểu mẫu thử nghiệm"))
        }
    }

    @Test("editing makes version 2 and version 1 stays viewable", arguments: TestBackend.enabled)
    func editorVersions(backend: TestBackend) async throws {
        try await TestApp.run(backend) { h in
            let jar = try await Self.province(h)
            let id = try Self.formID(try await h.postForm("/bao-cao/bieu-mau/moi", Self.editorFields, cookies: jar))
            let edit = try await h.get("/bao-cao/bieu-mau/\(id)/sua", cookies: jar)
            #expect(edit.status == .ok)
            #expect(edit.text.contains("value=\"Hồ sơ tiếp nhận\""))
            #expect(edit.text.contains("phiên bản mới"))
            // Four indicators and five blank rows.
            #expect(edit.text.contains("name=\"ind_key_8\"") && !edit.text.contains("name=\"ind_key_9\""))

            var changed = Self.editorFields
            changed["ind_label_0"] = "Tổng hồ sơ tiếp nhận"
            changed["ind_key_3"] = ""
            changed["ind_label_3"] = ""
            changed["ind_choices_3"] = ""
            let saved = try await h.postForm("/bao-cao/bieu-mau/\(id)/sua", changed, cookies: jar)
            #expect(saved.status == .seeOther)
            #expect(Self.location(saved) == "/bao-cao/bieu-mau/\(id)?phien-ban=2&da-luu=1")

            let current = try await h.get("/bao-cao/bieu-mau/\(id)", cookies: jar)
            #expect(current.text.contains("Tổng hồ sơ tiếp nhận"))
            #expect(!current.text.contains("Tự xếp loại"))
            #expect(current.text.contains("?phien-ban=1\">Phiên bản 1</a>"))
            let old = try await h.get("/bao-cao/bieu-mau/\(id)?phien-ban=1", cookies: jar)
            #expect(old.status == .ok)
            #expect(old.text.contains("Bạn đang xem phiên bản cũ 1"))
            #expect(old.text.contains(">Hồ sơ tiếp nhận<"))
            #expect(old.text.contains("Tự xếp loại"))
            #expect(try await h.get("/bao-cao/bieu-mau/\(id)?phien-ban=9", cookies: jar).status == .notFound)

            // Saving again without a change keeps version 2.
            let same = try await h.postForm("/bao-cao/bieu-mau/\(id)/sua", changed, cookies: jar)
            #expect(Self.location(same) == "/bao-cao/bieu-mau/\(id)?phien-ban=2&khong-doi=1")
        }
    }

    @Test("JSON export and import round-trip; malformed JSON gets a clear message", arguments: TestBackend.enabled)
    func json(backend: TestBackend) async throws {
        try await TestApp.run(backend) { h in
            let jar = try await Self.province(h)
            let export = try await h.get("/bao-cao/bieu-mau/1.json", cookies: jar)
            #expect(export.status == .ok)
            #expect(export.headers[.contentDisposition]?.hasPrefix("attachment;") == true)
            #expect(export.text.contains("\n  \"")) // pretty-printed
            let original = try export.decode(ReportFormDefinition.self)
            #expect(original.example)

            // Paste: a new form.
            let pasted = try await h.postForm("/bao-cao/bieu-mau/nhap", ["json": export.text], cookies: jar)
            #expect(pasted.status == .seeOther)
            let newID = try Self.formID(pasted)
            #expect(newID == 3)
            let service = ReportingService(database: h.database, provinceCode: "66")
            #expect(try await service.form(id: newID).definition == original)

            // File upload: a new version of form 3.
            var changed = original
            changed.name = "Bản sửa nhập từ tệp"
            let data = try JSONEncoder().encode(changed)
            let boundary = "----haicap-test-boundary"
            var body = Data()
            func part(_ headers: String, _ content: Data) {
                body.append(Data("--\(boundary)\r\n\(headers)\r\n\r\n".utf8))
                body.append(content)
                body.append(Data("\r\n".utf8))
            }
            part("Content-Disposition: form-data; name=\"_csrf\"", Data((jar.values["haicap_csrf"] ?? "").utf8))
            part("Content-Disposition: form-data; name=\"json\"", Data())
            part("Content-Disposition: form-data; name=\"file\"; filename=\"bieu-mau.json\"\r\nContent-Type: application/json", data)
            body.append(Data("--\(boundary)--\r\n".utf8))
            let uploaded = try await h.send(
                .post, "/bao-cao/bieu-mau/\(newID)/nhap", cookies: jar,
                headers: [.contentType: "multipart/form-data; boundary=\(boundary)"], body: ByteBuffer(bytes: body))
            #expect(uploaded.status == .seeOther)
            #expect(Self.location(uploaded) == "/bao-cao/bieu-mau/\(newID)?phien-ban=2&da-luu=1")
            #expect(try await service.form(id: newID).definition.name == "Bản sửa nhập từ tệp")

            let malformed = try await h.postForm("/bao-cao/bieu-mau/nhap", ["json": #"{"name": "Thiếu ngoặc", "indicators": ["#], cookies: jar)
            #expect(malformed.status == .unprocessableContent)
            #expect(malformed.text.contains("Nội dung không phải JSON hợp lệ"))
            #expect(malformed.text.contains("Thiếu ngoặc")) // the pasted text is kept
            let missing = try await h.postForm("/bao-cao/bieu-mau/nhap", ["json": #"{"name": "Không có chỉ tiêu"}"#], cookies: jar)
            #expect(missing.status == .unprocessableContent)
            #expect(missing.text.contains("Thiếu trường bắt buộc “indicators”"))
            let badType = try await h.postForm("/bao-cao/bieu-mau/nhap", ["json": #"{"name": "X", "indicators": [{"key": "a", "label": "A", "type": "number"}]}"#], cookies: jar)
            #expect(badType.text.contains("“indicators[0].type” không phải kiểu chỉ tiêu hợp lệ"))
            let empty = try await h.postForm("/bao-cao/bieu-mau/nhap", ["json": "  "], cookies: jar)
            #expect(empty.text.contains("Chưa có nội dung"))
            let invalid = try await h.postForm("/bao-cao/bieu-mau/nhap", ["json": #"{"name": "", "indicators": []}"#], cookies: jar)
            #expect(invalid.text.contains("Tên biểu mẫu không được để trống."))
            #expect(try await ReportingRepository(db: h.database.sql).formCount() == 3)
        }
    }

    @Test("a province official creates a regime for listed units and adds an ad-hoc period", arguments: TestBackend.enabled)
    func regimeAndPeriod(backend: TestBackend) async throws {
        try await TestApp.run(backend) { h in
            let jar = try await Self.province(h)
            let page = try await h.get("/bao-cao/che-do/moi", cookies: jar)
            #expect(page.status == .ok)
            #expect(page.text.contains("<option value=\"six_month\">6 tháng</option>"))
            #expect(page.text.contains("<code>24121</code>"))

            let fields = ["name": "Báo cáo thử hằng quý", "form": "1", "frequency": "quarterly", "deadlineWorkingDays": "3", "units": "list", "unitCodes": "24121\n22015, 99999"]
            let rejected = try await h.postForm("/bao-cao/che-do/moi", fields, cookies: jar)
            #expect(rejected.status == .unprocessableContent)
            #expect(rejected.text.contains("Mã đơn vị không thuộc tỉnh: 99999"))
            #expect(rejected.text.contains("value=\"Báo cáo thử hằng quý\""))
            #expect(rejected.text.contains("<option value=\"quarterly\" selected>"))

            var good = fields
            good["unitCodes"] = "24121 - Phường thử\n22015"
            let created = try await h.postForm("/bao-cao/che-do/moi", good, cookies: jar)
            #expect(created.status == .seeOther)
            let regimeID = try #require(try /\/bao-cao\/che-do\/(\d+)/.firstMatch(in: Self.location(created)).flatMap { Int64($0.1) })
            let regime = try await h.get(Self.location(created), cookies: jar)
            #expect(regime.status == .ok)
            #expect(regime.text.contains("Đã tạo chế độ báo cáo"))
            #expect(regime.text.contains("2 đơn vị"))
            #expect(regime.text.contains("3 ngày làm việc sau ngày chốt số liệu"))
            #expect(regime.text.contains("Quý I/2027"))
            #expect(regime.text.contains("href=\"/bao-cao/ky/"))

            let badPeriod = try await h.postForm("/bao-cao/che-do/\(regimeID)/ky", ["label": "Kỳ đột xuất", "from": "31/02/2026", "to": "2026-12-10", "deadline": "15/12/2026"], cookies: jar)
            #expect(badPeriod.status == .unprocessableContent)
            #expect(badPeriod.text.contains("“31/02/2026” không phải ngày hợp lệ"))
            #expect(badPeriod.text.contains("value=\"Kỳ đột xuất\""))
            let backwards = try await h.postForm("/bao-cao/che-do/\(regimeID)/ky", ["label": "Kỳ đột xuất", "from": "01/12/2026", "to": "2026-12-10", "deadline": "05/12/2026"], cookies: jar)
            #expect(backwards.status == .unprocessableContent)
            #expect(backwards.text.contains("không được trước ngày chốt số liệu"))

            let added = try await h.postForm("/bao-cao/che-do/\(regimeID)/ky", ["label": "Báo cáo nhanh mưa lũ", "from": "01/12/2026", "to": "2026-12-10", "deadline": "15/12/2026"], cookies: jar)
            #expect(added.status == .seeOther)
            let after = try await h.get("/bao-cao/che-do/\(regimeID)?da-them-ky=1", cookies: jar)
            #expect(after.text.contains("Báo cáo nhanh mưa lũ"))
            #expect(after.text.contains("01/12/2026 – 10/12/2026"))
            #expect(after.text.contains("15/12/2026"))

            let commune = try await Self.commune(h)
            #expect(try await h.postForm("/bao-cao/che-do/\(regimeID)/ky", ["label": "X", "from": "01/12/2026", "to": "02/12/2026", "deadline": "03/12/2026"], cookies: commune).status == .forbidden)
            let communeView = try await h.get("/bao-cao/che-do/\(regimeID)", cookies: commune)
            #expect(communeView.status == .ok)
            #expect(communeView.text.contains("/don-vi/24121"))
            #expect(!communeView.text.contains("Thêm kỳ báo cáo"))
        }
    }

    @Test("the working-day calendar: an administrator adds and removes a correction; a province official may not", arguments: TestBackend.enabled)
    func calendar(backend: TestBackend) async throws {
        try await TestApp.run(backend) { h in
            let admin = try await h.signIn("admin", TestApp.adminPassword)
            let page = try await h.get("/quan-tri/lich-lam-viec?nam=2027", cookies: admin)
            #expect(page.status == .ok)
            #expect(page.text.contains("Lịch làm việc năm 2027"))
            #expect(page.text.contains("Tết Âm lịch (mùng 1)"))
            #expect(page.text.contains("Mặc định — cần đối chiếu quyết định của Thủ tướng"))
            #expect(page.text.contains("Điều 112"))
            #expect(page.text.contains("không được tính lại"))
            #expect(try await h.get("/admin/users", cookies: admin).text.contains("href=\"/quan-tri/lich-lam-viec\""))

            let bad = try await h.postForm("/quan-tri/lich-lam-viec", ["day": "30/02/2027", "kind": "off", "note": ""], cookies: admin)
            #expect(bad.status == .unprocessableContent)
            #expect(bad.text.contains("không phải ngày hợp lệ"))

            let added = try await h.postForm("/quan-tri/lich-lam-viec", ["day": "12/02/2027", "kind": "off", "note": "Thông báo nghỉ Tết thêm một ngày"], cookies: admin)
            #expect(added.status == .seeOther)
            #expect(Self.location(added) == "/quan-tri/lich-lam-viec?nam=2027&da-luu=2027-02-12")
            let entries = try await CalendarRepository(db: h.database.sql).entries()
            #expect(entries.count == 1 && entries.first?.kind == .off && entries.first?.updatedBy == "admin")
            let listed = try await h.get(Self.location(added), cookies: admin)
            #expect(listed.text.contains("Đã lưu điều chỉnh ngày 12/02/2027."))
            #expect(listed.text.contains("Thông báo nghỉ Tết thêm một ngày"))
            #expect(listed.text.contains("Ngày nghỉ thêm"))

            let working = try await h.postForm("/quan-tri/lich-lam-viec", ["day": "2027-02-20", "kind": "working", "note": "Làm bù"], cookies: admin)
            #expect(working.status == .seeOther)
            #expect(try await h.get("/quan-tri/lich-lam-viec?nam=2027", cookies: admin).text.contains("Ngày làm việc (làm bù)"))

            let confirm = try await h.get("/quan-tri/lich-lam-viec/2027-02-12/xoa", cookies: admin)
            #expect(confirm.status == .ok)
            #expect(confirm.text.contains("Bỏ điều chỉnh"))
            #expect(confirm.text.contains("action=\"/quan-tri/lich-lam-viec/2027-02-12/xoa\""))
            let removed = try await h.postForm("/quan-tri/lich-lam-viec/2027-02-12/xoa", [:], cookies: admin)
            #expect(removed.status == .seeOther)
            #expect(try await CalendarRepository(db: h.database.sql).entries().map(\.day.description) == ["2027-02-20"])
            #expect(try await h.postForm("/quan-tri/lich-lam-viec/2027-02-12/xoa", [:], cookies: admin).status == .notFound)

            let province = try await Self.province(h)
            #expect(try await h.get("/quan-tri/lich-lam-viec", cookies: province).status == .forbidden)
            #expect(try await h.postForm("/quan-tri/lich-lam-viec", ["day": "12/02/2027", "kind": "off", "note": ""], cookies: province).status == .forbidden)
            #expect(try await h.postForm("/quan-tri/lich-lam-viec/2027-02-20/xoa", [:], cookies: province).status == .forbidden)
            #expect(try await CalendarRepository(db: h.database.sql).entries().count == 1)
        }
    }

    @Test("every reporting form posts its CSRF token; a post without it is refused", arguments: TestBackend.enabled)
    func csrf(backend: TestBackend) async throws {
        try await TestApp.run(backend) { h in
            let admin = try await h.signIn("admin", TestApp.adminPassword)
            for path in ["/bao-cao/bieu-mau/moi", "/bao-cao/bieu-mau/1/sua", "/bao-cao/bieu-mau/nhap", "/bao-cao/bieu-mau/1/nhap", "/bao-cao/che-do/moi", "/bao-cao/che-do/1", "/quan-tri/lich-lam-viec"] {
                let page = try await h.get(path, cookies: admin)
                #expect(page.status == .ok, "\(path)")
                let forms = page.text.components(separatedBy: "<form method=\"post\"").count - 1
                let tokens = page.text.components(separatedBy: "name=\"_csrf\"").count - 1
                #expect(forms >= 2 && tokens == forms, "\(path): \(forms) forms, \(tokens) tokens") // the sign-out form counts too
            }
            let refused = try await h.postForm("/bao-cao/bieu-mau/moi", Self.editorFields, cookies: admin, includeCSRF: false)
            #expect(refused.status == .forbidden)
            #expect(try await h.postForm("/quan-tri/lich-lam-viec", ["day": "12/02/2027", "kind": "off"], cookies: admin, includeCSRF: false).status == .forbidden)
            #expect(try await h.postForm("/bao-cao/che-do/1/ky", ["label": "X", "from": "01/12/2026", "to": "02/12/2026", "deadline": "03/12/2026"], cookies: admin, includeCSRF: false).status == .forbidden)
            #expect(try await ReportingRepository(db: h.database.sql).formCount() == 2)
        }
    }
}
