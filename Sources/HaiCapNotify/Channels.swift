import AsyncHTTPClient
import Foundation
import HaiCapCore
import HaiCapStore
import NIOCore
import NIOHTTP1

/// The result of one attempt to deliver.
public enum DeliveryOutcome: Sendable, Equatable {
    case sent
    case failed(String, permanent: Bool)

    public var isSent: Bool { self == .sent }
}

/// POSTs signed events to webhooks.
public struct WebhookSender: Sendable {
    let client: HTTPClient
    let timeout: TimeInterval

    public init(client: HTTPClient, timeout: TimeInterval) {
        self.client = client
        self.timeout = timeout
    }

    public func send(_ event: NotificationEvent, deliveryID: String, url: String, secret: String) async -> DeliveryOutcome {
        do {
            let body = try WebhookPayload.body(for: event)
            var request = HTTPClientRequest(url: url)
            request.method = .POST
            request.headers.add(name: "Content-Type", value: "application/json; charset=utf-8")
            request.headers.add(name: "User-Agent", value: "HaiCap-Webhook/1")
            request.headers.add(name: WebhookPayload.eventHeader, value: event.name.rawValue)
            request.headers.add(name: WebhookPayload.deliveryHeader, value: deliveryID)
            request.headers.add(name: WebhookPayload.signatureHeader, value: WebhookPayload.signature(body: body, secret: secret))
            request.body = .bytes(ByteBuffer(bytes: body))
            let response = try await client.execute(request, timeout: .milliseconds(Int64(timeout * 1000)))
            // Read the (small) body so that the connection goes back to the pool.
            _ = try? await response.body.collect(upTo: 64 * 1024)
            if (200..<300).contains(response.status.code) { return .sent }
            // 410 Gone: the receiver says it will never want this again.
            return .failed("Webhook trả lời HTTP \(response.status.code)", permanent: response.status.code == 410)
        } catch {
            return .failed("Không gửi được tới webhook: \(error)", permanent: false)
        }
    }
}

/// Sends text messages from a Zalo Official Account: Zalo OA Open API v3.0, "gửi tin tư vấn"
/// (`POST https://openapi.zalo.me/v3.0/oa/message/cs`, header `access_token`,
/// body `{"recipient": {"user_id"}, "message": {"text"}}`; the reply's `error` is 0 on success).
public struct ZaloSender: Sendable {
    /// Zalo limits a text message to 2,000 characters.
    public static let maxTextLength = 2000

    let client: HTTPClient
    let settings: ZaloSettings
    let timeout: TimeInterval

    public init(client: HTTPClient, settings: ZaloSettings, timeout: TimeInterval) {
        self.client = client
        self.settings = settings
        self.timeout = timeout
    }

    struct Message: Encodable {
        struct Recipient: Encodable { var user_id: String }
        struct Text: Encodable { var text: String }
        var recipient: Recipient
        var message: Text
    }

    struct Reply: Decodable {
        var error: Int
        var message: String?
    }

    /// The request body for one message.
    public static func body(userID: String, text: String) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(Message(recipient: .init(user_id: userID), message: .init(text: String(text.prefix(maxTextLength)))))
    }

    /// The text of an event: title, body and link on separate lines.
    public static func text(for event: NotificationEvent, link: String?) -> String {
        ([event.title, event.body] + (link.map { [$0] } ?? [])).filter { !$0.isEmpty }.joined(separator: "\n")
    }

    public func send(userID: String, text: String) async -> DeliveryOutcome {
        do {
            var request = HTTPClientRequest(url: settings.apiURL)
            request.method = .POST
            request.headers.add(name: "Content-Type", value: "application/json")
            request.headers.add(name: "access_token", value: settings.accessToken)
            request.body = .bytes(ByteBuffer(bytes: try Self.body(userID: userID, text: text)))
            let response = try await client.execute(request, timeout: .milliseconds(Int64(timeout * 1000)))
            let bytes = try await response.body.collect(upTo: 256 * 1024)
            guard (200..<300).contains(response.status.code) else {
                return .failed("Zalo trả lời HTTP \(response.status.code)", permanent: false)
            }
            guard let reply = try? JSONDecoder().decode(Reply.self, from: Data(bytes.readableBytesView)) else {
                return .failed("Zalo trả lời không đúng định dạng: \(String(buffer: bytes).prefix(200))", permanent: false)
            }
            if reply.error == 0 { return .sent }
            return .failed("Zalo báo lỗi \(reply.error): \(reply.message ?? "")", permanent: false)
        } catch {
            return .failed("Không gửi được tới Zalo: \(error)", permanent: false)
        }
    }
}

/// Sends e-mail through the configured SMTP server.
public struct EmailSender: Sendable {
    let client: SMTPClient

    public init(settings: SMTPSettings, timeout: TimeInterval) {
        client = SMTPClient(settings: settings, timeout: timeout)
    }

    public static func message(for event: NotificationEvent, to address: String, link: String?, messageID: String) -> EmailMessage {
        var body = event.body
        if let link { body += "\n\nXem chi tiết: \(link)" }
        body += "\n\n—\nThư tự động của HaiCap. Đừng trả lời thư này."
        return EmailMessage(to: address, subject: event.title, body: body, messageID: messageID)
    }

    public func send(_ message: EmailMessage) async -> DeliveryOutcome {
        do {
            try await client.send(message)
            return .sent
        } catch let error as SMTPError {
            return .failed(error.description, permanent: false)
        } catch {
            return .failed("Lỗi gửi thư: \(error)", permanent: false)
        }
    }
}
