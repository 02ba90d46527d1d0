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
        let database = try await Database.open(config.database, logger: logger)
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
            throw CLIError(error)
        }
    }
}
