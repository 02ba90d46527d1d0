import Foundation
import HaiCapCore
import HaiCapStore
@testable import HaiCapWeb
import SQLKit
import Testing

/// Starts the real `haicap serve`, drives report saves, submissions and progress updates from eight officials at
/// once, kills the server with SIGKILL at a random moment, restarts it, and repeats. At the end every write that
/// got a 2xx must be in the database, and every notification must have reached the webhook, duplicates with the
/// delivery id of their first copy. `HAICAP_FAULT_ROUNDS` sets the rounds (3 by default, 20 in
/// `Benchmarks/faults/kill-restart.sh`); `HAICAP_FAULT_SUMMARY` names a JSON file for the counts.
@Suite("Faults: SIGKILL during writes and notification delivery", .serialized)
struct KillRestartTests {
    static let environment = ProcessInfo.processInfo.environment
    static var rounds: Int { environment["HAICAP_FAULT_ROUNDS"].flatMap(Int.init) ?? 3 }

    @Test("every acknowledged write and every notification survives SIGKILL and restart")
    func acknowledgedWritesSurviveKill() async throws {
        let started = Date()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("haicap-kill-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let receiver = try await TestHTTPServer.start { _, _ in
            // Slow enough that a kill lands while deliveries are claimed but not yet marked sent.
            try? await Task.sleep(for: .milliseconds(100))
            return (204, "")
        }
        defer { Task { await receiver.stop() } }

        let path = folder.appendingPathComponent("haicap.sqlite").path
        let (units, province) = try await Self.prepare(path, webhook: receiver.baseURL + "/hook")
        let port = try await HaicapProcess.freePort()
        let base = "http://127.0.0.1:\(port)"
        let environment = HaicapProcess.environment(folder: folder, port: port, [
            "HAICAP_NOTIFY_TIMEOUT_SECONDS": "2", "HAICAP_NOTIFY_RETRY_SECONDS": "1",
        ])
        var server = try HaicapProcess.start(["serve"], environment: environment, folder: folder, log: "server")
        defer { if server.isRunning { kill(server.processIdentifier, SIGKILL) } }
        try #require(await HaicapProcess.waitUntilHealthy(port: port, process: server), "\(HaicapProcess.log(folder, "server"))")

        let regime = try await Self.createRegime(base, province: province, units: units.map(\.code))
        var drivers: [WriteDriver] = []
        for round in 1...Self.rounds {
            let driver = try await Self.startRound(round, base: base, province: province, regime: regime, units: units)
            let assigned = try await Self.assignments(round, base: base, province: province, units: units)
            let load = Task { await driver.run(assigned) }
            try await Task.sleep(for: .milliseconds(Int.random(in: 600...2000)))
            kill(server.processIdentifier, SIGKILL)
            await HaicapProcess.waitForExit(server)
            driver.stop()
            _ = await load.result
            drivers.append(driver)
            server = try HaicapProcess.start(["serve"], environment: environment, folder: folder, log: "server")
            try #require(await HaicapProcess.waitUntilHealthy(port: port, process: server), "\(HaicapProcess.log(folder, "server"))")
        }
        try await Self.waitForDeliveries(path, server: server)
        server.terminate()
        await HaicapProcess.waitForExit(server)

        var summary = try await Self.verify(path, drivers: drivers, received: NotificationRestartTests.received(receiver))
        summary.seconds = Date().timeIntervalSince(started)
        print("kill-restart: \(summary.line)")
        if let file = Self.environment["HAICAP_FAULT_SUMMARY"] {
            let encoder = JSONEncoder()
            encoder.outputFormatting = .sortedKeys
            try encoder.encode(summary).write(to: URL(fileURLWithPath: file))
        }
        #expect(summary.acknowledgedWrites > 0, "no write was acknowledged: \(HaicapProcess.log(folder, "server"))")
        #expect(summary.missingWrites == 0)
        #expect(summary.notificationsLost == 0)
        #expect(summary.duplicates == summary.duplicatesWithFirstDeliveryID)
    }
}
