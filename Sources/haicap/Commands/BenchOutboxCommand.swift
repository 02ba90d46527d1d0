import ArgumentParser
import Foundation
import HaiCapCore
import HaiCapNotify
import HaiCapStore
import Hummingbird
import Logging
import NIOCore

/// `haicap bench outbox`: events per second the outbox worker delivers to a local webhook receiver.
struct OutboxBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outbox",
        abstract: "Đo số sự kiện mỗi giây hàng đợi thông báo gửi tới một webhook cục bộ (ghi outbox → tách → ký → gửi → đánh dấu).",
        discussion: "Dùng một tệp SQLite tạm (hoặc --database-url với một cơ sở dữ liệu PostgreSQL trống) và một máy nhận webhook trên 127.0.0.1. Dùng bản build release.")

    @Option(help: "Số sự kiện.") var events = 10_000
    @Option(help: "Số lần gửi đồng thời tối đa.") var concurrency = 64
    @Option(help: "Số dòng mỗi lượt.") var batch = 500
    @Option(name: .customLong("database-url"), help: "PostgreSQL trống để đo (mặc định: tệp SQLite tạm).") var databaseURL: String?
    @Flag(help: "In kết quả dạng JSON.") var json = false

    func run() async throws {
        var logger = Logger(label: "haicap-bench")
        logger.logLevel = .critical
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("haicap-bench-outbox-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let location: DatabaseLocation = databaseURL.map { .postgres(url: $0) } ?? .sqliteFile(folder.appendingPathComponent("bench.sqlite").path)
        let database = try await Database.open(location, logger: logger)
        let receiver = BenchReceiver()
        let router = Router()
        router.post("/hook") { request, _ -> Response in
            _ = try await request.body.collect(upTo: 1 << 20)
            receiver.record(request.headers.first { $0.name.canonicalName == "x-haicap-delivery" }?.value ?? "")
            return Response(status: .noContent)
        }
        let portBox = PortBox()
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0), serverName: "bench-receiver"),
            onServerRunning: { channel in portBox.set(channel.localAddress?.port ?? 0) }, logger: logger)
        let server = Task { try await app.runService(gracefulShutdownSignals: []) }
        do {
            let port = try await portBox.wait()
            try await Migrator(database: database).migrate()
            _ = try await NotificationRepository(db: database.sql).createWebhook(
                url: "http://127.0.0.1:\(port)/hook", secret: "bench-secret-0123456789", events: ["*"], by: "bench", now: Date())
            progress("Ghi \(events) sự kiện vào outbox…")
            let clock = ContinuousClock()
            let writeStart = clock.now
            let chunk = 500
            for start in stride(from: 0, to: events, by: chunk) {
                let count = min(chunk, events - start)
                try await database.transaction { db in
                    let outbox = Outbox(db: db)
                    for i in start..<(start + count) {
                        try await outbox.record(NotificationEvent(
                            name: .assignmentProgress, occurredAt: Date(), data: ["assignment": .number(Double(i)), "percent": .number(50)],
                            audience: .init(), title: "Tiến độ nhiệm vụ \(i)", body: "Đã cập nhật tiến độ 50%."))
                    }
                }
            }
            let writeTime = clock.now - writeStart
            var settings = NotificationSettings()
            settings.concurrency = concurrency
            settings.batchSize = batch
            let worker = NotificationWorker(database: database, settings: settings, logger: logger)
            progress("Gửi tới webhook 127.0.0.1:\(port)…")
            let start = clock.now
            try await worker.drain()
            let elapsed = clock.now - start
            try await worker.shutdown()
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            let writeSeconds = Double(writeTime.components.seconds) + Double(writeTime.components.attoseconds) / 1e18
            let backlog = try await DeliveryQueue(database: database).backlog()
            let received = receiver.count
            let rate = Double(events) / max(seconds, 1e-9)
            let backend = databaseURL == nil ? "SQLite" : "PostgreSQL"
            if json {
                print("{\"events\":\(events),\"received\":\(received),\"unique_deliveries\":\(receiver.unique),\"seconds\":\(String(format: "%.3f", seconds)),\"events_per_second\":\(Int(rate)),\"write_seconds\":\(String(format: "%.3f", writeSeconds)),\"backend\":\"\(backend)\",\"concurrency\":\(concurrency),\"batch\":\(batch),\"pending\":\(backlog.pending)}")
            } else {
                print("""
                    Hàng đợi thông báo → webhook cục bộ (\(backend), \(concurrency) gửi đồng thời, lượt \(batch) dòng)
                    | sự kiện | nhận được | mã gửi khác nhau | thời gian gửi (s) | sự kiện/s | ghi outbox (s) |
                    |---:|---:|---:|---:|---:|---:|
                    | \(events) | \(received) | \(receiver.unique) | \(String(format: "%.2f", seconds)) | \(Int(rate)) | \(String(format: "%.2f", writeSeconds)) |
                    Mục tiêu ≥ 1.000 sự kiện/s: \(rate >= 1000 && received >= events ? "ĐẠT" : "CHƯA ĐẠT")
                    """)
            }
        } catch {
            server.cancel()
            try? await database.close()
            throw CLIError(error)
        }
        server.cancel()
        _ = await server.result
        try await database.close()
    }

    func progress(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}

/// Counts what the bench receiver got.
final class BenchReceiver: @unchecked Sendable {
    private let lock = NSLock()
    private var total = 0
    private var ids = Set<String>()

    func record(_ id: String) {
        lock.withLock {
            total += 1
            ids.insert(id)
        }
    }

    var count: Int { lock.withLock { total } }
    var unique: Int { lock.withLock { ids.count } }
}

/// The port the receiver bound, once it runs.
final class PortBox: @unchecked Sendable {
    private let lock = NSLock()
    private var port: Int?

    func set(_ value: Int) { lock.withLock { port = value } }

    func wait() async throws -> Int {
        for _ in 0..<500 {
            if let port = lock.withLock({ port }) { return port }
            try await Task.sleep(for: .milliseconds(10))
        }
        throw CLIError("Máy nhận webhook không khởi động được.")
    }
}
