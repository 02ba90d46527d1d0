import Foundation

/// Masks personal data in questions before they are logged: e-mail addresses, phone numbers,
/// citizen ID (CCCD, 12 digits) and old ID card (CMND, 9 digits) numbers.
public enum PIIMasker {
    static let rules: [(pattern: String, replacement: String)] = [
        // The look-behind starts a match only where a run of address characters starts: without it every position
        // inside a long run without "@" is tried again, quadratic in the run (7 s for 32,000 letters).
        (#"(?<![A-Za-z0-9._%+\-])[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}"#, "[email]"),
        // +84 or 0, then 9–10 digits, optionally grouped by spaces, dots or hyphens.
        (#"(?<![0-9])(?:\+84|0084|0)(?:[ .\-]?[0-9]){9,10}(?![0-9])"#, "[số điện thoại]"),
        (#"(?<![0-9.,/])[0-9]{12}(?![0-9])"#, "[số CCCD]"),
        (#"(?<![0-9.,/])[0-9]{9}(?![0-9])"#, "[số CMND]"),
    ]

    static let compiled: [(NSRegularExpression, String)] = rules.compactMap { rule in
        (try? NSRegularExpression(pattern: rule.pattern)).map { ($0, rule.replacement) }
    }

    /// The text with every recognised identifier replaced by a label.
    public static func mask(_ text: String) -> String {
        // Every rule needs an "@" or a digit: most questions have neither and skip the four regular expressions.
        guard text.utf8.contains(where: { $0 == UInt8(ascii: "@") || (0x30...0x39).contains($0) }) else { return text }
        var output = text
        for (regex, replacement) in compiled {
            let range = NSRange(output.startIndex..., in: output)
            output = regex.stringByReplacingMatches(in: output, range: range, withTemplate: NSRegularExpression.escapedTemplate(for: replacement))
        }
        return output
    }
}
