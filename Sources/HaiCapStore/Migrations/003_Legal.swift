import Foundation

/// The legal registry (documents, provisions, amendments and repeals), competence records under review,
/// and the province's delegation decisions.
enum Migration003Legal {
    static let migration = Migration(version: 3, name: "legal") { dialect in
        [
            """
            CREATE TABLE legal_documents (
                number TEXT PRIMARY KEY, doc_type TEXT NOT NULL, title TEXT NOT NULL, issuer TEXT NOT NULL,
                issued TEXT, effective TEXT, expiry TEXT, expiry_condition TEXT, source TEXT NOT NULL,
                unverified TEXT NOT NULL, delineation BOOLEAN NOT NULL, body TEXT, file_name TEXT,
                bundled BOOLEAN NOT NULL, articles INTEGER NOT NULL, imported_at BIGINT NOT NULL, imported_by TEXT NOT NULL)
            """,
            """
            CREATE TABLE legal_provisions (
                document TEXT NOT NULL REFERENCES legal_documents(number), position INTEGER NOT NULL, kind TEXT NOT NULL,
                article TEXT NOT NULL, clause TEXT, point TEXT, anchor TEXT NOT NULL, article_title TEXT NOT NULL,
                body TEXT NOT NULL, PRIMARY KEY (document, position))
            """,
            "CREATE INDEX legal_provisions_anchor ON legal_provisions (document, anchor)",
            """
            CREATE TABLE provision_changes (
                \(dialect.idColumn),
                kind TEXT NOT NULL, document TEXT NOT NULL, article TEXT NOT NULL, clause TEXT, point TEXT,
                by_document TEXT NOT NULL, effective TEXT, not_before TEXT, note TEXT NOT NULL, source TEXT NOT NULL,
                recorded_by TEXT NOT NULL, recorded_at BIGINT NOT NULL)
            """,
            "CREATE INDEX provision_changes_document ON provision_changes (document, article)",
            """
            CREATE TABLE competences (
                \(dialect.idColumn),
                record_key TEXT NOT NULL, power TEXT NOT NULL, field TEXT NOT NULL, holder TEXT NOT NULL,
                holder_text TEXT NOT NULL, previous_holder TEXT, mode TEXT NOT NULL, document TEXT NOT NULL,
                article TEXT NOT NULL, clause TEXT, point TEXT, refers_json TEXT NOT NULL, quote TEXT NOT NULL,
                condition_text TEXT, effective TEXT, expiry TEXT, status TEXT NOT NULL, notes TEXT NOT NULL,
                updated_at BIGINT NOT NULL, updated_by TEXT NOT NULL)
            """,
            "CREATE INDEX competences_document ON competences (document, status)",
            "CREATE INDEX competences_status ON competences (status, id)",
            """
            CREATE TABLE delegations (
                \(dialect.idColumn),
                number TEXT NOT NULL, delegator TEXT NOT NULL, delegate TEXT NOT NULL, scope TEXT NOT NULL,
                valid_from TEXT NOT NULL, valid_to TEXT, note TEXT NOT NULL, recorded_at BIGINT NOT NULL, recorded_by TEXT NOT NULL)
            """,
        ]
    }
}
