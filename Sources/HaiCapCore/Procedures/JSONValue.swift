import Foundation

/// Any JSON value, for reading records whose shape varies from row to row.
public enum JSONValue: Codable, Sendable, Equatable {
    case string(String)
    case number(Double)
    case bool(Bool)
    case array([JSONValue])
    case object([String: JSONValue])
    case null

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        // Numbers and strings first: they are most of what is decoded, and each failed attempt throws.
        if container.decodeNil() { self = .null }
        else if let v = try? container.decode(Double.self) { self = .number(v) }
        else if let v = try? container.decode(String.self) { self = .string(v) }
        else if let v = try? container.decode(Bool.self) { self = .bool(v) }
        else if let v = try? container.decode([JSONValue].self) { self = .array(v) }
        else { self = .object(try container.decode([String: JSONValue].self)) }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let v): try container.encode(v)
        case .number(let v): try container.encode(v)
        case .bool(let v): try container.encode(v)
        case .array(let v): try container.encode(v)
        case .object(let v): try container.encode(v)
        case .null: try container.encodeNil()
        }
    }

    public subscript(key: String) -> JSONValue? {
        if case .object(let o) = self { return o[key] }
        return nil
    }

    /// Text of a string or number; nil for empty text and the catalogue's "Không có thông tin".
    public var text: String? {
        switch self {
        case .string(let s):
            let t = s.trimmingCharacters(in: .whitespacesAndNewlines)
            return t.isEmpty || t == "Không có thông tin" ? nil : t
        // `Int(exactly:)`: a whole number beyond Int's range (1e20 in a mistyped cell) stays as written, never traps.
        case .number(let n): return Int(exactly: n).map(String.init) ?? String(n)
        case .bool(let b): return b ? "true" : "false"
        case .object(let o):
            // A source given as an object: its citation, else its document.
            return (o["citation"] ?? o["document"])?.text
        default: return nil
        }
    }

    public var array: [JSONValue] {
        if case .array(let a) = self { return a }
        return []
    }

    public var bool: Bool? {
        switch self {
        case .bool(let b): return b
        case .string(let s): return ["true", "1", "có", "yes"].contains(s.lowercased())
        case .number(let n): return n != 0
        default: return nil
        }
    }

    public var int: Int? {
        switch self {
        case .number(let n): return Int(exactly: n.rounded(.towardZero))
        case .string(let s): return Int(s.trimmingCharacters(in: .whitespaces))
        default: return nil
        }
    }

    /// Strings of an array, or a comma-separated string split.
    public var strings: [String] {
        switch self {
        case .array(let a): return a.compactMap(\.text)
        case .string(let s): return s.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        default: return []
        }
    }
}
