@testable import HaiCapCore
import Testing

@Suite("Everyday words rewritten into the procedure catalogue's words")
struct ProcedureThesaurusTests {
    @Test("built-in rules are written with diacritics and match questions typed with or without them")
    func builtIn() {
        for rule in ProcedureThesaurus.rules {
            let from = ProcedureThesaurus.folded(rule.from)
            #expect(!from.isEmpty, "\(rule.from)")
            #expect(from.allSatisfy { $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } }, "\(rule.from) folds to \(from)")
        }
        #expect(QuestionText("Lấy chồng người Hàn cần giấy gì?").folded == "ket hon nguoi nuoc ngoai can giay gi")
        #expect(QuestionText("lay chong nguoi han can giay gi").folded == "ket hon nguoi nuoc ngoai can giay gi")
        #expect(QuestionText("Làm lại sổ hồng bị thất lạc").folded == "cap lai so do bi mat")
        #expect(QuestionText("thẻ chip").folded == "the can cuoc")
        #expect(QuestionText("căn cước gắn chip").folded == "can cuoc")
    }

    @Test("officials' rules add to the built-in ones, replace one for the same phrase, and rewrite folded input too")
    func extra() {
        let thesaurus = ProcedureThesaurus(extra: [
            ThesaurusRule(phrase: "giấy chào đời", replacement: "giấy khai sinh"),
            ThesaurusRule(phrase: "Hôn thú", replacement: "đăng ký kết hôn"),
        ])
        #expect(QuestionText("Làm giấy chào đời ở đâu?", thesaurus: thesaurus).folded == "lam giay khai sinh o dau")
        #expect(QuestionText("lam giay chao doi o dau", thesaurus: thesaurus).folded == "lam giay khai sinh o dau")
        #expect(QuestionText("xin hôn thú", thesaurus: thesaurus).folded == "xin dang ky ket hon")
        #expect(QuestionText("Làm giấy chào đời ở đâu?").folded == "lam giay chao doi o dau", "the built-in reading is unchanged")
    }

    @Test("an official's rule needs 2–8 syllables, a replacement that differs and does not contain the phrase", arguments: [
        ("cưới", "kết hôn", "phrase"),
        ("một hai ba bốn năm sáu bảy tám chín", "kết hôn", "phrase"),
        ("giấy chào đời", "", "replacement"),
        ("giấy chào đời", "Giấy Chào Đời", "replacement"),
        ("nhà trọ", "nhà trọ cho thuê", "replacement"),
    ])
    func refused(phrase: String, replacement: String, key: String) {
        #expect(ProcedureThesaurus.validate(phrase: phrase, replacement: replacement).map(\.key) == [key])
    }

    @Test("a sound rule passes")
    func accepted() {
        #expect(ProcedureThesaurus.validate(phrase: "giấy chào đời", replacement: "giấy khai sinh").isEmpty)
    }
}
