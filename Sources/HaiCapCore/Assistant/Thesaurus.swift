import Foundation
import VietnameseText

/// Everyday phrases people use for what the catalogue names otherwise (“hôn thú” for giấy đăng ký kết hôn,
/// “kéo dài” for gia hạn), rewritten to the catalogue's words. Applied to questions and to the indexed
/// records alike, so a rule can only make the two sides meet.
///
/// Rules match folded (without diacritics), whole syllables; the longest rule at a position wins. A rule
/// is here only when the phrase means the same thing wherever it appears at a commune desk: single syllables
/// whose folded form is ambiguous (“cuoi”: cưới, cười, cuối) are matched only inside a longer phrase.
///
/// Province officials add rules of their own (`ThesaurusRule`, stored in `procedure_phrases`); the assistant is
/// rebuilt with them, so they rewrite the records as well as the questions. `validate` holds them to the same limits.
public struct ProcedureThesaurus: Sendable {
    public static let rules: [(from: String, to: String)] = [
        // Marriage and divorce
        ("lấy chồng", "kết hôn"), ("lấy vợ", "kết hôn"), ("cưới vợ", "kết hôn"), ("cưới chồng", "kết hôn"),
        ("cưới nhau", "kết hôn"), ("đám cưới", "kết hôn"), ("chưa cưới", "chưa kết hôn"), ("muốn cưới", "muốn kết hôn"),
        ("sẽ cưới", "sẽ kết hôn"), ("sắp cưới", "sắp kết hôn"), ("tổ chức cưới", "kết hôn"), ("hôn thú", "giấy kết hôn"),
        ("giấy hôn thú", "giấy kết hôn"), ("giấy cưới", "giấy kết hôn"), ("giấy đăng ký cưới", "giấy kết hôn"),
        ("ly dị", "ly hôn"), ("li hôn", "ly hôn"), ("li dị", "ly hôn"),
        ("giấy độc thân", "giấy xác nhận tình trạng hôn nhân"), ("xác nhận độc thân", "xác nhận tình trạng hôn nhân"),
        ("chứng nhận độc thân", "xác nhận tình trạng hôn nhân"), ("giấy chưa vợ", "giấy xác nhận tình trạng hôn nhân"),
        ("giấy chưa chồng", "giấy xác nhận tình trạng hôn nhân"),
        // A foreign element: the catalogue says “nước ngoài”; people name the country. Only nationalities
        // whose folded “người X” / “chồng X” means nothing else: not “người Tây” (tây, tay), “người Lào” (người
        // lao động), “chồng Hàn” (chống hạn) or “vợ Hàn” (vô hạn); and not the neighbours Lào and Campuchia,
        // whose citizens marry in the border-area procedure, not the one with a foreign element.
        ("ngoại quốc", "nước ngoài"), ("Việt kiều", "người nước ngoài"), ("kiều bào", "người nước ngoài"),
        ("người Hàn Quốc", "người nước ngoài"), ("người Hàn", "người nước ngoài"), ("người Trung Quốc", "người nước ngoài"), ("người Đài Loan", "người nước ngoài"),
        ("chồng Đài Loan", "chồng người nước ngoài"), ("chồng Trung Quốc", "chồng người nước ngoài"),
        ("vợ Trung Quốc", "vợ người nước ngoài"), ("người Nhật", "người nước ngoài"), ("người Nhật Bản", "người nước ngoài"),
        ("chồng Nhật", "chồng người nước ngoài"), ("người Mỹ", "người nước ngoài"), ("người Úc", "người nước ngoài"),
        ("người Pháp", "người nước ngoài"),
        ("người Thái Lan", "người nước ngoài"), ("quốc tịch nước ngoài", "nước ngoài"),
        // Birth and death
        ("mới đẻ", "mới sinh"), ("vừa đẻ", "vừa sinh"), ("sắp đẻ", "sắp sinh"), ("sinh em bé", "sinh con"),
        ("qua đời", "mất"), ("từ trần", "mất"), ("tử vong", "mất"), ("chết", "mất"),
        ("giấy báo tử", "giấy chứng tử"),
        // Losing and replacing papers
        ("thất lạc", "mất"), ("đánh rơi", "mất"), ("đánh mất", "mất"), ("bị trộm", "mất"),
        ("làm lại", "cấp lại"), ("xin lại", "cấp lại"),
        // Time limits and extensions
        ("kéo dài", "gia hạn"), ("gia hạn thêm", "gia hạn"), ("mấy hôm", "mấy ngày"), ("mấy bữa", "mấy ngày"),
        ("bao nhiêu hôm", "bao nhiêu ngày"), ("bao nhiêu bữa", "bao nhiêu ngày"),
        // Residence
        ("chuyển khẩu", "chuyển hộ khẩu"), ("khai tạm trú", "đăng ký tạm trú"), ("báo tạm trú", "đăng ký tạm trú"), ("phòng trọ", "nhà trọ"), ("ở trọ", "thuê trọ"),
        ("sổ hộ khẩu", "hộ khẩu"), ("tạm chú", "tạm trú"), ("thường chú", "thường trú"),
        // Criminal record: people ask for “giấy không tiền án tiền sự”, the catalogue and the law say lý lịch tư pháp
        ("không tiền án tiền sự", "lý lịch tư pháp"), ("tiền án tiền sự", "lý lịch tư pháp"), ("không tiền án", "lý lịch tư pháp"),
        // Identity cards (“hộ chiếu” becomes one word, so its “chiếu” never matches “buổi chiều”)
        ("thẻ chip", "thẻ căn cước"), ("gắn chip", ""), ("căn cước công dân", "căn cước"),
        ("chứng minh thư", "chứng minh nhân dân"), ("hộ chiếu", "passport"),
        // Land
        ("sổ hồng", "sổ đỏ"), ("bìa đỏ", "sổ đỏ"), ("bìa hồng", "sổ đỏ"), ("sổ đất", "sổ đỏ"),
        ("giấy chứng nhận quyền sử dụng đất", "sổ đỏ"),
        // “Thổ cư” is đất ở; “lên thổ cư” is changing the land's use to đất ở
        ("lên thổ cư", "chuyển mục đích sử dụng đất sang đất ở"), ("chuyển thổ cư", "chuyển mục đích sử dụng đất sang đất ở"),
        ("chuyển lên thổ cư", "chuyển mục đích sử dụng đất sang đất ở"), ("đất thổ cư", "đất ở"), ("thổ cư", "đất ở"),
        // Building
        ("cấp phép xây dựng", "giấy phép xây dựng"), ("xin phép xây dựng", "giấy phép xây dựng"),
        ("cấp phép xây", "giấy phép xây dựng"), ("xin phép xây", "giấy phép xây dựng"),
        ("cất nhà", "xây nhà"), ("dựng nhà", "xây nhà"),
        // Online
        ("qua mạng", "trực tuyến"), ("trên mạng", "trực tuyến"), ("dịch vụ công", "trực tuyến"), ("online", "trực tuyến"),
        // Doing it “with the phone” is doing it online (“qua điện thoại” stays: it is also calling a hotline).
        ("bằng điện thoại", "trực tuyến"), ("trên điện thoại", "trực tuyến"), ("qua app", "trực tuyến"), ("trên app", "trực tuyến"),
        ("bằng app", "trực tuyến"), ("qua ứng dụng", "trực tuyến"), ("trên ứng dụng", "trực tuyến"),
        // Business
        ("buôn bán", "kinh doanh"), ("mở tiệm", "mở cửa hàng"), ("mở quán", "mở cửa hàng"),
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
        for rule in Self.rules { add(Self.folded(rule.from), Self.folded(rule.to)) }
        for rule in extra { add(Self.syllables(rule.phrase), Self.syllables(rule.replacement)) }
        var out: [String: [(from: [String], to: [String])]] = [:]
        for from in order { out[from[0], default: []].append((from, byPhrase[from] ?? [])) }
        table = out.mapValues { $0.sorted { $0.from.count > $1.from.count } }
    }

    /// The built-in rules alone.
    public static let standard = ProcedureThesaurus()

    /// The built-in rules are written as people write them; they match folded, whole syllables.
    static func folded(_ text: String) -> [String] {
        Vietnamese.tokenize(text).filter { $0.kind == .word }.map(\.folded)
    }

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
