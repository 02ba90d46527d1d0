import ArgumentParser
import Foundation
import HaiCapCore
import HaiCapStore
import HaiCapWeb
import Hummingbird
import Logging
import ServiceLifecycle

extension BenchCommand {
    /// `haicap bench monitoring`: the province dashboard over many assignments (target: 50,000 across 3,321 units in < 300 ms).
    struct MonitoringBench: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "monitoring",
            abstract: "Đo trang giám sát của tỉnh trên nhiều nhiệm vụ (mục tiêu: 50.000 nhiệm vụ, 3.321 đơn vị, dưới 300 ms).",
            discussion: "Tạo dữ liệu giả lập trong cơ sở dữ liệu riêng (tệp SQLite tạm, hoặc database PostgreSQL mới với --database-url), đo trong tiến trình và qua HTTP. Dùng bản build release.")

        @Option(name: .customLong("database-url"), help: "PostgreSQL dùng để tạo database thử tải riêng (mặc định: tệp SQLite tạm).")
        var databaseURL: String?
        @Option(help: "Số nhiệm vụ giả lập, rải trên mọi đơn vị cấp xã cả nước.") var assignments = 50_000
        @Option(help: "Số lượt đo (sau 3 lượt khởi động).") var runs = 30
        @Option(help: "Mã tỉnh của trang giám sát.") var province = "66"
        @Flag(help: "In kết quả dạng JSON.") var json = false

        func validate() throws {
            guard assignments >= 1, runs >= 1 else { throw ValidationError("--assignments và --runs phải ít nhất 1.") }
        }

        func run() async throws {
            var logger = Logger(label: "haicap-bench")
            logger.logLevel = .error
            let store = try await BenchStore.open(postgresURL: databaseURL, keep: false, logger: logger)
            do {
                let stats = try await measure(store.database, logger: logger)
                try await store.close()
                if json {
                    let encoder = JSONEncoder()
                    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                    print(String(decoding: try encoder.encode(["backend": store.backend]), as: UTF8.self))
                    print(String(decoding: try encoder.encode(stats), as: UTF8.self))
                } else {
                    print("### Giám sát: \(VietnameseNumber.integer(assignments)) nhiệm vụ, \(store.backend), \(ProcessInfo.processInfo.activeProcessorCount) lõi\n")
                    print("| bước | n | p50 (ms) | p95 (ms) | p99 (ms) | max (ms) | mục tiêu |")
                    print("|---|---|---|---|---|---|---|")
                    for s in stats {
                        let target = s.name.hasPrefix("GET /dieu-hanh") ? (s.percentile(0.99) < 300 ? "< 300 ms ✓" : "< 300 ms ✗") : ""
                        print("| \(s.name) | \(s.samples.count) | \(fmt(s.percentile(0.5))) | \(fmt(s.percentile(0.95))) | \(fmt(s.percentile(0.99))) | \(fmt(s.max)) | \(target) |")
                    }
                }
            } catch {
                try? await store.close()
                throw CLIError(error)
            }
        }

        func fmt(_ v: Double) -> String { String(format: "%.1f", v) }

        func measure(_ database: Database, logger: Logger) async throws -> [ReportingBench.Stat] {
            var config = AppConfig()
            config.provinceCode = province
            config.bcryptCost = 4
            config.adminPassword = "bench-" + UUID().uuidString
            progress("Chuẩn bị cơ sở dữ liệu: cấu trúc, đơn vị hành chính, dữ liệu đi kèm…")
            _ = try await Bootstrap(database: database, config: config).run()
            let today = CalendarDay(Date())
            progress("Tạo \(assignments) nhiệm vụ…")
            let units = try await MonitoringBenchFixture.load(database: database, assignments: assignments, today: today) { progress("  \($0)") }
            progress("  trên \(units) đơn vị")
            let service = DirectiveService(database: database, provinceCode: province)
            let actor = ReportingSeeder.systemActor
            let clock = ContinuousClock()
            var samples: [String: [Double]] = [:]
            for run in 0..<(runs + 3) {
                let start = clock.now
                let board = try await service.dashboard(.init(), actor: actor)
                if run >= 3 { samples["dashboard (trong tiến trình)", default: []].append(milliseconds(clock.now - start)) }
                if run == 0 {
                    guard board.counts.total == assignments else { throw CLIError("Số nhiệm vụ đếm được (\(board.counts.total)) khác số đã tạo.") }
                }
            }

            let accounts = Accounts(database: database, bcryptCost: 4)
            _ = try await accounts.create(username: "bench_tinh", displayName: "Cán bộ tỉnh (thử tải)", password: "bench-password-1", role: .province, unitCode: nil, by: "bench")
            let token = try await accounts.createToken(username: "bench_tinh", name: "bench", by: "bench").token
            progress("Khởi động máy chủ trong tiến trình…")
            let router = try await buildRouter(AppDependencies(config: config, database: database))
            let (ports, portSink) = AsyncStream.makeStream(of: Int.self)
            let app = Application(
                router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0), serverName: "HaiCap"),
                onServerRunning: { channel in
                    portSink.yield(channel.localAddress?.port ?? 0)
                    portSink.finish()
                },
                logger: logger)
            let group = ServiceGroup(configuration: .init(services: [app], gracefulShutdownSignals: [], logger: logger))
            let http: Result<[String: [Double]], any Error> = await withTaskGroup(of: Void.self) { tasks in
                tasks.addTask { try? await group.run() }
                defer { portSink.finish() }
                var result: Result<[String: [Double]], any Error>
                do {
                    var iterator = ports.makeAsyncIterator()
                    guard let port = await iterator.next(), port > 0 else { throw CLIError("Máy chủ không khởi động được.") }
                    let client = HTTPBench(base: "http://127.0.0.1:\(port)", connections: 4)
                    var out: [String: [Double]] = [:]
                    for path in ["/dieu-hanh", "/api/v1/monitoring/units", "/api/v1/monitoring/summary"] {
                        for run in 0..<(runs + 3) {
                            let response = try await client.send("GET", path, token: token)
                            guard response.status == 200 else { throw CLIError("GET \(path) trả về \(response.status).") }
                            if run >= 3 { out["GET \(path)", default: []].append(response.milliseconds) }
                        }
                    }
                    result = .success(out)
                } catch {
                    result = .failure(error)
                }
                await group.triggerGracefulShutdown()
                await tasks.waitForAll()
                return result
            }
            samples.merge(try http.get()) { $1 }
            return samples.keys.sorted().map { ReportingBench.Stat(name: $0, samples: samples[$0] ?? []) }
        }
    }
}
