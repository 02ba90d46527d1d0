import Foundation
import HaiCapCore
import HaiCapStore
import Hummingbird
import LegalText

/// A document's page: facts, outline, every provision with its anchor, cross-references as links,
/// recorded amendments and repeals on the provisions they touch, and (province) a form to record one.
struct DocumentPage {
    let views: Views
    let database: Database
    let authority: AuthorityService
    let now: @Sendable () -> Date

    struct OutlineItem {
        var anchor: String
        var label: String
    }

    struct Block {
        var anchor: String
        var html: String
        var isPoint: Bool
    }

    struct ArticleView {
        var anchor: String
        var heading: String
        var division: String?
        var changes: [String]
        var blocks: [Block]
    }

    struct Content {
        var row: LegalController.DocumentRow
        var issuer: String
        var issued: String
        var source: String
        var condition: String?
        var outline: [OutlineItem]
        var articles: [ArticleView]
        var annexes: [Block]
        var hasText: Bool
        var changes: [String]
        var isProvince: Bool
        var actionPath: String
        var searchPath: String
    }

    struct ChangeForm: Decodable {
        var kind: String
        var article: String
        var clause: String?
        var point: String?
        var byDocument: String
        var effective: String?
        var note: String?
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/tham-quyen/van-ban/{slug}") { _, context in
            let account = try AccessPolicy.requireSignedIn(context.actor)
            let slug = try context.parameters.require("slug")
            return try await page(slug, isProvince: account.role != .commune, context: context)
        }
        router.post("/tham-quyen/van-ban/{slug}/thay-doi") { request, context in
            let account = try AccessPolicy.requireProvince(context.actor)
            let summary = try await find(try context.parameters.require("slug"))
            let f = try await request.form(ChangeForm.self)
            func blank(_ s: String?) -> String? { s.flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0.trimmingCharacters(in: .whitespaces) } }
            var fields: [FieldError] = []
            guard let kind = ProvisionChange.Kind(rawValue: f.kind) else { throw HaiCapError.validation([.init(key: "kind", message: "Hãy chọn bãi bỏ hoặc sửa đổi.")]) }
            if f.article.trimmingCharacters(in: .whitespaces).isEmpty { fields.append(.init(key: "article", message: "Hãy nhập số điều.")) }
            if !f.byDocument.contains("/") { fields.append(.init(key: "byDocument", message: "Hãy nhập số hiệu văn bản sửa đổi, bãi bỏ.")) }
            if let e = blank(f.effective), CivilDate(iso: e) == nil { fields.append(.init(key: "effective", message: "Ngày phải có dạng YYYY-MM-DD.")) }
            guard fields.isEmpty else { throw HaiCapError.validation(fields) }
            _ = try await authority.recordChange(
                ProvisionChange(kind: kind, document: summary.info.number, article: f.article.trimmingCharacters(in: .whitespaces),
                                clause: blank(f.clause), point: blank(f.point), byDocument: f.byDocument.trimmingCharacters(in: .whitespaces),
                                effective: blank(f.effective), note: f.note ?? "", source: "ghi nhận bởi cán bộ"),
                by: account.username)
            return Views.redirect(LegalController.path(summary.info.number))
        }
    }

    func find(_ slug: String) async throws -> LegalDocumentSummary {
        let documents = try await LegalRepository(db: database.sql).documents()
        guard let found = documents.first(where: { LegalController.slug($0.info.number) == slug.uppercased() }) else {
            throw HaiCapError.notFound("Không có văn bản này trong danh mục.")
        }
        return found
    }

    func page(_ slug: String, isProvince: Bool, context: AppRequestContext) async throws -> Response {
        let summary = try await find(slug)
        let info = summary.info
        let knowledge = try await authority.knowledge()
        let status = LegalStatusView(knowledge: knowledge, today: CivilDate(now()))
        let text = try await LegalRepository(db: database.sql).texts().first { $0.number == info.number }?.text
        let document = text.flatMap { try? LegalDocumentParser().parse($0) }
        let changes = knowledge.changes.filter { DocumentReference.normalizedNumber($0.document) == DocumentReference.normalizedNumber(info.number) }
        let linker = CrossReferenceLinker(knowledge: knowledge, current: info.number)
        var articles: [ArticleView] = []
        for article in document?.articles ?? [] {
            let anchor = Provision.anchor(article: article.number, clause: nil, point: nil)
            var blocks: [Block] = []
            if !article.intro.isEmpty { blocks.append(Block(anchor: "", html: linker.html(article.intro), isPoint: false)) }
            for clause in article.clauses {
                let a = Provision.anchor(article: article.number, clause: clause.number, point: nil)
                blocks.append(Block(anchor: a, html: linker.html(clause.points.isEmpty ? clause.text : clause.intro), isPoint: false))
                for p in clause.points {
                    blocks.append(Block(anchor: Provision.anchor(article: article.number, clause: clause.number, point: p.letter), html: linker.html(p.text), isPoint: true))
                }
            }
            for p in article.points {
                blocks.append(Block(anchor: Provision.anchor(article: article.number, clause: nil, point: p.letter), html: linker.html(p.text), isPoint: true))
            }
            if article.clauses.isEmpty && article.points.isEmpty && article.intro.isEmpty {
                blocks.append(Block(anchor: "", html: linker.html(article.text), isPoint: false))
            }
            let notes = changes.filter { $0.article.lowercased() == article.number.lowercased() }.map(Self.describe)
            articles.append(ArticleView(anchor: anchor, heading: article.heading, division: article.chapter.map { "Chương \($0.number). \($0.title)" },
                                        changes: notes, blocks: blocks))
        }
        // A chapter heading is shown once, above its first article.
        var lastDivision: String?
        for i in articles.indices {
            if articles[i].division == lastDivision { articles[i].division = nil } else { lastDivision = articles[i].division }
        }
        let annexes = (document?.annexes ?? []).enumerated().map { i, a in
            Block(anchor: "phu-luc-" + Provision.slug(a.number.isEmpty ? String(i + 1) : a.number), html: HTML.escape(a.label + "\n" + a.text), isPoint: false)
        }
        let row = LegalController.row(status.documents([summary])[0])
        let content = Content(
            row: row, issuer: info.issuer, issued: info.issued.flatMap(CivilDate.init(iso:))?.vietnamese ?? "chưa rõ", source: info.source,
            condition: info.expiryCondition, outline: (document?.articles ?? []).map {
                OutlineItem(anchor: Provision.anchor(article: $0.number, clause: nil, point: nil), label: "Điều \($0.number). \($0.title)")
            },
            articles: articles, annexes: annexes, hasText: document != nil, changes: changes.map(Self.describe),
            isProvince: isProvince, actionPath: LegalController.path(info.number) + "/thay-doi",
            searchPath: "/tham-quyen/tim-kiem?document=" + (info.number.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""))
        return try views.page("legal-document", title: "\(info.type) \(info.number)", content, context: context, path: "/tham-quyen")
    }

    static func describe(_ c: ProvisionChange) -> String {
        let when = c.effective.flatMap(CivilDate.init(iso:)).map { " từ ngày \($0.vietnamese)" }
            ?? " (ngày hiệu lực chưa xác minh)"
        return "\(c.targetCitation) bị \(c.kind.label) bởi \(DocumentReference(number: c.byDocument).formatted())\(when)" + (c.note.isEmpty ? "" : ". \(c.note)")
    }
}

/// Turns citations in a provision into links to the provision's anchor, on this page or another document's.
struct CrossReferenceLinker {
    let knowledge: AuthorityKnowledge
    let current: String

    func html(_ text: String) -> String {
        let finder = CitationFinder(context: CitationContext(document: DocumentReference(number: current)))
        let referred = ReferredText(documents: Array(knowledge.documents.values), provisions: [:])
        var out = ""
        var cursor = text.startIndex
        for found in finder.citations(in: text) where found.range.lowerBound >= cursor {
            guard let article = found.citation.article else { continue }
            var number: String?
            if let reference = found.citation.document {
                number = reference.isCurrent ? current : referred.number(for: reference)
            } else {
                number = current
            }
            guard let number else { continue }
            let anchor = Provision.anchor(article: article, clause: found.citation.clause, point: found.citation.point)
            let href = (number == current ? "" : LegalController.path(number)) + "#" + anchor
            out += HTML.escape(String(text[cursor..<found.range.lowerBound]))
            out += "<a href=\"\(HTML.escape(href))\">" + HTML.escape(String(text[found.range])) + "</a>"
            cursor = found.range.upperBound
        }
        out += HTML.escape(String(text[cursor...]))
        return out
    }
}
