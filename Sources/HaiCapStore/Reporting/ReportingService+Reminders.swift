import Foundation
import HaiCapCore
import SQLKit

extension ReportingService {
    /// Reminds units that have not sent a report whose deadline is within `workingDays` working days
    /// (and today), once per period and unit: the event id is derived from both, so a second scan, or a second
    /// instance, writes nothing new. Returns how many events it wrote.
    @discardableResult
    public func scanDueReports(workingDays: Int = 2) async throws -> Int {
        let today = CalendarDay(now())
        let calendar = try await CalendarRepository(db: database.sql).calendar()
        let through = calendar.adding(workingDays: workingDays, to: today)
        let periods = try await repository.periods(deadlineFrom: today, through: through)
        let at = now()
        var written = 0
        for period in periods {
            let regime = try await regime(id: period.regimeID)
            guard regime.active else { continue }
            let statuses = try await repository.statuses(periodID: period.id)
            let missing = try await expectedUnits(regime).filter { !(statuses[$0]?.status.counts ?? false) }
            guard !missing.isEmpty else { continue }
            let ids = missing.map { "report.due:\(period.id):\($0)" }
            let existing = Set(try await database.sql.select().column("event_id").from("outbox").where("event_id", .in, ids).all()
                .map { try $0.decode(column: "event_id", as: String.self) })
            let fresh = zip(missing, ids).filter { !existing.contains($0.1) }
            guard !fresh.isEmpty else { continue }
            try await database.transaction { db in
                for (unit, id) in fresh {
                    try await Outbox(db: db).record(NotificationEvent(
                        id: id, name: .reportDue, occurredAt: at,
                        data: ["period": .number(Double(period.id)), "unit": .string(unit), "regime": .string(regime.name),
                               "periodLabel": .string(period.label), "deadline": .string(period.deadline.description)],
                        audience: NotificationAudience(units: [unit]),
                        title: "Sắp đến hạn gửi báo cáo: \(regime.name) — \(period.label)",
                        body: "Hạn gửi ngày \(period.deadline.vietnamese). Đơn vị chưa gửi báo cáo kỳ này.",
                        link: "/bao-cao/ky/\(period.id)/don-vi/\(unit)"))
                }
            }
            written += fresh.count
        }
        return written
    }
}
