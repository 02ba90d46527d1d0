import Foundation
import HaiCapCore
@testable import HaiCapStore
import Testing

/// The assistant on its own: classifier on held-apart questions, clarification, not-found, out-of-scope, PII masking.
@Suite("Procedure assistant")
struct AssistantTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../..").standardized

    static func evaluationQuestions() throws -> [LabelledQuestion] {
        let url = repository.appendingPathComponent("Tests/Data/assistant-eval.jsonl")
        return try LabelledQuestion.decode(try Data(contentsOf: url), file: "assistant-eval.jsonl")
    }

    static let bundled: ProcedureAssistant = {
        let training = (try? BundledAssistant.trainingQuestions()) ?? []
        return BundledAssistant.make(procedures: (try? BundledAssistant.bundledProcedures()) ?? [], training: training)
    }()

    @Test("the evaluation questions are kept apart from the training questions")
    func heldApart() throws {
        let training = Set(try BundledAssistant.trainingQuestions().map { $0.question.lowercased() })
        let evaluation = try Self.evaluationQuestions()
        #expect(training.count >= 400)
        #expect(evaluation.count >= 150)
        #expect(evaluation.filter { training.contains($0.question.lowercased()) }.isEmpty)
    }

    @Test("the intent classifier, trained on the shipped questions, reads held-apart questions")
    func classifierOnHeldApartQuestions() throws {
        let training = try BundledAssistant.trainingQuestions()
        let classifier = IntentClassifier(training: training)
        let questions = try Self.evaluationQuestions().filter { $0.kind != .outOfScope }
        let right = questions.filter { classifier.intent(QuestionText($0.question)) == $0.intent }.count
        // The targets (≥ 90 %) are measured by `haicap eval assistant` and recorded in docs/benchmarks.md; this guards regressions.
        #expect(Double(right) / Double(questions.count) >= 0.7)
        #expect(classifier.intent(QuestionText("le phi lam giay ket hon bao nhieu")) == .fee)
        #expect(classifier.intent(QuestionText("đăng ký tạm trú mất bao lâu")) == .timeLimit)
        #expect(classifier.intent(QuestionText("lam giay khai sinh o dau")) == .place)
    }

    @Test("everyday words are read as the catalogue's: hôn thú, kéo dài, lấy vợ, đăng kí, tạm chú")
    func thesaurus() {
        #expect(QuestionText("xin lại hôn thú bị thất lạc").folded == "cap lai giay ket hon bi mat")
        #expect(QuestionText("keo dai tam chu may hom").folded == "gia han tam tru may ngay")
        #expect(QuestionText("đăng kí lấy vợ").folded == "dang ky ket hon")
        #expect(QuestionText("làm hộ chiếu").folded == QuestionText("lam passport").folded)
        // A folded syllable that is ambiguous alone (cưới, cười, cuối) is rewritten only inside a phrase.
        #expect(QuestionText("cuoi thang nop bao cao").folded == "cuoi thang nop bao cao")
        #expect(QuestionText("sổ hồng").folded == QuestionText("giấy chứng nhận quyền sử dụng đất").folded)
        // A named nationality is a foreign element; look-alikes (chống hạn, người lao động, Campuchia at the border) are not.
        #expect(QuestionText("lấy chồng người Hàn").folded == "ket hon nguoi nuoc ngoai")
        #expect(QuestionText("vo ngoai quoc").folded == "vo nuoc ngoai")
        #expect(QuestionText("ho tro chong han cho nguoi lao dong").folded == "ho tro chong han cho nguoi lao dong")
        #expect(QuestionText("ket hon voi nguoi campuchia").folded == "ket hon voi nguoi campuchia")
        for (question, code) in [("hôn thú bị thất lạc thì xin lại ở đâu", "HC.HT.011"), ("kéo dài thời hạn tạm trú cần gì", "HC.CT.003"),
                                 ("lay vo thi dang ki o dau", "HC.HT.003")] {
            let (reply, _) = Self.bundled.respond(question, state: DialogueState(), place: nil, today: "2026-11-27")
            #expect(reply.procedure?.code == code, "\(question)")
        }
    }

    @Test("top-1 procedure on the held-apart evaluation questions does not fall back (target and figures: docs/benchmarks.md)")
    func top1Guard() throws {
        let report = AssistantEvaluation.run(try Self.evaluationQuestions(), assistant: Self.bundled, stripDiacritics: true, today: "2026-11-27")
        // Measured 90.6 / 90.4 / 93.1 % (fifth session); a little slack so that a new training batch can move one
        // question either way, but a real fall fails here.
        #expect(report.top1 >= 0.88)
        #expect(report.intent >= 0.88)
        #expect(report.notFound >= 0.88)
    }

    @Test("two procedures that fit equally well make the assistant ask which, with numbered choices; a number picks one")
    func clarification() throws {
        func record(_ code: String, _ name: String, _ level: String) -> Procedure {
            Procedure(code: code, name: name, field: "Thử nghiệm", level: level, source: ProcedureSource(name: "thử"), verified: true)
        }
        let catalog = ProcedureCatalog(procedures: [
            record("T.1", "Cấp giấy phép xây dựng nhà ở riêng lẻ", "Cấp Xã"), record("T.2", "Cấp giấy phép xây dựng nhà ở riêng lẻ", "Cấp Tỉnh"),
            record("T.3", "Đăng ký khai sinh", "Cấp Xã"),
        ])
        let assistant = ProcedureAssistant(catalog: catalog, classifier: IntentClassifier(training: try BundledAssistant.trainingQuestions()))
        let (first, state) = assistant.respond("cấp giấy phép xây dựng nhà ở riêng lẻ", state: DialogueState(), place: nil, today: "2026-11-27")
        #expect(first.kind == .clarify)
        #expect(Set(first.choices.map(\.code)) == ["T.1", "T.2"])
        #expect(first.answer.contains("1. ") && first.answer.contains("2. ") && first.answer.contains("Cấp Tỉnh"))
        try #require(first.choices.count == 2)
        let (second, _) = assistant.respond("2", state: state, place: nil, today: "2026-11-27")
        #expect(second.kind == .answer)
        #expect(second.procedure?.code == first.choices[1].code)
    }

    @Test("a procedure the catalogue lacks is not_found with the nearest suggestions", arguments: ["lam ho chieu can gi", "xin visa đi Hàn Quốc"])
    func notFound(question: String) {
        let (reply, _) = Self.bundled.respond(question, state: DialogueState(), place: nil, today: "2026-11-27")
        #expect(reply.kind == .notFound)
        #expect(reply.procedure == nil)
        #expect(!reply.choices.isEmpty)
        #expect(reply.answer.contains("chưa tìm thấy"))
    }

    @Test("disputes, advice and chit-chat are declined politely", arguments: ["hàng xóm lấn đất nhà tôi thì kiện thế nào", "thoi tiet ngay mai the nao", "xin chao"])
    func outOfScope(question: String) {
        let (reply, _) = Self.bundled.respond(question, state: DialogueState(), place: nil, today: "2026-11-27")
        #expect(reply.kind == .outOfScope)
        #expect(reply.answer.hasPrefix("Xin lỗi"))
    }

    @Test("an unknown fee is never a number: civil-status fees are set by the HĐND tỉnh")
    func feeNeverGuessed() {
        let (reply, _) = Self.bundled.respond("lệ phí đăng ký khai sinh bao nhiêu tiền", state: DialogueState(), place: nil, today: "2026-11-27")
        #expect(reply.procedure?.code == "HC.HT.001")
        #expect(reply.intent == .fee)
        #expect(reply.answer.contains("Hội đồng nhân dân tỉnh"))
        #expect(reply.answer.range(of: #"[0-9]{1,3}(\.[0-9]{3})+ đồng"#, options: .regularExpression) == nil)
        #expect(reply.answer.contains("chưa xác minh"))
        #expect(!reply.verified)
    }

    @Test("ID-card numbers, phone numbers and e-mail addresses are masked", arguments: [
        ("CCCD của tôi là 066123456789, lam khai sinh", "CCCD của tôi là [số CCCD], lam khai sinh"),
        ("cmnd 241234567 het han", "cmnd [số CMND] het han"),
        ("goi 0905 123 456 hoac +84912345678", "goi [số điện thoại] hoac [số điện thoại]"),
        ("mail nguyen.van.a@example.vn nhe", "mail [email] nhe"),
        ("thủ tục 1.001193 theo 123/2015/NĐ-CP, phí 2.000.000 đồng", "thủ tục 1.001193 theo 123/2015/NĐ-CP, phí 2.000.000 đồng"),
    ])
    func masking(input: String, expected: String) {
        #expect(PIIMasker.mask(input) == expected)
    }
}
