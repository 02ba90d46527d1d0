import Foundation
import HaiCapStore
import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing

/// A damaged, read-only or full data file: a clear Vietnamese message, no crash, and no damage to what was stored.
@Suite("Storage faults: damaged file, read-only storage, full disk", .serialized)
struct StorageFaultTests {
    static let directive = #"{"number": "9/UBND", "date": "2026-11-20", "issuer": "UBND tỉnh", "signer": "Chủ tịch", "summary": "Thử đầy đĩa", "text": "Nội dung chỉ đạo dài \#(String(repeating: "để lấp đầy trang ", count: 60))."}"#

    @Test("serve and migrate refuse a damaged SQLite file, say where it is and how to restore, and leave it untouched", arguments: ["garbage", "truncated"])
    func damagedFileAtStartup(kind: String) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("haicap-damaged-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let data = folder.appendingPathComponent("data")
        let environment = HaicapProcess.environment(folder: data, port: try await HaicapProcess.freePort())
        let file = data.appendingPathComponent("haicap.sqlite")
        if kind == "garbage" {
            try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
            try Data((0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ 3) }).write(to: file)
        } else {
            #expect(try await HaicapProcess.run(["migrate"], environment: environment, folder: folder).status == 0)
            let bytes = try Data(contentsOf: file)
            try bytes.prefix(bytes.count / 2).write(to: file)
        }
        let before = try Data(contentsOf: file)
        for command in ["serve", "migrate"] {
            let result = try await HaicapProcess.run([command], environment: environment, folder: folder)
            #expect(result.status != 0)
            #expect(result.output.contains("Tệp cơ sở dữ liệu bị hỏng: \(file.path)"), "\(result.output)")
            #expect(result.output.contains("haicap restore"))
            #expect(!result.output.contains("Fatal error"))
        }
        #expect(try Data(contentsOf: file) == before, "the damaged file was modified")
    }

    @Test("a write on a full disk answers 503 with a Vietnamese message; stored data stays intact and writes resume when space returns")
    func diskFullAtRuntime() async throws {
        try await TestApp.run(.sqlite) { h in
            let province = try await h.token(username: "tinh.full", role: .province)
            let pages = try #require(try await h.database.sql.raw("PRAGMA page_count").first()?.decode(column: "page_count", as: Int.self))
            _ = try await h.database.sql.raw("PRAGMA max_page_count = \(unsafeRaw: String(pages + 2))").all()
            var accepted = 0
            var refused: TestResponse?
            for _ in 0..<400 {
                let response = try await h.json(.post, "/api/v1/directives", token: province, Self.directive)
                if response.status == .created { accepted += 1 } else { refused = response; break }
            }
            let failure = try #require(refused)
            #expect(failure.status == .serviceUnavailable)
            #expect(failure.apiError?.code == "storage_unavailable")
            #expect(failure.apiError?.message.contains("hết dung lượng") == true)
            #expect(try await h.database.integrityProblems() == [])
            let stored = try await h.database.sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("directives").first()?.decode(column: "n", as: Int.self)
            #expect(stored == accepted)
            _ = try await h.database.sql.raw("PRAGMA max_page_count = 1073741823").all()
            #expect(try await h.json(.post, "/api/v1/directives", token: province, Self.directive).status == .created)
        }
    }

    @Test("a write on read-only storage answers 503 saying the database is read-only")
    func readOnlyAtRuntime() async throws {
        try await TestApp.run(.sqlite) { h in
            let province = try await h.token(username: "tinh.ro", role: .province)
            try await h.database.sql.raw("PRAGMA query_only = 1").run()
            let response = try await h.json(.post, "/api/v1/directives", token: province, Self.directive)
            #expect(response.status == .serviceUnavailable)
            #expect(response.apiError?.message.contains("chỉ đọc") == true)
            try await h.database.sql.raw("PRAGMA query_only = 0").run()
            #expect(try await h.json(.post, "/api/v1/directives", token: province, Self.directive).status == .created)
        }
    }

    /// Needs root to mount a small tmpfs (CI containers and the development VM run as root); does nothing otherwise.
    @Test("startup on a read-only data folder, and on a disk too small to seed, says so and leaves a sound file",
          .enabled(if: getuid() == 0))
    func readOnlyAndFullFolderAtStartup() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("haicap-mount-\(UUID().uuidString)")
        let mount = folder.appendingPathComponent("mnt")
        try FileManager.default.createDirectory(at: mount, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        func sh(_ command: String) -> Int32 {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", command]
            try? process.run()
            process.waitUntilExit()  // mount and umount return at once; a defer cannot await
            return process.terminationStatus
        }
        // 3 MB: the schema fits, the 3,321 bundled units (about 10 MB with their indexes) do not.
        guard sh("mount -t tmpfs -o size=3m haicap-test \(mount.path) 2>/dev/null") == 0 else { return }
        defer { _ = sh("umount \(mount.path)") }
        let data = mount.appendingPathComponent("data")
        let environment = HaicapProcess.environment(folder: data, port: try await HaicapProcess.freePort())

        let full = try await HaicapProcess.run(["serve"], environment: environment, folder: folder)
        #expect(full.status != 0)
        #expect(full.output.contains("đã đầy"), "\(full.output)")
        let database = try await Database.open(.sqliteFile(data.appendingPathComponent("haicap.sqlite").path), logger: TestDatabase.logger)
        #expect(try await database.integrityProblems() == [])
        try await database.close()

        #expect(sh("mount -o remount,ro \(mount.path)") == 0)
        for command in ["serve", "migrate"] {
            let result = try await HaicapProcess.run([command], environment: environment, folder: folder)
            #expect(result.status != 0)
            #expect(result.output.contains("chỉ cho đọc"), "\(result.output)")
        }
    }
}
