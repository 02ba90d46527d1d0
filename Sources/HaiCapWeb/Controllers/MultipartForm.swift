import Foundation
import HaiCapCore
import Hummingbird

/// A `multipart/form-data` body (a file upload form): text fields and files by field name.
struct MultipartForm {
    struct File {
        var filename: String
        var contentType: String
        var data: Data
    }

    var fields: [String: String] = [:]
    var files: [String: File] = [:]

    /// Parses the buffered body; a 400 names what is wrong.
    static func parse(_ request: Request) async throws -> MultipartForm {
        guard let type = request.headers[.contentType], type.lowercased().hasPrefix("multipart/form-data"),
              let boundaryRange = type.range(of: "boundary=") else {
            throw HaiCapError.badRequest("Biểu mẫu tải tệp phải gửi dạng multipart/form-data.")
        }
        let boundary = type[boundaryRange.upperBound...].split(separator: ";").first.map {
            $0.trimmingCharacters(in: CharacterSet(charactersIn: "\" "))
        } ?? ""
        guard !boundary.isEmpty else { throw HaiCapError.badRequest("Biểu mẫu tải tệp thiếu boundary.") }
        let buffer = try await request.body.collect(upTo: .max)
        return try parse(Data(buffer.readableBytesView), boundary: boundary)
    }

    static func parse(_ body: Data, boundary: String) throws -> MultipartForm {
        var form = MultipartForm()
        let delimiter = Data(("--" + boundary).utf8)
        let headerEnd = Data("\r\n\r\n".utf8)
        var parts: [Data] = []
        var cursor = body.startIndex
        while let r = body.range(of: delimiter, in: cursor..<body.endIndex) {
            if cursor != body.startIndex || r.lowerBound != body.startIndex { parts.append(body[cursor..<r.lowerBound]) }
            cursor = r.upperBound
        }
        for var part in parts {
            if part.starts(with: Data("\r\n".utf8)) { part = part.dropFirst(2) }
            if part.count >= 2, part.suffix(2) == Data("\r\n".utf8) { part = part.dropLast(2) }
            guard let split = part.range(of: headerEnd) else { continue }
            let headers = String(decoding: part[part.startIndex..<split.lowerBound], as: UTF8.self)
            let content = Data(part[split.upperBound...])
            guard let name = attribute("name", in: headers) else { continue }
            if let filename = attribute("filename", in: headers) {
                let contentType = headers.split(separator: "\r\n").first { $0.lowercased().hasPrefix("content-type:") }
                    .map { $0.dropFirst("content-type:".count).trimmingCharacters(in: .whitespaces) } ?? "application/octet-stream"
                form.files[name] = File(filename: filename, contentType: contentType, data: content)
            } else {
                form.fields[name] = String(decoding: content, as: UTF8.self)
            }
        }
        return form
    }

    static func attribute(_ key: String, in headers: String) -> String? {
        guard let r = headers.range(of: " \(key)=\"") ?? headers.range(of: ";\(key)=\"") else { return nil }
        let rest = headers[r.upperBound...]
        guard let end = rest.firstIndex(of: "\"") else { return nil }
        return String(rest[..<end])
    }

    func field(_ name: String) -> String? {
        guard let value = fields[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
        return value
    }
}

/// HTML escaping for the few fragments built in Swift (provision text with cross-reference links).
enum HTML {
    static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.count)
        for ch in s {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(ch)
            }
        }
        return out
    }
}

extension Request {
    /// A query parameter of a GET form: browsers send spaces as "+".
    func formQuery(_ name: String) -> String? {
        query(name).map { $0.replacingOccurrences(of: "+", with: " ").trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 }
    }
}
