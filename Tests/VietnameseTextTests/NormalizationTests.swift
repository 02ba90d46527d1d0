import Testing
import VietnameseText

@Suite struct NormalizationTests {
    @Test(arguments: [
        // Tone placement: both spellings become the traditional one.
        ("hoà", "hòa"), ("hòa", "hòa"), ("HOÀ", "hòa"),
        ("khoẻ", "khỏe"), ("khỏe", "khỏe"),
        ("thuỷ", "thủy"), ("thủy", "thủy"),
        ("uý", "úy"), ("úy", "úy"), ("uỷ ban", "ủy ban"),
        ("quả", "quả"), ("qủa", "quả"), ("quý", "quý"),
        ("giữa", "giữa"), ("gìn giữ", "gìn giữ"), ("giặt", "giặt"),
        ("hoàng", "hoàng"), ("toán", "toán"), ("ngoài", "ngoài"), ("khuỷu", "khuỷu"),
        ("được", "được"), ("rượu", "rượu"), ("cứu", "cứu"), ("thuở", "thuở"),
        ("huỳnh", "huỳnh"), ("tuỳ", "tùy"), ("loà", "lòa"), ("hoá đơn", "hóa đơn"),
        ("máy", "máy"), ("mía", "mía"), ("múa", "múa"),
        // đ and upper case
        ("Đăng ký", "đăng ký"), ("ĐĂNG KÝ KINH DOANH", "đăng ký kinh doanh"),
        // NFD input: base letters followed by combining marks
        ("ho\u{0061}\u{0300}", "hòa"), ("di\u{0323}ch vu\u{0323}", "dịch vụ"),
        ("Vie\u{0302}\u{0323}t Nam", "việt nam"),
        // whitespace and punctuation
        ("  a \t\n b  ", "a b"), ("a\u{00A0}b", "a b"), ("\u{201C}x\u{201D} \u{2013} y", "\"x\" - y"),
        ("đăng\u{200B}ký", "đăngký"), ("a\u{0007}b", "a b"),
        // codes and dates keep their shape
        ("Nghị định 120/2025/NĐ-CP", "nghị định 120/2025/nđ-cp"),
        ("ngày 01/7/2025", "ngày 01/7/2025"), ("1.000.000 đồng", "1.000.000 đồng"),
        ("", ""), ("   ", ""),
    ])
    func normalizes(input: String, expected: String) {
        #expect(Vietnamese.normalize(input) == expected)
    }

    @Test(arguments: [
        ("Đăng ký", "dang ky"), ("ĐẮK LẮK", "dak lak"), ("hoà bình", "hoa binh"),
        ("Nghị định 120/2025/NĐ-CP", "nghi dinh 120/2025/nd-cp"), ("Thủ tục hành chính", "thu tuc hanh chinh"),
        ("ưu đãi", "uu dai"), ("Café", "cafe"), ("ho\u{0061}\u{0300}", "hoa"),
    ])
    func folds(input: String, expected: String) {
        #expect(Vietnamese.fold(input) == expected)
    }

    @Test func bothTonePlacementsFoldAndNormalizeAlike() {
        let pairs = [("hoà", "hòa"), ("khoẻ", "khỏe"), ("thuỷ", "thủy"), ("uý", "úy"), ("qủa", "quả")]
        for (old, new) in pairs {
            #expect(Vietnamese.normalize(old) == Vietnamese.normalize(new))
            #expect(Vietnamese.fold(old) == Vietnamese.fold(new))
        }
    }

    @Test(arguments: [("Đăng ký", true), ("dang ky", false), ("đ", true), ("", false), ("120/2025", false)])
    func detectsDiacritics(input: String, expected: Bool) {
        #expect(Vietnamese.hasDiacritics(input) == expected)
    }

    @Test func normalizationIsIdempotent() {
        let text = "Ủy ban nhân dân xã Hoà Thắng cấp GCN theo 120/2025/NĐ-CP — ngày 01/7/2025"
        let once = Vietnamese.normalize(text)
        #expect(Vietnamese.normalize(once) == once)
        #expect(Vietnamese.fold(Vietnamese.fold(text)) == Vietnamese.fold(text))
    }

    @Test func foreignWordsWithSeveralMarksStayAsTyped() {
        #expect(Vietnamese.normalize("Crème brûlée") == "crème brûlée")
        #expect(Vietnamese.normalize("Москва") == "москва")
    }
}
