import Testing
import VietnameseText

@Suite("containsExactly: byte-for-byte substring search")
struct ExactSearchTests {
    @Test("finds what Foundation's contains finds in folded text", arguments: [
        (" lam giay khai sinh cho con ", " khai sinh ", true),
        (" lam giay khai sinh cho con ", " khai sinhh ", false),
        (" phuong tan an ", " phuong tan an ", true),
        (" phuong tan an ", " phuong tan an  ", false),
        ("abc", "", true),
        ("", "a", false),
        ("aaab", "aab", true),
        ("xã hòa an", "hòa", true),
        ("xã hoa an", "hòa", false),
    ])
    func search(haystack: String, needle: String, expected: Bool) {
        #expect(haystack.containsExactly(needle) == expected)
    }
}
