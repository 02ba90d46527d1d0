import ArgumentParser
import Foundation
import HaiCapStore
import HaiCapWeb
import Hummingbird
import Logging

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Chạy máy chủ web (giao diện, API JSON); lần đầu tự tạo dữ liệu, nạp đơn vị hành chính và tài khoản admin."
    )

    @Option(name: .long, help: "Địa chỉ lắng nghe (mặc định 127.0.0.1, hoặc HAICAP_HOSTNAME).")
    var hostname: String?

    @Option(name: .long, help: "Cổng (mặc định 8080, hoặc HAICAP_PORT).")
    var port: Int?

    @OptionGroup var storage: StorageOptions

    func run() async throws {
        var extra: [String: String] = [:]
        if let hostname { extra["HAICAP_HOSTNAME"] = hostname }
        if let port { extra["HAICAP_PORT"] = String(port) }
        let config = try storage.loadConfig(extra: extra)
        // Loggers made from here on log at the configured level (masked: see `CommandLogging`).
        CommandLogging.level.withLock { $0 = Logger.Level(rawValue: config.logLevel) ?? .info }
        let logger = Logger(label: "haicap")
        if config.bcryptCost < AppConfig.productionBcryptCost {
            logger.warning("HAICAP_BCRYPT_COST=\(config.bcryptCost) thấp hơn \(AppConfig.productionBcryptCost): mật khẩu dễ dò hơn; chỉ dùng khi kiểm thử hoặc đo tải, môi trường thật cần \(AppConfig.productionBcryptCost) trở lên.")
        }
        let (database, folderLock) = try await openServingDatabase(config, logger: logger)
        defer { withExtendedLifetime(folderLock) {} }
        let app: any ApplicationProtocol
        do {
            let outcome = try await Bootstrap(database: database, config: config).run()
            report(outcome, config: config)
            app = try await buildApplication(AppDependencies(config: config, database: database), logger: logger)
        } catch {
            try? await database.close()
            throw CLIError(config.database.fault(error) ?? error)
        }
        print("HaiCap đang chạy tại http://\(config.hostname):\(config.port) — nhấn Ctrl+C để dừng.")
        // Flush now: when stdout is a pipe or a file, the URL and the one-time password must not wait in a buffer.
        fflush(nil)
        try await app.runService()
    }

    func report(_ outcome: Bootstrap.Outcome, config: AppConfig) {
        switch config.database {
        case .sqliteFile(let path): print("Cơ sở dữ liệu: SQLite \(path)")
        case .sqliteMemory: print("Cơ sở dữ liệu: SQLite trong bộ nhớ")
        case .postgres: print("Cơ sở dữ liệu: PostgreSQL (DATABASE_URL)")
        }
        if !outcome.appliedMigrations.isEmpty {
            print("Đã áp dụng \(outcome.appliedMigrations.count) bước cập nhật cấu trúc dữ liệu.")
        }
        if let seeded = outcome.seeded {
            print("Đã nạp \(seeded.units) đơn vị hành chính cấp xã của \(seeded.provinces) tỉnh, thành phố và \(seeded.mappings) dòng tra cứu đơn vị cũ → mới.")
        }
        if let legal = outcome.legal {
            var parts: [String] = []
            if legal.documentsAdded > 0 { parts.append("thêm \(legal.documentsAdded) văn bản") }
            if legal.documentsUpdated + legal.textsReplaced > 0 {
                parts.append("cập nhật thông tin hoặc nội dung \(legal.documentsUpdated + legal.textsReplaced) văn bản")
            }
            if legal.changesAdded > 0 { parts.append("thêm \(legal.changesAdded) sửa đổi, bãi bỏ") }
            let records = [(legal.recordsAdded, "thêm"), (legal.recordsUpdated, "viết lại"), (legal.recordsRemoved, "bỏ")]
                .filter { $0.0 > 0 }.map { "\($0.1) \($0.0)" }
            if !records.isEmpty { parts.append(records.joined(separator: ", ") + " bản ghi thẩm quyền chưa xác minh") }
            print("Dữ liệu pháp lý kèm theo bản này: " + parts.joined(separator: "; ") + ".")
            if legal.recordsLeftToReviewers > 0 {
                print("\(legal.recordsLeftToReviewers) bản ghi trích xuất mới không được thêm vì cán bộ đã rà soát điều khoản đó; xem trang Rà soát thẩm quyền.")
            }
        }
        if outcome.adminCreated {
            if let password = outcome.generatedAdminPassword {
                print("""
                    Đã tạo tài khoản quản trị: tên đăng nhập admin, mật khẩu dùng một lần: \(password)
                    Hãy đăng nhập và đổi mật khẩu ngay (trang Tài khoản), hoặc: haicap user passwd --username admin
                    """)
            } else {
                print("Đã tạo tài khoản quản trị 'admin' với mật khẩu trong HAICAP_ADMIN_PASSWORD.")
            }
        }
    }
}
