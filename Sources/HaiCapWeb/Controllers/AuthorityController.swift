import Foundation
import HaiCapCore
import HaiCapStore
import Hummingbird
import LegalText

/// The authority assistant's pages for signed-in officials: ask, review queue, provincial delegations.
struct AuthorityController {
    let views: Views
    let database: Database
    let authority: AuthorityService

    struct FeedbackForm: Decodable {
        var question: String?
        var verdict: String?
    }

    struct AskForm: Decodable {
        var question: String?
        var asOf: String?
    }

    struct BasisView {
        var citation: String
        var document: String
        var text: String
        var validity: String
        var link: String
    }

    struct AnswerView {
        var isAnswer: Bool
        var isProvisions: Bool
        var isNotFound: Bool
        var holder: String?
        var previousHolder: String?
        var mode: String?
        var changed: String?
        var answer: String
        var warnings: [String]
        var hasWarnings: Bool
        var basis: [BasisView]
        var asOf: String
    }

    struct AskContent {
        var question: String
        var asOf: String
        var answer: AnswerView?
        /// The logged question, for the asker's verdict.
        var questionID: Int64?
        var notice: String?
        var error: String?
        var examples: [String]
        var isProvince: Bool
        var recordCount: String
    }

    static let examples = [
        "Ai có thẩm quyền cấp giấy phép xây dựng nhà ở riêng lẻ?",
        "Trước đây huyện làm việc cưỡng chế thu hồi nhà ở xã hội, giờ ai làm?",
        "Chủ tịch UBND xã có được chứng thực chữ ký người dịch không?",
        "Cơ quan nào đăng ký khai sinh có yếu tố nước ngoài?",
    ]

    static func view(_ a: AuthorityAnswer) -> AnswerView {
        AnswerView(
            isAnswer: a.kind == .answer, isProvisions: a.kind == .provisions, isNotFound: a.kind == .notFound,
            holder: a.holder, previousHolder: a.previousHolder, mode: a.mode, changed: a.changed, answer: a.answer,
            warnings: a.warnings, hasWarnings: !a.warnings.isEmpty,
            basis: a.basis.map { b in
                let dates = [b.effective.flatMap(CivilDate.init(iso:)).map { "hiệu lực từ \($0.vietnamese)" },
                             b.expires.flatMap(CivilDate.init(iso:)).map { "hết hiệu lực từ \($0.vietnamese) (có điều kiện, xem cảnh báo)" }]
                    .compactMap { $0 }.joined(separator: "; ")
                return BasisView(citation: b.citation, document: b.document, text: b.text, validity: dates,
                                 link: LegalController.path(b.documentNumber) + (b.anchor.isEmpty ? "" : "#" + b.anchor))
            },
            asOf: CivilDate(iso: a.asOf)?.vietnamese ?? a.asOf)
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/tham-quyen") { request, context in
            let notice: String? = switch request.query("da-gop-y") {
            case "dung": "Cảm ơn, đã ghi nhận câu trả lời là đúng."
            case "sai": "Cảm ơn, đã ghi nhận câu trả lời là sai: cán bộ tỉnh sẽ thấy câu hỏi này trong danh sách “chưa trả lời được” để xem lại bản ghi thẩm quyền."
            default: nil
            }
            return try await ask(request.formQuery("q"), asOf: request.formQuery("asOf"), notice: notice, context: context)
        }
        router.post("/tham-quyen") { request, context in
            let form = try await request.form(AskForm.self)
            return try await ask(form.question, asOf: form.asOf, context: context)
        }
        router.post("/tham-quyen/gop-y") { request, context in
            let account = try AccessPolicy.requireSignedIn(context.actor)
            let form = try await request.form(FeedbackForm.self)
            guard let id = form.question.flatMap(Int64.init), let verdict = form.verdict, ["dung", "sai"].contains(verdict) else {
                throw HaiCapError.validation([.init(key: "verdict", message: "Hãy chọn “Đúng” hoặc “Sai” cho một câu trả lời.")])
            }
            try await authority.feedback(questionID: id, helpful: verdict == "dung", askedBy: account.username)
            return Views.redirect("/tham-quyen?da-gop-y=" + verdict)
        }
        router.get("/tham-quyen/cau-hoi") { request, context in
            try await questions(request, context: context)
        }
        ReviewPages(views: views, database: database, authority: authority).addRoutes(to: router)
        ThesaurusPages(views: views, rules: authority.phrases, scope: .authority).addRoutes(to: router)
    }

    struct QuestionRow {
        var at: String
        var askedBy: String
        var question: String
        var asOf: String
        var result: String
        var citation: String?
        var retry: String
        var feedback: String
    }

    struct QuestionsPage {
        var rows: [QuestionRow]
        var unanswered: Bool
        var summary: String
        var pager: Pager?
    }

    /// What officials asked, newest first; "chưa trả lời được" keeps the questions no competence record answered.
    func questions(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try AccessPolicy.requireProvince(context.actor)
        let unanswered = request.query("loc") == "chua-tra-loi"
        let page = try PageRequest(page: request.query("page"), per: nil)
        let paged = try await AuthorityQuestionLogRepository(db: database.sql).list(unanswered: unanswered, page: page)
        let rows = paged.items.map { q in
            let result: String
            switch AuthorityAnswer.Kind(rawValue: q.kind) {
            case .answer: result = Holder.label(q.holderCode ?? "")
            case .provisions: result = "Chưa có bản ghi — trích điều khoản"
            case .notFound: result = "Không tìm thấy"
            case nil: result = q.kind
            }
            // Only letters and digits stay as they are: a question may hold "&", "=", "?" or "#".
            let retry = "/tham-quyen?q=" + (q.question.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
                + "&asOf=" + (q.asOf.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
            return QuestionRow(at: CivilTime.display(q.at), askedBy: q.askedBy, question: q.question,
                               asOf: CivilDate(iso: q.asOf)?.vietnamese ?? q.asOf, result: result, citation: q.citation,
                               retry: retry, feedback: q.feedback == 1 ? "Đúng" : q.feedback == -1 ? "Sai" : "")
        }
        let summary = "\(VietnameseNumber.integer(paged.total)) câu hỏi"
            + (unanswered ? " chưa có bản ghi thẩm quyền trả lời (chỉ trích điều khoản, hoặc không tìm thấy), hoặc bị người hỏi đánh giá là sai" : "")
            + ", mới nhất trước. Số căn cước, số điện thoại, e-mail đã được che trước khi lưu."
        let content = QuestionsPage(
            rows: rows, unanswered: unanswered, summary: summary,
            pager: Pager(path: "/tham-quyen/cau-hoi", query: unanswered ? [("loc", "chua-tra-loi")] : [], paged: paged))
        return try views.page("authority-questions", title: "Câu hỏi về thẩm quyền", content, context: context, path: "/tham-quyen")
    }

    func ask(_ question: String?, asOf: String?, notice: String? = nil, context: AppRequestContext) async throws -> Response {
        let account = try AccessPolicy.requireSignedIn(context.actor)
        var content = AskContent(
            question: question ?? "", asOf: asOf ?? "", answer: nil, notice: notice, error: nil, examples: Self.examples,
            isProvince: account.role != .commune,
            recordCount: VietnameseNumber.integer(try await CompetenceRepository(db: database.sql).count() - CompetenceRepository(db: database.sql).count(status: .rejected)))
        if let question, !question.trimmingCharacters(in: .whitespaces).isEmpty {
            do {
                let asked = try await authority.ask(question, asOf: asOf, askedBy: account.username)
                content.answer = Self.view(asked.answer)
                content.questionID = asked.questionID
            } catch let error as HaiCapError {
                content.error = error.message
            }
        }
        return try views.page("authority", title: "Trợ lý thẩm quyền", content, context: context, path: "/tham-quyen")
    }
}
