import Foundation
import HaiCapCore
import HaiCapStore
import Hummingbird

/// `/tham-quyen/tu-ngu` and `/thu-tuc/tu-ngu`: the everyday words an assistant reads as the texts' words — the
/// built-in list, and rules province officials add from the questions it could not answer (decisions 0003 §12, 0008).
struct ThesaurusPages {
    let views: Views
    let rules: PhraseRules
    let scope: Scope

    /// What differs between the two assistants' pages.
    struct Scope: Sendable {
        /// The page's own path, e.g. `/tham-quyen/tu-ngu`.
        var path: String
        /// The section it belongs to (navigation, breadcrumb), e.g. `/tham-quyen`.
        var section: String
        var sectionName: String
        var lead: String
        /// Where the words come from: "văn bản", "danh mục thủ tục".
        var source: String
        var hint: String
        var examplePhrase: String
        var exampleReplacement: String
        var added: String
        var removed: String

        static let authority = Scope(
            path: "/tham-quyen/tu-ngu", section: "/tham-quyen", sectionName: "Trợ lý thẩm quyền",
            lead: "Trợ lý đọc những cách gọi thường ngày này như từ ngữ của văn bản (“kiều bào” → “người Việt Nam định cư ở nước ngoài”), có dấu hay không dấu. Bảng chỉ nối từ ngữ: không nêu chủ thể, căn cứ, phí hay thời hạn nào — chủ thể do bản ghi thẩm quyền nêu.",
            source: "Từ ngữ trong văn bản",
            hint: "Xem các câu hỏi <a href=\"/tham-quyen/cau-hoi?loc=chua-tra-loi\">chưa trả lời được</a>: khi cán bộ gọi một việc khác với văn bản, thêm cách gọi đó ở đây rồi hỏi lại.",
            examplePhrase: "giờ giấc", exampleReplacement: "thời gian làm việc",
            added: "Đã thêm. Từ câu hỏi tiếp theo, trợ lý đọc cách gọi này như từ ngữ của văn bản.",
            removed: "Từ câu hỏi tiếp theo, trợ lý không đọc cách gọi này như từ ngữ của văn bản nữa.")

        static let procedures = Scope(
            path: "/thu-tuc/tu-ngu", section: "/thu-tuc", sectionName: "Trợ lý thủ tục hành chính",
            lead: "Trợ lý đọc những cách người dân hay nói này như từ ngữ của danh mục thủ tục (“hôn thú” → “giấy kết hôn”), có dấu hay không dấu, ở cả câu hỏi lẫn hồ sơ thủ tục. Bảng chỉ nối từ ngữ: không nêu giấy tờ, lệ phí hay thời hạn nào — những điều đó do hồ sơ thủ tục nêu.",
            source: "Từ ngữ trong danh mục thủ tục",
            hint: "Xem các câu hỏi <a href=\"/thu-tuc/cau-hoi?loc=chua-tra-loi\">chưa trả lời được</a>: khi người dân gọi một thủ tục khác với danh mục, thêm cách gọi đó ở đây rồi hỏi lại.",
            examplePhrase: "báo vắng", exampleReplacement: "khai báo tạm vắng",
            added: "Đã thêm. Từ câu hỏi tiếp theo (sau vài giây), trợ lý đọc cách gọi này như từ ngữ của danh mục thủ tục.",
            removed: "Từ câu hỏi tiếp theo, trợ lý không đọc cách gọi này như từ ngữ của danh mục nữa.")
    }

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
        var scope: Scope
    }

    struct AddForm: Decodable {
        var phrase: String?
        var replacement: String?
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        let (rules, scope) = (rules, scope)
        router.get(RouterPath(scope.path)) { request, context in
            let account = try AccessPolicy.requireSignedIn(context.actor)
            let notice: String? = request.query("da-them") != nil ? scope.added : request.query("da-xoa") != nil ? "Đã xóa cách gọi." : nil
            return try await page(context, isProvince: account.role != .commune, notice: notice)
        }
        router.post(RouterPath(scope.path)) { request, context in
            let account = try AccessPolicy.requireProvince(context.actor)
            let form = try await request.form(AddForm.self)
            do {
                _ = try await rules.add(form.phrase ?? "", replacement: form.replacement ?? "", by: account.username)
            } catch let HaiCapError.validation(fields) {
                return try await page(context, isProvince: true, phrase: form.phrase ?? "", replacement: form.replacement ?? "",
                                      errors: fields.map(\.message), status: .unprocessableContent)
            }
            return Views.redirect(scope.path + "?da-them=1")
        }
        router.get(RouterPath(scope.path + "/{id}/xoa")) { _, context in
            _ = try AccessPolicy.requireProvince(context.actor)
            let id = try Self.id(context)
            guard let rule = try await PhraseRepository(db: rules.database.sql, book: rules.book).find(id: id) else {
                throw HaiCapError.notFound("Không có cách gọi số \(id) (có thể đã bị xóa).")
            }
            let content = AdminController.ConfirmContent(
                heading: "Xóa cách gọi “\(rule.phrase)”",
                question: "Xóa cách gọi “\(rule.phrase)” → “\(rule.replacement)” (do \(rule.createdBy) thêm)? \(scope.removed)",
                action: "\(scope.path)/\(id)/xoa", confirmLabel: "Xóa", cancel: scope.path)
            return try views.page("confirm", title: content.heading, content, context: context, path: scope.section)
        }
        router.post(RouterPath(scope.path + "/{id}/xoa")) { _, context in
            let account = try AccessPolicy.requireProvince(context.actor)
            try await rules.remove(id: try Self.id(context), by: account.username)
            return Views.redirect(scope.path + "?da-xoa=1")
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
        let stored = try await PhraseRepository(db: rules.database.sql, book: rules.book).all().map {
            RuleRow(id: $0.id, phrase: $0.phrase, replacement: $0.replacement, by: $0.createdBy, at: CivilTime.display($0.createdAt))
        }
        let content = Content(
            rules: stored, hasRules: !stored.isEmpty,
            builtIn: rules.builtIn.map { BuiltInRow(phrase: $0.from, replacement: $0.to.isEmpty ? "(bỏ qua khi đọc câu hỏi)" : $0.to) },
            isProvince: isProvince, phrase: phrase, replacement: replacement, errors: errors, notice: notice, scope: scope)
        return try views.page("thesaurus", title: "Cách gọi thường ngày", content, context: context, path: scope.section, status: status)
    }
}
