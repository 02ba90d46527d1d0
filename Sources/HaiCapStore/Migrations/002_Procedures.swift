import Foundation

/// The procedure catalogue, one-stop desks, and the procedure assistant's conversations and question log.
enum Migration002Procedures {
    static let migration = Migration(version: 2, name: "procedures") { dialect in
        [
            """
            CREATE TABLE procedures (
                code TEXT PRIMARY KEY, name TEXT NOT NULL, field TEXT NOT NULL, level TEXT NOT NULL,
                verified BOOLEAN NOT NULL, curated BOOLEAN NOT NULL, folded_name TEXT NOT NULL,
                updated_at BIGINT NOT NULL, record_json TEXT NOT NULL)
            """,
            "CREATE INDEX procedures_field ON procedures (field, code)",
            "CREATE INDEX procedures_level ON procedures (level)",
            "CREATE INDEX procedures_updated ON procedures (updated_at)",
            """
            CREATE TABLE one_stop_desks (
                unit_code TEXT PRIMARY KEY REFERENCES units(code), address TEXT NOT NULL, hours TEXT NOT NULL,
                phone TEXT NOT NULL, updated_at BIGINT NOT NULL, updated_by TEXT NOT NULL)
            """,
            """
            CREATE TABLE assistant_conversations (
                id TEXT PRIMARY KEY, procedure_code TEXT, case_name TEXT, unit_code TEXT,
                choices_json TEXT, updated_at BIGINT NOT NULL)
            """,
            "CREATE INDEX assistant_conversations_updated ON assistant_conversations (updated_at)",
            """
            CREATE TABLE assistant_questions (
                \(dialect.idColumn),
                at BIGINT NOT NULL, conversation TEXT NOT NULL, question TEXT NOT NULL, intent TEXT NOT NULL,
                kind TEXT NOT NULL, procedure_code TEXT, feedback INTEGER)
            """,
            "CREATE INDEX assistant_questions_at ON assistant_questions (at)",
            "CREATE INDEX assistant_questions_kind ON assistant_questions (kind, at)",
        ]
    }
}
