import Foundation
import HaiCapStore
import Prometheus
import SQLKit

/// Gauges of the notification queue, read from the database when `/metrics` is scraped, so alerts can fire on dead
/// letters and on deliveries the workers do not keep up with. Every instance reports the same database-wide values:
/// aggregate them with `max` across instances, not `sum`.
struct QueueMetrics: Sendable {
    let database: Database
    let registry: PrometheusCollectorRegistry
    /// A pending delivery due for longer than this counts as overdue.
    static let overdueAfterMs: Int64 = 5 * 60 * 1000

    func update(now: Date = Date()) async {
        let nowMs = Int64(now.timeIntervalSince1970 * 1000)
        do {
            var byStatus: [String: Int] = ["pending": 0, "sent": 0, "dead": 0]
            for row in try await database.sql.raw("SELECT status, COUNT(*) AS n FROM notification_deliveries GROUP BY status").all() {
                byStatus[try row.decode(column: "status", as: String.self)] = try row.decode(column: "n", as: Int.self)
            }
            for (status, count) in byStatus {
                registry.makeGauge(
                    descriptor: .init(namespace: "haicap", metricName: "notification_deliveries", helpText: "Số lượt gửi thông báo theo trạng thái (pending, sent, dead)"),
                    labels: [("status", status)]
                ).set(Int64(count))
            }
            let overdue = try await database.sql.raw(
                "SELECT COUNT(*) AS n FROM notification_deliveries WHERE status = 'pending' AND next_attempt_at < \(bind: nowMs - Self.overdueAfterMs)"
            ).first()?.decode(column: "n", as: Int.self) ?? 0
            registry.makeGauge(descriptor: .init(
                namespace: "haicap", metricName: "notification_deliveries_overdue",
                helpText: "Lượt gửi đang chờ đã quá hạn gửi hơn 5 phút")).set(Int64(overdue))
            let unfanned = try await database.sql.raw("SELECT COUNT(*) AS n FROM outbox WHERE fanned_out = \(bind: false)")
                .first()?.decode(column: "n", as: Int.self) ?? 0
            registry.makeGauge(descriptor: .init(
                namespace: "haicap", metricName: "outbox_pending_events",
                helpText: "Sự kiện trong outbox chưa được chia tới người nhận")).set(Int64(unfanned))
        } catch {
            // The database being down shows on /healthz; the gauges keep their last values.
        }
    }
}
