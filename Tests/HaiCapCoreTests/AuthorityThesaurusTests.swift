@testable import HaiCapCore
import Testing

@Suite("Everyday words rewritten into the decrees' words")
struct AuthorityThesaurusTests {
    @Test("phrases are replaced with and without diacritics, the rest of the question kept as written", arguments: [
        ("Kiều bào muốn chứng thực chữ ký thì ai làm?", "người Việt Nam định cư ở nước ngoài muốn chứng thực chữ ký thì ai làm?"),
        ("kieu bao muon chung thuc chu ky thi ai lam?", "người Việt Nam định cư ở nước ngoài muon chung thuc chu ky thi ai lam?"),
        ("Xã có được cấp phép xây nhà ở không?", "Xã có được cấp giấy phép xây dựng nhà ở không?"),
        ("Ai giải quyết đền bù khi thu hồi sổ đỏ?", "Ai giải quyết bồi thường khi thu hồi giấy chứng nhận quyền sử dụng đất?"),
    ])
    func rewrites(question: String, expected: String) {
        #expect(AuthorityThesaurus.rewrite(question) == expected)
    }

    @Test("a question without such phrases is returned unchanged; words split by punctuation are not a phrase")
    func unchanged() {
        let plain = "Ai có thẩm quyền cấp giấy phép xây dựng nhà ở riêng lẻ?"
        #expect(AuthorityThesaurus.rewrite(plain) == plain)
        #expect(AuthorityThesaurus.rewrite("Sổ, đỏ") == "Sổ, đỏ")
        #expect(AuthorityThesaurus.rewrite("") == "")
    }

    @Test("the longest rule at a position wins and nothing is doubled")
    func longest() {
        #expect(AuthorityThesaurus.rewrite("nhà riêng lẻ") == "nhà ở riêng lẻ")
        #expect(AuthorityThesaurus.rewrite("nhà riêng") == "nhà ở riêng lẻ")
    }

    @Test("every rule replaces a phrase of two syllables or more, and names no holder")
    func rulesAreSafe() {
        for rule in AuthorityThesaurus.rules {
            #expect(rule.from.split(separator: " ").count >= 2, "\(rule.from)")
            let folded = " " + rule.to.lowercased() + " "
            for holderWord in ["ủy ban", "chủ tịch", "hội đồng", " sở ", " bộ ", "công an"] {
                #expect(!folded.contains(holderWord), "\(rule.to)")
            }
        }
    }

    @Test("the assistant answers an everyday wording as it answers the decree's")
    func assistantUsesIt() throws {
        let assistant = AuthorityAssistant(knowledge: try AuthorityAssistantTests.knowledge())
        let decree = assistant.answer("Ai có thẩm quyền cấp giấy phép xây dựng?", today: AuthorityAssistantTests.today)
        let everyday = assistant.answer("ai co tham quyen cap phep xay dung?", today: AuthorityAssistantTests.today)
        #expect(everyday.kind == .answer)
        #expect(everyday.holder == decree.holder)
        #expect(everyday.basis.map(\.citation) == decree.basis.map(\.citation))
    }

    @Test("officials' rules: two syllables or more, no holder on either side, something to replace")
    func officialsRules() {
        #expect(AuthorityThesaurus.validate(phrase: "xây cất nhà dân", replacement: "xây dựng nhà ở riêng lẻ").isEmpty)
        // "sổ", "số" are not "sở" once diacritics count.
        #expect(AuthorityThesaurus.validate(phrase: "sổ đỏ mới", replacement: "số hóa giấy chứng nhận").isEmpty)
        #expect(AuthorityThesaurus.validate(phrase: "nhà", replacement: "nhà ở").map(\.key) == ["phrase"])
        #expect(AuthorityThesaurus.validate(phrase: "giấy phép", replacement: "").map(\.key) == ["replacement"])
        #expect(AuthorityThesaurus.validate(phrase: "Nhà ở", replacement: "nha o").map(\.key) == ["replacement"])
        let holder = AuthorityThesaurus.validate(phrase: "xã làm giấy tờ", replacement: "Ủy ban nhân dân cấp xã cấp giấy tờ")
        #expect(holder.map(\.key) == ["replacement"] && holder.first?.message.contains("chủ thể") == true)
        #expect(AuthorityThesaurus.validate(phrase: "sở xây dựng", replacement: "cơ quan chuyên môn").map(\.key) == ["phrase"])
    }

    @Test("an official's rule is read with the built-in ones, typed with or without diacritics, and wins over a built-in one")
    func officialsRulesRewrite() throws {
        let thesaurus = AuthorityThesaurus(extra: [
            ThesaurusRule(phrase: "xây cất nhà dân", replacement: "xây dựng nhà ở riêng lẻ"),
            ThesaurusRule(phrase: "giờ giấc", replacement: "thời gian làm việc hằng ngày"),
        ])
        #expect(thesaurus.rewrite("Ai cấp phép xay cat nha dan?") == "Ai cấp giấy phép xây dựng nhà ở riêng lẻ?")
        #expect(thesaurus.rewrite("giờ giấc") == "thời gian làm việc hằng ngày")
        #expect(AuthorityThesaurus.standard.rewrite("giờ giấc") == "thời gian làm việc")
        let base = try AuthorityAssistantTests.knowledge()
        let withRule = AuthorityKnowledge(
            documents: Array(base.documents.values), corpus: base.corpus, records: base.records, changes: base.changes,
            phrases: [ThesaurusRule(phrase: "xây cất nhà dân", replacement: "xây dựng")])
        let question = "Ai có thẩm quyền cấp giấy phép xây cất nhà dân?"
        #expect(AuthorityAssistant(knowledge: base).answer(question, today: AuthorityAssistantTests.today).kind != .answer)
        #expect(AuthorityAssistant(knowledge: withRule).answer(question, today: AuthorityAssistantTests.today).holderCode == "ubnd_xa")
    }
}

