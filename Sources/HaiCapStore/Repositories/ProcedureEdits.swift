import Foundation
import HaiCapCore

/// Officials' changes to a record, audited in the same transaction.
public enum ProcedureEdits {
    /// Replaces a record with an edited version; returns the stored record.
    @discardableResult
    public static func save(_ edited: Procedure, by actor: String, action: String, database: Database, now: Date) async throws -> Procedure {
        try await database.transaction { db in
            let repository = ProcedureRepository(db: db)
            guard let before = try await repository.find(code: edited.code) else {
                throw HaiCapError.notFound("Không có thủ tục mã \(edited.code).")
            }
            try await repository.save(edited, now: now)
            try await AuditRepository(db: db).record(
                actor: actor, action: action, entity: "procedure", entityID: edited.code, before: before, after: edited, now: now)
            var stored = edited
            stored.updatedAt = now
            return stored
        }
    }
}
