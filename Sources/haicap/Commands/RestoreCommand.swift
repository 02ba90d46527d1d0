import ArgumentParser
import Foundation
import HaiCapStore
import HaiCapWeb
import Logging

struct RestoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Khôi phục cơ sở dữ liệu SQLite từ một tệp sao lưu (thay toàn bộ dữ liệu hiện có; tệp cũ được giữ lại).",
        discussion: "Dừng haicap serve trước. Với PostgreSQL, lệnh chỉ hướng dẫn dùng pg_restore (xem docs/faults.md).")

    @Argument(help: "Tệp sao lưu do haicap backup tạo.")
    var file: String

    @Flag(name: .long, help: "Xác nhận thay dữ liệu hiện có bằng dữ liệu trong tệp sao lưu.")
    var yes = false

    @OptionGroup var storage: StorageOptions

    func run() async throws {
        let config = try storage.loadConfig()
        guard case .sqliteFile(let target) = config.database else { throw CLIError(PostgresBackupProcedure.text) }
        let source = URL(fileURLWithPath: file).standardizedFileURL.path
        guard FileManager.default.fileExists(atPath: source) else { throw CLIError("Không có tệp sao lưu \(source).") }
        guard yes else {
            throw CLIError("""
                Lệnh này thay toàn bộ dữ liệu trong \(target) bằng dữ liệu của \(source).
                Tệp hiện có được giữ lại với tên \(URL(fileURLWithPath: target).lastPathComponent).before-restore-<thời điểm>.
                Dừng haicap serve rồi chạy lại với --yes để xác nhận.
                """)
        }
        let folder = URL(fileURLWithPath: target).deletingLastPathComponent().path
        guard let lock = try DataFolderLock.tryAcquire(folder: folder, exclusive: true) else {
            throw CLIError("""
                haicap serve (hoặc một lệnh haicap khác) đang dùng thư mục dữ liệu \(folder): không khôi phục khi máy chủ đang chạy.
                Hãy dừng máy chủ (ví dụ systemctl stop haicap) rồi chạy lại lệnh này.
                """)
        }
        var logger = Logger(label: "haicap")
        logger.logLevel = .warning
        print("Đang kiểm tra \(source) …")
        let started = Date()
        let restored: SQLiteBackup.Restored
        do {
            restored = try await SQLiteBackup.restore(from: source, into: target, logger: logger)
        } catch let fault as StorageFault {
            throw CLIError(Self.explain(fault, source: source))
        } catch {
            throw CLIError(error)
        }
        withExtendedLifetime(lock) {}
        if let kept = restored.previousKeptAs { print("Dữ liệu trước khi khôi phục được giữ ở \(kept).") }
        print("Đã khôi phục \(source) vào \(target).")
        print(BackupReport.lines(restored.summary, path: target, seconds: Date().timeIntervalSince(started)).joined(separator: "\n"))
        print("Khởi động lại haicap serve để dùng dữ liệu đã khôi phục.")
    }

    /// A fault found in the staged copy, told about the backup file the person named.
    static func explain(_ fault: StorageFault, source: String) -> String {
        let unchanged = "Dữ liệu hiện có không bị thay đổi."
        switch fault {
        case .damaged(_, let detail):
            return "Tệp sao lưu \(source) bị hỏng (SQLite báo: \(detail)). \(unchanged) Hãy dùng một bản sao lưu khác."
        case .notHaiCap:
            return "\(StorageFault.notHaiCap(path: source).description) \(unchanged)"
        case .newerSchema(_, let found, let supported):
            return "\(StorageFault.newerSchema(path: source, found: found, supported: supported).description) \(unchanged)"
        case .readOnly, .diskFull, .unavailable:
            return "\(fault.description)\n\(unchanged)"
        }
    }
}

extension DataFolderLock {
    /// The shared lock `serve` and `migrate` hold on a SQLite data folder, so `restore` can tell they are running.
    static func forServing(_ location: DatabaseLocation) throws -> DataFolderLock? {
        guard case .sqliteFile(let path) = location else { return nil }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        do {
            guard let lock = try tryAcquire(folder: folder, exclusive: false) else {
                throw CLIError("Đang có lệnh haicap restore thay dữ liệu trong \(folder): chờ lệnh đó xong rồi chạy lại.")
            }
            return lock
        } catch let error as StorageFault {
            throw CLIError(error.description)
        } catch let error as CLIError {
            throw error
        } catch {
            throw CLIError(StorageFault.readOnly(path: folder).description)
        }
    }
}

/// The configured database opened for `serve` and `migrate`: the data folder's shared lock held (so `restore`
/// cannot replace the file underneath) and the store checked first (`Database.openChecked`). Keep the lock alive
/// as long as the database is in use.
func openServingDatabase(_ config: AppConfig, logger: Logger) async throws -> (database: Database, lock: DataFolderLock?) {
    let lock = try DataFolderLock.forServing(config.database)
    do {
        return (try await Database.openChecked(config.database, logger: logger, sqliteSync: config.sqliteSync), lock)
    } catch {
        throw CLIError(error)
    }
}
