import Foundation
import HaiCapCore
import HaiCapStore
import Hummingbird
import LegalText

/// Legal documents for signed-in officials: the list with upload, a page per document, provision search.
struct LegalController {
    let views: Views
    let database: Database
    let authority: AuthorityService
    let now: @Sendable () -> Date

    /// `/tham-quyen/van-ban/140-2025-ND-CP`.
    static func path(_ number: String) -> String {
        "/tham-quyen/van-ban/" + slug(number)
    }

    static func slug(_ number: String) -> String {
        DocumentReference.normalizedNumber(number).replacingOccurrences(of: "/", with: "-")
    }

    struct DocumentRow {
        var number: String
        var title: String
        var type: String
        var link: String
        var effective: String
        var expiry: String?
        var status: String
        var statusClass: String
        var articles: Int
        var unverified: String?
    }

    struct ListContent {
        var items: [DocumentRow]
        var isProvince: Bool
        var types: [String]
        var maxKB: Int
    }

    static let fieldLabels = ["issued": "ngày ban hành", "effective": "ngày có hiệu lực", "expiry": "ngày hết hiệu lực"]

    static func row(_ r: LegalStatusView.Row) -> DocumentRow {
        DocumentRow(
            number: r.info.number, title: r.info.title, type: r.info.type, link: path(r.info.number),
            effective: r.info.effective.flatMap(CivilDate.init(iso:))?.vietnamese ?? "chưa rõ",
            expiry: r.info.expiry.flatMap(CivilDate.init(iso:))?.vietnamese.appending(r.info.expiryCondition == nil ? "" : " (trừ các trường hợp luật định)"),
            status: r.status.label, statusClass: r.status == .inForce ? "green" : (r.status == .repealed ? "red" : ""),
            articles: r.articles,
            unverified: r.info.unverified.isEmpty ? nil : "chưa xác minh: " + r.info.unverified.map { fieldLabels[$0] ?? $0 }.joined(separator: ", "))
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/tham-quyen/van-ban") { _, context in
            let account = try AccessPolicy.requireSignedIn(context.actor)
            let rows = LegalStatusView(knowledge: try await authority.knowledge(), today: CivilDate(now()))
                .documents(try await LegalRepository(db: database.sql).documents()).map(Self.row)
            return try views.page(
                "legal-documents", title: "Văn bản pháp luật",
                ListContent(items: rows, isProvince: account.role != .commune, types: ["Nghị định", "Luật", "Thông tư", "Quyết định", "Nghị quyết"],
                            maxKB: LegalUpload.maxBytes / 1024),
                context: context, path: "/tham-quyen")
        }
        router.post("/tham-quyen/van-ban") { request, context in
            let account = try AccessPolicy.requireProvince(context.actor)
            let (data, info) = try LegalUpload.read(try await MultipartForm.parse(request))
            _ = try await authority.importDocument(data, info: info, by: account.username)
            return Views.redirect(Self.path(info.number))
        }
        router.get("/tham-quyen/tim-kiem") { request, context in
            _ = try AccessPolicy.requireSignedIn(context.actor)
            return try await search(request.formQuery("q"), document: request.formQuery("document"), context: context)
        }
        DocumentPage(views: views, database: database, authority: authority, now: now).addRoutes(to: router)
    }

    struct Hit {
        var citation: String
        var link: String
        var title: String
        var text: String
    }

    struct SearchContent {
        var query: String
        var hits: [Hit]
        var searched: Bool
        var hasHits: Bool
    }

    func search(_ query: String?, document: String?, context: AppRequestContext) async throws -> Response {
        let knowledge = try await authority.knowledge()
        let hits = query.map { knowledge.searchProvisions($0, document: document, limit: 20) } ?? []
        let content = SearchContent(
            query: query ?? "",
            hits: hits.map { p in
                Hit(citation: p.citation, link: Self.path(p.document) + "#" + p.anchor, title: p.articleTitle,
                    text: p.text.count > 400 ? String(p.text.prefix(400)) + "…" : p.text)
            },
            searched: query != nil, hasHits: !hits.isEmpty)
        return try views.page("legal-search", title: "Tìm điều khoản", content, context: context, path: "/tham-quyen")
    }
}

/// The upload form's fields, checked: a UTF-8 .txt file of at most 2 MB and the document's facts.
enum LegalUpload {
    static let maxBytes = 1_900_000

    static func read(_ form: MultipartForm) throws -> (Data, LegalDocumentInfo) {
        var fields: [FieldError] = []
        let file = form.files["file"]
        if let file {
            if file.data.isEmpty { fields.append(.init(key: "file", message: "Tệp rỗng.")) }
            if file.data.count > maxBytes { fields.append(.init(key: "file", message: "Tệp lớn hơn \(maxBytes / 1024) KB.")) }
            let name = file.filename.lowercased()
            if !name.hasSuffix(".txt") || !(file.contentType.hasPrefix("text/") || file.contentType == "application/octet-stream") {
                fields.append(.init(key: "file", message: "Chỉ nhận tệp văn bản .txt (mỗi đoạn một dòng, mã UTF-8)."))
            }
        } else {
            fields.append(.init(key: "file", message: "Hãy chọn tệp văn bản."))
        }
        let number = form.field("number") ?? ""
        if number.isEmpty || !number.contains("/") { fields.append(.init(key: "number", message: "Hãy nhập số hiệu, ví dụ 150/2025/NĐ-CP.")) }
        let title = form.field("title") ?? ""
        if title.isEmpty { fields.append(.init(key: "title", message: "Hãy nhập trích yếu.")) }
        for key in ["issued", "effective", "expiry"] {
            if let value = form.field(key), CivilDate(iso: value) == nil {
                fields.append(.init(key: key, message: "Ngày phải có dạng YYYY-MM-DD."))
            }
        }
        guard fields.isEmpty, let file else { throw HaiCapError.validation(fields) }
        let info = LegalDocumentInfo(
            number: number, type: form.field("type") ?? "Nghị định", title: title, issuer: form.field("issuer") ?? "",
            issued: form.field("issued"), effective: form.field("effective"), expiry: form.field("expiry"),
            expiryCondition: form.field("expiryCondition"), file: nil, source: "tải lên bởi cán bộ: \(file.filename)",
            unverified: [], delineation: form.field("delineation") == "on")
        return (file.data, info)
    }
}
