import Foundation
import HaiCapCore
import HaiCapData

/// Imports the bundled procedure records (national database and the curated commune-desk set) that are missing.
public struct ProcedureSeeder: Sendable {
    /// Bundled files, in import order.
    public static let files = ["procedures/national-db-records.jsonl", "procedures/curated.jsonl"]

    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// Adds bundled records whose code is not stored yet; records officials edited are never overwritten.
    /// Returns nil when nothing was added.
    @discardableResult
    public func seedMissing(now: Date) async throws -> ImportSummary? {
        let existing = try await ProcedureRepository(db: database.sql).codes()
        var rows: [ImportRow] = []
        for file in Self.files {
            guard let url = try? BundledData.file(file) else { continue }
            let read = try ProcedureImport.read(try Data(contentsOf: url), format: .jsonLines, fileName: file)
            rows += read.filter { row in
                if case .success(let p) = row.outcome { return !existing.contains(p.code) }
                return false
            }
        }
        guard !rows.isEmpty else { return nil }
        return try await ProcedureImporter(database: database).apply(rows, actor: "system", now: now, onlyMissing: true)
    }
}
