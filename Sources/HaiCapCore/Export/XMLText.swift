/// Text made safe for XML 1.0 content and attribute values, shared by the XLSX and SVG writers.
enum XMLText {
    /// Escapes markup characters and drops characters XML 1.0 cannot carry (most C0 controls, U+FFFE, U+FFFF).
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default: if isLegal(scalar) { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }

    /// The XML 1.0 `Char` production; Swift strings hold no lone surrogates, so only these ranges need checking.
    static func isLegal(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD: true
        case 0x20...0xFFFD: true
        case 0x10000...: true
        default: false
        }
    }
}
