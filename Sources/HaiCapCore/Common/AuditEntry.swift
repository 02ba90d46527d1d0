import Foundation

/// One recorded write: who, when, what, and the state before and after (JSON text).
public struct AuditEntry: Codable, Sendable, Equatable {
    public var id: Int64
    public var at: Date
    public var actor: String
    public var action: String
    public var entity: String
    public var entityID: String
    public var before: String?
    public var after: String?

    public init(
        id: Int64, at: Date, actor: String, action: String, entity: String,
        entityID: String, before: String?, after: String?
    ) {
        self.id = id
        self.at = at
        self.actor = actor
        self.action = action
        self.entity = entity
        self.entityID = entityID
        self.before = before
        self.after = after
    }
}

/// Civil time in Vietnam (UTC+7, no daylight saving) for formatting instants.
public enum CivilTime {
    public static let zone = TimeZone(identifier: "Asia/Ho_Chi_Minh") ?? TimeZone(secondsFromGMT: 7 * 3600)!

    /// RFC 3339 with the +07:00 offset, e.g. `2026-11-27T09:30:00+07:00`.
    public static func rfc3339(_ date: Date) -> String {
        var style = Date.ISO8601FormatStyle(timeZone: zone)
        style = style.year().month().day().time(includingFractionalSeconds: false).timeZone(separator: .colon)
        return date.formatted(style)
    }

    /// "27/11/2026 09:30" for pages.
    public static func display(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        return String(format: "%02d/%02d/%04d %02d:%02d", c.day ?? 0, c.month ?? 0, c.year ?? 0, c.hour ?? 0, c.minute ?? 0)
    }
}
