import Foundation

/// Everyday phrases people use for what the catalogue names otherwise (“hôn thú” for giấy đăng ký kết hôn,
/// “kéo dài” for gia hạn), rewritten to the catalogue's words. Applied to questions and to the indexed
/// records alike, so a rule can only make the two sides meet.
///
/// Rules are folded (no diacritics) and match whole syllables; the longest rule at a position wins. A rule
/// is here only when the phrase means the same thing wherever it appears at a commune desk: single syllables
/// whose folded form is ambiguous (“cuoi”: cưới, cười, cuối) are matched only inside a longer phrase.
///
/// Province officials add rules of their own (`ThesaurusRule`, stored in `procedure_phrases`); the assistant is
/// rebuilt with them, so they rewrite the records as well as the questions. `validate` holds them to the same limits.
public struct ProcedureThesaurus: Sendable {
    public static let rules: [(from: String, to: String)] = [
        // Marriage and divorce
        ("lay chong", "ket hon"), ("lay vo", "ket hon"), ("cuoi vo", "ket hon"), ("cuoi chong", "ket hon"),
        ("cuoi nhau", "ket hon"), ("dam cuoi", "ket hon"), ("chua cuoi", "chua ket hon"), ("muon cuoi", "muon ket hon"),
        ("se cuoi", "se ket hon"), ("sap cuoi", "sap ket hon"), ("to chuc cuoi", "ket hon"), ("hon thu", "giay ket hon"),
        ("giay hon thu", "giay ket hon"), ("giay cuoi", "giay ket hon"), ("giay dang ky cuoi", "giay ket hon"),
        ("ly di", "ly hon"), ("li hon", "ly hon"), ("li di", "ly hon"),
        ("giay doc than", "giay xac nhan tinh trang hon nhan"), ("xac nhan doc than", "xac nhan tinh trang hon nhan"),
        ("chung nhan doc than", "xac nhan tinh trang hon nhan"), ("giay chua vo", "giay xac nhan tinh trang hon nhan"),
        ("giay chua chong", "giay xac nhan tinh trang hon nhan"),
        // A foreign element: the catalogue says “nước ngoài”; people name the country. Only nationalities
        // whose folded “người X” / “chồng X” means nothing else: not “người Tây” (tây, tay), “người Lào” (người
        // lao động), “chồng Hàn” (chống hạn) or “vợ Hàn” (vô hạn); and not the neighbours Lào and Campuchia,
        // whose citizens marry in the border-area procedure, not the one with a foreign element.
        ("ngoai quoc", "nuoc ngoai"), ("viet kieu", "nguoi nuoc ngoai"), ("kieu bao", "nguoi nuoc ngoai"),
        ("nguoi han quoc", "nguoi nuoc ngoai"), ("nguoi han", "nguoi nuoc ngoai"), ("nguoi trung quoc", "nguoi nuoc ngoai"), ("nguoi dai loan", "nguoi nuoc ngoai"),
        ("chong dai loan", "chong nguoi nuoc ngoai"), ("chong trung quoc", "chong nguoi nuoc ngoai"),
        ("vo trung quoc", "vo nguoi nuoc ngoai"), ("nguoi nhat", "nguoi nuoc ngoai"), ("nguoi nhat ban", "nguoi nuoc ngoai"),
        ("chong nhat", "chong nguoi nuoc ngoai"), ("nguoi my", "nguoi nuoc ngoai"), ("nguoi uc", "nguoi nuoc ngoai"),
        ("nguoi phap", "nguoi nuoc ngoai"),
        ("nguoi thai lan", "nguoi nuoc ngoai"), ("quoc tich nuoc ngoai", "nuoc ngoai"),
        // Birth and death
        ("moi de", "moi sinh"), ("vua de", "vua sinh"), ("sap de", "sap sinh"), ("sinh em be", "sinh con"),
        ("qua doi", "mat"), ("tu tran", "mat"), ("tu vong", "mat"), ("chet", "mat"),
        ("giay bao tu", "giay chung tu"),
        // Losing and replacing papers
        ("that lac", "mat"), ("danh roi", "mat"), ("danh mat", "mat"), ("bi trom", "mat"),
        ("lam lai", "cap lai"), ("xin lai", "cap lai"),
        // Time limits and extensions
        ("keo dai", "gia han"), ("gia han them", "gia han"), ("may hom", "may ngay"), ("may bua", "may ngay"),
        ("bao nhieu hom", "bao nhieu ngay"), ("bao nhieu bua", "bao nhieu ngay"),
        // Residence
        ("chuyen khau", "chuyen ho khau"), ("khai tam tru", "dang ky tam tru"), ("bao tam tru", "dang ky tam tru"), ("phong tro", "nha tro"), ("o tro", "thue tro"),
        ("so ho khau", "ho khau"), ("tam chu", "tam tru"), ("thuong chu", "thuong tru"),
        // Criminal record: people ask for “giấy không tiền án tiền sự”, the catalogue and the law say lý lịch tư pháp
        ("khong tien an tien su", "ly lich tu phap"), ("tien an tien su", "ly lich tu phap"), ("khong tien an", "ly lich tu phap"),
        // Identity cards (“hộ chiếu” becomes one word, so its “chiếu” never matches “buổi chiều”)
        ("the chip", "the can cuoc"), ("gan chip", ""), ("can cuoc cong dan", "can cuoc"),
        ("chung minh thu", "chung minh nhan dan"), ("ho chieu", "passport"),
        // Land
        ("so hong", "so do"), ("bia do", "so do"), ("bia hong", "so do"), ("so dat", "so do"),
        ("giay chung nhan quyen su dung dat", "so do"),
        // “Thổ cư” is đất ở; “lên thổ cư” is changing the land's use to đất ở
        ("len tho cu", "chuyen muc dich su dung dat sang dat o"), ("chuyen tho cu", "chuyen muc dich su dung dat sang dat o"),
        ("chuyen len tho cu", "chuyen muc dich su dung dat sang dat o"), ("dat tho cu", "dat o"), ("tho cu", "dat o"),
        // Building
        ("cap phep xay dung", "giay phep xay dung"), ("xin phep xay dung", "giay phep xay dung"),
        ("cap phep xay", "giay phep xay dung"), ("xin phep xay", "giay phep xay dung"),
        ("cat nha", "xay nha"), ("dung nha", "xay nha"),
        // Online
        ("qua mang", "truc tuyen"), ("tren mang", "truc tuyen"), ("dich vu cong", "truc tuyen"), ("online", "truc tuyen"),
        // Doing it “with the phone” is doing it online (“qua điện thoại” stays: it is also calling a hotline).
        ("bang dien thoai", "truc tuyen"), ("tren dien thoai", "truc tuyen"), ("qua app", "truc tuyen"), ("tren app", "truc tuyen"),
        ("bang app", "truc tuyen"), ("qua ung dung", "truc tuyen"), ("tren ung dung", "truc tuyen"),
        // Business
        ("buon ban", "kinh doanh"), ("mo tiem", "mo cua hang"), ("mo quan", "mo cua hang"),
    ]

    /// Rules by their first syllable, longest first.
    let table: [String: [(from: [String], to: [String])]]

    /// The built-in rules, then officials' rules (an official's rule for a phrase replaces the built-in one).
    public init(extra: [ThesaurusRule] = []) {
        var byPhrase: [[String]: [String]] = [:]
        var order: [[String]] = []
        func add(_ from: [String], _ to: [String]) {
            guard !from.isEmpty else { return }
            if byPhrase[from] == nil { order.append(from) }
            byPhrase[from] = to
        }
        for rule in Self.rules {
            add(rule.from.split(separator: " ").map(String.init), rule.to.split(separator: " ", omittingEmptySubsequences: true).map(String.init))
        }
        for rule in extra { add(Self.syllables(rule.phrase), Self.syllables(rule.replacement)) }
        var out: [String: [(from: [String], to: [String])]] = [:]
        for from in order { out[from[0], default: []].append((from, byPhrase[from] ?? [])) }
        table = out.mapValues { $0.sorted { $0.from.count > $1.from.count } }
    }

    /// The built-in rules alone.
    public static let standard = ProcedureThesaurus()

    /// A phrase as the assistant reads it (folded, chat spellings spelled out), before any rule.
    public static func syllables(_ text: String) -> [String] { QuestionText.tokens(text, thesaurus: nil) }

    /// What is wrong with an official's rule, in Vietnamese; empty when it can be added.
    public static func validate(phrase: String, replacement: String) -> [FieldError] {
        var errors: [FieldError] = []
        let phrase = phrase.trimmingCharacters(in: .whitespacesAndNewlines)
        let replacement = replacement.trimmingCharacters(in: .whitespacesAndNewlines)
        let from = syllables(phrase)
        let to = syllables(replacement)
        if from.count < 2 || from.count > 8 || phrase.count > 80 {
            errors.append(.init(key: "phrase", message: "Cách gọi phải có từ 2 đến 8 tiếng (tối đa 80 ký tự): một tiếng không dấu thường là nhiều từ khác nhau."))
        }
        if to.isEmpty || replacement.count > 200 {
            errors.append(.init(key: "replacement", message: "Hãy nhập từ ngữ của danh mục thủ tục (tối đa 200 ký tự)."))
        } else if to == from {
            errors.append(.init(key: "replacement", message: "Từ ngữ của danh mục trùng với cách gọi: không có gì để thay."))
        } else if !from.isEmpty, to.count >= from.count, (0...(to.count - from.count)).contains(where: { to[$0..<($0 + from.count)].elementsEqual(from) }) {
            // Read twice (a unit's name taken out of a question), the phrase would grow each time.
            errors.append(.init(key: "replacement", message: "Từ ngữ của danh mục không được chứa lại chính cách gọi."))
        }
        return errors
    }

    /// The syllables with every rule applied once, left to right.
    func apply(_ tokens: [String]) -> [String] {
        var out: [String] = []
        out.reserveCapacity(tokens.count)
        var i = 0
        while i < tokens.count {
            if let candidates = table[tokens[i]],
               let rule = candidates.first(where: { i + $0.from.count <= tokens.count && tokens[i..<(i + $0.from.count)].elementsEqual($0.from) }) {
                out += rule.to
                i += rule.from.count
            } else {
                out.append(tokens[i])
                i += 1
            }
        }
        return out
    }
}
