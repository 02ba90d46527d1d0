import Testing
import VietnameseText

@Suite struct DiacriticRestorerTests {
    /// A few sentences in the style of the bundled texts; `ban` and `dang` are ambiguous on purpose.
    static let corpus = """
        Hộ kinh doanh đăng ký tại Ủy ban nhân dân cấp xã nơi đặt địa điểm kinh doanh.
        Ủy ban nhân dân cấp xã cấp giấy chứng nhận đăng ký hộ kinh doanh.
        Người bán hàng phải niêm yết giá bán hàng hóa.
        Cơ quan đang giải quyết hồ sơ thông báo cho người nộp hồ sơ.
        Lệ phí đăng ký hộ kinh doanh do Hội đồng nhân dân cấp tỉnh quyết định.
        Việc đăng ký kết hôn được thực hiện tại Ủy ban nhân dân cấp xã.
        Đảng ủy lãnh đạo, Ủy ban nhân dân tổ chức thực hiện; Ban chỉ đạo theo dõi.
        """

    static let restorer = DiacriticRestorer(trainingText: corpus)

    @Test(arguments: [
        ("dang ky ho kinh doanh", "đăng ký hộ kinh doanh"),
        ("uy ban nhan dan cap xa", "ủy ban nhân dân cấp xã"),
        ("nguoi ban hang", "người bán hàng"),
        ("co quan dang giai quyet ho so", "cơ quan đang giải quyết hồ sơ"),
        ("le phi dang ky ket hon", "lệ phí đăng ký kết hôn"),
    ])
    func restoresFromContext(input: String, expected: String) {
        #expect(Self.restorer.restore(input) == expected)
    }

    @Test func keepsCodesNumbersAndPunctuation() {
        let input = "Theo Nghi dinh 120/2025/ND-CP, le phi 100.000 dong (khoan 2)!"
        // "định" and "đồng" are known (quyết định, hội đồng); "nghi" and "khoản" are not, so they stay.
        #expect(Self.restorer.restore(input) == "Theo Nghi định 120/2025/ND-CP, lệ phí 100.000 đồng (khoan 2)!")
    }

    @Test func preservesCapitalisation() {
        #expect(Self.restorer.restore("DANG KY HO KINH DOANH") == "ĐĂNG KÝ HỘ KINH DOANH")
        #expect(Self.restorer.restore("Dang ky tai Uy ban nhan dan") == "Đăng ký tại Ủy ban nhân dân")
    }

    @Test func keepsWordsThatAlreadyHaveDiacritics() {
        // "hoà" keeps its new-style spelling; "đăng" is typed, "ky" is restored using it as context.
        #expect(Self.restorer.restore("đăng ky hoà giải") == "đăng ký hoà giải")
        #expect(Self.restorer.restore("Đăng ký hộ kinh doanh") == "Đăng ký hộ kinh doanh")
    }

    @Test func leavesUnknownWordsAlone() {
        #expect(Self.restorer.restore("nop online qua zalo") == "nộp online qua zalo")
        #expect(Self.restorer.restore("xyz abc") == "xyz abc")
    }

    @Test func badInputNeverCrashes() {
        #expect(Self.restorer.restore("").isEmpty)
        #expect(Self.restorer.restore("   ") == "   ")
        // Control characters end the context; whatever is chosen, only letters change.
        let controls = "\u{0000}dang\u{0007}ky\u{FEFF}"
        #expect(Vietnamese.stripDiacritics(Self.restorer.restore(controls)) == controls)
        #expect(Self.restorer.restore("dang\u{200B} ky") == "đăng\u{200B} ký")
        let long = String(repeating: "dang ky ho kinh doanh tai uy ban nhan dan cap xa. ", count: 2_100)
        #expect(long.utf8.count > 100_000)
        #expect(Self.restorer.restore(long).hasPrefix("đăng ký hộ kinh doanh tại ủy ban nhân dân cấp xã. "))
        let empty = DiacriticRestorer(trainingText: "")
        #expect(empty.restore("dang ky") == "dang ky")
        #expect(empty.vocabularySize == 0)
    }

    @Test func candidatesAreMostFrequentFirst() {
        #expect(Self.restorer.candidates(for: "dang").first == "đăng")
        #expect(Set(Self.restorer.candidates(for: "DANG")) == ["đăng", "đang", "đảng"])
        #expect(Self.restorer.candidates(for: "qwerty").isEmpty)
    }

    @Test func heldOutSplitTakesEveryTenthNonEmptyLine() {
        let lines = (1...25).map { "dòng \($0)" }
        let text = lines.joined(separator: "\n\n")
        let split = DiacriticRestorer.heldOutSplit(text)
        #expect(split.heldOut == ["dòng 10", "dòng 20"])
        #expect(split.training.count == 23)
        #expect(!split.training.contains("dòng 10"))
    }

    @Test func evaluationCountsSyllables() {
        let report = Self.restorer.evaluate(heldOut: ["Đăng ký hộ kinh doanh tại Ủy ban nhân dân cấp xã."])
        #expect(report.syllables == 12)
        #expect(report.correct == 12)
        #expect(report.accuracy == 1)
        let unseen = Self.restorer.evaluate(heldOut: ["Bàn ghế mới."])
        #expect(unseen.syllables == 3)
        #expect(unseen.correct == 0)
        #expect(RestorationReport().accuracy == 0)
    }

    @Test(arguments: [
        ("Đăng Ký", "Dang Ky"), ("ĐẮK LẮK", "DAK LAK"), ("hoà bình, khoẻ!", "hoa binh, khoe!"),
        ("Nghị định 120/2025/NĐ-CP", "Nghi dinh 120/2025/ND-CP"), ("ho\u{0061}\u{0300}", "hoa"),
        ("Café 1.000 đồng", "Cafe 1.000 dong"), ("", ""),
    ])
    func stripsDiacriticsKeepingCase(input: String, expected: String) {
        #expect(Vietnamese.stripDiacritics(input) == expected)
    }
}
