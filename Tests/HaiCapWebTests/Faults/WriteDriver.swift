import Foundation

/// Drives acknowledged writes against a running `haicap serve`: each commune official saves its report
/// (`received` = 1, 2, 3, …), submits it after the fifth save, and reports progress on its assignment with a
/// unique note. Only writes that got a 2xx are recorded: those are the ones the server promised to keep.
final class WriteDriver: @unchecked Sendable {
    struct Unit: Sendable {
        var code: String
        var token: String
        var assignment: Int64
    }

    private let lock = NSLock()
    private(set) var lastSave: [String: Int] = [:]
    private(set) var submitted: Set<String> = []
    private(set) var progressNotes: [String] = []
    private var stopped = false

    let base: String
    let period: Int64
    let round: Int

    init(base: String, period: Int64, round: Int) {
        self.base = base
        self.period = period
        self.round = round
    }

    var acknowledged: Int { lock.withLock { lastSave.values.reduce(0, +) + submitted.count + progressNotes.count } }

    func stop() { lock.withLock { stopped = true } }
    private var isStopped: Bool { lock.withLock { stopped } }

    /// Runs one writer per unit until `stop()` or until the server stops answering.
    func run(_ units: [Unit]) async {
        await withTaskGroup(of: Void.self) { group in
            for unit in units { group.addTask { await self.write(unit) } }
        }
    }

    private func write(_ unit: Unit) async {
        var save = 0
        var step = 0
        var failures = 0
        let report = "\(base)/api/v1/periods/\(period)/reports/\(unit.code)"
        while !isStopped && failures < 3 {
            step += 1
            do {
                if save < 5 {
                    let status = try await HTTP.send("PUT", report, token: unit.token,
                        json: #"{"values": {"received": \#(save + 1), "resolved": 0, "on_time": 0}}"#).status
                    guard (200..<300).contains(status) else { failures += 1; continue }
                    save += 1
                    lock.withLock { lastSave[unit.code] = save }
                } else if save == 5 {
                    let status = try await HTTP.send("POST", report + "/submit", token: unit.token).status
                    guard (200..<300).contains(status) else { failures += 1; continue }
                    save += 1
                    _ = lock.withLock { submitted.insert(unit.code) }
                }
                let note = "fx-r\(round)-u\(unit.code)-s\(step)"
                let status = try await HTTP.send("POST", "\(base)/api/v1/assignments/\(unit.assignment)/progress", token: unit.token,
                    json: #"{"progress": \#(step % 100), "note": "\#(note)"}"#).status
                guard (200..<300).contains(status) else { failures += 1; continue }
                lock.withLock { progressNotes.append(note) }
            } catch {
                // Connection refused or reset: the server was killed. Whatever was in flight is not acknowledged.
                failures += 1
                try? await Task.sleep(for: .milliseconds(50))
            }
        }
    }
}

/// Counts across rounds, printed by the test and written as JSON for `Benchmarks/faults/kill-restart.sh`.
struct KillRestartSummary: Codable {
    var rounds = 0
    var acknowledgedWrites = 0
    var reportSaves = 0
    var reportSubmits = 0
    var progressUpdates = 0
    var missingWrites = 0
    var notificationEvents = 0
    var notificationsReceived = 0
    var notificationsLost = 0
    var duplicates = 0
    var duplicatesWithFirstDeliveryID = 0
    var seconds = 0.0

    var line: String {
        "rounds=\(rounds) acknowledged=\(acknowledgedWrites) (saves \(reportSaves), submits \(reportSubmits), progress \(progressUpdates)) "
            + "missing=\(missingWrites) notifications=\(notificationEvents) received=\(notificationsReceived) lost=\(notificationsLost) "
            + "duplicates=\(duplicates) duplicates_with_first_delivery_id=\(duplicatesWithFirstDeliveryID) seconds=\(String(format: "%.1f", seconds))"
    }
}
