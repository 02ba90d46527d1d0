import Foundation
import HaiCapCore
import HaiCapStore
@testable import HaiCapWeb
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Report pages: a unit's report, the period dashboard and a unit's history")
struct ReportPagesTests {
    static let unit = "24121"
    static let otherUnit = "22015"

    /// The monthly one-stop-desk period that holds the fixed test day.
    static func currentPeriod(_ h: TestHarness) async throws -> ReportingPeriod {
        let service = ReportingService(database: h.database, provinceCode: "66", now: { fixedNow })
        let regime = try #require(try await service.regimes().first { $0.frequency == .monthly })
        let today = CalendarDay(fixedNow)
        return try #require(try await service.periods(regimeID: regime.id).first { $0.from <= today && today <= $0.to })
    }

    static func officials(_ h: TestHarness) async throws -> (commune: CookieJar, other: CookieJar, province: CookieJar) {
        _ = try await h.accounts.create(username: "xa.tanlap", displayName: "Cán bộ Tân Lập", password: "password-123", role: .commune, unitCode: unit, by: "test")
        _ = try await h.accounts.create(username: "xa.tuyhoa", displayName: nil, password: "password-123", role: .commune, unitCode: otherUnit, by: "test")
        _ = try await h.accounts.create(username: "tinh", displayName: "Cán bộ tỉnh", password: "password-123", role: .province, unitCode: nil, by: "test")
        return (try await h.signIn("xa.tanlap", "password-123"), try await h.signIn("xa.tuyhoa", "password-123"), try await h.signIn("tinh", "password-123"))
    }

    static let valid: [String: String] = [
        "v.ton_ky_truoc": "10", "v.tiep_nhan_truc_tiep": "20", "v.tiep_nhan_truc_tuyen": "30", "v.tiep_nhan_buu_chinh": "0",
        "v.da_giai_quyet": "50", "v.dung_han": "45", "v.dang_giai_quyet": "10", "v.van_ban_xin_loi": "0", "v.co_phan_anh": "khong",
        "n.0": "Rút ngắn thời gian giải quyết hộ tịch.",
    ]

    static func status(_ h: TestHarness, _ period: ReportingPeriod, _ unit: String = unit) async throws -> ReportStatus? {
        try await ReportingRepository(db: h.database.sql).report(periodID: period.id, unitCode: unit)?.status
    }

    @Test("a commune official saves a draft with a wrong value, fixes a rule violation and submits", arguments: TestBackend.enabled)
    func fillAndSubmit(backend: TestBackend) async throws {
        try await TestApp.run(backend) { h in
            let period = try await Self.currentPeriod(h)
            let (commune, other, _) = try await Self.officials(h)
            let path = "/bao-cao/ky/\(period.id)/don-vi/\(Self.unit)"

            let empty = try await h.get(path, cookies: commune)
            #expect(empty.status == .ok)
            #expect(empty.text.contains("Phường Tân Lập"))
            #expect(empty.text.contains(#"inputmode="decimal""#))
            #expect(empty.text.contains("Tự động tính: "))
            #expect(empty.text.contains("Kết quả nổi bật"))
            #expect(empty.text.contains("Chưa nhập"))

            // A wrong number is kept as typed and explained beside its field.
            var wrong = Self.valid
            wrong["v.tiep_nhan_truc_tiep"] = "abc"
            wrong["v.tiep_nhan_truc_tuyen"] = "1.234"
            wrong["hanh-dong"] = "luu"
            let saved = try await h.postForm(path, wrong, cookies: commune)
            #expect(saved.status == .unprocessableContent)
            #expect(saved.text.contains(#"value="abc""#))
            #expect(saved.text.contains(#"id="f-tiep_nhan_truc_tiep-msg""#))
            #expect(saved.text.contains("phải là một số"))
            #expect(saved.text.contains("Rút ngắn thời gian giải quyết hộ tịch."))
            #expect(try await Self.status(h, period) == .draft)
            // The stored draft keeps it too.
            let reloaded = try await h.get(path, cookies: commune)
            #expect(reloaded.text.contains(#"value="abc""#))
            #expect(reloaded.text.contains("phải là một số"))

            // A rule violation stops the submission; the report stays a draft.
            var rule = Self.valid
            rule["v.dung_han"] = "60"
            rule["hanh-dong"] = "gui"
            let refused = try await h.postForm(path, rule, cookies: commune)
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains("Số hồ sơ giải quyết đúng hạn không được lớn hơn tổng số hồ sơ đã giải quyết."))
            #expect(refused.text.contains(#"value="60""#))
            #expect(try await Self.status(h, period) == .draft)

            // Another commune's official may not open this unit's report.
            #expect(try await h.get(path, cookies: other).status == .forbidden)
            #expect(try await h.postForm(path, Self.valid.merging(["hanh-dong": "luu"]) { a, _ in a }, cookies: other).status == .forbidden)

            // A valid submission.
            var good = Self.valid
            good["hanh-dong"] = "gui"
            let sent = try await h.postForm(path, good, cookies: commune)
            #expect(sent.status == .seeOther)
            #expect(sent.headers[.location] == path + "?da-gui=1")
            #expect(try await Self.status(h, period) == .submitted)
            let view = try await h.get(path + "?da-gui=1", cookies: commune)
            #expect(view.text.contains("Đã gửi báo cáo lên tỉnh"))
            #expect(view.text.contains("Đã gửi, chờ duyệt"))
            #expect(!view.text.contains(#"value="gui""#))
            #expect(view.text.contains("Lịch sử thao tác"))
            #expect(view.text.contains("90%")) // ty_le_dung_han = round(45 / 50 * 100, 1)
        }
    }

    @Test("the province returns with a comment, the commune sees it, resubmits, and an accepted report is read-only", arguments: TestBackend.enabled)
    func review(backend: TestBackend) async throws {
        try await TestApp.run(backend) { h in
            let period = try await Self.currentPeriod(h)
            let (commune, _, province) = try await Self.officials(h)
            let path = "/bao-cao/ky/\(period.id)/don-vi/\(Self.unit)"
            #expect(try await h.postForm(path, Self.valid.merging(["hanh-dong": "gui"]) { a, _ in a }, cookies: commune).status == .seeOther)

            let pending = try await h.get(path, cookies: province)
            #expect(pending.text.contains("Tiếp nhận</button>"))
            #expect(pending.text.contains("Trả lại</button>"))
            // The commune cannot review.
            #expect(try await h.postForm(path + "/duyet", ["hanh-dong": "tiep-nhan"], cookies: commune).status == .forbidden)

            // Returning needs a comment.
            let noComment = try await h.postForm(path + "/duyet", ["hanh-dong": "tra-lai", "nhan-xet": " "], cookies: province)
            #expect(noComment.status == .unprocessableContent)
            #expect(noComment.text.contains("Hãy ghi nhận xét"))
            let returned = try await h.postForm(path + "/duyet", ["hanh-dong": "tra-lai", "nhan-xet": "Số hồ sơ trực tuyến chưa khớp với Cổng dịch vụ công."], cookies: province)
            #expect(returned.status == .seeOther)
            #expect(try await Self.status(h, period) == .returned)

            let seen = try await h.get(path, cookies: commune)
            #expect(seen.text.contains("Nhận xét của tỉnh"))
            #expect(seen.text.contains("Số hồ sơ trực tuyến chưa khớp với Cổng dịch vụ công."))
            #expect(seen.text.contains("Bị trả lại"))
            // Shown in the comment box and beside the return in the history, not beside the other versions.
            #expect(seen.text.components(separatedBy: "chưa khớp với Cổng dịch vụ công").count - 1 == 2)
            #expect(seen.text.contains(#"value="gui""#))

            var fixed = Self.valid
            fixed["v.tiep_nhan_truc_tuyen"] = "31"
            fixed["hanh-dong"] = "gui"
            #expect(try await h.postForm(path, fixed, cookies: commune).status == .seeOther)
            let accepted = try await h.postForm(path + "/duyet", ["hanh-dong": "tiep-nhan"], cookies: province)
            #expect(accepted.status == .seeOther)
            #expect(try await Self.status(h, period) == .accepted)

            let locked = try await h.get(path, cookies: commune)
            #expect(locked.text.contains("Đã tiếp nhận"))
            #expect(!locked.text.contains(#"value="gui""#))
            #expect(!locked.text.contains("<input id=\"f-"))
            #expect(locked.text.contains("31 hồ sơ"))
            // Saving an accepted report is a clear conflict, not a crash.
            let conflict = try await h.postForm(path, Self.valid.merging(["hanh-dong": "luu"]) { a, _ in a }, cookies: commune)
            #expect(conflict.status == .conflict)
            #expect(conflict.text.contains("bị khóa"))

            let reopenPage = try await h.get(path, cookies: province)
            #expect(reopenPage.text.contains("Mở lại</button>"))
            #expect(try await h.postForm(path + "/duyet", ["hanh-dong": "mo-lai", "nhan-xet": ""], cookies: province).status == .unprocessableContent)
            #expect(try await h.postForm(path + "/duyet", ["hanh-dong": "mo-lai", "nhan-xet": "Cần bổ sung số liệu bưu chính."], cookies: province).status == .seeOther)
            let reopened = try await h.get(path, cookies: commune)
            #expect(reopened.text.contains("Lý do tỉnh mở lại báo cáo"))
            #expect(reopened.text.contains("Cần bổ sung số liệu bưu chính."))
        }
    }

    @Test("the period dashboard matches the status API, draws the chart and saves the narrative", arguments: TestBackend.enabled)
    func dashboard(backend: TestBackend) async throws {
        try await TestApp.run(backend) { h in
            let period = try await Self.currentPeriod(h)
            let (commune, other, province) = try await Self.officials(h)
            #expect(try await h.postForm("/bao-cao/ky/\(period.id)/don-vi/\(Self.unit)", Self.valid.merging(["hanh-dong": "gui"]) { a, _ in a }, cookies: commune).status == .seeOther)
            var second = Self.valid
            second["v.tiep_nhan_truc_tiep"] = "70"
            second["v.da_giai_quyet"] = "100"
            second["hanh-dong"] = "gui"
            #expect(try await h.postForm("/bao-cao/ky/\(period.id)/don-vi/\(Self.otherUnit)", second, cookies: other).status == .seeOther)

            // A commune official is sent to their own unit's report.
            let redirected = try await h.get("/bao-cao/ky/\(period.id)", cookies: commune)
            #expect(redirected.status == .seeOther)
            #expect(redirected.headers[.location] == "/bao-cao/ky/\(period.id)/don-vi/\(Self.unit)")

            let token = try await h.adminToken()
            struct Status: Decodable { var expected: Int; var submitted: Int; var onTime: Int; var late: Int; var missing: [String] }
            let api = try await h.get("/api/v1/periods/\(period.id)/status", token: token).decode(Status.self)
            #expect(api.submitted == 2)

            let page = try await h.get("/bao-cao/ky/\(period.id)", cookies: province)
            #expect(page.status == .ok)
            #expect(page.text.contains("\(api.submitted)/\(api.expected)"))
            #expect(page.text.contains(VietnameseNumber.decimal(Double(api.submitted) / Double(api.expected) * 100, digits: 1) + "%"))
            #expect(page.text.contains("<svg"))
            #expect(page.text.contains("Phường Tuy Hòa"))
            #expect(page.text.contains("/api/v1/periods/\(period.id)/aggregate.xlsx"))
            #expect(page.text.contains("Nguồn của từng con số"))
            #expect(page.text.contains("status.completeness"))
            #expect(page.text.contains("\(api.missing.count) đơn vị chưa gửi"))
            // Tổng tiếp nhận = 50 + 100 = 150 in the aggregates table.
            #expect(page.text.contains("<td>150</td>"))
            // 102 units over pages; the first page has no link back.
            #expect(page.text.contains("Trang 1/3"))
            #expect(!page.text.contains("← Trang trước"))

            let filtered = try await h.get("/bao-cao/ky/\(period.id)?loc=cho-duyet", cookies: province)
            #expect(filtered.text.contains("2 đơn vị (đang lọc)"))
            let chart = try await h.get("/bao-cao/ky/\(period.id)?chi-tieu=da_giai_quyet", cookies: province)
            #expect(chart.text.contains("Tổng số hồ sơ đã giải quyết theo đơn vị"))
            // The chart reads the chosen indicator of both units; the unit rows say both were on time.
            #expect(chart.text.contains("2 đơn vị đã gửi, xếp từ cao xuống thấp."))
            #expect(filtered.text.components(separatedBy: "<td class=\"rpt-nowrap\">Đúng hạn</td>").count - 1 == 2)

            // Narrative: an empty text is refused, an edited one kept.
            let blank = try await h.postForm("/bao-cao/ky/\(period.id)/tong-hop", ["text": "  "], cookies: province)
            #expect(blank.status == .unprocessableContent)
            #expect(blank.text.contains("không được để trống"))
            let saved = try await h.postForm("/bao-cao/ky/\(period.id)/tong-hop", ["text": "Báo cáo tổng hợp đã biên tập: 2 đơn vị đã gửi."], cookies: province)
            #expect(saved.status == .seeOther)
            let after = try await h.get("/bao-cao/ky/\(period.id)?da-luu=1", cookies: province)
            #expect(after.text.contains("Báo cáo tổng hợp đã biên tập: 2 đơn vị đã gửi."))
            #expect(after.text.contains("Đã lưu bản báo cáo tổng hợp."))
            #expect(after.text.contains("ban-du-thao=1"))
            let restored = try await h.get("/bao-cao/ky/\(period.id)?ban-du-thao=1", cookies: province)
            #expect(restored.text.contains("Trong kỳ \(period.label)"))
            #expect(try await h.postForm("/bao-cao/ky/\(period.id)/tong-hop", ["text": "x"], cookies: commune).status == .forbidden)
        }
    }

    @Test("the unit history lists the submitted values and draws a line chart", arguments: TestBackend.enabled)
    func history(backend: TestBackend) async throws {
        try await TestApp.run(backend) { h in
            let period = try await Self.currentPeriod(h)
            let (commune, other, province) = try await Self.officials(h)
            var values = Self.valid
            values["v.da_giai_quyet"] = "1234"
            values["v.dang_giai_quyet"] = "0"
            values["v.ton_ky_truoc"] = "1200"
            values["hanh-dong"] = "gui"
            #expect(try await h.postForm("/bao-cao/ky/\(period.id)/don-vi/\(Self.unit)", values, cookies: commune).status == .seeOther)
            let path = "/bao-cao/don-vi/\(Self.unit)/lich-su?che-do=\(period.regimeID)"
            let page = try await h.get(path + "&chi-tieu=da_giai_quyet", cookies: commune)
            #expect(page.status == .ok)
            #expect(page.text.contains("1.234"))
            #expect(page.text.contains(period.label))
            #expect(page.text.contains("<svg"))
            #expect(page.text.contains("Tổng số hồ sơ đã giải quyết qua các kỳ"))
            #expect(try await h.get(path, cookies: province).status == .ok)
            #expect(try await h.get(path, cookies: other).status == .forbidden)
        }
    }
}
