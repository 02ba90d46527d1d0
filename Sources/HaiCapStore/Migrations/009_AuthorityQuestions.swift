import Foundation

/// The authority assistant's question log: what officials asked and whether a competence record answered, so
/// that reviewers see which powers and which words the knowledge base misses (decision 0003 §12).
enum Migration009AuthorityQuestions {
    static let migration = Migration(version: 9, name: "authority_questions") { dialect in
        [
            """
            CREATE TABLE authority_questions (
                \(dialect.idColumn),
                at BIGINT NOT NULL, asked_by TEXT NOT NULL, question TEXT NOT NULL, as_of TEXT NOT NULL,
                kind TEXT NOT NULL, holder_code TEXT, citation TEXT)
            """,
            "CREATE INDEX authority_questions_at ON authority_questions (at)",
            "CREATE INDEX authority_questions_kind ON authority_questions (kind, at)",
        ]
    }
}
