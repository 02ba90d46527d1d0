import Foundation
import HaiCapCore
import HaiCapStore

/// Adding and removing province officials' rules in one `PhraseBook`: checked by that assistant's own limits, one
/// rule per folded phrase, audited in the same transaction, then `changed` so the assistant reads with them.
struct PhraseRules: Sendable {
    let database: Database
    let book: PhraseBook
    let now: @Sendable () -> Date
    let changed: @Sendable () async throws -> Void

    /// The built-in rules of that assistant, as written (read-only in the UI and the API).
    var builtIn: [(from: String, to: String)] {
        switch book {
        case .authority: AuthorityThesaurus.rules
        case .procedures: ProcedureThesaurus.rules
        }
    }

    /// `authority.phrase` / `procedure.phrase`, the audit's action prefix, and the audited entity.
    var audited: (action: String, entity: String) {
        switch book {
        case .authority: ("authority.phrase", "authority_phrase")
        case .procedures: ("procedure.phrase", "procedure_phrase")
        }
    }

    func validate(phrase: String, replacement: String) -> [FieldError] {
        switch book {
        case .authority: AuthorityThesaurus.validate(phrase: phrase, replacement: replacement)
        case .procedures: ProcedureThesaurus.validate(phrase: phrase, replacement: replacement)
        }
    }

    func add(_ phrase: String, replacement: String, by actor: String) async throws -> ThesaurusRule {
        let phrase = phrase.trimmingCharacters(in: .whitespacesAndNewlines)
        let replacement = replacement.trimmingCharacters(in: .whitespacesAndNewlines)
        var fields = validate(phrase: phrase, replacement: replacement)
        if fields.isEmpty, let existing = try await PhraseRepository(db: database.sql, book: book).find(phrase: phrase) {
            fields.append(.init(key: "phrase", message: "Đã có cách gọi “\(existing.phrase)” → “\(existing.replacement)”; hãy xóa nó trước nếu muốn đổi."))
        }
        guard fields.isEmpty else { throw HaiCapError.validation(fields) }
        var rule = ThesaurusRule(phrase: phrase, replacement: replacement, createdBy: actor, createdAt: now())
        let (added, book, audited) = (rule, book, audited)
        rule.id = try await database.transaction { db in
            let id = try await PhraseRepository(db: db, book: book).insert(added)
            try await AuditRepository(db: db).record(
                actor: actor, action: audited.action + ".add", entity: audited.entity, entityID: String(id),
                before: Optional<ThesaurusRule>.none, after: added, now: added.createdAt)
            return id
        }
        try await changed()
        return rule
    }

    func remove(id: Int64, by actor: String) async throws {
        let (time, book, audited) = (now(), book, audited)
        try await database.transaction { db in
            let phrases = PhraseRepository(db: db, book: book)
            guard let rule = try await phrases.find(id: id) else {
                throw HaiCapError.notFound("Không có cách gọi số \(id) (có thể đã bị xóa).")
            }
            try await phrases.delete(id: id)
            try await AuditRepository(db: db).record(
                actor: actor, action: audited.action + ".remove", entity: audited.entity, entityID: String(id),
                before: rule, after: Optional<ThesaurusRule>.none, now: time)
        }
        try await changed()
    }
}
