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
enum AuthorityThesaurus {
    static let rules: [(from: String, to: String)] = [
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
    static let table: [String: [(from: [String], to: String)]] = {
        var out: [String: [(from: [String], to: String)]] = [:]
        for rule in rules {
            let from = Vietnamese.tokenize(rule.from).filter { $0.kind == .word }.map(\.folded)
            guard from.count >= 2 else { continue }
            out[from[0], default: []].append((from, rule.to))
        }
        return out.mapValues { $0.sorted { $0.from.count > $1.from.count } }
    }()

    /// The question with every phrase a rule knows replaced by the decrees' words; unchanged otherwise.
    static func rewrite(_ question: String) -> String {
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
