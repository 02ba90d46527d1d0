import Foundation

/// Finds where a byte sequence stops being UTF-8, to name the line in the error.
enum UTF8Check {
    static func firstError(in data: Data) -> LegalParseError {
        let bytes = [UInt8](data)
        var line = 1
        var offset = 0
        while offset < bytes.count {
            let byte = bytes[offset]
            let length = sequenceLength(bytes, at: offset)
            guard length > 0 else { return .invalidUTF8(line: line, byteOffset: offset) }
            if byte == UInt8(ascii: "\n") { line += 1 }
            offset += length
        }
        // `String(validating:)` refused the data, so this is not reached; report the end.
        return .invalidUTF8(line: line, byteOffset: bytes.count)
    }

    /// The length of the well-formed sequence at `offset`, or 0 when it is ill-formed
    /// (stray continuation bytes, overlong forms, surrogates, values beyond U+10FFFF).
    private static func sequenceLength(_ bytes: [UInt8], at offset: Int) -> Int {
        let lead = bytes[offset]
        let length: Int
        var lowest: UInt8 = 0x80
        var highest: UInt8 = 0xBF
        switch lead {
        case 0x00...0x7F: return 1
        case 0xC2...0xDF: length = 2
        case 0xE0: (length, lowest) = (3, 0xA0)
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: (length, highest) = (3, 0x9F)
        case 0xF0: (length, lowest) = (4, 0x90)
        case 0xF1...0xF3: length = 4
        case 0xF4: (length, highest) = (4, 0x8F)
        default: return 0
        }
        guard offset + length <= bytes.count else { return 0 }
        for position in 1..<length {
            let byte = bytes[offset + position]
            let (low, high) = position == 1 ? (lowest, highest) : (UInt8(0x80), UInt8(0xBF))
            guard byte >= low, byte <= high else { return 0 }
        }
        return length
    }
}
