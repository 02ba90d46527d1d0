/// Pieces of input that parsers of Vietnamese documents, JSON, CSV and formulas are likely to trip on.
enum FuzzTokens {
    /// Useful to every target.
    static let common: [String] = [
        // Vietnamese letters, precomposed (NFC) and decomposed (NFD), and stray combining marks.
        "Đ", "đ", "ư", "ơ", "ă", "â", "ê", "ô", "ệ", "ữ", "ỹ", "Ỹ", "ạ", "ẫ",
        "e\u{0302}\u{0323}", "u\u{031B}\u{0303}", "y\u{0303}", "a\u{0306}\u{0301}", "\u{0301}", "\u{0323}\u{0309}",
        "hoà", "hòa", "Thủ tục", "THỦ TỤC", "đăng ký khai sinh", "dang ky khai sinh", "giấy phép xây dựng",
        // Whitespace, controls and separators.
        "\0", "\u{0007}", "\t", "\r", "\n", "\r\n", "\n\r", "\u{0085}", "\u{2028}", "\u{2029}", "\u{00A0}", "\u{200B}",
        "\u{FEFF}", "\u{FFFD}", "\u{202E}", "\u{0B}", "\u{0C}",
        // Unusual scalars: astral plane, emoji with joiners, flags, an Arabic-Indic digit.
        "𝐀", "😀", "👨‍👩‍👧", "🇻🇳", "٣", "Ⅻ", "½", "İ", "ß", "ﬁ",
        // Quotes and brackets.
        "\"", "\"\"", "'", "“", "”", "‘", "’", "«", "(", ")", "[", "]", "{", "}", "<", ">",
        // Numbers at the edges.
        "0", "-0", "1e309", "-1e309", "1e-400", "NaN", "Infinity", "9223372036854775807", "9223372036854775808",
        "-9223372036854775809", "1e20", "18446744073709551616", "0.1", "1.234.567,89", "1,5", "00000000000000000001",
        String(repeating: "9", count: 400),
    ]

    /// Legal structure, citations and dates.
    static let legal: [String] = [
        "Điều 1.", "Điều 2.", "Điều 1a.", "Điều 1. ", "ĐIỀU 5", "Chương I", "CHƯƠNG II", "Chương IV\n", "Mục 1", "Phần thứ nhất",
        "Khoản", "khoản 1", "1.", "2.", "a)", "b)", "đ)", "a) ", "1a.", "\n1. ", "\na) ", "Phụ lục", "PHỤ LỤC I",
        "Nơi nhận:", "TM. CHÍNH PHỦ", "KT. THỦ TƯỚNG", "[1]", "[12] Khoản này được sửa đổi",
        "Nghị định số 151/2025/NĐ-CP", "Luật Xây dựng năm 2014", "Nghị định này", "Điều này", "khoản này",
        "khoản 2, khoản 3 Điều 103", "các khoản 1, 2 và 3", "điểm a, b khoản 1 Điều 4", "từ Điều 5 đến Điều 9",
        "Điều 4 đến Điều 2", "khoản 1 đến khoản 99999999999", "Điều 99999999999999999999",
        "ngày 11 tháng 6 năm 2025", "ngày 31 tháng 2 năm 2025", "ngày 0 tháng 13 năm 99999", "Hà Nội, ngày",
        "CHÍNH PHỦ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Số: 120/2025/NĐ-CP", "NGHỊ ĐỊNH",
        "“", "”\n", "\n“Điều 2. ", "Sửa đổi khoản 3 Điều 5 như sau:\n“3. ",
    ]

    /// JSON structure.
    static let json: [String] = [
        "{", "}", "[", "]", ":", ",", "null", "true", "false", "\"\"", "{}", "[]", "\\u0000", "\\ud800", "\\udc00\\ud800",
        "\\\"", "\\", "\\n", "\"a\":", "{\"a\":", "[[[[[[[[[[[[[[[[", String(repeating: "[", count: 600),
        String(repeating: "{\"a\":", count: 300), "\"mã_thủ_tục\":", "\"haicap\":", "\"metadata\":", "\"tables\":",
        "\"source\":", "\"amount\":", "\"cases\":", "\"documents\":", "\"values\":", "\"formula\":", "\"type\":",
        "\"indicators\":", "\"rules\":", "\"min\":", "\"max\":", "\"choices\":",
    ]

    /// CSV structure.
    static let csv: [String] = [
        ",", ";", "\"", "\"\"", "\",\"", "\r\n", "\n", "\r", "\"\r\n\"", ",,,,,,,,", ";;;;", "\"a\"\"b\"", "=1+1",
        "+84", "-3", "@SUM(A1)", "'", "|", " | ", "[Trường hợp] ", "Bản chính", "5 ngày làm việc", "ngày", "Lệ phí : 0 Đồng",
        "Theo Nghị quyết của HĐND tỉnh", "Trực tuyến, Bưu chính", "toàn trình", "ma_thu_tuc", "ten_thu_tuc",
    ]

    /// Formula language of report forms.
    static let formula: [String] = [
        "+", "-", "*", "/", "%", "^", "(", ")", ",", "<", "<=", ">", ">=", "==", "!=", "=", "&&", "||", "!",
        "and", "or", "not", "if(", "round(", "min(", "max(", "abs(", "sum(", "a", "b", "received", "resolved",
        "on_time", "1", "0", "0.5", "1e308", "1e309", "-", "--", "---------", String(repeating: "(", count: 200),
        String(repeating: "-", count: 200), String(repeating: "not ", count: 100), "ừ", "x1", "_",
    ]

    /// Questions to the assistants.
    static let question: [String] = [
        "làm giấy khai sinh", "lam giay khai sinh o dau", "ko", "dc", "gks", "bao nhiêu tiền", "mất bao lâu", "ở đâu",
        "cần giấy tờ gì", "ai cấp", "thẩm quyền", "giấy phép xây dựng", "xã", "phường", "Đắk Lắk", "ubnd", "UBND",
        "0912345678", "012345678901", "a@b.vn", "?", "??", "!!!", "1", "2", "có", "không", "trường hợp 1",
        "năm 2026", "ngày 01/3/2027", "đăng ký kết hôn", "tạm trú", "hộ kinh doanh",
    ]
}
