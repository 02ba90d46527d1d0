import Foundation

/// The result of checking a report's values against its form.
public struct ReportCheck: Sendable, Equatable {
    /// Problems to show beside the fields; a report is submitted only when this is empty.
    public var issues: [FieldError]
    /// The values to store: what the official entered (kept as typed, even when wrong, so nothing is lost)
    /// plus the computed indicators.
    public var values: [String: JSONValue]
    /// Numeric values, computed ones included, for aggregation.
    public var numbers: [String: Double]

    public var isValid: Bool { issues.isEmpty }
}

extension ReportFormDefinition {
    public static let maxTextLength = 10_000

    /// Checks entered values. Keys the form does not have are refused (a client error); computed
    /// indicators are recalculated, never taken from input. `forSubmit` adds the required-field check.
    public func check(_ input: [String: JSONValue], forSubmit: Bool) throws(HaiCapError) -> ReportCheck {
        // A hundred indicators: look keys up in a table, not by a scan per key.
        let byKey = Dictionary(indicators.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        let unknown = input.keys.filter { byKey[$0] == nil }.sorted()
        if !unknown.isEmpty {
            throw .validation(unknown.map { FieldError(key: $0, message: "Biểu mẫu không có chỉ tiêu '\($0)'.") })
        }
        var issues: [FieldError] = []
        var values: [String: JSONValue] = [:]
        var numbers: [String: Double] = [:]

        for item in indicators where !item.isComputed {
            let raw = input[item.key] ?? .null
            let isBlank: Bool = switch raw {
            case .null: true
            case .string(let s): s.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
            default: false
            }
            if isBlank {
                if forSubmit, item.required { issues.append(.init(key: item.key, message: "Chưa nhập “\(item.label)” (bắt buộc).")) }
                continue
            }
            values[item.key] = raw
            switch Self.typed(raw, for: item) {
            case .failure(let problem):
                issues.append(.init(key: item.key, message: problem.text))
            case .success(let value):
                values[item.key] = value
                if case .number(let n) = value { numbers[item.key] = n }
                if case .bool(let b) = value { numbers[item.key] = b ? 1 : 0 }
                if let message = Self.boundsProblem(value, for: item) { issues.append(.init(key: item.key, message: message)) }
            }
        }

        // Computed indicators, in dependency order; a missing input leaves the result empty.
        var formulas: [String: ReportExpression] = [:]
        for item in indicators where item.isComputed {
            if let text = item.formula, let expression = ReportExpression.parsedOnce(text) { formulas[item.key] = expression }
        }
        let order = (try? ReportExpression.evaluationOrder(formulas)) ?? []
        for key in order {
            guard let expression = formulas[key], case .number(var n)? = expression.evaluate(numbers) else { continue }
            if byKey[key]?.type == .integer { n = n.rounded() }
            numbers[key] = n
            values[key] = .number(n)
            // Only bounds the form states: a computed share over 100% is the symptom of a rule the official sees anyway.
            if let item = byKey[key], item.min != nil || item.max != nil, let message = Self.boundsProblem(.number(n), for: item) {
                issues.append(.init(key: key, message: message))
            }
        }

        for rule in rules {
            guard let expression = ReportExpression.parsedOnce(rule.expression),
                  case .boolean(false)? = expression.evaluate(numbers)
            else { continue }
            // Shown beside the first field the rule names, in form order.
            let key = indicators.first { expression.identifiers.contains($0.key) }?.key ?? "rules"
            issues.append(.init(key: key, message: rule.message))
        }
        return ReportCheck(issues: issues, values: values, numbers: numbers)
    }

    /// The value in its stored type, or a message saying what to type.
    static func typed(_ raw: JSONValue, for item: Indicator) -> Result<JSONValue, Message> {
        let label = "“\(item.label)”"
        switch item.type {
        case .integer, .decimal, .percent:
            let number: Double?
            switch raw {
            case .number(let n): number = n
            case .string(let s): number = VietnameseNumber.parse(s)
            default: number = nil
            }
            guard let number, number.isFinite else { return .failure(Message("\(label) phải là một số.")) }
            if item.type == .integer, number != number.rounded() {
                return .failure(Message("\(label) phải là số nguyên (không có phần thập phân)."))
            }
            return .success(.number(number))
        case .boolean:
            switch raw {
            case .bool(let b): return .success(.bool(b))
            case .number(let n) where n == 0 || n == 1: return .success(.bool(n == 1))
            case .string(let s):
                switch s.trimmingCharacters(in: .whitespaces).lowercased() {
                case "có", "co", "true", "1", "yes": return .success(.bool(true))
                case "không", "khong", "false", "0", "no": return .success(.bool(false))
                default: break
                }
            default: break
            }
            return .failure(Message("\(label) chỉ nhận Có hoặc Không."))
        case .choice:
            guard case .string(let s) = raw else { return .failure(Message("\(label) phải là một trong các lựa chọn của biểu mẫu.")) }
            let choice = s.trimmingCharacters(in: .whitespaces)
            guard (item.choices ?? []).contains(choice) else {
                return .failure(Message("\(label): “\(choice)” không có trong danh sách lựa chọn (\((item.choices ?? []).joined(separator: "; ")))."))
            }
            return .success(.string(choice))
        case .date:
            guard case .string(let s) = raw else { return .failure(Message("\(label) phải là ngày dạng YYYY-MM-DD.")) }
            let text = s.trimmingCharacters(in: .whitespaces)
            if let day = CalendarDay(iso: text) { return .success(.string(day.description)) }
            if let day = CalendarDay(vietnamese: text) { return .success(.string(day.description)) }
            return .failure(Message("\(label): “\(text)” không phải ngày hợp lệ (nhập dạng 27/11/2026)."))
        case .text:
            let text: String
            switch raw {
            case .string(let s): text = s
            case .number(let n): text = VietnameseNumber.number(n)
            case .bool(let b): text = b ? "Có" : "Không"
            default: return .failure(Message("\(label) phải là văn bản."))
            }
            guard text.count <= Self.maxTextLength else {
                return .failure(Message("\(label) dài quá \(VietnameseNumber.integer(Self.maxTextLength)) ký tự."))
            }
            return .success(.string(text))
        }
    }

    static func boundsProblem(_ value: JSONValue, for item: Indicator) -> String? {
        guard case .number(let n) = value else { return nil }
        let low = item.min ?? (item.type == .percent ? 0 : nil)
        let high = item.max ?? (item.type == .percent ? 100 : nil)
        let unit = item.unit.map { $0 == "%" ? "%" : " \($0)" } ?? ""
        if let low, n < low { return "“\(item.label)” không được nhỏ hơn \(VietnameseNumber.number(low))\(unit)." }
        if let high, n > high { return "“\(item.label)” không được lớn hơn \(VietnameseNumber.number(high))\(unit)." }
        return nil
    }

    /// A Vietnamese message, wrapped so it can travel in a `Result`.
    struct Message: Error, Equatable {
        var text: String
        init(_ text: String) { self.text = text }
    }
}

extension CalendarDay {
    /// Parses `dd/MM/yyyy` (also `d/M/yyyy`).
    public init?(vietnamese text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[2].count == 4, let d = Int(parts[0]), let m = Int(parts[1]), let y = Int(parts[2]) else { return nil }
        self.init(year: y, month: m, day: d)
    }
}

extension ReportExpression {
    private final class ParseCache: @unchecked Sendable {
        let lock = NSLock()
        var entries: [String: ReportExpression?] = [:]
    }

    private static let parseCache = ParseCache()

    /// `parse(text)`, remembered: a form's formulas and rules are checked on every save and submission, and a
    /// form changes only by a new version (new texts). Nil for a text that does not parse.
    static func parsedOnce(_ text: String) -> ReportExpression? {
        if let hit = parseCache.lock.withLock({ parseCache.entries[text] }) { return hit }
        let parsed = try? parse(text)
        parseCache.lock.withLock {
            if parseCache.entries.count >= 1_024 { parseCache.entries.removeAll(keepingCapacity: true) }
            parseCache.entries[text] = .some(parsed)
        }
        return parsed
    }
}
