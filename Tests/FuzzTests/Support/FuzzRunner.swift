import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A property an input broke; the runner records it with the seed and the path of the saved input.
struct PropertyViolation: Error, CustomStringConvertible {
    var description: String
}

/// Throws a `PropertyViolation` unless `condition` holds.
func ensure(_ condition: Bool, _ message: @autoclosure () -> String) throws {
    if !condition { throw PropertyViolation(description: message()) }
}

/// Runs one target: replays its committed seeds and regressions, then mutates them until the time or iteration
/// budget is spent. A trap ends the process, so the input under test is always on disk (`<target>.current`);
/// a property broken, an error thrown or an input slower than the deadline is recorded as an issue naming the seed
/// and the file the input was written to.
final class FuzzRunner {
    let target: String
    let mutator: Mutator
    let settings: FuzzSettings
    private var rng: SplitMix64
    private let corpus: FuzzCorpus
    private let watchdog: Watchdog
    private let currentInput: CurrentInputFile
    private var failures = 0
    private var slowest: (seconds: Double, label: String) = (0, "")

    init(target: String, mutator: Mutator, settings: FuzzSettings = .current) throws {
        self.target = target
        self.mutator = mutator
        self.settings = settings
        rng = SplitMix64(seed: SplitMix64.derive(settings.seed, target))
        corpus = try FuzzCorpus(target: target)
        try FileManager.default.createDirectory(at: settings.output, withIntermediateDirectories: true)
        currentInput = CurrentInputFile(settings.output.appendingPathComponent("\(target).current"))
        watchdog = Watchdog(limit: settings.hangSeconds)
        // Unbuffered, so a crash log names the file that holds the input that crashed.
        FileHandle.standardError.write(Data("fuzz \(target): seed \(settings.seedText); the input under test is kept in \(currentInput.url.path)\n".utf8))
    }

    /// Fuzzes a synchronous entry point.
    func run(_ body: ([UInt8]) throws -> Void) {
        let started = ContinuousClock.now
        for entry in corpus.seeds + corpus.regressions where failures < 3 {
            check(entry.bytes, label: entry.name) { try body($0) }
        }
        let baseline = Memory.residentBytes()
        var iteration = 0
        let pool = corpus.seeds.map(\.bytes) + corpus.regressions.map(\.bytes)
        let budget = Duration.milliseconds(Int(settings.seconds * 1000))
        let randomStart = ContinuousClock.now
        while iteration < settings.iterations, ContinuousClock.now - randomStart < budget, failures < 3 {
            let input = mutator.mutate(pool.isEmpty ? [] : rng.pick(pool), others: pool, using: &rng)
            check(input, label: "iteration \(iteration)") { try body($0) }
            iteration += 1
        }
        finish(iterations: iteration, baseline: baseline, started: started)
    }

    /// Fuzzes an asynchronous entry point (the HTTP API through the test client).
    func run(_ body: ([UInt8]) async throws -> Void) async {
        let started = ContinuousClock.now
        for entry in corpus.seeds + corpus.regressions where failures < 3 {
            await checkAsync(entry.bytes, label: entry.name, body)
        }
        let baseline = Memory.residentBytes()
        var iteration = 0
        let pool = corpus.seeds.map(\.bytes) + corpus.regressions.map(\.bytes)
        let budget = Duration.milliseconds(Int(settings.seconds * 1000))
        let randomStart = ContinuousClock.now
        while iteration < settings.iterations, ContinuousClock.now - randomStart < budget, failures < 3 {
            let input = mutator.mutate(pool.isEmpty ? [] : rng.pick(pool), others: pool, using: &rng)
            await checkAsync(input, label: "iteration \(iteration)", body)
            iteration += 1
        }
        finish(iterations: iteration, baseline: baseline, started: started)
    }

    private func check(_ input: [UInt8], label: String, _ body: ([UInt8]) throws -> Void) {
        begin(input, label: label)
        let start = ContinuousClock.now
        let outcome = Result { try body(input) }
        end(input, label: label, elapsed: ContinuousClock.now - start, outcome: outcome)
    }

    private func checkAsync(_ input: [UInt8], label: String, _ body: ([UInt8]) async throws -> Void) async {
        begin(input, label: label)
        let start = ContinuousClock.now
        let outcome: Result<Void, any Error>
        do {
            try await body(input)
            outcome = .success(())
        } catch {
            outcome = .failure(error)
        }
        end(input, label: label, elapsed: ContinuousClock.now - start, outcome: outcome)
    }

    private func begin(_ input: [UInt8], label: String) {
        currentInput.write(input)
        watchdog.begin("fuzz \(target): \(label) of seed \(settings.seedText) has run for too long; the input is in \(currentInput.url.path)")
    }

    private func end(_ input: [UInt8], label: String, elapsed: Duration, outcome: Result<Void, any Error>) {
        watchdog.end()
        let seconds = Self.seconds(elapsed)
        if seconds > slowest.seconds { slowest = (seconds, label) }
        if case .failure(let error) = outcome {
            fail(input, label: label, because: "\(error)")
        } else if seconds > settings.inputSeconds {
            fail(input, label: label, because: "took \(String(format: "%.2f", seconds)) s (limit \(settings.inputSeconds) s)")
        }
    }

    private func fail(_ input: [UInt8], label: String, because reason: String) {
        failures += 1
        let file = settings.output.appendingPathComponent("\(target)-\(settings.seedText)-\(label.replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: " ", with: "-")).bin")
        try? Data(input).write(to: file)
        Issue.record(Comment(rawValue: """
            fuzz \(target): \(label) with HAICAP_FUZZ_SEED=\(settings.seedText): \(reason)
            input (\(input.count) bytes) written to \(file.path)
            keep it: cp '\(file.path)' Tests/Data/fuzz/\(target)/regressions/
            """))
    }

    private func finish(iterations: Int, baseline: Int?, started: ContinuousClock.Instant) {
        let grown: Int? = if let now = Memory.residentBytes(), let baseline { now - baseline } else { nil }
        let elapsed = Self.seconds(ContinuousClock.now - started)
        print("""
            fuzz \(target): seed \(settings.seedText), \(corpus.seeds.count) seeds + \(corpus.regressions.count) regressions \
            + \(iterations) random inputs in \(String(format: "%.1f", elapsed)) s, \
            slowest \(Int(slowest.seconds * 1000)) ms (\(slowest.label)), resident memory \(grown.map { "\($0 >= 0 ? "+" : "")\($0 / 1_048_576) MB" } ?? "not measured")
            """)
        if let grown, grown > settings.memoryGrowthBytes {
            Issue.record(Comment(rawValue: "fuzz \(target): resident memory grew by \(grown / 1_048_576) MB (limit \(settings.memoryGrowthBytes / 1_048_576) MB) with HAICAP_FUZZ_SEED=\(settings.seedText)"))
        }
        watchdog.stop()
    }
}

extension FuzzRunner {
    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}

/// The input under test, rewritten in place before each call, so a crash leaves it on disk.
final class CurrentInputFile {
    let url: URL
    private let descriptor: Int32

    init(_ url: URL) {
        self.url = url
        descriptor = open(url.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
    }

    func write(_ bytes: [UInt8]) {
        guard descriptor >= 0 else { return }
        _ = ftruncate(descriptor, 0)
        _ = bytes.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
    }
}

/// Resident memory from `/proc/self/statm` (Linux); nil elsewhere.
enum Memory {
    static func residentBytes() -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return nil }
        let fields = text.split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return nil }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }
}

/// Stops the process when one input runs far past its deadline: a hang would otherwise stall CI without a word.
final class Watchdog: @unchecked Sendable {
    private let lock = NSLock()
    private let limit: Double
    private var started: Date?
    private var message = ""
    private var stopped = false

    init(limit: Double) {
        self.limit = limit
        let thread = Thread { [weak self] in
            while let self, self.tick() {
                Thread.sleep(forTimeInterval: 0.25)
            }
        }
        thread.start()
    }

    func begin(_ message: String) {
        lock.withLock {
            started = Date()
            self.message = message
        }
    }

    func end() {
        lock.withLock { started = nil }
    }

    func stop() {
        lock.withLock { stopped = true }
    }

    /// False once stopped; ends the process when the current input is over the limit.
    private func tick() -> Bool {
        let (running, text, done) = lock.withLock { (started, message, stopped) }
        if done { return false }
        if let running, Date().timeIntervalSince(running) > limit {
            FileHandle.standardError.write(Data("\(text)\n".utf8))
            fatalError(text)
        }
        return true
    }
}
