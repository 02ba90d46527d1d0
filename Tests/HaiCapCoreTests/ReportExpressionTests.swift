import HaiCapCore
import Testing

@Suite("Report expressions")
struct ReportExpressionTests {
    private func value(_ text: String, _ values: [String: Double] = [:]) throws -> ExpressionValue? {
        try ReportExpression.parse(text).evaluate(values)
    }

    private func parseError(_ text: String) -> ExpressionError? {
        do {
            _ = try ReportExpression.parse(text)
            return nil
        } catch {
            return error
        }
    }

    @Test("arithmetic follows the usual precedence and is left-associative", arguments: [
        ("10 - 4 - 3", 3.0),
        ("2 + 3 * 4", 14),
        ("(2 + 3) * 4", 20),
        ("100 / 10 / 2", 5),
        ("-2 * 3", -6),
        ("-(2 + 3)", -5),
        ("2 - -3", 5),
        ("--4", 4),
        ("12.5 * 2", 25),
        ("on_time / resolved * 100", 75),
        ("late + on_time", 40),
        ("6 × 2 − 1 – 1", 10),
        ("10 ÷ 4", 2.5),
    ])
    func arithmetic(text: String, expected: Double) throws {
        let values = ["on_time": 30.0, "late": 10, "resolved": 40]
        #expect(try value(text, values) == .number(expected))
    }

    @Test("functions", arguments: [
        ("min(3, 1, 2)", 1.0),
        ("max(3, 1, 2)", 3),
        ("min(7)", 7),
        ("abs(2 - 5)", 3),
        ("round(2.5)", 3),
        ("round(-2.5)", -3),
        ("round(2.675, 2)", 2.68),
        ("round(1.005, 2)", 1.01),
        ("round(1234.5, -2)", 1200),
        ("round(on_time / resolved * 100, 1)", 66.7),
        ("if(resolved > 0, on_time / resolved, 0)", 2.0 / 3),
        ("if(resolved == 0, 1, 2)", 2),
        ("MAX(1, 2) + Round(0.4)", 2),
    ] as [(String, Double)])
    func functions(text: String, expected: Double) throws {
        let result = try #require(try value(text, ["on_time": 2, "resolved": 3]))
        guard case .number(let number) = result else {
            Issue.record("\(text) gave \(result)")
            return
        }
        #expect(abs(number - expected) < 1e-12, "\(text) = \(number)")
    }

    @Test("comparisons and logic", arguments: [
        ("on_time <= resolved", true),
        ("on_time > resolved", false),
        ("late + on_time == resolved", true),
        ("late + on_time = resolved", true),
        ("late <> on_time", true),
        ("late ≠ on_time", true),
        ("late != 10", false),
        ("0.1 + 0.2 == 0.3", true),
        ("0.1 + 0.2 <= 0.3", true),
        ("0.1 + 0.2 > 0.3", false),
        ("received > 0 || online == 0", true),
        ("received > 0 and online > 0", false),
        ("received > 0 AND not online > 0", true),
        ("!(late > on_time) && Not (1 > 2)", true),
        ("late > 100 Or received >= 50", true),
        ("(1 < 2) == (3 < 4)", true),
        ("if(late > 5, late < on_time, false_key > 0)", true),
    ])
    func logic(text: String, expected: Bool) throws {
        let values = ["on_time": 30.0, "late": 10, "resolved": 40, "received": 50, "online": 0, "false_key": 0]
        #expect(try value(text, values) == .boolean(expected))
    }

    @Test("missing values, division by zero and type mismatches give nil", arguments: [
        ("on_time / resolved", ["on_time": 1.0]),
        ("on_time / resolved", ["on_time": 1, "resolved": 0]),
        ("on_time / (resolved - resolved)", ["on_time": 1, "resolved": 5]),
        ("min(a, b)", ["a": 1]),
        ("if(b > 0, 1, 2)", ["a": 1]),
        ("a > 0 && b > 0", ["a": 1]),
        ("a && b > 0", ["a": 1, "b": 1]),
        ("!a", ["a": 1]),
        ("-(a > 0)", ["a": 1]),
        ("a + (a > 0)", ["a": 1]),
        ("(a > 0) == a", ["a": 1]),
        ("a * a", ["a": 1e300]),
    ])
    func undefined(text: String, values: [String: Double]) throws {
        let expression = try ReportExpression.parse(text)
        #expect(expression.evaluate(values) == nil, "\(text)")
    }

    @Test("&& and || decide when one side is enough, even if the other is undefined")
    func threeValuedLogic() throws {
        #expect(try value("resolved == 0 || on_time / resolved >= 0.8", ["resolved": 0, "on_time": 0]) == .boolean(true))
        #expect(try value("on_time / resolved >= 0.8 || resolved == 0", ["resolved": 0, "on_time": 0]) == .boolean(true))
        #expect(try value("resolved > 0 && missing > 0", ["resolved": 0]) == .boolean(false))
        #expect(try value("resolved > 0 && missing > 0", ["resolved": 1]) == nil)
        #expect(try value("resolved > 0 || missing > 0", ["resolved": 0]) == nil)
    }

    @Test("the canonical text parses back to the same expression", arguments: [
        "10 - 4 - 3", "10 - (4 - 3)", "2 + 3 * 4", "(2 + 3) * 4", "a / (b * c)", "a / b * c",
        "-a * b", "-(a * b)", "-5 + a", "a - -5", "-(5)", "-(-a)", "!(a > b) && c == 0",
        "not a > b or c < d and e >= f", "(a || b > 0) && c > 0", "a || (b > 0 || c > 0)",
        "(a < b) == (c < d)", "a = b", "a <> b", "round(on_time / resolved * 100, 1)",
        "if(a > 0, min(a, b, 3), max(0.5, abs(c)))", "0.000001 * x", "123456789012345678901234 + 1.25",
        "MIN(a, b)", "a ≤ b", "a × b − c ÷ d",
    ])
    func roundTrip(text: String) throws {
        let parsed = try ReportExpression.parse(text)
        let again = try ReportExpression.parse(parsed.description)
        #expect(again == parsed, "\(text) → \(parsed.description)")
        #expect(again.description == parsed.description)
    }

    @Test("canonical spellings")
    func canonical() throws {
        #expect(try ReportExpression.parse("a   and not b>c OR  d <> 1").description == "a && !(b > c) || d != 1")
        #expect(try ReportExpression.parse("((a+b))*c").description == "(a + b) * c")
        #expect(try ReportExpression.parse("MIN( a ,b )").description == "min(a, b)")
        #expect(ReportExpression.number(1e20).description == "100000000000000000000")
        #expect(ReportExpression.number(1.5e-7).description == "0.00000015")
        #expect(ReportExpression.number(-2.5).description == "-2.5")
        #expect(ReportExpression.unary(.negate, .number(5)).description == "-(5)")
        #expect(try ReportExpression.parse("-5") == .number(-5))
    }

    @Test("identifiers lists the keys read, not functions or keywords")
    func identifiers() throws {
        let expression = try ReportExpression.parse("if(on_time > 0 and not late > 0, round(on_time / resolved, 2), min(x1, _y))")
        #expect(expression.identifiers == ["on_time", "late", "resolved", "x1", "_y"])
        #expect(try ReportExpression.parse("1 + 2").identifiers.isEmpty)
        // A function name without parentheses is an ordinary key.
        #expect(try ReportExpression.parse("min + 1").identifiers == ["min"])
    }

    @Test("computed indicators come after the ones they use")
    func evaluationOrderChain() throws {
        let formulas = try [
            "share": ReportExpression.parse("on_time / total * 100"),
            "total": ReportExpression.parse("on_time + late"),
            "late": ReportExpression.parse("resolved - on_time"),
            "label": ReportExpression.parse("round(share)"),
            "alone": ReportExpression.parse("received * 2"),
        ]
        let order = try ReportExpression.evaluationOrder(formulas)
        #expect(order == ["alone", "late", "total", "share", "label"])
        #expect(try ReportExpression.evaluationOrder([:]).isEmpty)
    }

    @Test("a cycle is refused with its path", arguments: [
        (["a": "b + 1", "b": "c * 2", "c": "a - 1", "d": "x"], "Công thức bị vòng lặp: a → b → c → a"),
        (["total": "total + 1"], "Công thức bị vòng lặp: total → total"),
        (["x": "y", "y": "z", "z": "y"], "Công thức bị vòng lặp: y → z → y"),
    ])
    func evaluationOrderCycle(formulas: [String: String], message: String) throws {
        var parsed: [String: ReportExpression] = [:]
        for (key, text) in formulas { parsed[key] = try ReportExpression.parse(text) }
        #expect(throws: ExpressionError(message, position: 0)) { try ReportExpression.evaluationOrder(parsed) }
    }

    @Test("syntax errors say what to fix and where", arguments: [
        ("", "Biểu thức trống.", 0),
        ("   ", "Biểu thức trống.", 0),
        ("(on_time + late * 2", "Thiếu dấu đóng ngoặc ')' ở vị trí 19.", 19),
        ("min(a, b", "Thiếu dấu đóng ngoặc ')' ở vị trí 8.", 8),
        ("a + b)", "Dấu đóng ngoặc ')' ở vị trí 5 không có dấu mở ngoặc tương ứng.", 5),
        ("ab #", "Ký tự không hợp lệ '#' ở vị trí 3.", 3),
        ("a & b", "Ký tự không hợp lệ '&' ở vị trí 2. Phép 'và' viết là '&&' hoặc 'and'.", 2),
        ("số > 0", "Ký tự không hợp lệ 'ố' ở vị trí 1. Tên chỉ tiêu chỉ gồm chữ cái không dấu (a–z, A–Z), chữ số và dấu gạch dưới '_'.", 1),
        ("sum(a, b)", "Hàm 'sum' không được hỗ trợ; dùng min, max, abs, round hoặc if.", 0),
        ("1 + 12,5", "Dấu phẩy ',' ở vị trí 6 chỉ dùng để ngăn cách tham số của hàm; số thập phân viết bằng dấu chấm, ví dụ 12.5.", 6),
        ("12. + 1", "Số không hợp lệ '12.' ở vị trí 0; sau dấu chấm cần có chữ số, ví dụ 12.5.", 0),
        ("2 * 1e5", "Số không hợp lệ '1e5' ở vị trí 4; chỉ viết chữ số và một dấu chấm thập phân, ví dụ 12.5.", 4),
        ("1.2.3", "Số không hợp lệ '1.2.3' ở vị trí 0; chỉ viết chữ số và một dấu chấm thập phân, ví dụ 12.5.", 0),
        ("a +", "Thiếu giá trị sau '+' ở vị trí 3.", 3),
        ("a + * b", "Thiếu giá trị trước '*' ở vị trí 4.", 4),
        ("()", "Thiếu giá trị trước ')' ở vị trí 1.", 1),
        ("min(a, )", "Thiếu giá trị trước ')' ở vị trí 7.", 7),
        ("a b", "Thiếu phép toán (+, -, *, /, so sánh, and, or) trước 'b' ở vị trí 2.", 2),
        ("and + 1", "Từ khóa 'and' ở vị trí 0 không dùng được ở đây; nó không thể là tên chỉ tiêu.", 0),
        ("a < b < c", "Không thể so sánh liên tiếp ở vị trí 6; hãy tách thành 'a < b && b < c'.", 6),
        ("0 <= x = 1", "Không thể so sánh liên tiếp ở vị trí 7; hãy tách thành '0 <= x && x = 1'.", 7),
        ("abs(a, b)", "Hàm 'abs' ở vị trí 0 cần đúng 1 tham số, nhưng có 2.", 0),
        ("1 + round()", "Hàm 'round' ở vị trí 4 cần 1 hoặc 2 tham số (giá trị, số chữ số thập phân), nhưng có 0.", 4),
        ("if(a > 0, 1)", "Hàm 'if' ở vị trí 0 cần đúng 3 tham số (điều kiện, giá trị khi đúng, giá trị khi sai), nhưng có 2.", 0),
        ("max()", "Hàm 'max' ở vị trí 0 cần ít nhất 1 tham số, nhưng có 0.", 0),
    ])
    func syntaxErrors(text: String, message: String, position: Int) {
        #expect(parseError(text) == ExpressionError(message, position: position))
    }

    @Test("length and nesting limits are errors, not crashes")
    func limits() throws {
        let long = String(repeating: "a + ", count: 600) + "a"
        #expect(parseError(long) == ExpressionError("Biểu thức quá dài; tối đa 2000 ký tự.", position: 2000))

        let deep = String(repeating: "(", count: 65) + "a" + String(repeating: ")", count: 65)
        #expect(parseError(deep) == ExpressionError("Biểu thức lồng nhau quá sâu ở vị trí 64; tối đa 64 cấp.", position: 64))
        let okay = String(repeating: "(", count: 64) + "a" + String(repeating: ")", count: 64)
        #expect(try ReportExpression.parse(okay) == .identifier("a"))
        #expect(parseError(String(repeating: "-", count: 1_000) + "a")?.position == 64)
        #expect(parseError(String(repeating: "not ", count: 400) + "a > 0")?.position == 256)
        #expect(parseError(String(repeating: "min(", count: 300) + "1")?.position == 256)

        // The longest flat chain allowed still parses, prints and evaluates.
        let chain = try ReportExpression.parse(String(repeating: "a + ", count: 499) + "a")
        #expect(chain.evaluate(["a": 1]) == .number(500))
        #expect(try ReportExpression.parse(chain.description) == chain)
    }

    @Test("keywords and function names ignore case; keys do not", arguments: [
        "a > 0 and b > 0", "a > 0 AND b > 0", "a > 0 And b > 0", "a > 0 && b > 0",
    ])
    func keywordCase(text: String) throws {
        #expect(try ReportExpression.parse(text) == .binary(.and, .binary(.greater, .identifier("a"), .number(0)),
                                                           .binary(.greater, .identifier("b"), .number(0))))
    }

    @Test("keys are case-sensitive")
    func keyCase() throws {
        #expect(try ReportExpression.parse("Received + received").identifiers == ["Received", "received"])
    }

    @Test("formulas must be numbers and rules conditions", arguments: [
        ("on_time / resolved * 100", true, false),
        ("if(a > 0, a, 0)", true, false),
        ("on_time <= resolved", false, true),
        ("received > 0 || online == 0", false, true),
        ("if(a > 0, b > 0, c > 0)", false, true),
        ("(a > 0) == (b > 0)", false, true),
        ("a && b", false, false),
        ("!a", false, false),
        ("a + (b > 0)", false, false),
        ("a == (b > 0)", false, false),
        ("if(a, 1, 2)", false, false),
        ("if(a > 0, 1, b > 0)", false, false),
        ("min(a > 0, 1)", false, false),
    ])
    func kinds(text: String, numeric: Bool, boolean: Bool) throws {
        let expression = try ReportExpression.parse(text)
        #expect(((try? expression.checkNumeric()) != nil) == numeric, "\(text)")
        #expect(((try? expression.checkBoolean()) != nil) == boolean, "\(text)")
    }

    @Test("type errors quote the offending part", arguments: [
        ("on_time <= resolved", ReportExpression.ValueKind.number,
         "Công thức phải cho ra một số, nhưng 'on_time <= resolved' là một điều kiện đúng/sai.", 0),
        ("a + b", .boolean, "Quy tắc phải là một điều kiện đúng/sai (ví dụ 'a <= b'), nhưng 'a + b' là một số.", 0),
        ("a > 0 and  b", .boolean, "'b' ở vị trí 11 là một số, nhưng phép 'and' cần một điều kiện đúng/sai.", 11),
        ("x * (a > 0)", .number, "'(a > 0)' ở vị trí 4 là một điều kiện đúng/sai, nhưng phép '*' cần một số.", 4),
        ("!a > b", .boolean,
         "'a' ở vị trí 1 là một số, nhưng phép '!' cần một điều kiện đúng/sai. Để phủ định cả phép so sánh, hãy viết '!(a > b)' hoặc 'not a > b'.", 1),
        ("if(a, 1, 2)", .number, "'a' ở vị trí 3 là một số, nhưng tham số thứ nhất của hàm 'if' cần một điều kiện đúng/sai.", 3),
        ("a = (b > 0)", .boolean,
         "Hai vế của '=' ở vị trí 2 phải cùng là số hoặc cùng là điều kiện, nhưng 'a' là một số còn '(b > 0)' là một điều kiện đúng/sai.", 2),
    ])
    func typeErrors(text: String, kind: ReportExpression.ValueKind, message: String, position: Int) {
        #expect(throws: ExpressionError(message, position: position)) { try ReportExpression.parse(text, expecting: kind) }
    }

    @Test("checks on a parsed expression point into its canonical text")
    func checkPositions() throws {
        let expression = try ReportExpression.parse("x   *   (a>0)")
        #expect(throws: ExpressionError("'(a > 0)' ở vị trí 4 là một điều kiện đúng/sai, nhưng phép '*' cần một số.", position: 4)) {
            try expression.checkNumeric()
        }
    }
}
