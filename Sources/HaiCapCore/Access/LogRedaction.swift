import Foundation

/// Masks what must never reach a log: the personal data `PIIMasker` finds (e-mails, phones, CCCD/CMND numbers)
/// plus secrets — passwords, API and CSRF tokens, bearer credentials, cookies, bcrypt hashes.
public enum LogRedaction {
    static let secretRules: [(pattern: String, template: String)] = [
        // key=value and "key": "value" pairs whose key names a secret (form bodies, query strings, JSON).
        (#"(?i)((?:password|passwd|mat[_-]?khau|token|secret|_csrf|csrf|authorization|cookie|api[_-]?key|session)[A-Za-z_]*"?\s*[=:]\s*"?)(?:Bearer\s+)?[^&\s",;}]+"#, "$1[ẩn]"),
        (#"(?i)Bearer\s+[A-Za-z0-9._~+/=\-]+"#, "Bearer [ẩn]"),
        // HaiCap API and CSRF tokens ("hc_" + base64url).
        (#"hc_[A-Za-z0-9_\-]{20,}"#, "[mã truy cập]"),
        (#"\$2[aby]?\$[0-9]{2}\$[./A-Za-z0-9]{53}"#, "[bcrypt]"),
        (#"(?i)(haicap_session|haicap_csrf)=[^;\s,&"]+"#, "$1=[ẩn]"),
    ]

    static let compiled: [(NSRegularExpression, String)] = secretRules.compactMap { rule in
        (try? NSRegularExpression(pattern: rule.pattern)).map { ($0, rule.template) }
    }

    /// The text with secrets and personal identifiers replaced by labels.
    public static func mask(_ text: String) -> String {
        var output = text
        for (regex, template) in compiled {
            output = regex.stringByReplacingMatches(in: output, range: NSRange(output.startIndex..., in: output), withTemplate: template)
        }
        return PIIMasker.mask(output)
    }

    /// A query string for the log: percent-decoded first (so `%40` and `%2B84` are recognised), then masked.
    public static func maskQuery(_ query: String) -> String {
        let decoded = query.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? query
        return mask(decoded)
    }
}
