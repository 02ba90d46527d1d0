import Foundation

/// How the normaliser and tokenizer treat each scalar.
enum Characters {
    enum Class { case letter, mark, digit, connector, space, ignored, other }

    @inline(__always)
    static func classify(_ scalar: Unicode.Scalar) -> Class {
        let value = scalar.value
        if value < 0x80 {
            switch value {
            case 0x30...0x39: return .digit
            case 0x41...0x5A, 0x61...0x7A: return .letter
            case 0x2F, 0x2E, 0x2D, 0x2C: return .connector  // / . - ,
            case 0x20, 0x09...0x0D: return .space
            case 0x00...0x1F, 0x7F: return .space  // other controls separate words rather than glue them
            default: return .other
            }
        }
        if Letters.letter(scalar) != nil { return .letter }
        switch value {
        case 0x300...0x36F: return .mark
        case 0x200B...0x200D, 0x2060, 0xFEFF, 0x00AD: return .ignored  // zero-width and soft hyphen
        case 0x2010, 0x2011, 0x2012, 0x2013, 0x2212: return .connector  // hyphens inside codes
        case 0xFFFD: return .space  // replacement character from a bad decode
        default: break
        }
        let properties = scalar.properties
        if properties.isWhitespace || properties.generalCategory == .control { return .space }
        if properties.generalCategory == .format { return .ignored }
        if properties.isAlphabetic { return .letter }
        switch properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return .mark
        case .decimalNumber: return .digit
        default: return .other
        }
    }

    /// The ASCII equivalent of typographic punctuation, or nil to keep the scalar.
    static func plainPunctuation(_ scalar: Unicode.Scalar) -> String? {
        switch scalar.value {
        case 0x2018, 0x2019, 0x201A, 0x201B, 0x2032: return "'"
        case 0x201C, 0x201D, 0x201E, 0x201F, 0x00AB, 0x00BB, 0x2033: return "\""
        case 0x2010...0x2015, 0x2212: return "-"
        case 0x2026: return "..."
        default: return nil
        }
    }

    /// The connector as it appears in normalised text (all hyphen variants become "-").
    @inline(__always)
    static func plainConnector(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        scalar.value < 0x80 ? scalar : "-"
    }

    /// Folds a non-Vietnamese scalar (é in a French name, a combining mark) to its base, if any.
    static func foldOther(_ scalar: Unicode.Scalar) -> [Unicode.Scalar] {
        if (0x300...0x36F).contains(scalar.value) { return [] }
        guard scalar.properties.isAlphabetic else { return [scalar] }
        let decomposed = String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars
        guard let first = decomposed.first else { return [scalar] }
        return [first]
    }
}
