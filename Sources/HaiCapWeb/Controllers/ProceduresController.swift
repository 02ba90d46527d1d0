import Foundation
import HaiCapCore
import HaiCapStore
import Hummingbird

/// Citizens' pages of the procedure assistant: the chat, the catalogue, a procedure, its printable checklist.
struct ProceduresController {
    /// Procedures per page of the catalogue (`/thu-tuc/danh-muc`).
    static let catalogPageSize = 50

    let views: Views
    let database: Database
    let service: ProcedureService
    let limiter: RateLimiter
    let now: @Sendable () -> Date
    let script: ByteBuffer

    struct ChatForm: Decodable {
        var question: String?
        var conversation: String?
    }

    struct FeedbackForm: Decodable {
        var questionID: Int64
        var conversation: String
        var helpful: String
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/thu-tuc") { request, context in
            let content = ChatPage(conversation: request.query("conversation") ?? "", question: "", reply: nil,
                                   thanks: request.query("feedback") != nil)
            return try views.page("procedure-chat", title: "Trợ lý thủ tục hành chính", content, context: context, path: "/thu-tuc")
        }
        router.post("/thu-tuc") { request, context in
            let form = try await request.form(ChatForm.self)
            let question = (form.question ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            guard !question.isEmpty, question.count <= 1000 else {
                let content = ChatPage(conversation: form.conversation ?? "", question: question, reply: nil, error: "Hãy nhập câu hỏi (tối đa 1.000 ký tự).")
                return try views.page("procedure-chat", title: "Trợ lý thủ tục hành chính", content, context: context, path: "/thu-tuc", status: .unprocessableContent)
            }
            try limiter.check(context.clientAddress ?? "unknown", now: now())
            let reply = try await service.ask(question, conversation: form.conversation, unit: nil, now: now())
            let content = ChatPage(conversation: reply.conversation, question: question, reply: ReplyView(reply))
            return try views.page("procedure-chat", title: "Trợ lý thủ tục hành chính", content, context: context, path: "/thu-tuc")
        }
        router.post("/thu-tuc/phan-hoi") { request, _ in
            let form = try await request.form(FeedbackForm.self)
            _ = try await AssistantLogRepository(db: database.sql)
                .setFeedback(id: form.questionID, conversation: form.conversation, value: form.helpful == "yes" ? 1 : -1)
            return Views.redirect("/thu-tuc?conversation=\(form.conversation.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")&feedback=1")
        }
        router.get("/thu-tuc/danh-muc") { request, context in
            let catalog = try await service.assistant(now: now()).catalog
            let query = request.query("q")
            let field = request.query("field")
            let level = request.query("level")
            let page = try PageRequest(page: request.query("page"), per: request.query("per"), defaultPer: Self.catalogPageSize)
            let all = catalog.entries(query: query, field: field, level: level)
            let fields = catalog.fieldCounts.map { FieldOption(name: $0.name, count: $0.count, selected: $0.name == field) }
            var groups: [FieldGroup] = []
            for p in all.dropFirst(page.offset).prefix(page.per) {
                if query == nil, let last = groups.last, last.field == p.field { groups[groups.count - 1].items.append(ItemView(p)) }
                else if query != nil, !groups.isEmpty { groups[0].items.append(ItemView(p)) }
                else { groups.append(FieldGroup(field: query == nil ? p.field : "Kết quả tìm kiếm", items: [ItemView(p)])) }
            }
            let paged = Paged(items: [Int](), total: all.count, page: page)
            var summary = "\(VietnameseNumber.integer(all.count)) thủ tục."
            if paged.pageCount > 1 {
                let first = min(page.offset + 1, all.count), last = min(page.offset + page.per, all.count)
                summary += " Đang xem \(VietnameseNumber.integer(first))–\(VietnameseNumber.integer(last))."
            }
            let kept = [("q", query), ("field", field), ("level", level), ("per", request.query("per"))].compactMap { name, value in value.map { (name, $0) } }
            let content = CatalogPage(
                query: query ?? "", fields: fields, groups: groups, summary: summary,
                pager: Pager(path: "/thu-tuc/danh-muc", query: kept, paged: paged))
            return try views.page("procedure-catalog", title: "Danh mục thủ tục hành chính", content, context: context, path: "/thu-tuc")
        }
        router.get("/thu-tuc/{code}") { _, context in
            let procedure = try await find(context)
            let canEdit = (try? AccessPolicy.requireProvince(context.actor)) != nil
            return try views.page("procedure", title: procedure.name, ProcedurePage(procedure, canEdit: canEdit, portal: service.portalLink(procedure)), context: context, path: "/thu-tuc")
        }
        router.get("/thu-tuc/{code}/giay-to") { request, context in
            let procedure = try await find(context)
            let chosen = request.query("case").flatMap { name in procedure.cases.first { $0.name == name } }
            let content = ChecklistPage(procedure, chosen: chosen, printedOn: CivilTime.display(now()))
            return try views.page("procedure-checklist", title: "Giấy tờ cần mang: \(procedure.name)", content, context: context, path: "/thu-tuc")
        }
        router.get("/static/assistant.js") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/javascript; charset=utf-8", .cacheControl: "public, max-age=3600"],
                     body: .init(byteBuffer: script))
        }
    }

    func find(_ context: AppRequestContext) async throws -> Procedure {
        let code = try context.parameters.require("code")
        guard let procedure = try await ProcedureRepository(db: database.sql).find(code: code) else {
            throw HaiCapError.notFound("Không có thủ tục mã \(code) trong danh mục.")
        }
        return procedure
    }
}

extension ProcedureService {
    /// The national portal link of a record with a national code, when configured.
    func portalLink(_ p: Procedure) -> String? {
        guard p.codeIsNational, let template = portalURLTemplate, !template.isEmpty else { return nil }
        return template.replacingOccurrences(of: "{code}", with: p.code)
    }
}
