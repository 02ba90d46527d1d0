import Foundation

/// The authority assistant's question log: what officials asked and whether a competence record answered, so
/// that reviewers see which powers and which words the knowledge base misses; and the rules officials add for their
/// own words (`authority_phrases`, one per folded phrase). Decision 0003 §12.
enum Migration009AuthorityQuestions {
    static let migration = Migration(version: 9, name: "authority_questions_and_phrases") { dialect in
        [
            """
            CREATE TABLE authority_questions (
                \(dialect.idColumn),
                at BIGINT NOT NULL, asked_by TEXT NOT NULL, question TEXT NOT NULL, as_of TEXT NOT NULL,
                kind TEXT NOT NULL, holder_code TEXT, citation TEXT, feedback INTEGER)
            """,
            "CREATE INDEX authority_questions_at ON authority_questions (at)",
            "CREATE INDEX authority_questions_kind ON authority_questions (kind, at)",
            """
            CREATE TABLE authority_phrases (
                \(dialect.idColumn),
                phrase TEXT NOT NULL, folded TEXT NOT NULL UNIQUE, replacement TEXT NOT NULL,
                created_by TEXT NOT NULL, created_at BIGINT NOT NULL)
            """,
        ]
    }
}
