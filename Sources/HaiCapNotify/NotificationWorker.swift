import AsyncHTTPClient
import Foundation
import HaiCapCore
import HaiCapStore
import Logging
import NIOCore
import ServiceLifecycle

/// Delivers the outbox: fans new events out to inboxes and delivery rows, then claims due deliveries,
/// sends them concurrently (bounded) and records the outcomes in batches. Runs inside `haicap serve`;
/// several instances may run against one PostgreSQL database.
public final class NotificationWorker: Service, Sendable {
    public let database: Database
    public let settings: NotificationSettings
    let logger: Logger
    let now: @Sendable () -> Date
    let client: HTTPClient
    let ownsClient: Bool

    /// What one cycle did.
    public struct CycleReport: Sendable, Equatable {
        public var fannedOut = 0
        public var claimed = 0
        public var sent = 0
        public var failed = 0
    }

    public init(database: Database, settings: NotificationSettings, logger: Logger, now: @escaping @Sendable () -> Date = Date.init, httpClient: HTTPClient? = nil) {
        self.database = database
        self.settings = settings
        self.logger = logger
        self.now = now
        if let httpClient {
            client = httpClient
            ownsClient = false
        } else {
            var configuration = HTTPClient.Configuration()
            configuration.connectionPool = .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: max(8, settings.concurrency))
            configuration.timeout = .init(connect: .milliseconds(Int64(settings.timeout * 1000)))
            configuration.redirectConfiguration = .disallow
            client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
            ownsClient = true
        }
    }

    /// Closes the HTTP client it created; call once when done (the service does it on shutdown).
    public func shutdown() async throws {
        if ownsClient { try await client.shutdown() }
    }

    var queue: DeliveryQueue { DeliveryQueue(database: database) }

    /// One cycle: fan-out, then one batch of due deliveries. Tests call this to be deterministic.
    @discardableResult
    public func runOnce() async throws -> CycleReport {
        var report = CycleReport()
        report.fannedOut = try await queue.fanOut(limit: settings.batchSize, channels: settings.channels, now: now())
        let claimed = try await queue.claim(limit: settings.batchSize, lease: settings.leaseDuration, now: now())
        report.claimed = claimed.count
        guard !claimed.isEmpty else { return report }
        let hooks = Dictionary(uniqueKeysWithValues: try await NotificationRepository(db: database.sql).webhooks().map { (String($0.id), $0) })
        let outcomes = await deliver(claimed, hooks: hooks)
        var sent: [Int64] = []
        var failures: [DeliveryFailure] = []
        for (delivery, outcome) in outcomes {
            switch outcome {
            case .sent: sent.append(delivery.id)
            case .failed(let message, let permanent): failures.append(DeliveryFailure(delivery: delivery, error: message, permanent: permanent))
            }
        }
        let finished = now()
        try await queue.markSent(sent, now: finished)
        try await queue.markFailed(failures, policy: settings.retry, now: finished)
        for failure in failures {
            logger.warning("Gửi thông báo \(failure.delivery.deliveryID) qua \(failure.delivery.channel.rawValue) không thành công (lần \(failure.delivery.attempts + 1)): \(failure.error)")
        }
        report.sent = sent.count
        report.failed = failures.count
        return report
    }

    /// Runs cycles until nothing is due and the outbox is empty (tests, the benchmark).
    public func drain(maxCycles: Int = 10_000) async throws {
        for _ in 0..<maxCycles {
            let report = try await runOnce()
            if report.fannedOut == 0 && report.claimed == 0 { return }
        }
    }

    /// Sends every claimed delivery, at most `concurrency` at once.
    func deliver(_ claimed: [ClaimedDelivery], hooks: [String: WebhookSubscription]) async -> [(ClaimedDelivery, DeliveryOutcome)] {
        let limit = max(1, settings.concurrency)
        return await withTaskGroup(of: (ClaimedDelivery, DeliveryOutcome).self) { group in
            var results: [(ClaimedDelivery, DeliveryOutcome)] = []
            results.reserveCapacity(claimed.count)
            var iterator = claimed.makeIterator()
            var running = 0
            while running < limit, let next = iterator.next() {
                group.addTask { (next, await self.send(next, hooks: hooks)) }
                running += 1
            }
            while let result = await group.next() {
                results.append(result)
                if let next = iterator.next() {
                    group.addTask { (next, await self.send(next, hooks: hooks)) }
                }
            }
            return results
        }
    }

    /// One attempt of one delivery through its channel.
    public func send(_ delivery: ClaimedDelivery, hooks: [String: WebhookSubscription]) async -> DeliveryOutcome {
        let event = delivery.event
        switch delivery.channel {
        case .webhook:
            guard let hook = hooks[delivery.target] else {
                return .failed("Webhook \(delivery.target) đã bị xóa.", permanent: true)
            }
            return await WebhookSender(client: client, timeout: settings.timeout)
                .send(event, deliveryID: delivery.deliveryID, url: hook.url, secret: hook.secret)
        case .email:
            guard let smtp = settings.smtp else { return .failed("Chưa cấu hình máy chủ thư (HAICAP_SMTP_HOST).", permanent: false) }
            let message = EmailSender.message(for: event, to: delivery.address, link: settings.absoluteLink(event.link), messageID: delivery.deliveryID)
            return await EmailSender(settings: smtp, timeout: settings.timeout).send(message)
        case .zalo:
            guard let zalo = settings.zalo else { return .failed("Chưa cấu hình Zalo OA (HAICAP_ZALO_ACCESS_TOKEN).", permanent: false) }
            return await ZaloSender(client: client, settings: zalo, timeout: settings.timeout)
                .send(userID: delivery.address, text: ZaloSender.text(for: event, link: settings.absoluteLink(event.link)))
        }
    }

    /// The service loop: cycles back to back while there is work, otherwise every `pollInterval`.
    public func run() async throws {
        defer { logger.debug("Dừng gửi thông báo.") }
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            var busy = false
            do {
                let report = try await runOnce()
                busy = report.fannedOut >= settings.batchSize || report.claimed >= settings.batchSize
            } catch {
                logger.warning("Vòng gửi thông báo lỗi, sẽ thử lại: \(error)")
            }
            if busy { continue }
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: self.settings.pollInterval) }
            } catch {
                break
            }
        }
        try? await shutdown()
    }
}

/// Runs a periodic scan (due-soon, overdue and report-due reminders) on exactly one of several instances:
/// each tick it takes or renews a lease in the `leases` table, and only the holder scans.
public struct ReminderScheduler: Service {
    public let database: Database
    public let name: String
    public let holder: String
    public let interval: Duration
    let now: @Sendable () -> Date
    let logger: Logger
    let scan: @Sendable (Date) async throws -> Void

    public init(
        database: Database, name: String = "reminders", holder: String = UUID().uuidString.lowercased(), interval: Duration = .seconds(15 * 60),
        now: @escaping @Sendable () -> Date = Date.init, logger: Logger, scan: @escaping @Sendable (Date) async throws -> Void
    ) {
        self.database = database
        self.name = name
        self.holder = holder
        self.interval = interval
        self.now = now
        self.logger = logger
        self.scan = scan
    }

    /// The lease outlives one interval, so the holder keeps it while it runs and another instance takes over
    /// within two intervals if it stops.
    var leaseSeconds: TimeInterval {
        let (seconds, attoseconds) = interval.components
        return max(1, (Double(seconds) + Double(attoseconds) / 1e18) * 2)
    }

    /// Takes the lease and scans if this instance holds it; true when it scanned.
    @discardableResult
    public func runOnce() async throws -> Bool {
        let at = now()
        let (name, holder, lease) = (self.name, self.holder, leaseSeconds)
        let held = try await database.transaction { db in
            try await LeaseRepository(db: db).acquire(name: name, holder: holder, for: lease, now: at)
        }
        guard held else { return false }
        try await scan(at)
        return true
    }

    public func run() async throws {
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            do {
                try await runOnce()
            } catch {
                logger.warning("Việc định kỳ “\(name)” lỗi, sẽ thử lại lần sau: \(error)")
            }
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
            } catch {
                break
            }
        }
        let (name, holder) = (self.name, self.holder)
        try? await database.transaction { db in try await LeaseRepository(db: db).release(name: name, holder: holder) }
    }
}
