import Foundation

/// The committed inputs of one target: `Tests/Data/fuzz/<target>/seeds/` start the mutations and
/// `Tests/Data/fuzz/<target>/regressions/` hold every input that ever failed; both are replayed first on every run.
struct FuzzCorpus {
    struct Entry {
        var name: String
        var bytes: [UInt8]
    }

    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../..").standardized

    static func directory(_ target: String) -> URL {
        repository.appendingPathComponent("Tests/Data/fuzz/\(target)", isDirectory: true)
    }

    var seeds: [Entry]
    var regressions: [Entry]

    init(target: String) throws {
        let root = Self.directory(target)
        seeds = try Self.files(in: root.appendingPathComponent("seeds"), label: "seeds")
        regressions = try Self.files(in: root.appendingPathComponent("regressions"), label: "regressions")
    }

    private static func files(in directory: URL, label: String) throws -> [Entry] {
        guard FileManager.default.fileExists(atPath: directory.path) else { return [] }
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { !$0.hasPrefix(".") && $0 != "README.md" }
            .sorted()
        return try names.map { name in
            Entry(name: "\(label)/\(name)", bytes: [UInt8](try Data(contentsOf: directory.appendingPathComponent(name))))
        }
    }
}
