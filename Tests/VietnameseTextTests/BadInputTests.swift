import Testing
import VietnameseText

@Suite struct BadInputTests {
    @Test func emptyInput() {
        #expect(Vietnamese.normalize("").isEmpty)
        #expect(Vietnamese.fold("").isEmpty)
        #expect(Vietnamese.tokenize("").isEmpty)
        #expect(AbbreviationTable.standard.expand("").isEmpty)
        #expect(AbbreviationTable.standard.abbreviate("").isEmpty)
    }

    @Test func hundredKilobyteInput() {
        let unit = "Thủ tục đăng ký hộ kinh doanh theo 120/2025/NĐ-CP, phí 1.000.000 đồng. "
        let text = String(repeating: unit, count: 100_000 / unit.utf8.count + 1)
        #expect(text.utf8.count >= 100_000)
        let tokens = Vietnamese.tokenize(text)
        #expect(tokens.count > 10_000)
        #expect(Vietnamese.normalize(text).count > 50_000)
        #expect(!AbbreviationTable.standard.expand(text).isEmpty)
    }

    @Test func controlAndOddCharactersNeverCrash() {
        let inputs = [
            "\u{0000}\u{0001}\u{0007}\u{001B}[31m", "\u{FEFF}\u{200B}\u{200D}", "\u{0301}\u{0301}\u{0300}",
            "////----....,,,,", "a/-/b", "\u{FFFD}\u{FFFD}", "🙂 đăng ký 🙂", "\r\n\r\n", "-1-", "/120/",
            String(repeating: "\u{0301}", count: 1000), String(repeating: "9", count: 5000),
        ]
        for input in inputs {
            _ = Vietnamese.normalize(input)
            _ = Vietnamese.fold(input)
            for token in Vietnamese.tokenize(input) {
                #expect(!token.text.isEmpty)
                #expect(token.range.lowerBound < token.range.upperBound)
            }
        }
        #expect(Vietnamese.normalize("\u{0000}a\u{0001}") == "a")
    }
}
