import Foundation

/// Monitoring and direction: directives, assignments (one per lead unit, optionally under a shared parent),
/// their timeline and discussion.
enum Migration005Directives {
    static let migration = Migration(version: 5, name: "directives") { dialect in
        [
            """
            CREATE TABLE directives (
                \(dialect.idColumn),
                number TEXT NOT NULL, issued_on TEXT NOT NULL, issuer TEXT NOT NULL, signer TEXT NOT NULL,
                summary TEXT NOT NULL, body TEXT NOT NULL, link TEXT, field TEXT,
                created_at BIGINT NOT NULL, created_by TEXT NOT NULL)
            """,
            "CREATE INDEX directives_issued ON directives (issued_on, id)",
            """
            CREATE TABLE assignments (
                \(dialect.idColumn),
                directive_id BIGINT NOT NULL REFERENCES directives(id), parent_id BIGINT REFERENCES assignments(id),
                unit_code TEXT REFERENCES units(code), coordinating_json TEXT NOT NULL, assignee TEXT,
                content TEXT NOT NULL, expected_result TEXT NOT NULL, field TEXT, priority TEXT NOT NULL, recurrence TEXT NOT NULL,
                deadline TEXT NOT NULL, original_deadline TEXT NOT NULL, state TEXT NOT NULL, progress INTEGER NOT NULL,
                acknowledged_at BIGINT, acknowledged_by TEXT, reported_on TEXT, completed_on TEXT, extension_json TEXT,
                created_at BIGINT NOT NULL, created_by TEXT NOT NULL, updated_at BIGINT NOT NULL,
                due_soon_notified BOOLEAN NOT NULL, overdue_notified BOOLEAN NOT NULL, next_created BOOLEAN NOT NULL)
            """,
            "CREATE INDEX assignments_unit ON assignments (unit_code, deadline)",
            "CREATE INDEX assignments_directive ON assignments (directive_id, id)",
            "CREATE INDEX assignments_parent ON assignments (parent_id)",
            "CREATE INDEX assignments_deadline ON assignments (deadline, state)",
            """
            CREATE TABLE assignment_events (
                \(dialect.idColumn),
                assignment_id BIGINT NOT NULL REFERENCES assignments(id), kind TEXT NOT NULL, actor TEXT NOT NULL,
                at BIGINT NOT NULL, progress INTEGER, note TEXT, evidence_json TEXT, from_deadline TEXT, to_deadline TEXT)
            """,
            "CREATE INDEX assignment_events_assignment ON assignment_events (assignment_id, id)",
            """
            CREATE TABLE assignment_messages (
                \(dialect.idColumn),
                assignment_id BIGINT NOT NULL REFERENCES assignments(id), author TEXT NOT NULL, body TEXT NOT NULL,
                mentions_json TEXT NOT NULL, attachments_json TEXT NOT NULL, at BIGINT NOT NULL)
            """,
            "CREATE INDEX assignment_messages_assignment ON assignment_messages (assignment_id, id)",
        ]
    }
}
