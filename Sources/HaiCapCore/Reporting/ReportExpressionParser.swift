// Lexer and parser share this file (about 440 lines, over the usual ~300): the token kinds and the grammar
// are read together, and the brief keeps the expression language to three files.

extension ReportExpression {
    /// Parses a formula or rule; the result may still mix numbers and conditions (see `checkNumeric()`).
    public static func parse(_ text: String) throws(ExpressionError) -> ReportExpression {
        try parse(text, expecting: nil)
    }

    /// Parses and type-checks in one pass, so type errors point into `text` itself.
    public static func parse(_ text: String, expecting kind: ValueKind?) throws(ExpressionError) -> ReportExpression {
        // Only the first maxLength + 1 characters are ever looked at.
        let chars = Array(text.prefix(maxLength + 1))
        if chars.count > maxLength {
            throw ExpressionError("Biểu thức quá dài; tối đa \(maxLength) ký tự.", position: maxLength)
        }
        var parser = ExpressionParser(chars: chars, tokens: try ExpressionLexer.tokens(chars), typed: kind != nil)
        return try parser.parseAll(expecting: kind)
    }
}

/// Recursive descent, loosest first: `||`, `&&`, `not`, comparisons, `+ -`, `* /`, unary `- !`, atoms.
struct ExpressionParser {
    typealias Kind = ReportExpression.ValueKind

    /// A parsed sub-expression with its kind and character range, for type messages.
    struct Parsed {
        var expression: ReportExpression
        var kind: Kind
        var start: Int
        var end: Int
    }

    let chars: [Character]
    let tokens: [ExpressionToken]
    /// When false, kinds are still inferred but mismatches are left for `checkNumeric()`/`checkBoolean()`.
    let typed: Bool
    private var index = 0
    private var depth = 0

    init(chars: [Character], tokens: [ExpressionToken], typed: Bool) {
        self.chars = chars
        self.tokens = tokens
        self.typed = typed
    }

    private var peek: ExpressionToken { tokens[index] }

    private mutating func advance() -> ExpressionToken {
        defer { index = min(index + 1, tokens.count - 1) }
        return tokens[index]
    }

    private func peekSymbol(_ symbols: ExpressionToken.Symbol...) -> ExpressionToken.Symbol? {
        if case .symbol(let symbol) = peek.kind, symbols.contains(symbol) { return symbol }
        return nil
    }

    mutating func parseAll(expecting expected: Kind?) throws(ExpressionError) -> ReportExpression {
        if peek.kind == .end { throw ExpressionError("Biểu thức trống.", position: 0) }
        let result = try parseOr()
        if peek.kind != .end { throw unexpected(peek) }
        if let expected, result.kind != expected {
            let message = switch expected {
            case .number: "Công thức phải cho ra một số, nhưng '\(snippet(result))' là một điều kiện đúng/sai."
            case .boolean: "Quy tắc phải là một điều kiện đúng/sai (ví dụ 'a <= b'), nhưng '\(snippet(result))' là một số."
            }
            throw ExpressionError(message, position: result.start)
        }
        return result.expression
    }

    // MARK: Levels

    private mutating func parseOr() throws(ExpressionError) -> Parsed {
        var left = try parseAnd()
        while peekSymbol(.or) != nil {
            let op = advance()
            left = try combine(.or, op, left, try parseAnd())
        }
        return left
    }

    private mutating func parseAnd() throws(ExpressionError) -> Parsed {
        var left = try parseNot()
        while peekSymbol(.and) != nil {
            let op = advance()
            left = try combine(.and, op, left, try parseNot())
        }
        return left
    }

    private mutating func parseNot() throws(ExpressionError) -> Parsed {
        guard peekSymbol(.notWord) != nil else { return try parseComparison() }
        let op = advance()
        try enter(op)
        defer { depth -= 1 }
        let operand = try parseNot()
        try require(operand, .boolean, for: "phép '\(op.text)'")
        return Parsed(expression: .unary(.not, operand.expression), kind: .boolean, start: op.start, end: operand.end)
    }

    private mutating func parseComparison() throws(ExpressionError) -> Parsed {
        let left = try parseAdditive()
        guard let symbol = peekSymbol(.less, .lessOrEqual, .greater, .greaterOrEqual, .equal, .notEqual),
              let binary = symbol.binary
        else { return left }
        let op = advance()
        let right = try parseAdditive()
        if peekSymbol(.less, .lessOrEqual, .greater, .greaterOrEqual, .equal, .notEqual) != nil {
            let second = advance()
            let third = (try? parseAdditive()).map(snippet) ?? "…"
            let middle = snippet(right)
            throw ExpressionError(
                "Không thể so sánh liên tiếp ở vị trí \(second.start); hãy tách thành "
                    + "'\(snippet(left)) \(op.text) \(middle) && \(middle) \(second.text) \(third)'.",
                position: second.start)
        }
        return try combine(binary, op, left, right)
    }

    private mutating func parseAdditive() throws(ExpressionError) -> Parsed {
        var left = try parseMultiplicative()
        while let symbol = peekSymbol(.plus, .minus), let binary = symbol.binary {
            let op = advance()
            left = try combine(binary, op, left, try parseMultiplicative())
        }
        return left
    }

    private mutating func parseMultiplicative() throws(ExpressionError) -> Parsed {
        var left = try parseUnary()
        while let symbol = peekSymbol(.times, .divide), let binary = symbol.binary {
            let op = advance()
            left = try combine(binary, op, left, try parseUnary())
        }
        return left
    }

    private mutating func parseUnary() throws(ExpressionError) -> Parsed {
        guard let symbol = peekSymbol(.minus, .bang) else { return try parsePrimary() }
        let op = advance()
        // `-5` is the literal -5, so the canonical text of a negative number parses back to itself.
        if symbol == .minus, case .number(let value) = peek.kind {
            let literal = advance()
            return Parsed(expression: .number(-value), kind: .number, start: op.start, end: literal.end)
        }
        try enter(op)
        defer { depth -= 1 }
        let operand = try parseUnary()
        if symbol == .minus {
            try require(operand, .number, for: "dấu '-'")
            return Parsed(expression: .unary(.negate, operand.expression), kind: .number, start: op.start, end: operand.end)
        }
        try require(operand, .boolean, for: "phép '!'", hint: " Để phủ định cả phép so sánh, hãy viết '!(a > b)' hoặc 'not a > b'.")
        return Parsed(expression: .unary(.not, operand.expression), kind: .boolean, start: op.start, end: operand.end)
    }

    private mutating func parsePrimary() throws(ExpressionError) -> Parsed {
        let token = peek
        switch token.kind {
        case .number(let value):
            _ = advance()
            return Parsed(expression: .number(value), kind: .number, start: token.start, end: token.end)
        case .identifier(let name):
            _ = advance()
            if peekSymbol(.open) != nil { return try parseCall(name: token) }
            return Parsed(expression: .identifier(name), kind: .number, start: token.start, end: token.end)
        case .symbol(.open):
            _ = advance()
            try enter(token)
            defer { depth -= 1 }
            let inner = try parseOr()
            let close = try expectClose()
            return Parsed(expression: inner.expression, kind: inner.kind, start: token.start, end: close.end)
        default:
            throw missingValue(token)
        }
    }

    private mutating func parseCall(name: ExpressionToken) throws(ExpressionError) -> Parsed {
        guard let function = ReportExpression.Function(rawValue: name.text.lowercased()) else {
            throw ExpressionError("Hàm '\(name.text)' không được hỗ trợ; dùng min, max, abs, round hoặc if.", position: name.start)
        }
        _ = advance()
        try enter(name)
        defer { depth -= 1 }
        var arguments: [Parsed] = []
        if peekSymbol(.close) == nil {
            arguments.append(try parseOr())
            while peekSymbol(.comma) != nil {
                _ = advance()
                arguments.append(try parseOr())
            }
        }
        let close = try expectClose()
        let kind = try checkCall(function, name: name, arguments)
        return Parsed(expression: .call(function, arguments.map(\.expression)), kind: kind, start: name.start, end: close.end)
    }

    private mutating func expectClose() throws(ExpressionError) -> ExpressionToken {
        if peekSymbol(.close) != nil { return advance() }
        if peek.kind == .end { throw ExpressionError("Thiếu dấu đóng ngoặc ')' ở vị trí \(peek.start).", position: peek.start) }
        throw unexpected(peek)
    }

    private mutating func enter(_ token: ExpressionToken) throws(ExpressionError) {
        depth += 1
        if depth > ReportExpression.maxDepth {
            throw ExpressionError(
                "Biểu thức lồng nhau quá sâu ở vị trí \(token.start); tối đa \(ReportExpression.maxDepth) cấp.",
                position: token.start)
        }
    }
}

// MARK: - Types and messages

extension ExpressionParser {
    private func combine(
        _ op: ReportExpression.BinaryOperator, _ token: ExpressionToken, _ left: Parsed, _ right: Parsed
    ) throws(ExpressionError) -> Parsed {
        let kind: Kind
        switch op {
        case .add, .subtract, .multiply, .divide:
            try require(left, .number, for: "phép '\(token.text)'")
            try require(right, .number, for: "phép '\(token.text)'")
            kind = .number
        case .less, .lessOrEqual, .greater, .greaterOrEqual:
            try require(left, .number, for: "phép so sánh '\(token.text)'")
            try require(right, .number, for: "phép so sánh '\(token.text)'")
            kind = .boolean
        case .equal, .notEqual:
            if typed, left.kind != right.kind {
                throw ExpressionError(
                    "Hai vế của '\(token.text)' ở vị trí \(token.start) phải cùng là số hoặc cùng là điều kiện, "
                        + "nhưng '\(snippet(left))' là \(left.kind.phrase) còn '\(snippet(right))' là \(right.kind.phrase).",
                    position: token.start)
            }
            kind = .boolean
        case .and, .or:
            try require(left, .boolean, for: "phép '\(token.text)'")
            try require(right, .boolean, for: "phép '\(token.text)'")
            kind = .boolean
        }
        return Parsed(expression: .binary(op, left.expression, right.expression), kind: kind, start: left.start, end: right.end)
    }

    private func checkCall(
        _ function: ReportExpression.Function, name: ExpressionToken, _ arguments: [Parsed]
    ) throws(ExpressionError) -> Kind {
        let count = arguments.count
        let expected: String? = switch function {
        case .min, .max: count >= 1 ? nil : "ít nhất 1 tham số"
        case .abs: count == 1 ? nil : "đúng 1 tham số"
        case .round: (1...2).contains(count) ? nil : "1 hoặc 2 tham số (giá trị, số chữ số thập phân)"
        case .if: count == 3 ? nil : "đúng 3 tham số (điều kiện, giá trị khi đúng, giá trị khi sai)"
        }
        if let expected {
            throw ExpressionError("Hàm '\(name.text)' ở vị trí \(name.start) cần \(expected), nhưng có \(count).", position: name.start)
        }
        guard function == .if else {
            for (i, argument) in arguments.enumerated() {
                try require(argument, .number, for: "tham số thứ \(i + 1) của hàm '\(name.text)'")
            }
            return .number
        }
        try require(arguments[0], .boolean, for: "tham số thứ nhất của hàm '\(name.text)'")
        let (yes, no) = (arguments[1], arguments[2])
        if typed, yes.kind != no.kind {
            throw ExpressionError(
                "Hai giá trị của hàm '\(name.text)' ở vị trí \(name.start) phải cùng loại, "
                    + "nhưng '\(snippet(yes))' là \(yes.kind.phrase) còn '\(snippet(no))' là \(no.kind.phrase).",
                position: no.start)
        }
        return yes.kind
    }

    private func require(_ operand: Parsed, _ kind: Kind, for context: String, hint: String = "") throws(ExpressionError) {
        guard typed, operand.kind != kind else { return }
        throw ExpressionError(
            "'\(snippet(operand))' ở vị trí \(operand.start) là \(operand.kind.phrase), nhưng \(context) cần \(kind.phrase).\(hint)",
            position: operand.start)
    }

    /// A token that cannot follow a complete value.
    private func unexpected(_ token: ExpressionToken) -> ExpressionError {
        switch token.kind {
        case .symbol(.close):
            ExpressionError("Dấu đóng ngoặc ')' ở vị trí \(token.start) không có dấu mở ngoặc tương ứng.", position: token.start)
        case .symbol(.comma):
            ExpressionError(
                "Dấu phẩy ',' ở vị trí \(token.start) chỉ dùng để ngăn cách tham số của hàm; số thập phân viết bằng dấu chấm, ví dụ 12.5.",
                position: token.start)
        default:
            ExpressionError("Thiếu phép toán (+, -, *, /, so sánh, and, or) trước '\(token.text)' ở vị trí \(token.start).", position: token.start)
        }
    }

    /// A token where a number, key, call or parenthesis should start.
    private func missingValue(_ token: ExpressionToken) -> ExpressionError {
        if token.kind == .end {
            let previous = index > 0 ? tokens[index - 1].text : ""
            return ExpressionError("Thiếu giá trị sau '\(previous)' ở vị trí \(token.start).", position: token.start)
        }
        if token.text.first?.isLetter == true {
            return ExpressionError(
                "Từ khóa '\(token.text)' ở vị trí \(token.start) không dùng được ở đây; nó không thể là tên chỉ tiêu.",
                position: token.start)
        }
        return ExpressionError("Thiếu giá trị trước '\(token.text)' ở vị trí \(token.start).", position: token.start)
    }

    /// The source text of a sub-expression, shortened for messages.
    private func snippet(_ parsed: Parsed) -> String {
        let text = String(chars[parsed.start..<parsed.end])
        return text.count > 40 ? text.prefix(39) + "…" : text
    }
}

// MARK: - Lexer

/// One token of a formula, with its character range in the text.
struct ExpressionToken {
    enum Kind: Equatable {
        case number(Double)
        case identifier(String)
        case symbol(Symbol)
        case end
    }

    enum Symbol: Equatable {
        case plus, minus, times, divide
        case less, lessOrEqual, greater, greaterOrEqual, equal, notEqual
        case and, or
        /// `!`, which binds like unary minus.
        case bang
        /// The word `not`, which binds looser than comparisons (`not a > b` is `!(a > b)`).
        case notWord
        case open, close, comma

        var binary: ReportExpression.BinaryOperator? {
            switch self {
            case .plus: .add
            case .minus: .subtract
            case .times: .multiply
            case .divide: .divide
            case .less: .less
            case .lessOrEqual: .lessOrEqual
            case .greater: .greater
            case .greaterOrEqual: .greaterOrEqual
            case .equal: .equal
            case .notEqual: .notEqual
            case .and: .and
            case .or: .or
            case .bang, .notWord, .open, .close, .comma: nil
            }
        }
    }

    var kind: Kind
    var start: Int
    var end: Int
    /// As the official typed it (`and`, `=`, `<>`), for messages.
    var text: String
}

enum ExpressionLexer {
    private static let twoCharacter: [String: ExpressionToken.Symbol] = [
        "<=": .lessOrEqual, ">=": .greaterOrEqual, "==": .equal, "!=": .notEqual, "<>": .notEqual,
        "&&": .and, "||": .or,
    ]
    // `=`, `<>`, `≤ ≥ ≠ × ÷`, the dashes Word substitutes for `-` and the words are what officials write;
    // they mean the same as the C spellings.
    private static let oneCharacter: [Character: ExpressionToken.Symbol] = [
        "+": .plus, "-": .minus, "*": .times, "/": .divide, "<": .less, ">": .greater, "=": .equal,
        "≤": .lessOrEqual, "≥": .greaterOrEqual, "≠": .notEqual,
        "−": .minus, "–": .minus, "×": .times, "÷": .divide,
        "!": .bang, "(": .open, ")": .close, ",": .comma,
    ]
    private static let words: [String: ExpressionToken.Symbol] = ["and": .and, "or": .or, "not": .notWord]

    static func tokens(_ chars: [Character]) throws(ExpressionError) -> [ExpressionToken] {
        var tokens: [ExpressionToken] = []
        var i = 0
        func text(_ range: Range<Int>) -> String { String(chars[range]) }
        while i < chars.count {
            let c = chars[i]
            let start = i
            if c.isWhitespace {
                i += 1
            } else if isDigit(c) {
                while i < chars.count, isDigit(chars[i]) { i += 1 }
                if i < chars.count, chars[i] == "." {
                    i += 1
                    let fraction = i
                    while i < chars.count, isDigit(chars[i]) { i += 1 }
                    if i == fraction {
                        throw ExpressionError("Số không hợp lệ '\(text(start..<i))' ở vị trí \(start); sau dấu chấm cần có chữ số, ví dụ 12.5.", position: start)
                    }
                }
                if i < chars.count, isWordCharacter(chars[i]) || chars[i] == "." {
                    while i < chars.count, isWordCharacter(chars[i]) || chars[i] == "." { i += 1 }
                    throw ExpressionError("Số không hợp lệ '\(text(start..<i))' ở vị trí \(start); chỉ viết chữ số và một dấu chấm thập phân, ví dụ 12.5.", position: start)
                }
                guard let value = Double(text(start..<i)), value.isFinite else {
                    throw ExpressionError("Số '\(text(start..<i))' ở vị trí \(start) quá lớn.", position: start)
                }
                tokens.append(.init(kind: .number(value), start: start, end: i, text: text(start..<i)))
            } else if isWordStart(c) {
                while i < chars.count, isWordCharacter(chars[i]) { i += 1 }
                let word = text(start..<i)
                let kind: ExpressionToken.Kind = words[word.lowercased()].map { .symbol($0) } ?? .identifier(word)
                tokens.append(.init(kind: kind, start: start, end: i, text: word))
            } else if i + 1 < chars.count, let symbol = twoCharacter[text(i..<i + 2)] {
                i += 2
                tokens.append(.init(kind: .symbol(symbol), start: start, end: i, text: text(start..<i)))
            } else if let symbol = oneCharacter[c] {
                i += 1
                tokens.append(.init(kind: .symbol(symbol), start: start, end: i, text: String(c)))
            } else {
                throw invalidCharacter(chars, at: i)
            }
        }
        tokens.append(.init(kind: .end, start: chars.count, end: chars.count, text: ""))
        return tokens
    }

    private static func invalidCharacter(_ chars: [Character], at i: Int) -> ExpressionError {
        let c = chars[i]
        var message = "Ký tự không hợp lệ '\(c)' ở vị trí \(i)."
        switch c {
        case "&": message += " Phép 'và' viết là '&&' hoặc 'and'."
        case "|": message += " Phép 'hoặc' viết là '||' hoặc 'or'."
        case ".": message += " Số thập phân cần chữ số trước dấu chấm, ví dụ 0.5."
        case _ where c.isLetter:
            message += " Tên chỉ tiêu chỉ gồm chữ cái không dấu (a–z, A–Z), chữ số và dấu gạch dưới '_'."
        default: break
        }
        return ExpressionError(message, position: i)
    }

    static func isDigit(_ c: Character) -> Bool { c.isASCII && c.isNumber }
    static func isWordStart(_ c: Character) -> Bool { c == "_" || (c.isASCII && c.isLetter) }
    static func isWordCharacter(_ c: Character) -> Bool { isWordStart(c) || isDigit(c) }
}
