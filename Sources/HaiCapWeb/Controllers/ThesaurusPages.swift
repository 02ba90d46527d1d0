import Foundation
import HaiCapCore
import HaiCapStore
import Hummingbird

/// `/tham-quyen/tu-ngu`: the everyday words the authority assistant reads as the decrees' words — the built-in
/// list, and rules province officials add from the questions it could not answer (decision 0003 §12).
struct ThesaurusPages {
    let views: Views
    let database: Database
    let authority: AuthorityService

    struct RuleRow {
        var id: Int64
        var phrase: String
        var replacement: String
        var by: String
        var at: String
    }

    struct BuiltInRow {
        var phrase: String
        var replacement: String
    }

    struct Content {
        var rules: [RuleRow]
        var hasRules: Bool
        var builtIn: [BuiltInRow]
        var isProvince: Bool
        var phrase: String
        var replacement: String
        var errors: [String]
        var notice: String?
    }

    struct AddForm: Decodable {
        var phrase: String?
        var replacement: String?
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/tham-quyen/tu-ngu") { request, context in
            let account = try AccessPolicy.requireSignedIn(context.actor)
            let notice: String? = request.query("da-them") != nil ? "Đã thêm. Từ câu hỏi tiếp theo, trợ lý đọc cách gọi này như từ ngữ của văn bản."
                : request.query("da-xoa") != nil ? "Đã xóa cách gọi." : nil
            return try await page(context, isProvince: account.role != .commune, notice: notice)
        }
        router.post("/tham-quyen/tu-ngu") { request, context in
            let account = try AccessPolicy.requireProvince(context.actor)
            let form = try await request.form(AddForm.self)
            do {
                _ = try await authority.addPhrase(form.phrase ?? "", replacement: form.replacement ?? "", by: account.username)
            } catch let HaiCapError.validation(fields) {
                return try await page(context, isProvince: true, phrase: form.phrase ?? "", replacement: form.replacement ?? "",
                                      errors: fields.map(\.message), status: .unprocessableContent)
            }
            return Views.redirect("/tham-quyen/tu-ngu?da-them=1")
        }
        router.get("/tham-quyen/tu-ngu/{id}/xoa") { _, context in
            _ = try AccessPolicy.requireProvince(context.actor)
            let id = try Self.id(context)
            guard let rule = try await AuthorityPhraseRepository(db: database.sql).find(id: id) else {
                throw HaiCapError.notFound("Không có cách gọi số \(id) (có thể đã bị xóa).")
            }
            let content = AdminController.ConfirmContent(
                heading: "Xóa cách gọi “\(rule.phrase)”",
                question: "Xóa cách gọi “\(rule.phrase)” → “\(rule.replacement)” (do \(rule.createdBy) thêm)? Từ câu hỏi tiếp theo, trợ lý không đọc cách gọi này như từ ngữ của văn bản nữa.",
                action: "/tham-quyen/tu-ngu/\(id)/xoa", confirmLabel: "Xóa", cancel: "/tham-quyen/tu-ngu")
            return try views.page("confirm", title: content.heading, content, context: context, path: "/tham-quyen")
        }
        router.post("/tham-quyen/tu-ngu/{id}/xoa") { _, context in
            let account = try AccessPolicy.requireProvince(context.actor)
            try await authority.removePhrase(id: try Self.id(context), by: account.username)
            return Views.redirect("/tham-quyen/tu-ngu?da-xoa=1")
        }
    }

    static func id(_ context: AppRequestContext) throws -> Int64 {
        guard let raw = context.parameters.get("id"), let id = Int64(raw) else { throw HaiCapError.notFound("Không có cách gọi này.") }
        return id
    }

    func page(
        _ context: AppRequestContext, isProvince: Bool, phrase: String = "", replacement: String = "", errors: [String] = [],
        notice: String? = nil, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let rules = try await AuthorityPhraseRepository(db: database.sql).all().map {
            RuleRow(id: $0.id, phrase: $0.phrase, replacement: $0.replacement, by: $0.createdBy, at: CivilTime.display($0.createdAt))
        }
        let content = Content(
            rules: rules, hasRules: !rules.isEmpty,
            builtIn: AuthorityThesaurus.rules.map { BuiltInRow(phrase: $0.from, replacement: $0.to) },
            isProvince: isProvince, phrase: phrase, replacement: replacement, errors: errors, notice: notice)
        return try views.page("authority-thesaurus", title: "Cách gọi thường ngày", content, context: context, path: "/tham-quyen", status: status)
    }
}
