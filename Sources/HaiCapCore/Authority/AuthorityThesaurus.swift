import Foundation
import VietnameseText

/// Everyday words officials and citizens use for what the decrees name otherwise ("kiều bào" for người Việt Nam
/// định cư ở nước ngoài, "đền bù" for bồi thường), rewritten into the decrees' words before a question is read.
///
/// This is not legal data: a rule names no holder, provision, fee or time limit, it only lets a question's words
/// meet the text's. Rules match whole syllables, folded (so questions typed without diacritics match too), and
/// only phrases of two syllables or more, because one folded syllable is often several words ("phat": phạt,
/// phát). Written from general usage, not from the evaluation questions; phrases that already are the decrees'
/// words are not here. Holder words are left alone: `Holder` and `QuestionTerms` read them as written.
///
/// Officials add rules of their own (`ThesaurusRule`, stored in the database and loaded with the knowledge base):
/// the same limits apply, checked by `validate`.
public struct AuthorityThesaurus: Sendable {
    public static let rules: [(from: String, to: String)] = [
        // People abroad
        ("kiều bào", "người Việt Nam định cư ở nước ngoài"), ("việt kiều", "người Việt Nam định cư ở nước ngoài"),
        // Land and housing
        ("sổ đỏ", "giấy chứng nhận quyền sử dụng đất"), ("sổ hồng", "giấy chứng nhận quyền sử dụng đất"),
        ("thổ cư", "đất ở"), ("đền bù", "bồi thường"), ("nhà riêng", "nhà ở riêng lẻ"), ("nhà riêng lẻ", "nhà ở riêng lẻ"),
        ("xây nhà", "xây dựng nhà ở"), ("xây nhà ở", "xây dựng nhà ở"), ("cấp phép", "cấp giấy phép"),
        // Trade
        ("tạp hóa", "bán lẻ"), ("tạp hoá", "bán lẻ"),
        // Work at an office
        ("giờ giấc", "thời gian làm việc"),
        // Order and safety
        ("gây rối", "an ninh trật tự"), ("rác thải", "chất thải rắn sinh hoạt"),
        // Papers and residence
        ("sao y", "chứng thực bản sao"), ("bằng lái", "giấy phép lái xe"),
        ("nhập hộ khẩu", "đăng ký thường trú"), ("cắt hộ khẩu", "xóa đăng ký thường trú"),
        // Building
        ("đập nhà", "phá dỡ công trình"),
        // Social protection
        ("người nghèo", "hộ nghèo"), ("trợ cấp xã hội", "trợ giúp xã hội"), ("người già", "người cao tuổi"),
        ("người tàn tật", "người khuyết tật"),
    ]

    /// Rules by their first folded syllable, longest first.
    let table: [String: [(from: [String], to: String)]]

    /// The built-in rules, then officials' rules (an official's rule for a phrase replaces the built-in one).
    public init(extra: [ThesaurusRule] = []) {
        var byPhrase: [[String]: String] = [:]
        var order: [[String]] = []
        for (from, to) in Self.rules.map({ ($0.from, $0.to) }) + extra.map({ ($0.phrase, $0.replacement) }) {
            let words = Self.syllables(from)
            guard words.count >= 2 else { continue }
            if byPhrase[words] == nil { order.append(words) }
            byPhrase[words] = to
        }
        var out: [String: [(from: [String], to: String)]] = [:]
        for words in order { out[words[0], default: []].append((words, byPhrase[words] ?? "")) }
        table = out.mapValues { $0.sorted { $0.from.count > $1.from.count } }
    }

    /// The built-in rules alone.
    public static let standard = AuthorityThesaurus()

    static func syllables(_ text: String) -> [String] {
        Vietnamese.tokenize(text).filter { $0.kind == .word }.map(\.folded)
    }

    /// Words that name a holder: a rule must neither replace nor introduce them (`Holder` reads them as written).
    static let holderWords = ["ủy ban", "uỷ ban", "chủ tịch", "hội đồng", "sở", "bộ", "công an", "ubnd", "hđnd"]

    /// What is wrong with an official's rule, in Vietnamese; empty when it can be added.
    public static func validate(phrase: String, replacement: String) -> [FieldError] {
        var errors: [FieldError] = []
        let phrase = phrase.trimmingCharacters(in: .whitespacesAndNewlines)
        let replacement = replacement.trimmingCharacters(in: .whitespacesAndNewlines)
        let words = syllables(phrase)
        if words.count < 2 || words.count > 8 || phrase.count > 80 {
            errors.append(.init(key: "phrase", message: "Cách gọi phải có từ 2 đến 8 tiếng (tối đa 80 ký tự): một tiếng không dấu thường là nhiều từ khác nhau."))
        }
        if replacement.isEmpty || replacement.count > 200 {
            errors.append(.init(key: "replacement", message: "Hãy nhập từ ngữ của văn bản (tối đa 200 ký tự)."))
        } else if syllables(replacement) == words {
            errors.append(.init(key: "replacement", message: "Từ ngữ của văn bản trùng với cách gọi: không có gì để thay."))
        }
        for (key, text, label) in [("phrase", phrase, "Cách gọi"), ("replacement", replacement, "Từ ngữ của văn bản")] {
            // With diacritics: folded, "sở" would also be "số", "sổ".
            let written = " " + Vietnamese.tokenize(text.lowercased()).filter { $0.kind == .word }.map(\.text).joined(separator: " ") + " "
            if let word = holderWords.first(where: { written.contains(" " + $0 + " ") }) {
                errors.append(.init(key: key, message: "\(label) không được nêu chủ thể (“\(word)”): bảng này chỉ nối cách gọi thường ngày với từ ngữ của văn bản, còn chủ thể do bản ghi thẩm quyền nêu."))
            }
        }
        return errors
    }

    /// The question with every phrase a rule knows replaced by the decrees' words; unchanged otherwise.
    static func rewrite(_ question: String) -> String { standard.rewrite(question) }

    /// The question with every phrase a rule knows replaced by the decrees' words; unchanged otherwise.
    public func rewrite(_ question: String) -> String {
        let tokens = Vietnamese.tokenize(question)
        guard tokens.contains(where: { table[$0.folded] != nil }) else { return question }
        var out = ""
        var copied = question.startIndex
        var i = 0
        while i < tokens.count {
            let match = table[tokens[i].folded]?.first { rule in
                guard i + rule.from.count <= tokens.count else { return false }
                let span = tokens[i..<(i + rule.from.count)]
                // Adjacent words only: a comma or a full stop between them is not the phrase.
                return zip(span, span.dropFirst()).allSatisfy { a, b in
                    question[a.range.upperBound..<b.range.lowerBound].allSatisfy(\.isWhitespace)
                } && span.allSatisfy { $0.kind == .word } && span.map(\.folded).elementsEqual(rule.from)
            }
            guard let match else {
                i += 1
                continue
            }
            out += question[copied..<tokens[i].range.lowerBound]
            out += match.to
            copied = tokens[i + match.from.count - 1].range.upperBound
            i += match.from.count
        }
        out += question[copied...]
        return out
    }
}

/// A rule an official added: an everyday phrase and the decrees' words for it.
public struct ThesaurusRule: Codable, Sendable, Equatable {
    public var id: Int64
    public var phrase: String
    public var replacement: String
    public var createdBy: String
    public var createdAt: Date

    public init(id: Int64 = 0, phrase: String, replacement: String, createdBy: String = "", createdAt: Date = Date(timeIntervalSince1970: 0)) {
        self.id = id
        self.phrase = phrase
        self.replacement = replacement
        self.createdBy = createdBy
        self.createdAt = createdAt
    }
}
