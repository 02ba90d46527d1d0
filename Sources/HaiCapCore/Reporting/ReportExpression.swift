import Foundation

/// A formula or rule over a report form's indicators: `on_time / resolved * 100`, `late + on_time == resolved`.
///
/// Parse with `parse(_:)`, type-check with `checkNumeric()` / `checkBoolean()` (or `parse(_:expecting:)`, whose
/// error positions point into the official's own text), evaluate with `evaluate(_:)`.
public indirect enum ReportExpression: Sendable, Equatable {
    case number(Double)
    /// An indicator key such as `received`.
    case identifier(String)
    case unary(UnaryOperator, ReportExpression)
    case binary(BinaryOperator, ReportExpression, ReportExpression)
    case call(Function, [ReportExpression])

    /// `-x` and `!x` (`not x` parses to `!x`).
    public enum UnaryOperator: String, Sendable, Equatable {
        case negate = "-"
        case not = "!"
    }

    /// Binary operators, spelled as `description` writes them.
    public enum BinaryOperator: String, Sendable, Equatable, CaseIterable {
        case add = "+", subtract = "-", multiply = "*", divide = "/"
        case less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
        case equal = "==", notEqual = "!="
        case and = "&&", or = "||"

        /// Higher binds tighter; `not` sits at 3 and unary operators at 7.
        var precedence: Int {
            switch self {
            case .or: 1
            case .and: 2
            case .less, .lessOrEqual, .greater, .greaterOrEqual, .equal, .notEqual: 4
            case .add, .subtract: 5
            case .multiply, .divide: 6
            }
        }

        var isComparison: Bool { precedence == 4 }
    }

    /// The functions a formula may call; names are matched case-insensitively.
    public enum Function: String, Sendable, Equatable, CaseIterable {
        case min, max, abs, round
        case `if`
    }

    /// What an expression yields: formulas must be numbers, rules booleans.
    public enum ValueKind: Sendable, Equatable {
        case number, boolean

        /// "một số" / "một điều kiện đúng/sai", for messages.
        var phrase: String {
            switch self {
            case .number: "một số"
            case .boolean: "một điều kiện đúng/sai"
            }
        }
    }
}

/// Why a formula or rule cannot be used, in Vietnamese, with the 0-based character offset it refers to.
public struct ExpressionError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var position: Int

    public init(_ message: String, position: Int) {
        self.message = message
        self.position = position
    }

    public var description: String { message }
}

/// The result of evaluating an expression.
public enum ExpressionValue: Sendable, Equatable {
    case number(Double)
    case boolean(Bool)
}

extension ReportExpression {
    /// Longest accepted text, in characters.
    public static let maxLength = 2_000
    /// Deepest accepted nesting of parentheses, function calls and unary operators.
    public static let maxDepth = 64

    /// Indicator keys the expression reads.
    public var identifiers: Set<String> {
        var keys: Set<String> = []
        collectIdentifiers(into: &keys)
        return keys
    }

    private func collectIdentifiers(into keys: inout Set<String>) {
        switch self {
        case .number: break
        case .identifier(let key): keys.insert(key)
        case .unary(_, let operand): operand.collectIdentifiers(into: &keys)
        case .binary(_, let left, let right):
            left.collectIdentifiers(into: &keys)
            right.collectIdentifiers(into: &keys)
        case .call(_, let arguments):
            for argument in arguments { argument.collectIdentifiers(into: &keys) }
        }
    }

    /// Throws unless the expression is well typed and yields a number (what a computed indicator needs).
    ///
    /// Positions refer to `description`; use `parse(_:expecting:)` for positions in the original text.
    public func checkNumeric() throws(ExpressionError) {
        _ = try Self.parse(description, expecting: .number)
    }

    /// Throws unless the expression is well typed and yields true/false (what a form rule needs).
    ///
    /// Positions refer to `description`; use `parse(_:expecting:)` for positions in the original text.
    public func checkBoolean() throws(ExpressionError) {
        _ = try Self.parse(description, expecting: .boolean)
    }
}

// MARK: - Canonical text

extension ReportExpression: CustomStringConvertible {
    /// Canonical text: `&&`, `||`, `!`, `==`, `!=`, lower-case function names, the fewest parentheses that
    /// keep the tree; `parse(description)` gives back an equal expression.
    public var description: String {
        var text = ""
        write(to: &text)
        return text
    }

    /// Atoms 8, unary operators and negative literals 7, binary operators their own.
    private var precedence: Int {
        switch self {
        case .number(let value): value.sign == .minus && value != 0 ? 7 : 8
        case .identifier, .call: 8
        case .unary: 7
        case .binary(let op, _, _): op.precedence
        }
    }

    private func write(to text: inout String) {
        switch self {
        case .number(let value):
            text += Self.decimalText(value)
        case .identifier(let key):
            text += key
        case .unary(let op, let operand):
            text += op.rawValue
            // `-(5)` stays a negation of a literal: `-5` would parse back as the literal -5.
            switch operand {
            case .identifier, .call: operand.write(to: &text)
            default: operand.write(parenthesized: true, to: &text)
            }
        case .binary(let op, let left, let right):
            // Comparisons do not chain, so a comparison under a comparison always gets parentheses.
            left.write(parenthesized: left.precedence < op.precedence || (op.isComparison && left.precedence == 4), to: &text)
            text += " \(op.rawValue) "
            right.write(parenthesized: right.precedence <= op.precedence, to: &text)
        case .call(let function, let arguments):
            text += function.rawValue + "("
            for (i, argument) in arguments.enumerated() {
                if i > 0 { text += ", " }
                argument.write(to: &text)
            }
            text += ")"
        }
    }

    private func write(parenthesized: Bool, to text: inout String) {
        if parenthesized { text += "(" }
        write(to: &text)
        if parenthesized { text += ")" }
    }

    /// Plain decimal notation (`0.0000015`, `100000000000000000000`), never an exponent the grammar lacks.
    static func decimalText(_ value: Double) -> String {
        guard value.isFinite else { return "\(value)" }
        if value.sign == .minus, value != 0 { return "-" + decimalText(-value) }
        if value == value.rounded(), value < 1e15 { return String(Int64(value)) }
        let shortest = "\(value)"
        guard let e = shortest.firstIndex(where: { $0 == "e" || $0 == "E" }),
              let exponent = Int(shortest[shortest.index(after: e)...])
        else { return shortest }
        let mantissa = shortest[..<e]
        let point = mantissa.firstIndex(of: ".") ?? mantissa.endIndex
        var digits = String(mantissa[..<point]) + String(mantissa[point...].dropFirst())
        var pointAt = mantissa.distance(from: mantissa.startIndex, to: point) + exponent
        if pointAt <= 0 {
            digits = String(repeating: "0", count: 1 - pointAt) + digits
            pointAt = 1
        }
        if pointAt >= digits.count {
            return digits + String(repeating: "0", count: pointAt - digits.count)
        }
        var fraction = String(digits.dropFirst(pointAt))
        while fraction.hasSuffix("0") { fraction.removeLast() }
        let whole = String(digits.prefix(pointAt))
        return fraction.isEmpty ? whole : whole + "." + fraction
    }
}
