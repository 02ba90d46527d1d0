import Testing
import VietnameseText

@Suite struct TokenizerTests {
    private func texts(_ input: String) -> [String] { Vietnamese.tokenize(input).map(\.text) }

    @Test(arguments: [
        ("Nghị định 120/2025/NĐ-CP", ["nghị", "định", "120/2025/nđ-cp"]),
        ("Mã thủ tục 1.001193", ["mã", "thủ", "tục", "1.001193"]),
        ("Văn bản 01/VBHN-VPQH", ["văn", "bản", "01/vbhn-vpqh"]),
        ("từ ngày 01/7/2025.", ["từ", "ngày", "01/7/2025"]),
        ("lệ phí 1.000.000 đồng", ["lệ", "phí", "1.000.000", "đồng"]),
        ("khoản 2 Điều 5", ["khoản", "2", "điều", "5"]),
        ("Quyết định số 15/2025/QĐ-UBND", ["quyết", "định", "số", "15/2025/qđ-ubnd"]),
        ("Quyết định 1234/QĐ-TTg", ["quyết", "định", "1234/qđ-ttg"]),
        ("và/hoặc", ["và", "hoặc"]),
        ("CCCD/CMND", ["cccd", "cmnd"]),
        ("tỷ lệ 1,5%", ["tỷ", "lệ", "1,5"]),
        ("TP.HCM", ["tp.hcm"]),
        ("1.Ở nước", ["1", "ở", "nước"]),
        ("(Điều 5)", ["điều", "5"]),
        ("Nghị định 120/2025/NĐ\u{2011}CP", ["nghị", "định", "120/2025/nđ-cp"]),
    ])
    func keepsCodesWhole(input: String, expected: [String]) {
        #expect(texts(input) == expected)
    }

    @Test func tokensCarryBothForms() throws {
        let tokens = Vietnamese.tokenize("Đăng ký HOÀ 120/2025/NĐ-CP")
        #expect(tokens.map(\.folded) == ["dang", "ky", "hoa", "120/2025/nd-cp"])
        #expect(tokens.map(\.text) == ["đăng", "ký", "hòa", "120/2025/nđ-cp"])
        #expect(tokens.map(\.kind) == [.word, .word, .word, .code])
        let code = try #require(tokens.last)
        #expect(code.parts == ["120", "2025", "nđ", "cp"])
        #expect(code.hasDiacritics)
    }

    @Test func kindsOfTokens() {
        #expect(Vietnamese.tokenize("1.000.000 01/7/2025 2a xã").map(\.kind) == [.number, .code, .code, .word])
    }

    @Test func rangesPointIntoTheSource() {
        let source = "Cấp  GCN theo 120/2025/NĐ-CP."
        let tokens = Vietnamese.tokenize(source)
        #expect(tokens.map { String(source[$0.range]) } == ["Cấp", "GCN", "theo", "120/2025/NĐ-CP"])
    }

    @Test func decomposedInputTokenizesLikeComposed() {
        let decomposed = "Ho\u{0061}\u{0300} bi\u{0300}nh"
        #expect(texts(decomposed) == ["hòa", "bình"])
        let tokens = Vietnamese.tokenize(decomposed)
        #expect(String(decomposed[tokens[0].range]) == "Ho\u{0061}\u{0300}")
    }
}
