import Foundation

/// A small JSON writer and reader for `JSONValue`, for the report values the store writes and reads on every
/// save and submission. `JSONEncoder`/`JSONDecoder` go through `Codable` containers and, for an enum like
/// `JSONValue`, try each case in turn; on a report of a hundred values that was a fifth of a submission's CPU.
///
/// The writer sorts keys and does not escape "/", like the store's `JSONEncoder` settings. The reader accepts
/// exactly RFC 8259 JSON (one value, optional surrounding whitespace) and returns nil on anything else, so a
/// caller can fall back to `JSONDecoder` for its error message.
public enum JSONText {
    /// Compact JSON of an object with sorted keys; nil when a number is not finite (JSON cannot hold it).
    public static func encode(_ object: [String: JSONValue]) -> String? {
        var out = ""
        out.reserveCapacity(object.count * 24)
        guard write(.object(object), into: &out) else { return nil }
        return out
    }

    /// Compact JSON of a string dictionary with sorted keys.
    public static func encode(_ object: [String: String]) -> String {
        encode(object.mapValues(JSONValue.string)) ?? "{}"
    }

    /// The value of a JSON text, or nil when the text is not valid JSON.
    public static func decode(_ text: String) -> JSONValue? {
        var text = text
        return text.withUTF8 { bytes in
            var reader = Reader(bytes: bytes)
            reader.skipWhitespace()
            guard let value = reader.value(depth: 0) else { return nil }
            reader.skipWhitespace()
            return reader.position == bytes.count ? value : nil
        }
    }

    /// The object of a JSON text, or nil when the text is not a valid JSON object.
    public static func decodeObject(_ text: String) -> [String: JSONValue]? {
        if case .object(let object) = decode(text) { return object }
        return nil
    }

    // MARK: Writing

    private static func write(_ value: JSONValue, into out: inout String) -> Bool {
        switch value {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let n):
            guard n.isFinite else { return false }
            out += number(n)
        case .string(let s): writeString(s, into: &out)
        case .array(let items):
            out += "["
            for (index, item) in items.enumerated() {
                if index > 0 { out += "," }
                guard write(item, into: &out) else { return false }
            }
            out += "]"
        case .object(let object):
            out += "{"
            for (index, key) in object.keys.sorted().enumerated() {
                if index > 0 { out += "," }
                writeString(key, into: &out)
                out += ":"
                guard write(object[key]!, into: &out) else { return false }
            }
            out += "}"
        }
        return true
    }

    /// Whole numbers up to 2^53 without a fraction ("12", not "12.0"); others in Swift's shortest round-trip form.
    static func number(_ n: Double) -> String {
        if n == n.rounded(), abs(n) < 9_007_199_254_740_992 {
            return n == 0 ? "0" : String(Int64(n))
        }
        return String(n)
    }

    private static func writeString(_ s: String, into out: inout String) {
        out += "\""
        // Most keys and texts need no escape: append them whole.
        if !s.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            out += s
            out += "\""
            return
        }
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }

    /// Writes JSON text piece by piece, for hot responses whose shape is fixed (a page of search results) and
    /// where `JSONEncoder`'s containers cost more than the work behind the answer. The caller writes the
    /// structure; the writer puts the commas and escapes the strings. Bytes, not a `String`: appending to a
    /// `String` and scanning it through its UTF-8 view cost more than the rest of the writing.
    public struct Writer: Sendable {
        public private(set) var bytes: [UInt8] = []
        /// One flag per open object or array: whether the next member needs a comma before it.
        private var needsComma: [Bool] = []

        public init(capacity: Int = 256) { bytes.reserveCapacity(capacity) }

        /// The text written so far.
        public var text: String { String(decoding: bytes, as: UTF8.self) }

        public mutating func beginObject() { separate(); bytes.append(UInt8(ascii: "{")); needsComma.append(false) }
        public mutating func endObject() { needsComma.removeLast(); bytes.append(UInt8(ascii: "}")) }
        public mutating func beginArray() { separate(); bytes.append(UInt8(ascii: "[")); needsComma.append(false) }
        public mutating func endArray() { needsComma.removeLast(); bytes.append(UInt8(ascii: "]")) }

        /// A member's key; the next value written is its value.
        public mutating func key(_ name: String) {
            separate()
            appendString(name)
            bytes.append(UInt8(ascii: ":"))
            // The value that follows takes no comma of its own.
            if !needsComma.isEmpty { needsComma[needsComma.count - 1] = false }
        }

        public mutating func string(_ value: String) { separate(); appendString(value) }
        public mutating func int(_ value: Int) { separate(); bytes.append(contentsOf: String(value).utf8) }
        public mutating func bool(_ value: Bool) { separate(); bytes.append(contentsOf: (value ? "true" : "false").utf8) }
        public mutating func null() { separate(); bytes.append(contentsOf: "null".utf8) }

        public mutating func member(_ name: String, _ value: String) { key(name); string(value) }
        public mutating func member(_ name: String, _ value: Int) { key(name); int(value) }
        public mutating func member(_ name: String, _ value: Bool) { key(name); bool(value) }

        private mutating func separate() {
            guard let last = needsComma.last else { return }
            if last { bytes.append(UInt8(ascii: ",")) } else { needsComma[needsComma.count - 1] = true }
        }

        private mutating func appendString(_ value: String) {
            var value = value
            value.withUTF8 { utf8 in
                bytes.append(UInt8(ascii: "\""))
                // Runs without anything to escape are copied whole; answers have line breaks, so escapes are common.
                var runStart = 0
                for index in 0..<utf8.count {
                    let byte = utf8[index]
                    guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                    bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
                    switch byte {
                    case UInt8(ascii: "\""): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
                    case UInt8(ascii: "\\"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
                    case UInt8(ascii: "\n"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
                    case UInt8(ascii: "\r"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
                    case UInt8(ascii: "\t"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
                    default:
                        let hex = Array("0123456789abcdef".utf8)
                        bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
                    }
                    runStart = index + 1
                }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...]))
                bytes.append(UInt8(ascii: "\""))
            }
        }
    }

    // MARK: Reading

    /// Nesting deeper than this is refused (the stack would be at risk on hostile input).
    static let maxDepth = 256

    private struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        var position = 0

        mutating func skipWhitespace() {
            while position < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[position]) { position += 1 }
        }

        mutating func value(depth: Int) -> JSONValue? {
            guard position < bytes.count, depth <= JSONText.maxDepth else { return nil }
            switch bytes[position] {
            case UInt8(ascii: "{"): return object(depth: depth + 1)
            case UInt8(ascii: "["): return array(depth: depth + 1)
            case UInt8(ascii: "\""): return string().map(JSONValue.string)
            case UInt8(ascii: "t"): return literal("true") ? .bool(true) : nil
            case UInt8(ascii: "f"): return literal("false") ? .bool(false) : nil
            case UInt8(ascii: "n"): return literal("null") ? .null : nil
            default: return number()
            }
        }

        mutating func literal(_ word: StaticString) -> Bool {
            let count = word.utf8CodeUnitCount
            guard position + count <= bytes.count else { return false }
            for offset in 0..<count where bytes[position + offset] != word.utf8Start[offset] { return false }
            position += count
            return true
        }

        mutating func object(depth: Int) -> JSONValue? {
            position += 1
            var object: [String: JSONValue] = [:]
            skipWhitespace()
            if position < bytes.count, bytes[position] == UInt8(ascii: "}") {
                position += 1
                return .object(object)
            }
            while true {
                skipWhitespace()
                guard position < bytes.count, bytes[position] == UInt8(ascii: "\""), let key = string() else { return nil }
                skipWhitespace()
                guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else { return nil }
                position += 1
                skipWhitespace()
                guard let item = value(depth: depth) else { return nil }
                object[key] = item
                skipWhitespace()
                guard position < bytes.count else { return nil }
                if bytes[position] == UInt8(ascii: ",") { position += 1; continue }
                guard bytes[position] == UInt8(ascii: "}") else { return nil }
                position += 1
                return .object(object)
            }
        }

        mutating func array(depth: Int) -> JSONValue? {
            position += 1
            var items: [JSONValue] = []
            skipWhitespace()
            if position < bytes.count, bytes[position] == UInt8(ascii: "]") {
                position += 1
                return .array(items)
            }
            while true {
                skipWhitespace()
                guard let item = value(depth: depth) else { return nil }
                items.append(item)
                skipWhitespace()
                guard position < bytes.count else { return nil }
                if bytes[position] == UInt8(ascii: ",") { position += 1; continue }
                guard bytes[position] == UInt8(ascii: "]") else { return nil }
                position += 1
                return .array(items)
            }
        }

        /// A string starting at the opening quote; validates UTF-8 and escapes.
        mutating func string() -> String? {
            position += 1
            var scalars = String.UnicodeScalarView()
            var runStart = position
            func flush(_ end: Int) -> Bool {
                guard end > runStart else { return true }
                guard let run = String(validating: UnsafeBufferPointer(rebasing: bytes[runStart..<end]), as: UTF8.self) else { return false }
                scalars.append(contentsOf: run.unicodeScalars)
                return true
            }
            while position < bytes.count {
                let byte = bytes[position]
                if byte == UInt8(ascii: "\"") {
                    guard flush(position) else { return nil }
                    position += 1
                    return String(scalars)
                }
                if byte < 0x20 { return nil }
                if byte == UInt8(ascii: "\\") {
                    guard flush(position), position + 1 < bytes.count else { return nil }
                    let escaped = bytes[position + 1]
                    position += 2
                    switch escaped {
                    case UInt8(ascii: "\""): scalars.append("\"")
                    case UInt8(ascii: "\\"): scalars.append("\\")
                    case UInt8(ascii: "/"): scalars.append("/")
                    case UInt8(ascii: "b"): scalars.append("\u{08}")
                    case UInt8(ascii: "f"): scalars.append("\u{0C}")
                    case UInt8(ascii: "n"): scalars.append("\n")
                    case UInt8(ascii: "r"): scalars.append("\r")
                    case UInt8(ascii: "t"): scalars.append("\t")
                    case UInt8(ascii: "u"):
                        guard let scalar = unicodeEscape() else { return nil }
                        scalars.append(scalar)
                    default: return nil
                    }
                    runStart = position
                    continue
                }
                position += 1
            }
            return nil
        }

        /// The code point after `\u` (the position is just past the `u`), joining a surrogate pair.
        mutating func unicodeEscape() -> Unicode.Scalar? {
            guard let high = hex4() else { return nil }
            if (0xD800...0xDBFF).contains(high) {
                guard position + 1 < bytes.count, bytes[position] == UInt8(ascii: "\\"), bytes[position + 1] == UInt8(ascii: "u") else { return nil }
                position += 2
                guard let low = hex4(), (0xDC00...0xDFFF).contains(low) else { return nil }
                return Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))
            }
            return Unicode.Scalar(high)
        }

        mutating func hex4() -> UInt32? {
            guard position + 4 <= bytes.count else { return nil }
            var value: UInt32 = 0
            for _ in 0..<4 {
                let byte = bytes[position]
                let digit: UInt32
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
                default: return nil
                }
                value = value << 4 | digit
                position += 1
            }
            return value
        }

        /// A number in JSON's grammar: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
        mutating func number() -> JSONValue? {
            let start = position
            func digits() -> Int {
                let from = position
                while position < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[position]) { position += 1 }
                return position - from
            }
            if position < bytes.count, bytes[position] == UInt8(ascii: "-") { position += 1 }
            guard position < bytes.count else { return nil }
            if bytes[position] == UInt8(ascii: "0") { position += 1 } else if digits() == 0 { return nil }
            if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
                position += 1
                guard digits() > 0 else { return nil }
            }
            if position < bytes.count, bytes[position] == UInt8(ascii: "e") || bytes[position] == UInt8(ascii: "E") {
                position += 1
                if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") { position += 1 }
                guard digits() > 0 else { return nil }
            }
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
            guard let n = Double(text), n.isFinite else { return nil }
            return .number(n)
        }
    }
}
