import ArgumentParser
import Foundation
import HaiCapStore
import Logging

struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Sao lưu cơ sở dữ liệu SQLite ra một tệp, ngay cả khi haicap serve đang chạy (bản sao nhất quán tại một thời điểm).",
        discussion: "Với PostgreSQL, lệnh chỉ hướng dẫn dùng pg_dump / pg_restore (xem docs/faults.md).")

    @Argument(help: "Tệp sao lưu sẽ tạo, ví dụ /var/backups/haicap-2026-11-27.sqlite.")
    var file: String

    @Flag(name: .long, help: "Ghi đè nếu tệp sao lưu đã có.")
    var force = false

    @OptionGroup var storage: StorageOptions

    func run() async throws {
        let config = try storage.loadConfig()
        guard case .sqliteFile(let source) = config.database else { throw CLIError(PostgresBackupProcedure.text) }
        guard FileManager.default.fileExists(atPath: source) else {
            throw CLIError("Chưa có cơ sở dữ liệu tại \(source): không có gì để sao lưu (kiểm tra --data-dir hoặc HAICAP_DATA_DIR).")
        }
        let destination = URL(fileURLWithPath: file).standardizedFileURL.path
        guard destination != URL(fileURLWithPath: source).standardizedFileURL.path else {
            throw CLIError("Tệp sao lưu không được trùng với chính tệp cơ sở dữ liệu \(source).")
        }
        if FileManager.default.fileExists(atPath: destination) && !force {
            throw CLIError("Tệp \(destination) đã có. Chọn tên khác, hoặc thêm --force để ghi đè.")
        }
        var logger = Logger(label: "haicap")
        logger.logLevel = .warning
        // Written under a temporary name and renamed once checked: a failed backup (disk full) leaves no half file behind.
        let partial = destination + ".partial"
        try? FileManager.default.removeItem(atPath: partial)
        print("Đang sao lưu \(source) → \(destination) …")
        let started = Date()
        let summary: SQLiteBackup.Summary
        let database = try await Database.openChecked(.sqliteFile(source), logger: logger)
        do {
            summary = try await SQLiteBackup.backup(database, to: partial, logger: logger)
            try await database.close()
        } catch {
            try? await database.close()
            try? FileManager.default.removeItem(atPath: partial)
            throw CLIError(StorageFault.classify(error, path: partial).map(\.description) ?? "Sao lưu không thành công: \(error)")
        }
        if FileManager.default.fileExists(atPath: destination) { try FileManager.default.removeItem(atPath: destination) }
        try FileManager.default.moveItem(atPath: partial, toPath: destination)
        print(BackupReport.lines(summary, path: destination, seconds: Date().timeIntervalSince(started)).joined(separator: "\n"))
    }
}

/// The summary lines both `backup` and `restore` print.
enum BackupReport {
    static let highlighted = ["users", "units", "procedures", "reports", "report_versions", "directives", "assignments", "outbox", "audit_log"]

    static func lines(_ summary: SQLiteBackup.Summary, path: String, seconds: Double) -> [String] {
        let megabytes = String(format: "%.1f", Double(summary.bytes) / 1_048_576)
        let counts = highlighted.compactMap { table in summary.counts[table].map { "\(table) \($0)" } }.joined(separator: ", ")
        return [
            "Xong sau \(String(format: "%.1f", seconds)) giây: \(path) (\(megabytes) MB, cấu trúc dữ liệu bước \(summary.schemaVersion)).",
            "Kiểm tra toàn vẹn (PRAGMA integrity_check): ổn.",
            "Số dòng: \(counts) (\(summary.counts.count) bảng).",
        ]
    }
}

/// What to do on PostgreSQL, where HaiCap leaves backups to PostgreSQL's own tools.
enum PostgresBackupProcedure {
    static let text = """
        Cơ sở dữ liệu đang là PostgreSQL (DATABASE_URL): hãy sao lưu và khôi phục bằng công cụ của PostgreSQL, \
        HaiCap không tự làm thay để tránh một bản sao thiếu.
          Sao lưu (được phép khi haicap serve đang chạy; pg_dump chụp một thời điểm nhất quán):
            pg_dump -Fc -f haicap-$(date +%F).dump "$DATABASE_URL"
          Khôi phục vào một cơ sở dữ liệu mới, rồi trỏ haicap sang đó:
            createdb -h MÁY -U NGƯỜI_DÙNG haicap_khoiphuc
            pg_restore --no-owner --exit-on-error -d postgres://NGƯỜI_DÙNG@MÁY/haicap_khoiphuc haicap-NGÀY.dump
            dừng haicap serve, đặt DATABASE_URL=postgres://…/haicap_khoiphuc, khởi động lại.
        Quy trình đầy đủ và kết quả đã thử: docs/faults.md.
        """
}
