import Foundation
import HaiCapCore

/// How `HAICAP_SMTP_TLS` protects the connection to the mail server.
public enum SMTPSecurity: String, Sendable, CaseIterable {
    /// Plain text (a relay on the same machine or network).
    case none
    /// Plain connection upgraded with STARTTLS (usually port 587).
    case starttls
    /// TLS from the first byte (usually port 465).
    case tls
}

/// The mail server e-mail notifications go through.
public struct SMTPSettings: Sendable, Equatable {
    public var host: String
    public var port: Int
    public var username: String?
    public var password: String?
    /// `địa-chỉ@miền` or `Tên <địa-chỉ@miền>`.
    public var from: String
    public var security: SMTPSecurity
    /// The name given in EHLO.
    public var heloName: String

    public init(host: String, port: Int = 587, username: String? = nil, password: String? = nil, from: String, security: SMTPSecurity = .starttls, heloName: String = "haicap.local") {
        self.host = host
        self.port = port
        self.username = username
        self.password = password
        self.from = from
        self.security = security
        self.heloName = heloName
    }
}

/// The Zalo Official Account that sends notifications (Zalo OA Open API v3.0, "gửi tin tư vấn").
public struct ZaloSettings: Sendable, Equatable {
    /// The official endpoint for customer-service (tư vấn) messages of Zalo OA Open API v3.0.
    public static let defaultAPIURL = "https://openapi.zalo.me/v3.0/oa/message/cs"

    /// The OA access token, sent in the `access_token` header.
    public var accessToken: String
    public var apiURL: String

    public init(accessToken: String, apiURL: String = ZaloSettings.defaultAPIURL) {
        self.accessToken = accessToken
        self.apiURL = apiURL
    }
}

/// Everything the notification worker needs besides the database.
public struct NotificationSettings: Sendable {
    public var smtp: SMTPSettings?
    public var zalo: ZaloSettings?
    /// Base address of the web app (e.g. `https://haicap.daklak.gov.vn`), so e-mail and Zalo links are absolute.
    public var publicURL: String?
    public var retry = RetryPolicy()
    /// Time allowed for one delivery (HTTP request, or a whole SMTP dialogue).
    public var timeout: TimeInterval = 10
    /// Outbox rows fanned out and deliveries claimed per cycle.
    public var batchSize = 500
    /// Deliveries in flight at once.
    public var concurrency = 64
    /// The wait between cycles when there was nothing more to do.
    public var pollInterval: Duration = .seconds(1)

    public init(smtp: SMTPSettings? = nil, zalo: ZaloSettings? = nil, publicURL: String? = nil) {
        self.smtp = smtp
        self.zalo = zalo
        self.publicURL = publicURL
    }

    /// How long a claim holds: a worker that dies mid-delivery frees the row after this.
    public var leaseDuration: TimeInterval { timeout * 3 + 5 }

    /// The channels that have settings: webhooks always; e-mail with SMTP, Zalo with a token.
    public var channels: Set<NotificationChannel> {
        var result: Set<NotificationChannel> = [.webhook]
        if smtp != nil { result.insert(.email) }
        if zalo != nil { result.insert(.zalo) }
        return result
    }

    /// An absolute link for an event's path, when a public address is set.
    public func absoluteLink(_ path: String?) -> String? {
        guard let path, !path.isEmpty else { return nil }
        if path.hasPrefix("http://") || path.hasPrefix("https://") { return path }
        guard var base = publicURL, !base.isEmpty else { return path }
        while base.hasSuffix("/") { base.removeLast() }
        return base + (path.hasPrefix("/") ? path : "/" + path)
    }
}
