import Foundation
import HaiCapCore
import Hummingbird

/// `{"items", "total", "page", "per"}`, the shape of every list.
struct ListResponse<Item: Encodable & Sendable>: ResponseEncodable {
    var items: [Item]
    var total: Int
    var page: Int
    var per: Int

    init(_ paged: Paged<Item>) {
        items = paged.items
        total = paged.total
        page = paged.page.page
        per = paged.page.per
    }

    init(items: [Item], total: Int, page: Int, per: Int) {
        self.items = items
        self.total = total
        self.page = page
        self.per = per
    }
}

extension Request {
    /// Decodes an `application/x-www-form-urlencoded` body (already buffered by the body limit).
    func form<T: Decodable>(_ type: T.Type) async throws -> T {
        let buffer = try await body.collect(upTo: .max)
        do {
            return try URLEncodedFormDecoder().decode(T.self, from: String(buffer: buffer))
        } catch {
            throw HaiCapError.badRequest("Biểu mẫu gửi lên thiếu trường bắt buộc hoặc sai định dạng.")
        }
    }

    /// Decodes a JSON body; malformed JSON or invalid UTF-8 is a 400 with a Vietnamese message.
    func json<T: Decodable>(_ type: T.Type) async throws -> T {
        let buffer = try await body.collect(upTo: .max)
        let data = Data(buffer.readableBytesView)
        guard String(validatingUTF8Data: data) != nil else {
            throw HaiCapError.badRequest("Dữ liệu gửi lên không phải UTF-8 hợp lệ.")
        }
        do {
            return try JSONDecoder().decode(T.self, from: data)
        } catch DecodingError.keyNotFound(let key, _) {
            throw HaiCapError.validation([.init(key: key.stringValue, message: "Thiếu trường bắt buộc '\(key.stringValue)'.")])
        } catch DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context) {
            let key = context.codingPath.map(\.stringValue).joined(separator: ".")
            throw HaiCapError.validation([.init(key: key, message: "Trường '\(key)' có kiểu dữ liệu không đúng.")])
        } catch DecodingError.dataCorrupted(let context) where !context.codingPath.isEmpty {
            let key = context.codingPath.map(\.stringValue).joined(separator: ".")
            throw HaiCapError.validation([.init(key: key, message: "Giá trị của trường '\(key)' không hợp lệ.")])
        } catch {
            throw HaiCapError.badRequest("JSON gửi lên sai cú pháp: hãy kiểm tra dấu ngoặc, dấu phẩy và dấu nháy.")
        }
    }

    /// A query parameter, trimmed; nil when absent or blank.
    func query(_ name: String) -> String? {
        // NUL never belongs in a search or filter, and PostgreSQL refuses it in text (a 500 otherwise).
        guard let value = uri.queryParameters[Substring(name)].map({ String($0).replacingOccurrences(of: "\u{0}", with: "") })?
            .trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        return value
    }
}

extension String {
    init?(validatingUTF8Data data: Data) {
        guard let text = String(data: data, encoding: .utf8) else { return nil }
        self = text
    }
}

/// Links to the previous and next page of an HTML list, keeping the other query parameters.
struct Pager {
    var page: Int
    var pageCount: Int
    var previous: String?
    var next: String?

    init?(path: String, query: [(String, String)], paged: Paged<some Sendable>) {
        guard paged.pageCount > 1 else { return nil }
        page = paged.page.page
        pageCount = paged.pageCount
        func link(_ p: Int) -> String {
            var components = URLComponents()
            components.path = path
            components.queryItems = query.map { URLQueryItem(name: $0.0, value: $0.1) } + [URLQueryItem(name: "page", value: String(p))]
            return components.string ?? path
        }
        previous = page > 1 ? link(page - 1) : nil
        next = page < pageCount ? link(page + 1) : nil
    }
}

extension Request {
    /// Every (name, value) pair of an `application/x-www-form-urlencoded` body, in order, "+" read as a space.
    func urlEncodedPairs() async throws -> [(String, String)] {
        let buffer = try await body.collect(upTo: .max)
        func decode(_ s: Substring) -> String {
            let spaced = s.replacingOccurrences(of: "+", with: " ")
            return spaced.removingPercentEncoding ?? spaced
        }
        return String(buffer: buffer).split(separator: "&").map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return (decode(parts[0]), parts.count > 1 ? decode(parts[1]) : "")
        }
    }

    /// The fields of an `application/x-www-form-urlencoded` body as name → value (the last value wins).
    func urlEncodedFields() async throws -> [String: String] {
        Dictionary(try await urlEncodedPairs(), uniquingKeysWith: { _, last in last })
    }

    /// A JSON body that may be absent (actions whose body is optional).
    func optionalJSON<T: Decodable>(_ type: T.Type) async throws -> T? {
        var request = self
        let buffer = try await request.collectBody(upTo: .max)
        guard buffer.readableBytes > 0 else { return nil }
        return try await request.json(T.self)
    }
}

extension AppRequestContext {
    /// A positive integer path parameter, else 404.
    func positiveID(_ name: String = "id") throws -> Int64 {
        guard let raw = parameters.get(name), let id = Int64(raw), id > 0 else {
            throw HaiCapError.notFound("Không tìm thấy: mã số phải là số nguyên dương.")
        }
        return id
    }
}
