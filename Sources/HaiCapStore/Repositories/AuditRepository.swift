import Foundation
import HaiCapCore
import SQLKit

/// The audit log: every write, who made it, and the state before and after.
public struct AuditRepository: Sendable {
    let db: any SQLDatabase

    public init(db: any SQLDatabase) {
        self.db = db
    }

    /// Records one write; call it inside the same transaction as the write.
    public func record<Before: Encodable, After: Encodable>(
        actor: String, action: String, entity: String, entityID: String,
        before: Before?, after: After?, now: Date
    ) async throws {
        try await db.insert(into: "audit_log")
            .columns("at", "actor", "action", "entity", "entity_id", "before_json", "after_json")
            .values(
                SQLBind(Int64(now.timeIntervalSince1970)), SQLBind(actor), SQLBind(action), SQLBind(entity),
                SQLBind(entityID), SQLBind(try before.map(Self.json)), SQLBind(try after.map(Self.json)))
            .run()
    }

    static func json<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(CivilTime.rfc3339(date))
        }
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// Newest entries first, optionally for one entity type.
    public func list(entity: String? = nil, page: PageRequest) async throws -> Paged<AuditEntry> {
        func filtered(_ b: SQLSelectBuilder) -> SQLSelectBuilder {
            if let entity { b.where("entity", .equal, entity) }
            return b
        }
        let total = try await filtered(db.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("audit_log"))
            .first()?.decode(column: "n", as: Int.self) ?? 0
        let rows = try await filtered(db.select().column("*").from("audit_log"))
            .orderBy("id", .descending).limit(page.per).offset(page.offset).all()
        let items = try rows.map { row in
            AuditEntry(
                id: try row.decode(column: "id", as: Int64.self),
                at: Date(timeIntervalSince1970: TimeInterval(try row.decode(column: "at", as: Int64.self))),
                actor: try row.decode(column: "actor", as: String.self),
                action: try row.decode(column: "action", as: String.self),
                entity: try row.decode(column: "entity", as: String.self),
                entityID: try row.decode(column: "entity_id", as: String.self),
                before: try row.decode(column: "before_json", as: String?.self),
                after: try row.decode(column: "after_json", as: String?.self))
        }
        return Paged(items: items, total: total, page: page)
    }
}
