import Foundation

/// The events HaiCap announces. Webhook subscribers name them; `*` subscribes to all.
public enum NotificationEventName: String, Codable, Sendable, CaseIterable {
    case assignmentCreated = "assignment.created"
    case assignmentAcknowledged = "assignment.acknowledged"
    case assignmentDueSoon = "assignment.due_soon"
    case assignmentOverdue = "assignment.overdue"
    case assignmentExtensionRequested = "assignment.extension_requested"
    case assignmentExtensionDecided = "assignment.extension_decided"
    case assignmentReturned = "assignment.returned"
    case assignmentProgress = "assignment.progress"
    case assignmentCompleted = "assignment.completed"
    case reportDue = "report.due"
    case reportReturned = "report.returned"
}

/// Who should hear about an event in the app, by e-mail or Zalo: the officials of some units, and named accounts.
/// Webhooks receive every event they subscribe to, whatever the audience.
public struct NotificationAudience: Codable, Sendable, Equatable {
    /// Unit codes: every enabled commune official bound to one of them.
    public var units: [String]
    /// Usernames (e.g. the province official who gave an assignment).
    public var users: [String]

    public init(units: [String] = [], users: [String] = []) {
        self.units = units
        self.users = users
    }
}

/// One event as it enters the outbox: written in the same transaction as the change it reports.
public struct NotificationEvent: Codable, Sendable, Equatable {
    /// A UUID; the webhook body's `id`, the same on every retry.
    public var id: String
    public var name: NotificationEventName
    public var occurredAt: Date
    /// The event's payload (the webhook body's `data`).
    public var data: [String: JSONValue]
    public var audience: NotificationAudience
    /// A one-line Vietnamese title for the inbox, e-mail subject and Zalo message.
    public var title: String
    /// A short Vietnamese body.
    public var body: String
    /// A path in the web app to open (e.g. `/dieu-hanh/nhiem-vu/12`).
    public var link: String?

    public init(id: String = UUID().uuidString.lowercased(), name: NotificationEventName, occurredAt: Date, data: [String: JSONValue], audience: NotificationAudience, title: String, body: String, link: String? = nil) {
        self.id = id
        self.name = name
        self.occurredAt = occurredAt
        self.data = data
        self.audience = audience
        self.title = title
        self.body = body
        self.link = link
    }
}
