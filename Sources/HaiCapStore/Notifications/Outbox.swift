import Foundation
import HaiCapCore
import SQLKit

/// The outbox: events are written here in the same transaction as the change they report, and a background
/// worker delivers them (in-app inbox, e-mail, webhooks, Zalo OA). Nothing is sent from inside a transaction.
public struct Outbox: Sendable {
    let db: any SQLDatabase

    public init(db: any SQLDatabase) {
        self.db = db
    }

    /// Records one event; call it with the transaction's connection.
    public func record(_ event: NotificationEvent) async throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        try await db.insert(into: "outbox")
            .columns("event_id", "event", "occurred_at", "data_json", "audience_json", "title", "body", "link", "fanned_out")
            .values(
                SQLBind(event.id), SQLBind(event.name.rawValue), SQLBind(Int64(event.occurredAt.timeIntervalSince1970)),
                SQLBind(String(decoding: try encoder.encode(event.data), as: UTF8.self)),
                SQLBind(String(decoding: try encoder.encode(event.audience), as: UTF8.self)),
                SQLBind(event.title), SQLBind(event.body), SQLBind(event.link), SQLBind(false))
            .run()
    }
}
