import Foundation

/// How long and from what seed the fuzz targets run; read from the environment once.
///
/// - `HAICAP_FUZZ_SECONDS`: random phase per target (default 2 s, so the twelve targets and their set-up add under a
///   minute to CI).
/// - `HAICAP_FUZZ_ITERATIONS`: at most this many random inputs per target (default 200,000).
/// - `HAICAP_FUZZ_SEED`: replays a run (decimal or 0x hex); a fresh seed is drawn otherwise and printed.
/// - `HAICAP_FUZZ_INPUT_SECONDS`: one input taking longer is a failure (default 20 s: in CI the whole suite runs at
///   once on two cores, and an HTTP request that takes 50 ms alone has taken 6 s there).
/// - `HAICAP_FUZZ_MEMORY_MB`: resident memory may grow by at most this much over a target's run (default 200).
/// - `HAICAP_FUZZ_OUTPUT`: where failing inputs are written (default `$TMPDIR/haicap-fuzz`).
struct FuzzSettings: Sendable {
    var seconds: Double
    var iterations: Int
    var seed: UInt64
    var seedWasGiven: Bool
    var inputSeconds: Double
    var memoryGrowthBytes: Int
    var output: URL

    /// Seconds an input may run before the watchdog stops the process: far beyond a slow input, so only a hang trips it.
    var hangSeconds: Double { max(60, inputSeconds * 3) }

    static let current = FuzzSettings(environment: ProcessInfo.processInfo.environment)

    init(environment: [String: String]) {
        seconds = environment["HAICAP_FUZZ_SECONDS"].flatMap(Double.init) ?? 2
        iterations = environment["HAICAP_FUZZ_ITERATIONS"].flatMap { Int($0) } ?? 200_000
        inputSeconds = environment["HAICAP_FUZZ_INPUT_SECONDS"].flatMap(Double.init) ?? 20
        memoryGrowthBytes = (environment["HAICAP_FUZZ_MEMORY_MB"].flatMap { Int($0) } ?? 200) * 1_048_576
        if let text = environment["HAICAP_FUZZ_SEED"], let given = Self.parseSeed(text) {
            seed = given
            seedWasGiven = true
        } else {
            seed = UInt64.random(in: 1...UInt64.max)
            seedWasGiven = false
        }
        output = environment["HAICAP_FUZZ_OUTPUT"].map { URL(fileURLWithPath: $0, isDirectory: true) }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("haicap-fuzz", isDirectory: true)
    }

    static func parseSeed(_ text: String) -> UInt64? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        if trimmed.hasPrefix("0x") { return UInt64(trimmed.dropFirst(2), radix: 16) }
        return UInt64(trimmed)
    }

    /// The seed as printed and as `HAICAP_FUZZ_SEED` takes it.
    var seedText: String { "0x" + String(seed, radix: 16) }
}
