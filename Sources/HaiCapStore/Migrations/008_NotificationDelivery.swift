import Foundation

/// Delivering the outbox: contact addresses on accounts, webhook subscriptions, the in-app inbox, per-target
/// deliveries with leases and retries, and named leases for jobs one instance runs. (Migration 6 made the outbox.)
enum Migration008NotificationDelivery {
    static let migration = Migration(version: 8, name: "notification_delivery") { dialect in
        [
            // Contact addresses of an account for e-mail and the Zalo Official Account.
            "ALTER TABLE users ADD COLUMN email TEXT",
            "ALTER TABLE users ADD COLUMN zalo_user_id TEXT",
            // Webhook subscriptions: `events_json` is a JSON array of event names, or ["*"].
            """
            CREATE TABLE webhooks (
                \(dialect.idColumn),
                url TEXT NOT NULL, secret TEXT NOT NULL, events_json TEXT NOT NULL,
                created_at BIGINT NOT NULL, created_by TEXT NOT NULL)
            """,
            // The in-app inbox: one row per event and account, written during fan-out.
            """
            CREATE TABLE notifications (
                \(dialect.idColumn),
                event_id TEXT NOT NULL, username TEXT NOT NULL, event TEXT NOT NULL, title TEXT NOT NULL, body TEXT NOT NULL,
                link TEXT, created_at BIGINT NOT NULL, read_at BIGINT,
                UNIQUE (event_id, username))
            """,
            "CREATE INDEX notifications_inbox ON notifications (username, id)",
            // One row per event and outside target (a webhook, an e-mail or Zalo recipient). `delivery_id` is sent as
            // X-HaiCap-Delivery on every attempt; `claimed_until` (ms) is a worker's lease on the row; times in ms.
            """
            CREATE TABLE notification_deliveries (
                \(dialect.idColumn),
                delivery_id TEXT NOT NULL UNIQUE, event_id TEXT NOT NULL, channel TEXT NOT NULL, target TEXT NOT NULL,
                address TEXT NOT NULL, status TEXT NOT NULL, attempts INTEGER NOT NULL, next_attempt_at BIGINT NOT NULL,
                claimed_until BIGINT, last_error TEXT, created_at BIGINT NOT NULL, sent_at BIGINT,
                UNIQUE (event_id, channel, target))
            """,
            "CREATE INDEX notification_deliveries_due ON notification_deliveries (status, next_attempt_at)",
            // Named leases so that one instance among several runs a periodic job.
            "CREATE TABLE leases (name TEXT PRIMARY KEY, holder TEXT NOT NULL, expires_at BIGINT NOT NULL)",
        ]
    }
}
