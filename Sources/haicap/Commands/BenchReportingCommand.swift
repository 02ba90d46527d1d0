import ArgumentParser
import Foundation
import HaiCapCore
import HaiCapStore
import HaiCapWeb
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

extension BenchCommand {
    /// `haicap bench reporting`: the reporting targets — aggregating a period at national scale, the province's
    /// period dashboard, and the save + submit round trip over HTTP under concurrent clients.
    struct ReportingBench: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reporting",
            abstract: "Đo hiệu năng báo cáo hai cấp: tổng hợp một kỳ, trang tổng hợp của tỉnh, lưu và gửi báo cáo qua HTTP.",
            discussion: """
            Tạo dữ liệu giả lập trong một cơ sở dữ liệu riêng (mặc định: tệp SQLite tạm trong /tmp, xóa khi xong; với \
            --database-url: một database PostgreSQL mới haicap_bench_<pid>, xóa khi xong), chạy máy chủ trong tiến trình \
            trên 127.0.0.1. Không đọc DATABASE_URL. Dùng bản build release để đo.
            """)

        enum Scale: String, ExpressibleByArgument, CaseIterable {
            case national, province
        }

        @Option(name: .customLong("database-url"), help: "PostgreSQL dùng để tạo database thử tải riêng (mặc định: tệp SQLite tạm).")
        var databaseURL: String?

        @Option(help: "Quy mô phần tổng hợp: national (mọi xã, phường cả nước) hoặc province (các xã, phường của tỉnh).")
        var units: Scale = .national

        @Option(help: "Số chỉ tiêu của biểu mẫu (2 trong số đó là công thức).")
        var indicators = 100

        @Option(help: "Số lượt đo phần tổng hợp (sau một lượt khởi động).")
        var runs = 5

        @Option(help: "Số khách gửi báo cáo đồng thời, mỗi khách là cán bộ của một xã khác nhau.")
        var clients = 32

        @Option(help: "Tổng số lượt lưu nháp + gửi báo cáo.")
        var requests = 2000

        @Option(name: .customLong("page-requests"), help: "Số lượt tải trang tổng hợp kỳ (sau 10 lượt khởi động).")
        var pageRequests = 200

        @Option(help: "Mã tỉnh của trang tổng hợp và phần gửi báo cáo.")
        var province = "66"

        @Flag(name: .customLong("submissions-only"), help: "Chỉ đo phần lưu và gửi báo cáo qua HTTP (bỏ phần tổng hợp và trang tổng hợp kỳ).")
        var submissionsOnly = false

        @Flag(help: "In kết quả dạng JSON.")
        var json = false

        @Flag(help: "Giữ lại cơ sở dữ liệu thử tải để xem xét (in đường dẫn hoặc tên database).")
        var keep = false

        func validate() throws {
            guard indicators >= 4, indicators <= ReportFormDefinition.maxIndicators else {
                throw ValidationError("--indicators phải từ 4 đến \(ReportFormDefinition.maxIndicators).")
            }
            guard runs >= 1 else { throw ValidationError("--runs phải ít nhất 1.") }
            guard clients >= 1 else { throw ValidationError("--clients phải ít nhất 1.") }
            guard requests >= clients else { throw ValidationError("--requests phải ít nhất bằng --clients.") }
            guard pageRequests >= 1 else { throw ValidationError("--page-requests phải ít nhất 1.") }
        }

        func run() async throws {
            var logger = Logger(label: "haicap-bench")
            logger.logLevel = .error
            let store = try await BenchStore.open(postgresURL: databaseURL, keep: keep, logger: logger)
            do {
                let report = try await measure(store.database, backend: store.backend, logger: logger)
                try await store.close()
                print(json ? report.json : report.markdown)
            } catch {
                try? await store.close()
                throw CLIError(error)
            }
        }

        // MARK: Steps

        func measure(_ database: Database, backend: String, logger: Logger) async throws -> Report {
            let clock = ContinuousClock()
            var config = AppConfig()
            config.provinceCode = province
            config.bcryptCost = 4
            config.adminPassword = "bench-" + UUID().uuidString
            config.hostname = "127.0.0.1"
            config.port = 0
            config.metricsEnabled = true
            progress("Chuẩn bị cơ sở dữ liệu \(backend): cấu trúc, đơn vị hành chính, dữ liệu đi kèm…")
            let started = clock.now
            _ = try await Bootstrap(database: database, config: config).run()
            progress("  xong sau \(decimal(milliseconds(clock.now - started) / 1000, 1)) s")

            var report = Report(backend: backend, cores: ProcessInfo.processInfo.activeProcessorCount, indicators: indicators)
            if !submissionsOnly { report.aggregation = try await aggregation(database) }
            let accounts = Accounts(database: database, bcryptCost: 4)
            let provinceUnits = try await ReportingBenchFixture(database: database).provinceUnitCodes(province)
            guard provinceUnits.count >= clients else {
                throw CLIError("Tỉnh \(province) có \(provinceUnits.count) đơn vị, ít hơn --clients \(clients).")
            }
            var dashboardData: ReportingBenchFixture.Dataset?
            if !submissionsOnly {
                progress("Chuẩn bị trang tổng hợp kỳ: \(provinceUnits.count) đơn vị của tỉnh \(province)…")
                dashboardData = try await ReportingBenchFixture(database: database).build(
                    name: "Thử tải cấp tỉnh", units: provinceUnits, indicators: indicators) { progress("  \($0)") }
            }
            _ = try await accounts.create(username: "bench_tinh", displayName: "Cán bộ tỉnh (thử tải)", password: "bench-password-1", role: .province, unitCode: nil, by: "bench")
            let provinceToken = try await accounts.createToken(username: "bench_tinh", name: "bench", by: "bench").token
            var parts: [Stat] = []
            if let dashboardData { parts = try await dashboardParts(database, periodID: dashboardData.periodID) }
            let submission = try await prepareSubmissions(database, units: Array(provinceUnits.prefix(clients)), accounts: accounts)

            progress("Khởi động máy chủ trong tiến trình…")
            let router = try await buildRouter(AppDependencies(config: config, database: database))
            let (ports, portSink) = AsyncStream.makeStream(of: Int.self)
            let app = Application(
                router: router,
                configuration: .init(address: .hostname("127.0.0.1", port: 0), serverName: "HaiCap"),
                onServerRunning: { channel in
                    portSink.yield(channel.localAddress?.port ?? 0)
                    portSink.finish()
                },
                logger: logger)
            let group = ServiceGroup(configuration: .init(services: [app], gracefulShutdownSignals: [], logger: logger))
            let outcome: Result<(DashboardResult?, SubmissionResult), any Error> = await withTaskGroup(of: Void.self) { tasks in
                tasks.addTask {
                    // If the server cannot start, the wait for its port below ends instead of hanging.
                    try? await group.run()
                    portSink.finish()
                }
                defer { portSink.finish() }
                let result: Result<(DashboardResult?, SubmissionResult), any Error>
                do {
                    var iterator = ports.makeAsyncIterator()
                    guard let port = await iterator.next(), port > 0 else { throw CLIError("Máy chủ không khởi động được.") }
                    let client = HTTPBench(base: "http://127.0.0.1:\(port)", connections: clients + 4)
                    progress("  máy chủ ở cổng \(port)")
                    var dashboard: DashboardResult?
                    if let dashboardData {
                        dashboard = try await self.dashboard(client, periodID: dashboardData.periodID, token: provinceToken, units: provinceUnits.count)
                    }
                    let submissions = try await self.submissions(client, plan: submission)
                    result = .success((dashboard, submissions))
                } catch {
                    result = .failure(error)
                }
                await group.triggerGracefulShutdown()
                await tasks.waitForAll()
                return result
            }
            let (dashboard, submissions) = try outcome.get()
            report.dashboard = dashboard
            report.dashboard?.parts = parts
            report.submission = submissions
            try await verify(database, plan: submission)
            return report
        }

        /// Section a: national (or province) scale, timed in process through `ReportingService`.
        func aggregation(_ database: Database) async throws -> AggregationResult {
            let fixture = ReportingBenchFixture(database: database)
            let codes = units == .national ? try await fixture.nationalUnitCodes() : try await fixture.provinceUnitCodes(province)
            let scale = units == .national ? "toàn quốc" : "tỉnh \(province)"
            progress("Tạo dữ liệu tổng hợp \(scale): \(codes.count) đơn vị × \(indicators) chỉ tiêu × 2 kỳ…")
            let clock = ContinuousClock()
            let started = clock.now
            let data = try await fixture.build(name: "Thử tải \(scale)", units: codes, indicators: indicators) { progress("  \($0)") }
            let buildMs = milliseconds(clock.now - started)
            progress("  \(data.reports) báo cáo, \(data.values) dòng số liệu sau \(decimal(buildMs / 1000, 1)) s")

            let service = ReportingService(database: database, provinceCode: province)
            let actor = ReportingSeeder.systemActor
            let repository = ReportingRepository(db: database.sql)
            var samples: [String: [Double]] = [:]
            var xlsxBytes = 0, csvBytes = 0
            for run in 0...runs {
                progress(run == 0 ? "Lượt khởi động (không tính)…" : "Lượt đo \(run)/\(runs)…")
                func time<T>(_ name: String, _ body: () async throws -> T) async rethrows -> T {
                    let start = clock.now
                    let value = try await body()
                    if run > 0 { samples[name, default: []].append(milliseconds(clock.now - start)) }
                    return value
                }
                let figures = try await time("figures") { try await repository.figures(periodID: data.periodID) }
                let aggregated = try await time("aggregate") { try await service.aggregate(periodID: data.periodID, actor: actor) }
                let status = try await time("status") { try await service.status(periodID: data.periodID, actor: actor) }
                let tables = try await time("tables") { try await service.tables(periodID: data.periodID, actor: actor) }
                xlsxBytes = await time("xlsx") { tables.xlsx.count }
                csvBytes = await time("csv") { tables.csv.count }
                if run == 0 {
                    // The figures must be those written: every unit counted, sums as computed while writing.
                    guard aggregated.aggregates.count == indicators, status.submitted == codes.count,
                          figures.values.allSatisfy({ $0.count == codes.count }),
                          data.expectedSums.allSatisfy({ key, sum in abs((figures[key]?.sum ?? .nan) - sum) <= 1e-6 * max(1, abs(sum)) }),
                          aggregated.aggregates.allSatisfy({ $0.previousSum != nil || $0.type == .percent })
                    else { throw CLIError("Kết quả tổng hợp không khớp dữ liệu đã tạo.") }
                }
            }
            return AggregationResult(
                scale: scale, units: codes.count, values: data.values, buildMs: buildMs, runs: runs,
                steps: ["figures", "aggregate", "status", "tables", "xlsx", "csv"].map { Stat(name: $0, samples: samples[$0] ?? []) },
                xlsxBytes: xlsxBytes, csvBytes: csvBytes)
        }

        /// What the period page reads, timed in process (20 runs after 2 warm-ups), to tell the database from the rendering.
        func dashboardParts(_ database: Database, periodID: Int64) async throws -> [Stat] {
            progress("Đo trong tiến trình các phần dữ liệu của trang tổng hợp kỳ…")
            let service = ReportingService(database: database, provinceCode: province)
            let repository = ReportingRepository(db: database.sql)
            let actor = ReportingSeeder.systemActor
            let clock = ContinuousClock()
            let steps: [(String, @Sendable () async throws -> Void)] = [
                ("status", { _ = try await service.status(periodID: periodID, actor: actor) }),
                ("aggregate", { _ = try await service.aggregate(periodID: periodID, actor: actor) }),
                ("overview", { _ = try await service.overview(periodID: periodID, actor: actor) }),
                ("headers", { _ = try await repository.reportHeaders(periodID: periodID) }),
                ("chart", { _ = try await repository.values(periodID: periodID, indicator: "ct001") }),
                ("unitNames", { _ = try await service.unitNames() }),
            ]
            var out: [Stat] = []
            for (name, body) in steps {
                var samples: [Double] = []
                for run in 0..<22 {
                    let start = clock.now
                    try await body()
                    if run >= 2 { samples.append(milliseconds(clock.now - start)) }
                }
                out.append(Stat(name: name, samples: samples))
            }
            return out
        }

        /// Section b: the province's period page over HTTP, and the API calls behind a client-side dashboard.
        func dashboard(_ client: HTTPBench, periodID: Int64, token: String, units: Int) async throws -> DashboardResult {
            var rows: [Stat] = []
            let targets: [(String, String)] = [
                ("page", "/bao-cao/ky/\(periodID)"),
                ("status", "/api/v1/periods/\(periodID)/status"),
                ("aggregate", "/api/v1/periods/\(periodID)/aggregate"),
                ("narrative", "/api/v1/periods/\(periodID)/narrative"),
            ]
            var pageMissing = false
            for (name, path) in targets {
                progress("Đo GET \(path): 10 lượt khởi động, \(pageRequests) lượt đo…")
                let first = try await client.send("GET", path, token: token)
                if first.status == 404, name == "page" {
                    progress("  chưa có trang \(path) (404) — chỉ đo các API")
                    pageMissing = true
                    continue
                }
                guard first.status == 200 else { throw CLIError("GET \(path) trả về \(first.status): \(first.text.prefix(300))") }
                for _ in 0..<9 { _ = try await client.send("GET", path, token: token) }
                var samples: [Double] = []
                for _ in 0..<pageRequests {
                    let response = try await client.send("GET", path, token: token)
                    guard response.status == 200 else { throw CLIError("GET \(path) trả về \(response.status).") }
                    samples.append(response.milliseconds)
                }
                rows.append(Stat(name: name, samples: samples, bytes: first.body.count))
            }
            return DashboardResult(units: units, periodID: periodID, pageMissing: pageMissing, rows: rows)
        }

        /// What the submission section needs: one commune official per client, a fresh period for every round.
        struct SubmissionPlan: Sendable {
            var units: [String]
            var tokens: [String]
            /// Period ids, oldest first; the first is the warm-up round.
            var periods: [Int64]
            /// Round trips per client (warm-up excluded).
            var perClient: [Int]
            var bodies: [[Data]]
        }

        func prepareSubmissions(_ database: Database, units: [String], accounts: Accounts) async throws -> SubmissionPlan {
            let fixture = ReportingBenchFixture(database: database)
            let perClient = (0..<clients).map { requests / clients + ($0 < requests % clients ? 1 : 0) }
            let rounds = (perClient.max() ?? 0) + 1
            progress("Chuẩn bị gửi báo cáo: \(clients) cán bộ xã, \(rounds) kỳ (1 kỳ khởi động), \(requests) lượt lưu nháp + gửi…")
            let definition = ReportingBenchFixture.form(indicators: indicators, name: "Thử tải gửi báo cáo — \(indicators) chỉ tiêu")
            let formID = try await fixture.createForm(definition)
            let regimeID = try await fixture.createRegime(name: "Thử tải gửi báo cáo", formID: formID, units: units)
            let periods = try await fixture.createPeriods(regimeID: regimeID, count: rounds).map(\.id)
            var tokens: [String] = []
            for (index, code) in units.enumerated() {
                let username = "bench_xa_\(index + 1)"
                _ = try await accounts.create(username: username, displayName: "Cán bộ xã \(code) (thử tải)", password: "bench-password-1", role: .commune, unitCode: code, by: "bench")
                tokens.append(try await accounts.createToken(username: username, name: "bench", by: "bench").token)
            }
            struct Draft: Encodable { var values: [String: JSONValue] }
            let encoder = JSONEncoder()
            let bodies = try units.indices.map { unit in
                try (0..<rounds).map { round in
                    try encoder.encode(Draft(values: ReportingBenchFixture.values(for: definition, unit: unit, round: round, seed: fixture.seed)))
                }
            }
            return SubmissionPlan(units: units, tokens: tokens, periods: periods, perClient: perClient, bodies: bodies)
        }

        /// Section c: every client saves and submits its unit's report in one fresh period after another.
        func submissions(_ client: HTTPBench, plan: SubmissionPlan) async throws -> SubmissionResult {
            typealias Trip = (total: Double, save: Double, submit: Double)
            @Sendable func roundTrip(_ c: Int, _ round: Int) async throws -> Trip {
                let base = "/api/v1/periods/\(plan.periods[round])/reports/\(plan.units[c])"
                let save = try await client.send("PUT", base, token: plan.tokens[c], body: plan.bodies[c][round])
                guard save.status == 200 else { throw CLIError("PUT \(base) trả về \(save.status): \(save.text.prefix(300))") }
                let submit = try await client.send("POST", base + "/submit", token: plan.tokens[c])
                guard submit.status == 200, submit.text.contains("\"status\":\"submitted\"") else {
                    throw CLIError("POST \(base)/submit trả về \(submit.status): \(submit.text.prefix(300))")
                }
                return (save.milliseconds + submit.milliseconds, save.milliseconds, submit.milliseconds)
            }
            progress("Khởi động: \(clients) khách, mỗi khách một lượt…")
            try await withThrowingTaskGroup(of: Void.self) { group in
                for c in 0..<clients { group.addTask { _ = try await roundTrip(c, 0) } }
                try await group.waitForAll()
            }
            progress("Đo \(requests) lượt lưu nháp + gửi với \(clients) khách đồng thời…")
            let clock = ContinuousClock()
            let started = clock.now
            let trips = try await withThrowingTaskGroup(of: [Trip].self) { group in
                for c in 0..<clients {
                    group.addTask {
                        var out: [Trip] = []
                        for round in 1...plan.perClient[c] {
                            out.append(try await roundTrip(c, round))
                        }
                        return out
                    }
                }
                var all: [Trip] = []
                for try await part in group { all += part }
                return all
            }
            let wall = milliseconds(clock.now - started)
            return SubmissionResult(
                clients: clients, roundTrips: trips.count, wallMs: wall,
                rows: [Stat(name: "round_trip", samples: trips.map(\.total)), Stat(name: "save", samples: trips.map(\.save)),
                       Stat(name: "submit", samples: trips.map(\.submit))])
        }

        /// Every measured round trip left a submitted report with its values for aggregation.
        func verify(_ database: Database, plan: SubmissionPlan) async throws {
            let repository = ReportingRepository(db: database.sql)
            var submitted = 0
            for period in plan.periods {
                submitted += try await repository.statuses(periodID: period).values.filter { $0.status == .submitted }.count
            }
            let expected = requests + clients
            guard submitted == expected else {
                throw CLIError("Sau khi đo có \(submitted) báo cáo đã gửi, cần \(expected) (\(requests) lượt đo + \(clients) lượt khởi động).")
            }
            progress("Kiểm tra: \(submitted) báo cáo ở trạng thái đã gửi, đúng số lượt.")
        }
    }
}

// MARK: - Database for the bench

/// A throwaway database: a temporary SQLite file, or a new PostgreSQL database on the given server.
struct BenchStore {
    let database: Database
    let backend: String
    let cleanUp: () async throws -> Void

    static func open(postgresURL: String?, keep: Bool, logger: Logger) async throws -> BenchStore {
        guard let postgresURL else {
            let path = NSTemporaryDirectory() + "haicap-bench-\(getpid())-\(UUID().uuidString.prefix(8)).sqlite"
            let database = try await Database.open(.sqliteFile(path), logger: logger)
            return BenchStore(database: database, backend: "SQLite") {
                if keep { return progress("Giữ lại tệp SQLite thử tải: \(path)") }
                for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            }
        }
        guard var components = URLComponents(string: postgresURL), components.scheme?.hasPrefix("postgres") == true else {
            throw CLIError("--database-url phải là chuỗi kết nối postgres://…")
        }
        let name = "haicap_bench_\(getpid())"
        let admin = try await Database.open(.postgres(url: postgresURL), logger: logger)
        do {
            try await admin.sql.raw("DROP DATABASE IF EXISTS \(unsafeRaw: name) WITH (FORCE)").run()
            try await admin.sql.raw("CREATE DATABASE \(unsafeRaw: name)").run()
            components.path = "/" + name
            guard let url = components.string else { throw CLIError("Không dựng được chuỗi kết nối cho \(name).") }
            let database = try await Database.open(.postgres(url: url), logger: logger)
            progress("Tạo database PostgreSQL riêng \(name) (xóa khi xong).")
            return BenchStore(database: database, backend: "PostgreSQL") {
                if keep {
                    try await admin.close()
                    return progress("Giữ lại database thử tải \(name); xóa bằng: DROP DATABASE \(name);")
                }
                try await admin.sql.raw("DROP DATABASE IF EXISTS \(unsafeRaw: name) WITH (FORCE)").run()
                try await admin.close()
            }
        } catch {
            try? await admin.sql.raw("DROP DATABASE IF EXISTS \(unsafeRaw: name) WITH (FORCE)").run()
            try? await admin.close()
            throw error
        }
    }

    func close() async throws {
        try? await database.close()
        try await cleanUp()
    }
}

// MARK: - HTTP client

/// A small HTTP client over URLSession, keeping connections alive, without cookies or caching.
struct HTTPBench: Sendable {
    struct Response: Sendable {
        var status: Int
        var body: Data
        var milliseconds: Double
        var text: String { String(decoding: body, as: UTF8.self) }
    }

    let base: String
    let session: URLSession

    init(base: String, connections: Int) {
        self.base = base
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpMaximumConnectionsPerHost = connections
        configuration.httpShouldSetCookies = false
        configuration.httpCookieAcceptPolicy = .never
        configuration.urlCache = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.timeoutIntervalForRequest = 60
        session = URLSession(configuration: configuration)
    }

    func send(_ method: String, _ path: String, token: String, body: Data? = nil) async throws -> Response {
        guard let url = URL(string: base + path) else { throw CLIError("Địa chỉ không hợp lệ: \(path)") }
        var request = URLRequest(url: url)
        request.httpMethod = method
        request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        if let body {
            request.httpBody = body
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        let clock = ContinuousClock()
        let start = clock.now
        let (data, response) = try await session.data(for: request)
        let elapsed = clock.now - start
        return Response(status: (response as? HTTPURLResponse)?.statusCode ?? 0, body: data, milliseconds: milliseconds(elapsed))
    }
}

// MARK: - Results

extension BenchCommand.ReportingBench {
    struct Stat: Encodable {
        var name: String
        var samples: [Double]
        var bytes: Int?

        init(name: String, samples: [Double], bytes: Int? = nil) {
            self.name = name
            self.samples = samples.sorted()
            self.bytes = bytes
        }

        func percentile(_ p: Double) -> Double {
            guard !samples.isEmpty else { return 0 }
            return samples[Swift.min(samples.count - 1, Swift.max(0, Int((Double(samples.count) * p).rounded(.up)) - 1))]
        }

        var median: Double {
            guard !samples.isEmpty else { return 0 }
            let mid = samples.count / 2
            return samples.count % 2 == 1 ? samples[mid] : (samples[mid - 1] + samples[mid]) / 2
        }

        var max: Double { samples.last ?? 0 }

        enum CodingKeys: String, CodingKey { case name, count, median_ms, p50_ms, p95_ms, p99_ms, max_ms, bytes }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(name, forKey: .name)
            try c.encode(samples.count, forKey: .count)
            try c.encode(round(median), forKey: .median_ms)
            try c.encode(round(percentile(0.5)), forKey: .p50_ms)
            try c.encode(round(percentile(0.95)), forKey: .p95_ms)
            try c.encode(round(percentile(0.99)), forKey: .p99_ms)
            try c.encode(round(max), forKey: .max_ms)
            try c.encodeIfPresent(bytes, forKey: .bytes)
        }

        func round(_ value: Double) -> Double { (value * 1000).rounded() / 1000 }
    }

    struct AggregationResult: Encodable {
        var scale: String
        var units: Int
        var values: Int
        var buildMs: Double
        var runs: Int
        var steps: [Stat]
        var xlsxBytes: Int
        var csvBytes: Int

        func step(_ name: String) -> Stat? { steps.first { $0.name == name } }
    }

    struct DashboardResult: Encodable {
        var units: Int
        var periodID: Int64
        var pageMissing: Bool
        var rows: [Stat]
        /// In process: what the page reads from the database.
        var parts: [Stat] = []
    }

    struct SubmissionResult: Encodable {
        var clients: Int
        var roundTrips: Int
        var wallMs: Double
        var rows: [Stat]

        var throughput: Double { wallMs > 0 ? Double(roundTrips) / (wallMs / 1000) : 0 }
    }

    static let aggregateTargetMs = 1000.0
    static let pageTargetMs = 200.0
    static let submitTargetMs = 50.0

    struct Report: Encodable {
        var backend: String
        var cores: Int
        var indicators: Int
        var aggregation: AggregationResult?
        var dashboard: DashboardResult?
        var submission: SubmissionResult?

        static func mark(_ holds: Bool) -> String { holds ? "✓" : "✗" }
        static func ms(_ value: Double) -> String { value < 10 ? decimal(value, 2) : decimal(value, 1) }

        /// (target, measured, holds) for the three targets of the issue.
        var targets: [(text: String, holds: Bool)] {
            var out: [(String, Bool)] = []
            if let a = aggregation, let agg = a.step("aggregate") {
                out.append(("tổng hợp một kỳ \(a.units) đơn vị × \(indicators) chỉ tiêu < 1 s (lớn nhất \(Self.ms(agg.max)) ms)", agg.max < aggregateTargetMs))
            }
            if let d = dashboard, let page = d.rows.first(where: { $0.name == "page" }) {
                out.append(("trang tổng hợp kỳ \(d.units) đơn vị < 200 ms (p99 \(Self.ms(page.percentile(0.99))) ms)", page.percentile(0.99) < pageTargetMs))
            }
            if let s = submission, let trip = s.rows.first(where: { $0.name == "round_trip" }) {
                out.append(("lưu nháp + gửi p99 < 50 ms với \(s.clients) khách (p99 \(Self.ms(trip.percentile(0.99))) ms)", trip.percentile(0.99) < submitTargetMs))
            }
            return out
        }

        var markdown: String {
            var lines: [String] = ["Báo cáo hai cấp — \(backend), \(cores) nhân CPU, biểu mẫu \(indicators) chỉ tiêu", ""]
            if let a = aggregation {
                let labels = [
                    "figures": "truy vấn GROUP BY một kỳ (figures)",
                    "aggregate": "tổng hợp: GROUP BY + kỳ trước (aggregate)",
                    "status": "tình hình nộp (status)",
                    "tables": "bảng xuất theo đơn vị (tables)",
                    "xlsx": "tệp XLSX từ bảng",
                    "csv": "tệp CSV từ bảng",
                ]
                lines += [
                    "Tổng hợp một kỳ — \(a.scale): \(a.units) đơn vị × \(indicators) chỉ tiêu (\(a.values) dòng số liệu cho 2 kỳ, tạo trong \(decimal(a.buildMs / 1000, 1)) s), \(a.runs) lượt đo",
                    "",
                    "| bước | trung vị (ms) | lớn nhất (ms) | mục tiêu | đạt |",
                    "|---|---:|---:|---|:-:|",
                ]
                for step in a.steps {
                    let target = step.name == "aggregate" ? ("< 1000 ms", Self.mark(step.max < aggregateTargetMs)) : ("—", "")
                    lines.append("| \(labels[step.name] ?? step.name) | \(Self.ms(step.median)) | \(Self.ms(step.max)) | \(target.0) | \(target.1) |")
                }
                lines += ["", "Tệp XLSX \(decimal(Double(a.xlsxBytes) / 1_048_576, 1)) MB, CSV \(decimal(Double(a.csvBytes) / 1_048_576, 1)) MB.", ""]
            }
            if let d = dashboard {
                let labels = [
                    "page": "GET /bao-cao/ky/{kỳ} (trang tổng hợp kỳ)",
                    "status": "GET /api/v1/periods/{kỳ}/status",
                    "aggregate": "GET /api/v1/periods/{kỳ}/aggregate",
                    "narrative": "GET /api/v1/periods/{kỳ}/narrative",
                ]
                let count = d.rows.first?.samples.count ?? 0
                lines += [
                    "Trang tổng hợp kỳ của tỉnh — \(d.units) đơn vị × \(indicators) chỉ tiêu, \(count) lượt tuần tự qua HTTP",
                    "",
                    "| yêu cầu | p50 (ms) | p99 (ms) | lớn nhất (ms) | kích thước (KB) | mục tiêu | đạt |",
                    "|---|---:|---:|---:|---:|---|:-:|",
                ]
                for row in d.rows {
                    let target = row.name == "page" ? ("p99 < 200 ms", Self.mark(row.percentile(0.99) < pageTargetMs)) : ("—", "")
                    lines.append("| \(labels[row.name] ?? row.name) | \(Self.ms(row.percentile(0.5))) | \(Self.ms(row.percentile(0.99))) | \(Self.ms(row.max)) | "
                        + "\(decimal(Double(row.bytes ?? 0) / 1024, 1)) | \(target.0) | \(target.1) |")
                }
                if d.pageMissing { lines.append("Chưa có trang /bao-cao/ky/{kỳ} (404): chỉ đo các API của bảng tổng hợp.") }
                if !d.parts.isEmpty {
                    let partLabels = [
                        "status": "ReportingService.status", "aggregate": "ReportingService.aggregate",
                        "overview": "ReportingService.overview (status + aggregate + bản dự thảo, trang dùng phần này)",
                        "headers": "ReportingRepository.reportHeaders (trạng thái, không số liệu)",
                        "chart": "ReportingRepository.values của một chỉ tiêu (biểu đồ)", "unitNames": "ReportingService.unitNames",
                    ]
                    lines += ["", "Dữ liệu trang đọc, đo trong tiến trình (\(d.parts.first?.samples.count ?? 0) lượt):", "",
                              "| phần | trung vị (ms) | lớn nhất (ms) |", "|---|---:|---:|"]
                    for part in d.parts {
                        lines.append("| \(partLabels[part.name] ?? part.name) | \(Self.ms(part.median)) | \(Self.ms(part.max)) |")
                    }
                }
                lines.append("")
            }
            if let s = submission {
                let labels = ["round_trip": "lưu nháp + gửi (PUT rồi POST …/submit)", "save": "PUT …/reports/{xã} (lưu nháp)", "submit": "POST …/submit (gửi)"]
                lines += [
                    "Lưu và gửi báo cáo qua HTTP — \(s.clients) khách đồng thời, \(s.roundTrips) lượt, mỗi lượt một báo cáo mới (kỳ, xã)",
                    "",
                    "| đo | p50 (ms) | p95 (ms) | p99 (ms) | lớn nhất (ms) | mục tiêu | đạt |",
                    "|---|---:|---:|---:|---:|---|:-:|",
                ]
                for row in s.rows {
                    let target = row.name == "round_trip" ? ("p99 < 50 ms", Self.mark(row.percentile(0.99) < submitTargetMs)) : ("—", "")
                    lines.append("| \(labels[row.name] ?? row.name) | \(Self.ms(row.percentile(0.5))) | \(Self.ms(row.percentile(0.95))) | "
                        + "\(Self.ms(row.percentile(0.99))) | \(Self.ms(row.max)) | \(target.0) | \(target.1) |")
                }
                lines += ["", "Thông lượng: \(decimal(s.throughput, 0)) lượt lưu + gửi mỗi giây (\(s.roundTrips) lượt trong \(decimal(s.wallMs / 1000, 2)) s).", ""]
            }
            lines += ["Mục tiêu:"] + targets.map { "- \($0.holds ? "ĐẠT" : "CHƯA ĐẠT"): \($0.text)" }
            return lines.joined(separator: "\n")
        }

        var json: String {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            struct Envelope: Encodable {
                var report: Report
                var targets: [String: Bool]
            }
            var keys: [String: Bool] = [:]
            if let a = aggregation?.step("aggregate") { keys["aggregate_under_1s"] = a.max < aggregateTargetMs }
            if let p = dashboard?.rows.first(where: { $0.name == "page" }) { keys["page_p99_under_200ms"] = p.percentile(0.99) < pageTargetMs }
            if let t = submission?.rows.first(where: { $0.name == "round_trip" }) { keys["submit_p99_under_50ms"] = t.percentile(0.99) < submitTargetMs }
            return (try? encoder.encode(Envelope(report: self, targets: keys))).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        }
    }
}
