import Foundation
import HaiCapCore
import SQLKit

/// Days an administrator marks off (e.g. the Prime Minister's Tết decision) or working (a swapped Saturday).
public struct CalendarRepository: Sendable {
    public enum Kind: String, Codable, Sendable {
        case off
        case working
    }

    public struct Entry: Sendable, Equatable, Codable {
        public var day: CalendarDay
        public var kind: Kind
        public var note: String
        public var updatedBy: String
        public var updatedAt: Date
    }

    let db: any SQLDatabase

    public init(db: any SQLDatabase) {
        self.db = db
    }

    public func entries() async throws -> [Entry] {
        try await db.select().column("*").from("calendar_days").orderBy("day").all().compactMap { row in
            guard let day = CalendarDay(iso: try row.decode(column: "day", as: String.self)),
                  let kind = Kind(rawValue: try row.decode(column: "kind", as: String.self)) else { return nil }
            return Entry(day: day, kind: kind, note: try row.decode(column: "note", as: String.self),
                         updatedBy: try row.decode(column: "updated_by", as: String.self),
                         updatedAt: Date(timeIntervalSince1970: TimeInterval(try row.decode(column: "updated_at", as: Int64.self))))
        }
    }

    /// The working-day calendar with the administrator's corrections applied.
    public func calendar() async throws -> WorkingDayCalendar {
        let all = try await entries()
        return WorkingDayCalendar(
            extraDaysOff: Set(all.filter { $0.kind == .off }.map(\.day)),
            extraWorkingDays: Set(all.filter { $0.kind == .working }.map(\.day)))
    }

    /// Sets or replaces one day's correction, audited.
    public static func set(_ day: CalendarDay, kind: Kind, note: String, by actor: String, database: Database, now: Date) async throws {
        try await database.transaction { db in
            let before = try await CalendarRepository(db: db).entries().first { $0.day == day }
            try await db.delete(from: "calendar_days").where("day", .equal, day.description).run()
            try await db.insert(into: "calendar_days").columns("day", "kind", "note", "updated_by", "updated_at")
                .values(SQLBind(day.description), SQLBind(kind.rawValue), SQLBind(note), SQLBind(actor), SQLBind(Int64(now.timeIntervalSince1970)))
                .run()
            let after = Entry(day: day, kind: kind, note: note, updatedBy: actor, updatedAt: now)
            try await AuditRepository(db: db).record(actor: actor, action: "calendar.set", entity: "calendar_day", entityID: day.description, before: before, after: after, now: now)
        }
    }

    /// Removes one day's correction; false when there was none.
    @discardableResult
    public static func remove(_ day: CalendarDay, by actor: String, database: Database, now: Date) async throws -> Bool {
        try await database.transaction { db in
            guard let before = try await CalendarRepository(db: db).entries().first(where: { $0.day == day }) else { return false }
            try await db.delete(from: "calendar_days").where("day", .equal, day.description).run()
            try await AuditRepository(db: db).record(actor: actor, action: "calendar.remove", entity: "calendar_day", entityID: day.description, before: before, after: Optional<Entry>.none, now: now)
            return true
        }
    }
}
