import ArgumentParser
import Foundation
import HaiCapCore
import HaiCapStore
import LegalText

/// `haicap import legal FILE`: adds a legal document to the registry (and proposes competence records from it).
struct ImportLegalCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "legal",
        abstract: "Nạp một văn bản pháp luật (tệp .txt, mỗi đoạn một dòng) vào danh mục văn bản.",
        discussion: """
        Số hiệu, loại, trích yếu và ngày ban hành đọc từ phần đầu văn bản khi có; tham số dòng lệnh được ưu tiên.
        Văn bản phân định, phân cấp (--delineation) được trích đề xuất bản ghi thẩm quyền để cán bộ tỉnh duyệt.
        Ví dụ: haicap import legal nd-150-2025.txt --number 150/2025/NĐ-CP --type "Nghị định" --effective 2025-07-01 --delineation
        """)

    @Argument(help: "Tệp văn bản (UTF-8).") var file: String
    @Option(help: "Số hiệu, ví dụ 150/2025/NĐ-CP.") var number: String?
    @Option(help: "Loại văn bản: Nghị định, Luật, Thông tư, Quyết định, Nghị quyết.") var type: String?
    @Option(help: "Trích yếu.") var title: String?
    @Option(help: "Cơ quan ban hành.") var issuer: String?
    @Option(help: "Ngày ban hành (YYYY-MM-DD).") var issued: String?
    @Option(help: "Ngày có hiệu lực (YYYY-MM-DD).") var effective: String?
    @Option(help: "Ngày hết hiệu lực (YYYY-MM-DD).") var expiry: String?
    @Flag(help: "Văn bản phân định, phân quyền, phân cấp: trích đề xuất bản ghi thẩm quyền.") var delineation = false
    @Option(help: "Người thực hiện, ghi vào nhật ký.") var by = "cli"
    @OptionGroup var storage: StorageOptions

    func run() async throws {
        guard let data = FileManager.default.contents(atPath: file) else { throw CLIError("Không đọc được tệp \(file).") }
        guard let text = String(data: data, encoding: .utf8) else { throw CLIError("Tệp \(file) không phải UTF-8.") }
        let header: DocumentHeader
        do {
            header = try LegalDocumentParser().parse(text).header
        } catch {
            throw CLIError("Không đọc được văn bản: \(error.description)")
        }
        for (key, value) in [("--issued", issued), ("--effective", effective), ("--expiry", expiry)] {
            if let value, CivilDate(iso: value) == nil { throw CLIError("\(key) phải có dạng YYYY-MM-DD.") }
        }
        guard let number = number ?? header.number else {
            throw CLIError("Văn bản không ghi số hiệu ở phần đầu: hãy thêm --number, ví dụ --number 150/2025/NĐ-CP.")
        }
        var inferred: [String] = []
        if issued == nil, header.date != nil { inferred.append("issued") }
        let info = LegalDocumentInfo(
            number: number, type: type ?? header.type?.vietnameseName ?? "Nghị định",
            title: title ?? header.title.map { $0.prefix(1) + $0.dropFirst().lowercased() } ?? number,
            issuer: issuer ?? header.issuer ?? "", issued: issued ?? header.date?.description, effective: effective, expiry: expiry,
            file: nil, source: "haicap import legal \(URL(fileURLWithPath: file).lastPathComponent)" + (inferred.isEmpty ? "" : "; ngày ban hành đọc từ phần đầu văn bản"),
            unverified: inferred, delineation: delineation)
        let summary = try await storage.withDatabase { database, _ in
            try await LegalSeeder(database: database).importDocument(text, info: info, by: by, now: Date())
        }
        print("Đã nạp \(info.type) số \(info.number): \(summary.provisions) điều, khoản, điểm; \(summary.records) đề xuất thẩm quyền chờ duyệt.")
        print("Máy chủ đang chạy dùng văn bản mới trong vòng 10 giây.")
    }
}
