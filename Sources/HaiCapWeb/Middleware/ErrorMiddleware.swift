import Foundation
import HaiCapCore
import HaiCapStore
import Hummingbird
import Logging

/// Turns every error into one response shape: JSON `{"error": {...}}` under `/api`, a Vietnamese page elsewhere.
/// 5xx are logged with the request id and never show internals.
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let views: Views

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let failure = ResponseFailure(error)
            if failure.status.code >= 500 {
                context.logger.error("Lỗi máy chủ", metadata: ["error": "\(LogRedaction.mask(String(reflecting: error)))", "request": "\(LogRedaction.mask(request.uri.path))"])
            } else {
                context.logger.debug("Yêu cầu bị từ chối", metadata: ["status": "\(failure.status.code)", "code": "\(failure.code)"])
            }
            var response: Response
            if request.uri.path.hasPrefix("/api/") || request.uri.path == "/api" || request.uri.path == "/healthz" {
                response = failure.jsonResponse()
            } else {
                response = try views.errorPage(failure, context: context)
            }
            if let retry = failure.retryAfter { response.headers[.retryAfter] = String(retry) }
            return response
        }
    }
}

/// An error resolved to its status, stable code and Vietnamese message.
struct ResponseFailure: Sendable {
    var status: HTTPResponse.Status
    var code: String
    var message: String
    var fields: [FieldError] = []
    var retryAfter: Int?

    init(status: HTTPResponse.Status, code: String, message: String) {
        self.status = status
        self.code = code
        self.message = message
    }

    init(_ error: any Error) {
        switch error {
        case let error as HaiCapError:
            self.init(status: Self.status(of: error), code: error.code, message: error.message)
            if case .validation(let fields) = error { self.fields = fields }
            if case .tooManyRequests(let seconds) = error { retryAfter = seconds }
        case let error as HTTPError:
            self.init(httpStatus: error.status, detail: error.body)
        case is DecodingError:
            self.init(status: .badRequest, code: "bad_request", message: "Dữ liệu gửi lên không đúng định dạng JSON mong đợi (hoặc không phải UTF-8 hợp lệ).")
        case _ where StorageFault.classify(error, path: "") != nil:
            // Disk full or read-only storage: the write did not happen and the data already stored is intact.
            // PostgreSQL unreachable: the request did nothing; the pool reconnects once the server is back.
            let fault = StorageFault.classify(error, path: "")
            self.init(status: .serviceUnavailable, code: "storage_unavailable", message: fault?.publicMessage ?? "")
            if case .unavailable = fault { retryAfter = 5 }
        default:
            self.init(status: .internalServerError, code: "internal_error", message: "Đã có lỗi trong máy chủ. Vui lòng thử lại; nếu lỗi lặp lại, hãy báo quản trị viên kèm mã yêu cầu.")
        }
    }

    init(httpStatus: HTTPResponse.Status, detail: String?) {
        switch httpStatus {
        case .notFound:
            self.init(status: .notFound, code: "not_found", message: "Không tìm thấy trang hoặc dữ liệu bạn yêu cầu.")
        case .contentTooLarge:
            self.init(status: .contentTooLarge, code: "payload_too_large", message: "Dữ liệu gửi lên vượt quá giới hạn cho phép.")
        case .methodNotAllowed:
            self.init(status: .methodNotAllowed, code: "method_not_allowed", message: "Phương thức này không được hỗ trợ tại địa chỉ này.")
        case .unauthorized:
            self.init(status: .unauthorized, code: "unauthorized", message: HaiCapError.unauthorized.message)
        case .badRequest:
            self.init(status: .badRequest, code: "bad_request", message: "Yêu cầu không hợp lệ: dữ liệu gửi lên không đọc được (JSON sai cú pháp hoặc không phải UTF-8).")
        case .unsupportedMediaType:
            self.init(status: .unsupportedMediaType, code: "unsupported_media_type", message: "Kiểu dữ liệu gửi lên không được hỗ trợ; hãy gửi JSON (Content-Type: application/json).")
        default:
            let code = httpStatus.code
            self.init(
                status: httpStatus, code: code >= 500 ? "internal_error" : "http_\(code)",
                message: code >= 500 ? "Đã có lỗi trong máy chủ." : "Yêu cầu không được chấp nhận (mã \(code)).")
        }
    }

    static func status(of error: HaiCapError) -> HTTPResponse.Status {
        switch error {
        case .badRequest: .badRequest
        case .unauthorized: .unauthorized
        case .forbidden: .forbidden
        case .notFound: .notFound
        case .conflict: .conflict
        case .validation: .unprocessableContent
        case .tooManyRequests: .tooManyRequests
        }
    }

    private struct Envelope: Encodable {
        struct Body: Encodable {
            var code: String
            var message: String
            var fields: [FieldError]?
        }
        var error: Body
    }

    func jsonResponse() -> Response {
        let body = Envelope(error: .init(code: code, message: message, fields: fields.isEmpty ? nil : fields))
        let data = (try? JSONEncoder().encode(body)) ?? Data(#"{"error":{"code":"internal_error","message":""}}"#.utf8)
        return Response(
            status: status,
            headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
