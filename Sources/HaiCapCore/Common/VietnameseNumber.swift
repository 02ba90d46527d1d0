import Foundation

/// Numbers in Vietnamese style: 3.321 and 33,77.
public enum VietnameseNumber {
    public static func integer(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(".") }
            out.append(ch)
        }
        return value < 0 ? "-" + out : out
    }

    public static func decimal(_ value: Double, digits: Int = 2) -> String {
        String(format: "%.\(digits)f", value).replacingOccurrences(of: ".", with: ",")
    }

    /// A whole number grouped ("12.345"), else up to `digits` decimals without trailing zeros ("12,5").
    public static func number(_ value: Double, digits: Int = 2) -> String {
        guard value.isFinite else { return "—" }
        if value == value.rounded(), abs(value) < 9e15 { return integer(Int(value)) }
        var text = String(format: "%.\(digits)f", abs(value))
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        let parts = text.split(separator: ".", maxSplits: 1)
        let whole = integer(Int(parts[0]) ?? 0)
        let sign = value < 0 ? "-" : ""
        return parts.count == 2 ? "\(sign)\(whole),\(parts[1])" : "\(sign)\(whole)"
    }

    /// Parses what an official types: "1234", "1.234" (grouped), "12,5" or "12.5"; nil when it is not a number.
    public static func parse(_ text: String) -> Double? {
        var t = text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: " ", with: "")
        guard !t.isEmpty, t.count <= 40 else { return nil }
        if t.contains(",") {
            // Decimal comma: dots, if any, group thousands.
            t = t.replacingOccurrences(of: ".", with: "").replacingOccurrences(of: ",", with: ".")
        } else if t.range(of: #"^-?\d{1,3}(\.\d{3})+$"#, options: .regularExpression) != nil {
            t = t.replacingOccurrences(of: ".", with: "")
        }
        guard t.range(of: #"^[-+]?(\d+\.?\d*|\.\d+)$"#, options: .regularExpression) != nil, let value = Double(t), value.isFinite else { return nil }
        return value
    }
}
