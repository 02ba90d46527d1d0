import Foundation
import HaiCapCore
import SQLKit
import VietnameseText

/// The procedure catalogue: the whole record as JSON text, with the columns lists filter on.
public struct ProcedureRepository: Sendable {
    let db: any SQLDatabase

    public init(db: any SQLDatabase) {
        self.db = db
    }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .secondsSince1970
        return encoder
    }()

    static func encode(_ procedure: Procedure) throws -> String {
        String(decoding: try encoder.encode(procedure), as: UTF8.self)
    }

    static func decode(_ json: String) throws -> Procedure {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        return try decoder.decode(Procedure.self, from: Data(json.utf8))
    }

    /// One record by code.
    public func find(code: String) async throws -> Procedure? {
        guard let row = try await db.select().column("record_json").from("procedures").where("code", .equal, code).first() else { return nil }
        return try Self.decode(try row.decode(column: "record_json", as: String.self))
    }

    /// Every record, ordered by code.
    public func all() async throws -> [Procedure] {
        try await db.select().column("record_json").from("procedures").orderBy("code").all().map {
            try Self.decode(try $0.decode(column: "record_json", as: String.self))
        }
    }

    /// Codes already stored.
    public func codes() async throws -> Set<String> {
        Set(try await db.select().column("code").from("procedures").all().map { try $0.decode(column: "code", as: String.self) })
    }

    /// A fingerprint that changes when the catalogue does, polled so every instance refreshes its index.
    public func version() async throws -> String {
        let row = try await db.select()
            .column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
            .column(SQLFunction("MAX", args: SQLColumn("updated_at")), as: "latest")
            .from("procedures").first()
        let count = try row?.decode(column: "n", as: Int.self) ?? 0
        let latest = try row?.decode(column: "latest", as: Int64?.self) ?? 0
        return "\(count)-\(latest ?? 0)"
    }

    /// Inserts or replaces one record (the caller audits it in the same transaction).
    public func save(_ procedure: Procedure, now: Date) async throws {
        var record = procedure
        record.updatedAt = now
        let json = try Self.encode(record)
        let stamp = Int64(now.timeIntervalSince1970)
        if try await db.select().column("code").from("procedures").where("code", .equal, record.code).first() != nil {
            try await db.update("procedures")
                .set("name", to: SQLBind(record.name)).set("field", to: SQLBind(record.field))
                .set("level", to: SQLBind(record.level)).set("verified", to: SQLBind(record.verified))
                .set("curated", to: SQLBind(record.curated)).set("folded_name", to: SQLBind(Vietnamese.fold(record.name)))
                .set("updated_at", to: SQLBind(stamp)).set("record_json", to: SQLBind(json))
                .where("code", .equal, record.code).run()
        } else {
            try await db.insert(into: "procedures")
                .columns("code", "name", "field", "level", "verified", "curated", "folded_name", "updated_at", "record_json")
                .values(
                    SQLBind(record.code), SQLBind(record.name), SQLBind(record.field), SQLBind(record.level),
                    SQLBind(record.verified), SQLBind(record.curated), SQLBind(Vietnamese.fold(record.name)),
                    SQLBind(stamp), SQLBind(json))
                .run()
        }
    }

    /// Fields and their record counts, for the catalogue page.
    public func fields() async throws -> [(field: String, count: Int)] {
        try await db.select().column("field").column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
            .from("procedures").groupBy("field").orderBy("field").all().map {
                (try $0.decode(column: "field", as: String.self), try $0.decode(column: "n", as: Int.self))
            }
    }
}

/// Imports rows read by `ProcedureImport`: new codes are added, changed ones updated, identical ones left alone,
/// and bad rows reported; one bad row never stops the others.
public struct ProcedureImporter: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// Applies the rows in one transaction; `onlyMissing` leaves existing records untouched (first-start seeding).
    public func apply(_ rows: [ImportRow], actor: String, now: Date, onlyMissing: Bool = false) async throws -> ImportSummary {
        try await database.transaction { db in
            let repository = ProcedureRepository(db: db)
            let audit = AuditRepository(db: db)
            var summary = ImportSummary()
            var seen: [String: Int] = [:]
            for row in rows {
                switch row.outcome {
                case .failure(let error):
                    summary.skipped.append(.init(line: row.line, code: nil, reason: error.reason))
                case .success(let procedure):
                    if let first = seen[procedure.code] {
                        summary.skipped.append(.init(line: row.line, code: procedure.code, reason: "mã \(procedure.code) đã có ở dòng \(first) của cùng tệp"))
                        continue
                    }
                    seen[procedure.code] = row.line
                    if let existing = try await repository.find(code: procedure.code) {
                        var comparable = existing
                        comparable.updatedAt = nil
                        if onlyMissing || comparable == procedure {
                            summary.unchanged.append(procedure.code)
                            continue
                        }
                        try await repository.save(procedure, now: now)
                        try await audit.record(actor: actor, action: "procedure.import", entity: "procedure", entityID: procedure.code,
                                               before: AuditSummary(existing), after: AuditSummary(procedure), now: now)
                        summary.updated.append(procedure.code)
                    } else {
                        try await repository.save(procedure, now: now)
                        summary.imported.append(procedure.code)
                    }
                }
            }
            return summary
        }
    }

    /// The few fields an audit entry of an import keeps (the whole record is large).
    struct AuditSummary: Encodable {
        var name: String
        var field: String
        var level: String
        var verified: Bool

        init(_ p: Procedure) {
            name = p.name
            field = p.field
            level = p.level
            verified = p.verified
        }
    }
}
