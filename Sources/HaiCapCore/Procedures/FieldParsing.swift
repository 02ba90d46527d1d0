import Foundation
import VietnameseText

/// Reads the catalogue's free-text cells: time limits, fees, copies, citations, steps.
enum FieldParsing {
    /// "30 Ngày làm việc", "01 Giờ", "5 ngày", "Không quy định".
    static func timeLimit(_ raw: String?) -> TimeLimit? {
        guard let raw = raw?.trimmingCharacters(in: .whitespacesAndNewlines), !raw.isEmpty else { return nil }
        let folded = Vietnamese.fold(raw)
        let number = leadingNumber(folded)
        let unit: TimeLimit.Unit
        if folded.contains("ngay lam viec") { unit = .workingDays }
        else if folded.contains("gio") { unit = .hours }
        else if folded.contains("ngay") { unit = .days }
        else { unit = .text }
        return TimeLimit(value: unit == .text ? nil : number, unit: number == nil ? .text : unit, text: raw)
    }

    /// "Lệ phí : 0 Đồng", "Phí : 2.000.000 Đồng (…)", "Theo Nghị quyết của HĐND tỉnh", "".
    static func fee(_ raw: String?) -> Fee {
        guard let raw = raw?.trimmingCharacters(in: .whitespacesAndNewlines), !raw.isEmpty else { return .unknown }
        let folded = Vietnamese.fold(raw)
        if folded.contains("hdnd") || folded.contains("hoi dong nhan dan") {
            return Fee(status: .setByProvince, amount: nil, text: raw)
        }
        if folded.contains("chua ro") || folded.contains("khong co thong tin") { return Fee(status: .unknown, amount: nil, text: raw) }
        // The amount sits between the label's colon and the currency.
        var body = folded
        if let colon = body.firstIndex(of: ":") { body = String(body[body.index(after: colon)...]) }
        body = body.trimmingCharacters(in: .whitespaces)
        if body.hasPrefix("khong dong") || body.hasPrefix("mien") || body == "khong" || body.hasPrefix("0 dong") || body.hasPrefix("o dong") {
            return Fee(status: .known, amount: 0, text: raw)
        }
        if let dong = body.range(of: "dong") {
            let digits = body[..<dong.lowerBound].filter { $0.isNumber }
            let beforeCurrency = body[..<dong.lowerBound].trimmingCharacters(in: .whitespaces)
            if !digits.isEmpty, beforeCurrency.allSatisfy({ $0.isNumber || $0 == "." || $0 == " " }), let amount = Int(digits) {
                return Fee(status: .known, amount: amount, text: raw)
            }
        }
        if body.hasPrefix("dong") || body.isEmpty { return Fee(status: .unknown, amount: nil, text: raw) }
        // Stated, but not as a plain amount in đồng (a share of another fee, a sum in USD): keep the text.
        return Fee(status: .known, amount: nil, text: raw)
    }

    /// A number at the start of folded text ("07 ngay" → 7, "1,5 gio" → 1.5).
    static func leadingNumber(_ text: String) -> Double? {
        let prefix = text.trimmingCharacters(in: .whitespaces).prefix { $0.isNumber || $0 == "," || $0 == "." }
        // Hundreds of digits read as infinity, which no JSON encoder stores: not a number at all.
        guard !prefix.isEmpty, let value = Double(prefix.replacingOccurrences(of: ",", with: ".")), value.isFinite else { return nil }
        return value
    }

    /// "Bản chính: 1\nBản sao: 0" → (1, 0).
    static func copies(_ note: String?) -> (originals: Int?, copies: Int?) {
        guard let note else { return (nil, nil) }
        let folded = Vietnamese.fold(note)
        func count(after label: String) -> Int? {
            guard let range = folded.range(of: label) else { return nil }
            let rest = folded[range.upperBound...].drop { $0 == ":" || $0 == " " }
            return Int(rest.prefix { $0.isNumber })
        }
        return (count(after: "ban chinh"), count(after: "ban sao"))
    }

    /// "Quyết định số 12/2021/QĐ-TTg ngày …" → "12/2021/QĐ-TTg"; the first number/year/symbol in the text.
    static func citation(_ text: String) -> String? {
        let pattern = #"[0-9]+/[0-9]{4}/[A-ZĐa-zđ0-9\-]+|[0-9]+/[A-ZĐ0-9\-]+-[A-ZĐa-z0-9]+|[0-9]+/[0-9]{4}/QH[0-9]+"#
        guard let range = text.range(of: pattern, options: .regularExpression) else { return nil }
        return String(text[range]).trimmingCharacters(in: CharacterSet(charactersIn: ".,;-"))
    }

    /// Splits "Bước 1: … Bước 2: …" into steps; text without numbered steps becomes one step.
    static func steps(_ raw: String?) -> [String] {
        guard let raw = raw?.trimmingCharacters(in: .whitespacesAndNewlines), !raw.isEmpty else { return [] }
        let pattern = #"(?:^|\s)(?:Bước|bước|BƯỚC)\s*[0-9]+\s*[:.\-]"#
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return [raw] }
        let ns = raw as NSString
        let matches = regex.matches(in: raw, range: NSRange(location: 0, length: ns.length))
        guard matches.count > 1 else {
            return raw.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        var steps: [String] = []
        for (i, match) in matches.enumerated() {
            let start = match.range.location + match.range.length
            let end = i + 1 < matches.count ? matches[i + 1].range.location : ns.length
            let step = ns.substring(with: NSRange(location: start, length: end - start)).trimmingCharacters(in: .whitespacesAndNewlines)
            if !step.isEmpty { steps.append(step) }
        }
        return steps
    }

    /// A procedure code: `1.001193`, or a local code of letters, digits, dots and hyphens.
    static func isValidCode(_ code: String) -> Bool {
        !code.isEmpty && code.count <= 40 && code.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "." || $0 == "-" || $0 == "_") }
    }

    static func channelKind(_ raw: String) -> ChannelKind? {
        let folded = Vietnamese.fold(raw)
        if folded.contains("truc tuyen") || folded.contains("online") { return .online }
        if folded.contains("buu chinh") { return .postal }
        if folded.contains("truc tiep") { return .direct }
        return nil
    }

    static func onlineLevel(_ raw: String?) -> OnlineLevel? {
        guard let raw else { return nil }
        let folded = Vietnamese.fold(raw)
        if folded.contains("toan trinh") || folded == "full" { return .full }
        if folded.contains("mot phan") || folded == "partial" { return .partial }
        return nil
    }
}

extension Fee {
    /// Reads a fee as officials type it ("50.000 đồng", "Miễn lệ phí", "Theo Nghị quyết của HĐND tỉnh"); empty is unknown.
    public static func parse(_ text: String) -> Fee { FieldParsing.fee(text) }
}

extension TimeLimit {
    /// Reads a time limit as officials type it ("5 ngày làm việc", "Ngay trong ngày").
    public static func parse(_ text: String) -> TimeLimit? { FieldParsing.timeLimit(text) }
}
