import Foundation
import HaiCapCore
@testable import HaiCapStore
import SQLKit
import Testing

/// Records in the national database's format, one with HaiCap's extension; written here so the tests
/// do not depend on how the bundled files grow.
enum ProcedureFixtures {
    static let nationalRecord = #"{"thu_tuc_id": "9.000001", "source_file": "x.doc", "metadata": {"mã_thủ_tục": "9.000001", "tên_thủ_tục": "Thủ tục thử nghiệm cấp giấy xác nhận", "số_quyết_định": "Quyết định số 1/QĐ-TEST", "cấp_thực_hiện": "Cấp Xã", "loại_thủ_tục": "TTHC", "lĩnh_vực": "Thử nghiệm"}, "content": {"trình_tự_thực_hiện": "Bước 1: Nộp hồ sơ. Bước 2: Nhận kết quả.", "cách_thức_thực_hiện": "", "đối_tượng_thực_hiện": "Công dân Việt Nam", "cơ_quan_thực_hiện": "Ủy ban nhân dân cấp xã", "cơ_quan_có_thẩm_quyền": "Ủy ban nhân dân cấp xã", "kết_quả_thực_hiện": "Giấy xác nhận", "yêu_cầu_điều_kiện_thực_hiện": "Không", "từ_khóa": "Không có thông tin", "mô_tả": "Không có thông tin"}, "tables": {"hinh_thuc_nop": [{"hinh_thuc": "Trực tiếp", "thoi_han_giai_quyet": "05 Ngày làm việc", "phi_le_phi": "Lệ phí : 50.000 Đồng", "mo_ta": ""}, {"hinh_thuc": "Trực tuyến", "thoi_han_giai_quyet": "3 Ngày làm việc", "phi_le_phi": "Phí : 0 Đồng", "mo_ta": ""}], "thanh_phan_ho_so": [{"ten_giay_to": "Tờ khai", "so_luong": "Mau01.doc", "ghi_chu": "Bản chính: 1\nBản sao: 0"}], "can_cu_phap_ly": [{"so_ky_hieu": "12", "trich_yeu": "Nghị định số 12/2024/NĐ-CP quy định thử nghiệm", "ngay_ban_hanh": "01-01-2024", "co_quan_ban_hanh": "Chính phủ"}]}}"#

    static let curatedRecord = #"{"thu_tuc_id": "HC.TN.001", "metadata": {"mã_thủ_tục": "HC.TN.001", "tên_thủ_tục": "Đăng ký thử nghiệm hộ tịch", "cấp_thực_hiện": "Cấp Xã", "lĩnh_vực": "Hộ tịch"}, "content": {"kết_quả_thực_hiện": "Trích lục"}, "tables": {"hinh_thuc_nop": [{"hinh_thuc": "Trực tiếp", "thoi_han_giai_quyet": "Ngay trong ngày", "phi_le_phi": ""}], "thanh_phan_ho_so": [], "can_cu_phap_ly": []}, "haicap": {"curated": true, "code_is_national": false, "verified": false, "cases": [{"name": "Trường hợp thường", "documents": [{"name": "Tờ khai", "original": 1, "copy": 0, "source": 0}]}], "facts": [{"field": "time_limit", "value": "Giải quyết ngay", "source": 0}], "sources": [{"document": "Luật Hộ tịch 2014", "citation": "khoản 2 Điều 16", "quote": "ngay"}], "unknown": ["fee"], "fee": {"amount": null, "note": "theo Nghị quyết của HĐND tỉnh", "source": 0}, "valid_from": "2025-07-01", "valid_to": "2027-02-28", "keywords": ["thử nghiệm"]}}"#

    static var goodFile: Data { Data((nationalRecord + "\n" + curatedRecord + "\n").utf8) }
}

@Suite("Procedure importers")
struct ProcedureImportTests {
    func migrated<T>(_ backend: TestBackend, _ body: (Database) async throws -> T) async throws -> T {
        try await TestDatabase.withFresh(backend) { database in
            try await Migrator(database: database).migrate()
            try await UnitSeeder(database: database).seedIfEmpty()
            return try await body(database)
        }
    }

    @Test("a good file imports every record, with fees, time limits, cases and sources read", arguments: TestBackend.enabled)
    func goodFileImports(backend: TestBackend) async throws {
        try await migrated(backend) { database in
            let rows = try ProcedureImport.read(ProcedureFixtures.goodFile, fileName: "good.jsonl")
            let summary = try await ProcedureImporter(database: database).apply(rows, actor: "test", now: fixedNow)
            #expect(summary.imported.sorted() == ["9.000001", "HC.TN.001"])
            #expect(summary.skipped.isEmpty)
            let national = try #require(try await ProcedureRepository(db: database.sql).find(code: "9.000001"))
            #expect(national.verified)
            #expect(national.source.name == "Cơ sở dữ liệu quốc gia về TTHC")
            #expect(national.source.decision == "Quyết định số 1/QĐ-TEST")
            #expect(national.channels.first?.fee == Fee(status: .known, amount: 50_000, text: "Lệ phí : 50.000 Đồng"))
            #expect(national.channels.first?.timeLimit == TimeLimit(value: 5, unit: .workingDays, text: "05 Ngày làm việc"))
            #expect(national.legalBasis.first?.citation == "12/2024/NĐ-CP")
            #expect(national.steps == ["Nộp hồ sơ.", "Nhận kết quả."])
            let curated = try #require(try await ProcedureRepository(db: database.sql).find(code: "HC.TN.001"))
            #expect(!curated.verified)
            #expect(curated.channels.first?.fee.status == .setByProvince)
            #expect(curated.cases.first?.documents.first?.source == "khoản 2 Điều 16 Luật Hộ tịch 2014")
        }
    }

    @Test("bad rows are skipped with a Vietnamese reason while the others import", arguments: TestBackend.enabled)
    func badRowsAreSkipped(backend: TestBackend) async throws {
        try await migrated(backend) { database in
            let text = [
                "{not json",
                #"{"metadata": {"tên_thủ_tục": "Không có mã", "lĩnh_vực": "X", "cấp_thực_hiện": "Cấp Xã"}}"#,
                #"{"metadata": {"mã_thủ_tục": "mã sai; DROP", "tên_thủ_tục": "Mã sai", "lĩnh_vực": "X", "cấp_thực_hiện": "Cấp Xã"}}"#,
                ProcedureFixtures.nationalRecord,
                ProcedureFixtures.nationalRecord,
            ].joined(separator: "\n")
            let rows = try ProcedureImport.read(Data(text.utf8), fileName: "bad.jsonl")
            let summary = try await ProcedureImporter(database: database).apply(rows, actor: "test", now: fixedNow)
            #expect(summary.imported == ["9.000001"])
            #expect(summary.skipped.map(\.line) == [1, 2, 3, 5])
            #expect(summary.skipped[0].reason == "dòng không phải JSON hợp lệ")
            #expect(summary.skipped[1].reason.contains("thiếu mã thủ tục"))
            #expect(summary.skipped[2].reason.contains("không hợp lệ"))
            #expect(summary.skipped[3].reason.contains("đã có ở dòng 4"))
        }
    }

    @Test("re-importing is idempotent by code: unchanged records stay, changed ones update and are audited", arguments: TestBackend.enabled)
    func reimportIsIdempotent(backend: TestBackend) async throws {
        try await migrated(backend) { database in
            let importer = ProcedureImporter(database: database)
            _ = try await importer.apply(try ProcedureImport.read(ProcedureFixtures.goodFile), actor: "test", now: fixedNow)
            let again = try await importer.apply(try ProcedureImport.read(ProcedureFixtures.goodFile), actor: "test", now: fixedNow)
            #expect(again.imported.isEmpty && again.updated.isEmpty)
            #expect(again.unchanged.count == 2)
            let changed = ProcedureFixtures.nationalRecord.replacingOccurrences(of: "50.000 Đồng", with: "60.000 Đồng")
            let third = try await importer.apply(try ProcedureImport.read(Data(changed.utf8)), actor: "test", now: fixedNow)
            #expect(third.updated == ["9.000001"])
            let stored = try await ProcedureRepository(db: database.sql).find(code: "9.000001")
            #expect(stored?.channels.first?.fee.amount == 60_000)
            #expect(try await ProcedureRepository(db: database.sql).all().count == 2)
            let audit = try await AuditRepository(db: database.sql).list(entity: "procedure", page: .init())
            #expect(audit.items.first?.action == "procedure.import")
        }
    }

    @Test("the CSV template imports; a bad row is reported and the rest still import", arguments: TestBackend.enabled)
    func csvTemplate(backend: TestBackend) async throws {
        try await migrated(backend) { database in
            let csv = """
                ma_thu_tuc;ten_thu_tuc;linh_vuc;cap_thuc_hien;giay_to;thoi_han;le_phi;cach_thuc
                DL.TN.001;Xác nhận thử nghiệm;Thử nghiệm;Cấp Xã;"Tờ khai | Mẫu 01 | 1 | 0
                [Ủy quyền] Văn bản ủy quyền | | 1 | 0";3 ngày làm việc;Theo Nghị quyết của HĐND tỉnh;Trực tiếp, Trực tuyến
                DL.TN.002;;Thử nghiệm;Cấp Xã;;;;
                DL.TN.003;Bản sao thử nghiệm;Thử nghiệm;Cấp Xã;Giấy | | hai | 0;;;
                """
            let rows = try ProcedureImport.read(Data(("\u{FEFF}" + csv).utf8), fileName: "mau.csv")
            let summary = try await ProcedureImporter(database: database).apply(rows, actor: "test", now: fixedNow)
            #expect(summary.imported == ["DL.TN.001"])
            #expect(summary.skipped.map(\.line) == [3, 4], "rows as Excel numbers them; a cell may span lines")
            #expect(summary.skipped[0].reason.contains("thiếu tên thủ tục"))
            #expect(summary.skipped[1].reason.contains("không phải số"))
            let p = try #require(try await ProcedureRepository(db: database.sql).find(code: "DL.TN.001"))
            #expect(p.cases.map(\.name) == ["", "Ủy quyền"])
            #expect(p.channels.map(\.kind) == [.direct, .online])
            #expect(p.channels.first?.fee.status == .setByProvince)
            #expect(!p.verified)
        }
    }

    @Test("the shipped CSV example imports cleanly")
    func shippedTemplate() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../docs/procedure-template.csv")
        let rows = try ProcedureImport.read(try Data(contentsOf: url), fileName: "procedure-template.csv")
        #expect(rows.count == 1)
        let p = try rows[0].outcome.get()
        #expect(p.cases.count == 2 && p.steps.count == 3)
    }

    @Test("a curated record whose level the texts leave open is kept, with the level marked unknown")
    func curatedWithoutLevel() throws {
        let line = ProcedureFixtures.curatedRecord.replacingOccurrences(of: #""cấp_thực_hiện": "Cấp Xã", "#, with: "")
        let rows = try ProcedureImport.read(Data(line.utf8), fileName: "curated.jsonl")
        let p = try rows[0].outcome.get()
        #expect(p.level.isEmpty && p.isUnknown("level"))
        let national = ProcedureFixtures.nationalRecord.replacingOccurrences(of: #""cấp_thực_hiện": "Cấp Xã", "#, with: "")
        let rejected = try ProcedureImport.read(Data(national.utf8), fileName: "national.jsonl")
        #expect(throws: ImportRowError.self) { try rejected[0].outcome.get() }
    }

    @Test("invalid UTF-8 stops with a clear error")
    func invalidUTF8() {
        #expect(throws: HaiCapError.self) { try ProcedureImport.read(Data([0x7B, 0xFF, 0xFE, 0x7D]), fileName: "hong.jsonl") }
        do {
            _ = try ProcedureImport.read(Data([0x41, 0x42, 0xC3, 0x28]), fileName: "hong.csv")
        } catch {
            #expect(error.message.contains("UTF-8"))
            #expect(error.message.contains("vị trí 2"))
        }
    }
}
