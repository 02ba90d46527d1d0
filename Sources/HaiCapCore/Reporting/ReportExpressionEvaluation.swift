import Foundation

extension ReportExpression {
    /// The value for these indicator values; nil when a referenced value is missing, on division by zero, on a
    /// non-finite result, or on a type mismatch (a number where a boolean is needed…).
    ///
    /// `&&` and `||` are three-valued: `false && x` is false and `true || x` is true even when `x` is missing or
    /// divides by zero, so `resolved == 0 || on_time / resolved >= 0.8` works; `if` evaluates only the branch taken.
    public func evaluate(_ values: [String: Double]) -> ExpressionValue? {
        switch self {
        case .number(let value):
            return value.isFinite ? .number(value) : nil
        case .identifier(let key):
            guard let value = values[key], value.isFinite else { return nil }
            return .number(value)
        case .unary(.negate, let operand):
            return operand.number(values).map { .number(-$0) }
        case .unary(.not, let operand):
            return operand.boolean(values).map { .boolean(!$0) }
        case .binary(let op, let left, let right):
            return Self.apply(op, left, right, values)
        case .call(let function, let arguments):
            return Self.call(function, arguments, values)
        }
    }

    private func number(_ values: [String: Double]) -> Double? {
        if case .number(let value)? = evaluate(values) { return value }
        return nil
    }

    private func boolean(_ values: [String: Double]) -> Bool? {
        if case .boolean(let value)? = evaluate(values) { return value }
        return nil
    }

    private static func apply(
        _ op: BinaryOperator, _ left: ReportExpression, _ right: ReportExpression, _ values: [String: Double]
    ) -> ExpressionValue? {
        switch op {
        case .and, .or:
            // Both sides are evaluated so a number on either side is a mismatch whatever the other yields.
            let (l, r) = (left.evaluate(values), right.evaluate(values))
            if case .number? = l { return nil }
            if case .number? = r { return nil }
            let decisive = op == .or
            if l == .boolean(decisive) || r == .boolean(decisive) { return .boolean(decisive) }
            guard case .boolean? = l, case .boolean? = r else { return nil }
            return .boolean(!decisive)
        case .equal, .notEqual:
            let same: Bool
            switch (left.evaluate(values), right.evaluate(values)) {
            case (.number(let a)?, .number(let b)?): same = approximatelyEqual(a, b)
            case (.boolean(let a)?, .boolean(let b)?): same = a == b
            default: return nil
            }
            return .boolean(op == .equal ? same : !same)
        default:
            break
        }
        guard let a = left.number(values), let b = right.number(values) else { return nil }
        let result: Double
        switch op {
        case .add: result = a + b
        case .subtract: result = a - b
        case .multiply: result = a * b
        case .divide:
            guard b != 0 else { return nil }
            result = a / b
        case .less: return .boolean(a < b && !approximatelyEqual(a, b))
        case .lessOrEqual: return .boolean(a < b || approximatelyEqual(a, b))
        case .greater: return .boolean(a > b && !approximatelyEqual(a, b))
        case .greaterOrEqual: return .boolean(a > b || approximatelyEqual(a, b))
        case .equal, .notEqual, .and, .or: return nil
        }
        return result.isFinite ? .number(result) : nil
    }

    private static func call(_ function: Function, _ arguments: [ReportExpression], _ values: [String: Double]) -> ExpressionValue? {
        if function == .if {
            guard arguments.count == 3, let condition = arguments[0].boolean(values) else { return nil }
            return arguments[condition ? 1 : 2].evaluate(values)
        }
        var numbers: [Double] = []
        for argument in arguments {
            guard let value = argument.number(values) else { return nil }
            numbers.append(value)
        }
        switch (function, numbers.count) {
        case (.min, 1...): return numbers.min().map { .number($0) }
        case (.max, 1...): return numbers.max().map { .number($0) }
        case (.abs, 1): return .number(Swift.abs(numbers[0]))
        case (.round, 1): return .number(rounded(numbers[0], digits: 0))
        case (.round, 2):
            let digits = Int(Swift.max(-15, Swift.min(15, numbers[1].rounded())))
            let result = rounded(numbers[0], digits: digits)
            return result.isFinite ? .number(result) : nil
        default: return nil
        }
    }

    /// Equal within a relative 1e-9 (absolute near zero), so `0.1 + 0.2 == 0.3` and `late - on_time == 0` hold.
    static func approximatelyEqual(_ a: Double, _ b: Double) -> Bool {
        a == b || Swift.abs(a - b) <= 1e-9 * Swift.max(1, Swift.abs(a), Swift.abs(b))
    }

    /// Half away from zero, as Excel's ROUND does; a scaled value a few ulps from .5 counts as .5, so
    /// `round(2.675, 2)` is 2.68 although 2.675 is stored as 2.67499999….
    static func rounded(_ value: Double, digits: Int) -> Double {
        let scale = pow(10, Double(Swift.abs(digits)))
        let scaled = digits >= 0 ? value * scale : value / scale
        let whole = scaled.rounded(.towardZero)
        var result = scaled.rounded(.toNearestOrAwayFromZero)
        if Swift.abs(Swift.abs(scaled - whole) - 0.5) <= 16 * scaled.ulp {
            result = whole + (scaled < 0 ? -1 : 1)
        }
        return digits >= 0 ? result / scale : result * scale
    }
}

extension ReportExpression {
    /// Keys of `formulas` ordered so each comes after the computed indicators it reads (alphabetical among
    /// equals, so the order is stable); keys that are not formulas are inputs and ignored.
    /// Throws "Công thức bị vòng lặp: a → b → a" naming the first cycle found.
    public static func evaluationOrder(_ formulas: [String: ReportExpression]) throws(ExpressionError) -> [String] {
        let uses = formulas.mapValues { $0.identifiers.filter { formulas[$0] != nil }.sorted() }
        enum Mark { case visiting, done }
        var marks: [String: Mark] = [:]
        var order: [String] = []
        // Iterative depth-first search: a form may have hundreds of computed indicators in a chain.
        for root in formulas.keys.sorted() where marks[root] == nil {
            marks[root] = .visiting
            var path: [(key: String, next: Int)] = [(root, 0)]
            while let (key, next) = path.last {
                let dependencies = uses[key, default: []]
                guard next < dependencies.count else {
                    marks[key] = .done
                    order.append(key)
                    path.removeLast()
                    continue
                }
                path[path.count - 1].next += 1
                let dependency = dependencies[next]
                switch marks[dependency] {
                case nil:
                    marks[dependency] = .visiting
                    path.append((dependency, 0))
                case .visiting:
                    let keys = path.map(\.key)
                    let cycle = keys[(keys.lastIndex(of: dependency) ?? 0)...] + [dependency]
                    throw ExpressionError("Công thức bị vòng lặp: \(cycle.joined(separator: " → "))", position: 0)
                case .done:
                    continue
                }
            }
        }
        return order
    }
}
