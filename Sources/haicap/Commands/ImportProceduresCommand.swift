import ArgumentParser
import Foundation
import HaiCapCore
import HaiCapStore

/// `haicap import procedures FILE`: the national database's JSON Lines, or the officials' CSV template.
struct ImportProceduresCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "procedures",
        abstract: "Nạp thủ tục hành chính từ tệp JSON Lines của CSDL quốc gia hoặc tệp CSV theo mẫu (docs/procedure-template.csv).",
        discussion: "Nạp lại cùng tệp không tạo bản trùng: thủ tục mới được thêm, thủ tục đã có mà khác thì được cập nhật, dòng lỗi bị bỏ qua kèm lý do.")

    @Argument(help: "Đường dẫn tệp .jsonl hoặc .csv (UTF-8).")
    var file: String

    @Flag(help: "In kết quả thành JSON.")
    var json = false

    @OptionGroup var storage: StorageOptions

    func run() async throws {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: file)) } catch {
            throw CLIError("Không đọc được tệp '\(file)'.")
        }
        let rows: [ImportRow]
        do { rows = try ProcedureImport.read(data, fileName: URL(fileURLWithPath: file).lastPathComponent) } catch { throw CLIError(error) }
        let summary = try await storage.withDatabase { database, _ in
            try await ProcedureSeeder(database: database).seedMissing(now: Date())
            return try await ProcedureImporter(database: database).apply(rows, actor: "cli", now: Date())
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            print(String(decoding: try encoder.encode(summary), as: UTF8.self))
            return
        }
        print("Đã thêm mới: \(summary.imported.count)")
        print("Đã cập nhật: \(summary.updated.count)")
        print("Không đổi: \(summary.unchanged.count)")
        print("Bỏ qua: \(summary.skipped.count)")
        for skipped in summary.skipped {
            print("  - dòng \(skipped.line)\(skipped.code.map { " (mã \($0))" } ?? ""): \(skipped.reason)")
        }
    }
}
