import Crypto
import Foundation
import HaiCapCore

/// The JSON a webhook receives and its signature.
///
/// Body: `{"data": {…}, "event": "assignment.created", "id": "<event id>", "occurredAt": "2026-11-27T09:30:00+07:00"}`
/// (keys sorted). Headers: `X-HaiCap-Signature: sha256=<hex HMAC-SHA256 of the raw body with the webhook's secret>`,
/// `X-HaiCap-Delivery: <delivery id>` (the same on every retry: receivers use it to drop duplicates),
/// `X-HaiCap-Event: <event name>`.
public enum WebhookPayload {
    public static let signatureHeader = "X-HaiCap-Signature"
    public static let deliveryHeader = "X-HaiCap-Delivery"
    public static let eventHeader = "X-HaiCap-Event"

    struct Body: Encodable {
        var id: String
        var event: String
        var occurredAt: String
        var data: [String: JSONValue]
    }

    public static func body(for event: NotificationEvent) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(Body(id: event.id, event: event.name.rawValue, occurredAt: CivilTime.rfc3339(event.occurredAt), data: event.data))
    }

    /// `sha256=` and the lowercase hex HMAC-SHA256 of `body` keyed with `secret`.
    public static func signature(body: Data, secret: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: Data(secret.utf8)))
        return "sha256=" + mac.map { String(format: "%02x", $0) }.joined()
    }

    /// Checks a signature header the way a receiver should (constant-time comparison).
    public static func verify(body: Data, secret: String, header: String) -> Bool {
        guard header.hasPrefix("sha256="), let expected = hexBytes(String(header.dropFirst(7))) else { return false }
        return HMAC<SHA256>.isValidAuthenticationCode(expected, authenticating: body, using: SymmetricKey(data: Data(secret.utf8)))
    }

    static func hexBytes(_ hex: String) -> [UInt8]? {
        let chars = Array(hex.utf8)
        guard chars.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(chars.count / 2)
        for i in stride(from: 0, to: chars.count, by: 2) {
            guard let byte = UInt8(String(decoding: chars[i..<i + 2], as: UTF8.self), radix: 16) else { return nil }
            bytes.append(byte)
        }
        return bytes
    }
}
