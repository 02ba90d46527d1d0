import ArgumentParser
import Foundation
import HaiCapCore
import HaiCapStore
import HaiCapWeb
import Logging
import Synchronization

@main
struct HaiCapCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "haicap",
        abstract: "HaiCap — phần mềm cho chính quyền địa phương hai cấp.",
        discussion: "Không cấu hình gì thì dùng tệp SQLite trong ./haicap-data. Đặt DATABASE_URL=postgres://… để dùng PostgreSQL.",
        subcommands: [ServeCommand.self, MigrateCommand.self, SeedCommand.self, UserCommand.self, TokenCommand.self, UnitsCommand.self, EvalCommand.self, BenchCommand.self, ImportCommand.self, AskCommand.self, ReportCommand.self, DirectivesCommand.self, NotifyCommand.self, BackupCommand.self, RestoreCommand.self, PruneCommand.self]
    )

    /// Every command logs through the masking handler, not only `serve`: an import or a notification run can
    /// log a row with a phone number or an e-mail address too.
    static func main() async {
        CommandLogging.bootstrap()
        do {
            var command = try parseAsRoot()
            if var command = command as? any AsyncParsableCommand {
                try await command.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: error)
        }
    }
}

/// The process's logging: standard error, personal data and secrets masked (`MaskingLogHandler`), at the level
/// of `LOG_LEVEL` (`serve` sets it again from its configuration, which may come from a `.env` file).
enum CommandLogging {
    static let level = Mutex<Logger.Level>(.info)

    static func bootstrap() {
        if let raw = ProcessInfo.processInfo.environment["LOG_LEVEL"], let parsed = Logger.Level(rawValue: raw.lowercased()) {
            level.withLock { $0 = parsed }
        }
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level.withLock { $0 }
            return MaskingLogHandler(handler)
        }
    }
}

/// Options every command that touches the database accepts.
struct StorageOptions: ParsableArguments {
    @Option(name: .customLong("data-dir"), help: "Thư mục dữ liệu (mặc định ./haicap-data, hoặc HAICAP_DATA_DIR).")
    var dataDirectory: String?

    @Option(name: .customLong("database-url"), help: "Chuỗi kết nối PostgreSQL (mặc định: DATABASE_URL; để trống thì dùng SQLite).")
    var databaseURL: String?

    /// Command-line values, which override the environment and `.env`.
    var flags: [String: String] {
        var flags: [String: String] = [:]
        if let dataDirectory { flags["HAICAP_DATA_DIR"] = dataDirectory }
        if let databaseURL { flags["DATABASE_URL"] = databaseURL }
        return flags
    }

    func loadConfig(extra: [String: String] = [:]) throws -> AppConfig {
        do {
            return try AppConfig.load(flags: flags.merging(extra) { $1 })
        } catch let error as ConfigError {
            throw ValidationError(error.description)
        }
    }

    /// Opens the database, applies pending migrations and imports the bundled units if missing,
    /// so every command works on a fresh data folder.
    func withDatabase<T>(_ body: (Database, AppConfig) async throws -> T) async throws -> T {
        let config = try loadConfig()
        var logger = Logger(label: "haicap")
        logger.logLevel = .warning
        let database = try await Database.open(config.database, logger: logger, sqliteSync: config.sqliteSync)
        do {
            try await Migrator(database: database).migrate()
            try await UnitSeeder(database: database).seedIfEmpty()
            try await LegalSeeder(database: database).seedIfEmpty()
            try await ReportingSeeder(service: ReportingService(database: database, provinceCode: config.provinceCode)).seedIfEmpty()
            let result = try await body(database, config)
            try await database.close()
            return result
        } catch {
            try? await database.close()
            throw CLIError(config.database.fault(error) ?? error)
        }
    }
}

/// An error shown to the person at the terminal in Vietnamese, without a stack of internals.
struct CLIError: Error, CustomStringConvertible {
    let description: String

    init(_ message: String) {
        description = message
    }

    init(_ error: any Error) {
        switch error {
        case let error as HaiCapError: description = error.message
        case let error as CLIError: description = error.description
        case let error as StorageFault: description = error.description
        default: description = "Lỗi: \(error)"
        }
    }
}

/// Reads a password from `--password`, or standard input (without echo on a terminal).
func readPassword(_ given: String?, prompt: String = "Mật khẩu: ") throws -> String {
    if let given { return given }
    if isatty(0) == 1, let pointer = getpass(prompt) {
        return String(cString: pointer)
    }
    guard let line = readLine(strippingNewline: true), !line.isEmpty else {
        throw CLIError("Chưa có mật khẩu: dùng --password hoặc nhập qua đầu vào chuẩn.")
    }
    return line
}
