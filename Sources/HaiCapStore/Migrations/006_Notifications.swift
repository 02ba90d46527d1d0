import Foundation

/// The notification outbox (events written with the change they report) and what delivers them.
enum Migration006Notifications {
    static let migration = Migration(version: 6, name: "notifications") { dialect in
        [
            """
            CREATE TABLE outbox (
                \(dialect.idColumn),
                event_id TEXT NOT NULL UNIQUE, event TEXT NOT NULL, occurred_at BIGINT NOT NULL, data_json TEXT NOT NULL,
                audience_json TEXT NOT NULL, title TEXT NOT NULL, body TEXT NOT NULL, link TEXT, fanned_out BOOLEAN NOT NULL)
            """,
            "CREATE INDEX outbox_pending ON outbox (fanned_out, id)",
        ]
    }
}
