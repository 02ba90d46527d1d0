import Foundation

/// Province officials' rules for the words citizens use, read by the procedure assistant as the catalogue's words
/// (`procedure_phrases`, one per folded phrase; decision 0008). The same shape as `authority_phrases`.
enum Migration010ProcedurePhrases {
    static let migration = Migration(version: 10, name: "procedure_phrases") { dialect in
        [
            """
            CREATE TABLE procedure_phrases (
                \(dialect.idColumn),
                phrase TEXT NOT NULL, folded TEXT NOT NULL UNIQUE, replacement TEXT NOT NULL,
                created_by TEXT NOT NULL, created_at BIGINT NOT NULL)
            """,
        ]
    }
}
