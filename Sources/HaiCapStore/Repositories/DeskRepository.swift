import Foundation
import HaiCapCore
import SQLKit

/// Bộ phận Một cửa of each unit: address, hours, phone, kept by officials.
public struct DeskRepository: Sendable {
    let db: any SQLDatabase

    public init(db: any SQLDatabase) {
        self.db = db
    }

    /// The desk of one unit, if an official has entered it.
    public func find(unitCode: String) async throws -> OneStopDesk? {
        guard let row = try await db.select().column("*").from("one_stop_desks").where("unit_code", .equal, unitCode).first() else { return nil }
        return OneStopDesk(
            unitCode: try row.decode(column: "unit_code", as: String.self),
            address: try row.decode(column: "address", as: String.self),
            hours: try row.decode(column: "hours", as: String.self),
            phone: try row.decode(column: "phone", as: String.self),
            updatedAt: Date(timeIntervalSince1970: TimeInterval(try row.decode(column: "updated_at", as: Int64.self))),
            updatedBy: try row.decode(column: "updated_by", as: String.self))
    }

    /// Stores a desk and audits the change, in one transaction.
    public static func save(_ desk: OneStopDesk, database: Database) async throws {
        try await database.transaction { db in
            let repository = DeskRepository(db: db)
            let before = try await repository.find(unitCode: desk.unitCode)
            let stamp = Int64(desk.updatedAt.timeIntervalSince1970)
            if before == nil {
                try await db.insert(into: "one_stop_desks")
                    .columns("unit_code", "address", "hours", "phone", "updated_at", "updated_by")
                    .values(SQLBind(desk.unitCode), SQLBind(desk.address), SQLBind(desk.hours), SQLBind(desk.phone), SQLBind(stamp), SQLBind(desk.updatedBy))
                    .run()
            } else {
                try await db.update("one_stop_desks")
                    .set("address", to: SQLBind(desk.address)).set("hours", to: SQLBind(desk.hours)).set("phone", to: SQLBind(desk.phone))
                    .set("updated_at", to: SQLBind(stamp)).set("updated_by", to: SQLBind(desk.updatedBy))
                    .where("unit_code", .equal, desk.unitCode).run()
            }
            try await AuditRepository(db: db).record(
                actor: desk.updatedBy, action: "desk.update", entity: "one_stop_desk", entityID: desk.unitCode,
                before: before, after: desk, now: desk.updatedAt)
        }
    }
}
