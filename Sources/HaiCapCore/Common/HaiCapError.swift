import Foundation

/// A field that failed validation, with a Vietnamese message saying what to fix.
public struct FieldError: Codable, Sendable, Equatable {
    public var key: String
    public var message: String

    public init(key: String, message: String) {
        self.key = key
        self.message = message
    }
}

/// Errors the domain throws; the web layer maps each to one HTTP status.
public enum HaiCapError: Error, Sendable, Equatable {
    case badRequest(String)
    case unauthorized
    case forbidden(String)
    case notFound(String)
    case conflict(String)
    case validation([FieldError])
    case tooManyRequests(retryAfterSeconds: Int)

    /// Stable machine-readable code for API clients.
    public var code: String {
        switch self {
        case .badRequest: "bad_request"
        case .unauthorized: "unauthorized"
        case .forbidden: "forbidden"
        case .notFound: "not_found"
        case .conflict: "conflict"
        case .validation: "validation_failed"
        case .tooManyRequests: "too_many_requests"
        }
    }

    /// Vietnamese message for people.
    public var message: String {
        switch self {
        case .badRequest(let m), .forbidden(let m), .notFound(let m), .conflict(let m): m
        case .unauthorized: "Bạn cần đăng nhập để dùng chức năng này."
        case .validation(let fields):
            fields.count == 1 ? fields[0].message : "Dữ liệu chưa hợp lệ: " + fields.map(\.message).joined(separator: " ")
        case .tooManyRequests(let seconds): "Bạn đã thử quá nhiều lần. Vui lòng thử lại sau \(seconds) giây."
        }
    }
}
