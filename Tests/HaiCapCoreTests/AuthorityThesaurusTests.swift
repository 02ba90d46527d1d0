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
}
