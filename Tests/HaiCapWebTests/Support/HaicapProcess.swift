import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import NIOCore
import NIOPosix

/// The real `haicap` executable run as a child process, for tests that kill, restart or break its storage.
enum HaicapProcess {
    /// The `haicap` executable built next to the test bundle.
    static func binary() throws -> URL {
        var candidates: [URL] = []
        var folder = Bundle.main.bundleURL
        for _ in 0..<3 {
            candidates.append(folder.appendingPathComponent("haicap"))
            folder.deleteLastPathComponent()
        }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        candidates.append(root.appendingPathComponent(".build/debug/haicap"))
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
            throw TestSetupError("haicap binary not found (swift build first); looked at \(candidates.map(\.path))")
        }
        return found
    }

    static func freePort() async throws -> Int {
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton).bind(host: "127.0.0.1", port: 0).get()
        let port = channel.localAddress?.port ?? 0
        try await channel.close()
        return port
    }

    /// This process's environment without HaiCap settings, plus a data folder and quick, quiet defaults.
    static func environment(folder: URL, port: Int? = nil, _ extra: [String: String] = [:]) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("HAICAP_") && $0.key != "DATABASE_URL" }
        environment["HAICAP_DATA_DIR"] = folder.path
        if let port { environment["HAICAP_PORT"] = String(port) }
        environment["HAICAP_ADMIN_PASSWORD"] = "restart-admin-1"
        environment["HAICAP_BCRYPT_COST"] = "4"
        environment["LOG_LEVEL"] = "error"
        return environment.merging(extra) { $1 }
    }

    /// Starts `haicap <arguments>` in `folder`, its output appended to `<folder>/<log>.log`.
    static func start(_ arguments: [String], environment: [String: String], folder: URL, log: String) throws -> Process {
        let process = Process()
        process.executableURL = try binary()
        process.arguments = arguments
        process.environment = environment
        process.currentDirectoryURL = folder
        let path = folder.appendingPathComponent("\(log).log")
        if !FileManager.default.fileExists(atPath: path.path) { FileManager.default.createFile(atPath: path.path, contents: nil) }
        let handle = try FileHandle(forWritingTo: path)
        handle.seekToEndOfFile()
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        return process
    }

    /// Runs `haicap <arguments>` to the end; returns its exit status and everything it printed.
    static func run(_ arguments: [String], environment: [String: String], folder: URL) async throws -> (status: Int32, output: String) {
        let name = "run-\(UUID().uuidString)"
        let process = try start(arguments, environment: environment, folder: folder, log: name)
        await waitForExit(process)
        let output = log(folder, name, last: 100_000)
        try? FileManager.default.removeItem(at: folder.appendingPathComponent("\(name).log"))
        return (process.terminationStatus, output)
    }

    static func log(_ folder: URL, _ name: String, last: Int = 2000) -> String {
        (try? String(contentsOf: folder.appendingPathComponent("\(name).log"), encoding: .utf8)).map { String($0.suffix(last)) } ?? ""
    }

    /// Waits until `GET /healthz` answers 200, or the process exits, or `timeout` passes.
    /// Waits for `process` to end without holding a thread: `await HaicapProcess.waitForExit(Process)` blocks one of the few threads
    /// of Swift's cooperative pool, and a few such waits at once stall every other test of the run (a PostgreSQL
    /// transaction that cannot commit keeps its row lock, and the pool's other requests time out).
    static func waitForExit(_ process: Process) async {
        while process.isRunning { try? await Task.sleep(for: .milliseconds(20)) }
    }

    static func waitUntilHealthy(port: Int, process: Process, timeout: TimeInterval = 60) async -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline && process.isRunning {
            if let (status, _) = try? await HTTP.send("GET", "http://127.0.0.1:\(port)/healthz"), status == 200 { return true }
            try? await Task.sleep(for: .milliseconds(100))
        }
        return false
    }
}

/// A minimal JSON-over-HTTP client on URLSession, for driving a real `haicap serve`.
enum HTTP {
    static let session: URLSession = {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = 10
        configuration.httpMaximumConnectionsPerHost = 32
        return URLSession(configuration: configuration)
    }()

    /// Sends a request; returns the status and the decoded JSON body (nil when not JSON).
    static func send(_ method: String, _ url: String, token: String? = nil, json: String? = nil) async throws -> (status: Int, body: Any?) {
        guard let target = URL(string: url) else { throw TestSetupError("bad URL \(url)") }
        var request = URLRequest(url: target)
        request.httpMethod = method
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        if let json {
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
            request.httpBody = Data(json.utf8)
        }
        let (data, response) = try await session.data(for: request)
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        return (status, try? JSONSerialization.jsonObject(with: data))
    }
}
