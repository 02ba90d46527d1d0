import Foundation
import HaiCapStore
import Logging
import ServiceLifecycle

/// Generates reporting periods ahead, at start and every few hours, so communes see the coming periods
/// without anyone opening the regime first. Idempotent: several instances may run it.
struct PeriodScheduler: Service {
    let service: ReportingService
    let logger: Logger
    var interval: Duration = .seconds(6 * 3600)

    func run() async throws {
        while !Task.isCancelled {
            do {
                try await service.ensureAllPeriods()
            } catch {
                // Another instance may have inserted the same period a moment earlier; the next run settles it.
                logger.warning("Không tạo được kỳ báo cáo mới: \(error)")
            }
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
            } catch {
                return
            }
        }
    }
}
