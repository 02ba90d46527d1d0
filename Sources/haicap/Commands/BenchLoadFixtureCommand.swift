import ArgumentParser
import Foundation
import HaiCapCore
import HaiCapStore
import HaiCapWeb
import Logging

extension BenchCommand {
    /// `haicap bench load-fixture`: fills the database named by the configuration (DATABASE_URL or HAICAP_DATA_DIR, as
    /// `haicap serve` reads them) with the data of `Benchmarks/load/run.sh`, reusing the fixtures of `bench reporting`
    /// and `bench monitoring`, and writes the tokens and ids the wrk scripts need into `--out`.
    struct LoadFixture: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "load-fixture",
            abstract: "Tạo dữ liệu cho phép thử tải bằng wrk (Benchmarks/load/run.sh) trong cơ sở dữ liệu của cấu hình.",
            shouldDisplay: false)

        @Option(help: "Thư mục ghi token và mã kỳ cho các kịch bản wrk.") var out: String
        @Option(help: "Mã tỉnh.") var province = "66"
        @Option(help: "Số chỉ tiêu của biểu mẫu.") var indicators = 100
        @Option(help: "Số kỳ để lưu báo cáo (mỗi xã của tỉnh × mỗi kỳ là một báo cáo khác nhau).") var periods = 20
        @Option(help: "Số nhiệm vụ giả lập cho trang giám sát.") var assignments = 50_000

        func run() async throws {
            var config: AppConfig
            do { config = try AppConfig.load() } catch { throw ValidationError(String(describing: error)) }
            config.provinceCode = province
            var logger = Logger(label: "haicap-load-fixture")
            logger.logLevel = .warning
            let database = try await Database.open(config.database, logger: logger)
            do {
                try await fill(database, config: config)
                try await database.close()
            } catch {
                try? await database.close()
                throw CLIError(error)
            }
        }

        func fill(_ database: Database, config: AppConfig) async throws {
            let dir = URL(fileURLWithPath: out, isDirectory: true)
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            progress("Chuẩn bị cơ sở dữ liệu: cấu trúc, đơn vị hành chính, dữ liệu đi kèm…")
            _ = try await Bootstrap(database: database, config: config).run()
            let fixture = ReportingBenchFixture(database: database)
            let units = try await fixture.provinceUnitCodes(province)
            progress("Trang tổng hợp kỳ: \(units.count) đơn vị × \(indicators) chỉ tiêu…")
            let dashboard = try await fixture.build(name: "Thử tải wrk", units: units, indicators: indicators) { _ in }
            progress("Giám sát: \(assignments) nhiệm vụ…")
            _ = try await MonitoringBenchFixture.load(database: database, assignments: assignments, today: CalendarDay(Date())) { _ in }

            let accounts = Accounts(database: database, bcryptCost: 4)
            _ = try await accounts.create(username: "load_tinh", displayName: "Cán bộ tỉnh (thử tải)", password: "load-password-1", role: .province, unitCode: nil, by: "bench")
            let provinceToken = try await accounts.createToken(username: "load_tinh", name: "load", by: "bench").token

            progress("Lưu báo cáo: \(units.count) xã × \(periods) kỳ…")
            let definition = ReportingBenchFixture.form(indicators: indicators, name: "Thử tải wrk — lưu báo cáo")
            let formID = try await fixture.createForm(definition)
            let regimeID = try await fixture.createRegime(name: "Thử tải wrk — lưu báo cáo", formID: formID, units: units)
            let periodIDs = try await fixture.createPeriods(regimeID: regimeID, count: periods).map(\.id)
            struct Draft: Encodable { var values: [String: JSONValue] }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            // One line per (unit, period): token, path, body — what submit.lua sends with PUT.
            var lines: [String] = []
            for (index, code) in units.enumerated() {
                let username = "load_xa_\(index + 1)"
                _ = try await accounts.create(username: username, displayName: "Cán bộ xã \(code) (thử tải)", password: "load-password-1", role: .commune, unitCode: code, by: "bench")
                let token = try await accounts.createToken(username: username, name: "load", by: "bench").token
                for (round, period) in periodIDs.enumerated() {
                    let body = String(decoding: try encoder.encode(Draft(values: ReportingBenchFixture.values(for: definition, unit: index, round: round, seed: fixture.seed))), as: UTF8.self)
                    lines.append("\(token)\t/api/v1/periods/\(period)/reports/\(code)\t\(body)")
                }
            }
            try (lines.joined(separator: "\n") + "\n").write(to: dir.appendingPathComponent("submissions.tsv"), atomically: true, encoding: .utf8)
            let env = """
            PROVINCE_TOKEN=\(provinceToken)
            DASHBOARD_PERIOD=\(dashboard.periodID)
            PROVINCE_UNITS=\(units.count)
            SUBMISSIONS=\(lines.count)

            """
            try env.write(to: dir.appendingPathComponent("fixture.env"), atomically: true, encoding: .utf8)
            progress("Xong: \(dir.path)/fixture.env, submissions.tsv (\(lines.count) báo cáo).")
        }
    }
}
