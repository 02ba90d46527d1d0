import Foundation
import HaiCapCore
import Synchronization

/// Requests per client per minute, in memory (per instance): a fixed one-minute window per key.
final class RateLimiter: Sendable {
    let limit: Int
    private let windows = Mutex<[String: (start: Date, count: Int)]>([:])

    /// `limit` requests a minute; 0 turns the limiter off.
    init(limit: Int) {
        self.limit = limit
    }

    /// Counts one request; throws 429 with the seconds until the window ends when over the limit.
    func check(_ key: String, now: Date) throws(HaiCapError) {
        guard limit > 0 else { return }
        let retry: Int? = windows.withLock { windows in
            if windows.count > 50_000 { windows = windows.filter { now.timeIntervalSince($0.value.start) < 60 } }
            var window = windows[key] ?? (now, 0)
            if now.timeIntervalSince(window.start) >= 60 { window = (now, 0) }
            window.count += 1
            windows[key] = window
            guard window.count > limit else { return nil }
            return max(1, Int((60 - now.timeIntervalSince(window.start)).rounded(.up)))
        }
        if let retry { throw .tooManyRequests(retryAfterSeconds: retry) }
    }
}
