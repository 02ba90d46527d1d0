import Foundation

/// Where a notification goes besides the in-app inbox (which is written directly during fan-out).
public enum NotificationChannel: String, Codable, Sendable, CaseIterable {
    case webhook
    case email
    case zalo
}

/// A webhook subscription: events are POSTed, signed with the secret.
public struct WebhookSubscription: Sendable, Equatable {
    public var id: Int64
    public var url: String
    public var secret: String
    /// Event names, or `["*"]` for every event.
    public var events: [String]
    public var createdAt: Date
    public var createdBy: String

    public init(id: Int64, url: String, secret: String, events: [String], createdAt: Date, createdBy: String) {
        self.id = id
        self.url = url
        self.secret = secret
        self.events = events
        self.createdAt = createdAt
        self.createdBy = createdBy
    }

    public func receives(_ event: String) -> Bool {
        events.contains("*") || events.contains(event)
    }

    /// Checks a new subscription; every problem names its field.
    public static func validate(url: String, secret: String, events: [String]) -> [FieldError] {
        var problems: [FieldError] = []
        if let parsed = URL(string: url), let scheme = parsed.scheme?.lowercased(), scheme == "http" || scheme == "https",
           let host = parsed.host, !host.isEmpty {
        } else {
            problems.append(.init(key: "url", message: "Địa chỉ webhook cần là một URL http:// hoặc https:// đầy đủ."))
        }
        if secret.count < 16 {
            problems.append(.init(key: "secret", message: "Khóa bí mật cần ít nhất 16 ký tự."))
        }
        let known = Set(NotificationEventName.allCases.map(\.rawValue))
        if events.isEmpty {
            problems.append(.init(key: "events", message: "Cần ít nhất một sự kiện, hoặc \"*\" để nhận mọi sự kiện."))
        } else if let unknown = events.first(where: { $0 != "*" && !known.contains($0) }) {
            problems.append(.init(key: "events", message: "Sự kiện '\(unknown)' không có; dùng một trong: \(known.sorted().joined(separator: ", ")) hoặc \"*\"."))
        }
        return problems
    }
}

/// One entry of an account's in-app inbox.
public struct InboxItem: Sendable, Equatable {
    public var id: Int64
    public var eventID: String
    public var event: String
    public var title: String
    public var body: String
    public var link: String?
    public var createdAt: Date
    public var read: Bool

    public init(id: Int64, eventID: String, event: String, title: String, body: String, link: String?, createdAt: Date, read: Bool) {
        self.id = id
        self.eventID = eventID
        self.event = event
        self.title = title
        self.body = body
        self.link = link
        self.createdAt = createdAt
        self.read = read
    }
}

/// The state of one delivery to an outside target.
public enum DeliveryStatus: String, Codable, Sendable {
    case pending
    case sent
    /// Gave up after the last retry: an administrator may replay it.
    case dead
}

/// A delivery row as the worker and the dead-letter list see it.
public struct DeliveryRecord: Sendable, Equatable {
    public var id: Int64
    /// Sent as `X-HaiCap-Delivery`; the same on every attempt.
    public var deliveryID: String
    public var eventID: String
    public var event: String
    public var channel: NotificationChannel
    public var target: String
    public var address: String
    public var status: DeliveryStatus
    public var attempts: Int
    public var nextAttemptAt: Date
    public var lastError: String?
    public var createdAt: Date

    public init(
        id: Int64, deliveryID: String, eventID: String, event: String, channel: NotificationChannel, target: String, address: String,
        status: DeliveryStatus, attempts: Int, nextAttemptAt: Date, lastError: String?, createdAt: Date
    ) {
        self.id = id
        self.deliveryID = deliveryID
        self.eventID = eventID
        self.event = event
        self.channel = channel
        self.target = target
        self.address = address
        self.status = status
        self.attempts = attempts
        self.nextAttemptAt = nextAttemptAt
        self.lastError = lastError
        self.createdAt = createdAt
    }
}

/// How failed deliveries are retried: exponential backoff from `base`, capped, then the dead-letter list.
public struct RetryPolicy: Sendable, Equatable {
    public var maxAttempts: Int
    public var base: TimeInterval
    public var cap: TimeInterval

    public init(maxAttempts: Int = 10, base: TimeInterval = 30, cap: TimeInterval = 3600) {
        self.maxAttempts = maxAttempts
        self.base = base
        self.cap = cap
    }

    /// The wait before the next attempt after `failures` failed attempts (1, 2, …): base, 2·base, 4·base, … ≤ cap.
    public func delay(afterFailures failures: Int) -> TimeInterval {
        let exponent = Double(max(0, failures - 1))
        return min(cap, base * pow(2, min(exponent, 30)))
    }
}
