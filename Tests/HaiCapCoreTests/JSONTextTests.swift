import Foundation
import HaiCapCore
import Testing

@Suite("JSONText: the store's writer and reader of report values")
struct JSONTextTests {
    static let samples: [String] = [
        #"{}"#,
        #"{"a":1,"b":-2.5,"c":"xã Hòa An","d":true,"e":false,"f":null}"#,
        #"{"nested":{"list":[1,2,[3,{"x":"y"}]],"empty":[]},"z":0}"#,
        #"{"escapes":"quote \" backslash \\ slash / tab \t newline \n cr \r \u0001 \u00e9 \ud83d\ude00"}"#,
        #"{"big":1e300,"small":1.5e-7,"neg":-0.0001,"int":9007199254740991,"frac":0.1}"#,
        "  {\n\t\"spaced\" : [ 1 , 2 ] }  ",
    ]

    @Test("reads what JSONDecoder reads, to the same values", arguments: samples)
    func readsLikeJSONDecoder(text: String) throws {
        let expected = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        #expect(JSONText.decode(text) == expected)
    }

    @Test("writes text that reads back to the same values, keys sorted", arguments: samples)
    func roundTrip(text: String) throws {
        let object = try #require(JSONText.decodeObject(text))
        let written = try #require(JSONText.encode(object))
        #expect(JSONText.decodeObject(written) == object)
        #expect(try JSONDecoder().decode([String: JSONValue].self, from: Data(written.utf8)) == object)
    }

    @Test("writes whole numbers without a fraction, sorted keys, unescaped slashes")
    func format() {
        #expect(JSONText.encode(["b": .number(12), "a": .number(0.5), "c": .string("a/b")]) == #"{"a":0.5,"b":12,"c":"a/b"}"#)
        #expect(JSONText.encode(["x": .string("\u{1F}")]) == #"{"x":"\u001f"}"#)
        #expect(JSONText.encode(["n": .number(.infinity)]) == nil)
        #expect(JSONText.encode(["n": .number(-3)]) == #"{"n":-3}"#)
    }

    @Test("the writer puts commas between members and items at every depth, and escapes strings")
    func writer() throws {
        var json = JSONText.Writer()
        json.beginObject()
        json.key("items")
        json.beginArray()
        for (code, verified) in [("1.001", true), ("HC \"2\"\n", false)] {
            json.beginObject()
            json.member("code", code)
            json.member("verified", verified)
            json.key("empty")
            json.beginArray()
            json.endArray()
            json.endObject()
        }
        json.int(7)
        json.null()
        json.endArray()
        json.member("total", 2)
        json.member("name", "xã Hòa An / Đắk Lắk")
        json.endObject()
        #expect(json.text == #"{"items":[{"code":"1.001","verified":true,"empty":[]},{"code":"HC \"2\"\n","verified":false,"empty":[]},7,null],"total":2,"name":"xã Hòa An / Đắk Lắk"}"#)
        let read = try #require(JSONText.decodeObject(json.text))
        #expect(read["total"] == .number(2))
        var empty = JSONText.Writer()
        empty.beginObject()
        empty.endObject()
        #expect(empty.text == "{}")
        var escapes = JSONText.Writer()
        escapes.string("a\u{1}b\tc\r\\d\u{1F}é\"")
        #expect(escapes.text == #""a\u0001b\tc\r\\d\u001fé\"""#)
        #expect(JSONText.decode(escapes.text) == .string("a\u{1}b\tc\r\\d\u{1F}é\""))
    }

    @Test("an assistant reply written by the writer reads back as JSONEncoder writes it", arguments: [
        AssistantReply(kind: .notFound, intent: .overview, answer: "Chưa có thủ tục này."),
        {
            var reply = AssistantReply(
                conversation: "c-1", kind: .answer, intent: .timeLimit, procedure: .init(code: "HC.HT.001", name: "Đăng ký khai sinh"),
                choices: [.init(code: "1.001", name: "A \"trích\" /x"), .init(code: "1.002", name: "B\nC")],
                answer: "Thời hạn: ngay trong ngày.\n- Nộp tại UBND xã", citations: ["Điều 16 Luật Hộ tịch"], verified: true,
                suggestion: "lệ phí", caseName: "Khai sinh cho trẻ bị bỏ rơi")
            reply.questionID = 4_294_967_297
            return reply
        }(),
    ])
    func assistantReply(reply: AssistantReply) throws {
        var json = JSONText.Writer()
        reply.writeJSON(into: &json)
        let written = try JSONSerialization.jsonObject(with: Data(json.bytes)) as? NSDictionary
        let encoded = try JSONSerialization.jsonObject(with: JSONEncoder().encode(reply)) as? NSDictionary
        #expect(written != nil && written == encoded)
        #expect(try JSONDecoder().decode(AssistantReply.self, from: Data(json.bytes)) == reply)
    }

    static let invalid: [String] = [
        "", " ", "{", "}", "{\"a\"}", "{\"a\":}", "{\"a\":1,}", "[1,]", "{'a':1}", "{\"a\":01}", "{\"a\":1.}",
        "{\"a\":.5}", "{\"a\":+1}", "{\"a\":1e}", "{\"a\":NaN}", "{\"a\":Infinity}", "{\"a\":tru}", "{\"a\":nul}",
        "{\"a\":\"\\x\"}", "{\"a\":\"\\u12\"}", "{\"a\":\"\\ud800\"}", "{\"a\":\"\\ud800\\u0041\"}", "{\"a\":\"tab\there\"}",
        "{\"a\":1} x", "{\"a\":1}{}", "{\"a\":1e400}",
    ]

    @Test("refuses what is not JSON", arguments: invalid)
    func refuses(text: String) {
        #expect(JSONText.decode(text) == nil)
    }

    @Test("refuses nesting deeper than the limit instead of exhausting the stack")
    func hostile() {
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        #expect(JSONText.decode(deep) == nil)
        let fine = String(repeating: "[", count: 200) + String(repeating: "]", count: 200)
        #expect(JSONText.decode(fine) != nil)
    }

    @Test("JSONValue decodes numbers, booleans and strings to the right cases")
    func jsonValueCases() throws {
        let decoded = try JSONDecoder().decode([JSONValue].self, from: Data(#"[true, 1, "x", null, 1.5, false, 0, "1", {"k": [false]}]"#.utf8))
        #expect(decoded == [.bool(true), .number(1), .string("x"), .null, .number(1.5), .bool(false), .number(0), .string("1"), .object(["k": .array([.bool(false)])])])
    }
}
