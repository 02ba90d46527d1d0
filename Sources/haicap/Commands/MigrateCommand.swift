import ArgumentParser
import HaiCapStore
import Logging

struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate", abstract: "Cập nhật cấu trúc cơ sở dữ liệu lên phiên bản mới nhất.")

    @OptionGroup var storage: StorageOptions

    func run() async throws {
        let config = try storage.loadConfig()
        var logger = Logger(label: "haicap")
        logger.logLevel = .warning
        let (database, folderLock) = try await openServingDatabase(config, logger: logger)
        defer { withExtendedLifetime(folderLock) {} }
        do {
            let applied = try await Migrator(database: database).migrate()
            try await database.close()
            if applied.isEmpty {
                print("Cơ sở dữ liệu đã ở phiên bản mới nhất (\(Migrator.all.count) bước).")
            } else {
                for migration in applied { print("Đã áp dụng \(migration.version): \(migration.name)") }
            }
        } catch {
            try? await database.close()
            throw CLIError(config.database.fault(error) ?? error)
        }
    }
}
