import Foundation
import HaiCapCore
import HaiCapStore
import Hummingbird

/// The review queue of competence records and the province's delegation decisions.
struct ReviewPages {
    let views: Views
    let database: Database
    let authority: AuthorityService

    struct Option {
        var value: String
        var label: String
        var selected: Bool
    }

    struct Item {
        var id: Int64
        var power: String
        var holder: String
        var holderText: String
        var previousHolder: String?
        var mode: String
        var citation: String
        var link: String
        var quote: String
        var condition: String?
        var status: String
        var statusClass: String
        var notes: String
        var canVerify: Bool
        var canReject: Bool
        var canReopen: Bool
        var canEdit: Bool
        var holders: [Option]
        var modes: [Option]
    }

    struct QueueContent {
        var items: [Item]
        var hasItems: Bool
        var summary: String
        var statuses: [Option]
        var documents: [Option]
        var query: String
        var isProvince: Bool
        var pager: Pager?
        var message: String?
    }

    struct ReviewForm: Decodable {
        var action: String
        var reason: String?
        var power: String?
        var holder: String?
        var previousHolder: String?
        var mode: String?
        var condition: String?
        var notes: String?
        var back: String?
    }

    struct DelegationForm: Decodable {
        var number: String
        var delegator: String
        var delegate: String
        var scope: String
        var validFrom: String
        var validTo: String?
        var note: String?
    }

    struct DelegationContent {
        var items: [DelegationDecision]
        var hasItems: Bool
        var holders: [Option]
        var isProvince: Bool
    }

    static func holderOptions(_ selected: String?) -> [Option] {
        Holder.labels.sorted { $0.value < $1.value }.map { Option(value: $0.key, label: $0.value, selected: $0.key == selected) }
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/tham-quyen/duyet") { request, context in
            let account = try AccessPolicy.requireSignedIn(context.actor)
            return try await queue(request, context, isProvince: account.role != .commune, message: nil)
        }
        router.post("/tham-quyen/duyet/{id}") { request, context in
            let account = try AccessPolicy.requireProvince(context.actor)
            guard let id = Int64(try context.parameters.require("id")) else { throw HaiCapError.notFound("Không tìm thấy bản ghi thẩm quyền.") }
            let form = try await request.form(ReviewForm.self)
            let action = try AuthorityAPIController.action(.init(
                action: form.action, reason: form.reason, power: form.power, holder: form.holder,
                previousHolder: form.previousHolder, mode: form.mode, condition: form.condition, notes: form.notes))
            _ = try await authority.review(id: id, action, by: account.username)
            let back = form.back.flatMap { $0.hasPrefix("/tham-quyen/duyet") ? $0 : nil } ?? "/tham-quyen/duyet"
            return Views.redirect(back + "#ban-ghi-\(id)")
        }
        router.get("/tham-quyen/uy-quyen") { _, context in
            let account = try AccessPolicy.requireSignedIn(context.actor)
            let items = try await CompetenceRepository(db: database.sql).delegations().map { d -> DelegationDecision in
                var d = d
                d.delegator = Holder.label(d.delegator)
                return d
            }
            return try views.page(
                "delegations", title: "Quyết định ủy quyền của tỉnh",
                DelegationContent(items: items, hasItems: !items.isEmpty, holders: Self.holderOptions("chu_tich_ubnd_tinh"),
                                  isProvince: account.role != .commune),
                context: context, path: "/tham-quyen")
        }
        router.post("/tham-quyen/uy-quyen") { request, context in
            let account = try AccessPolicy.requireProvince(context.actor)
            let f = try await request.form(DelegationForm.self)
            _ = try await authority.recordDelegation(
                DelegationDecision(number: f.number, delegator: f.delegator, delegate: f.delegate, scope: f.scope,
                                   validFrom: f.validFrom, validTo: f.validTo.flatMap { $0.isEmpty ? nil : $0 }, note: f.note ?? ""),
                by: account.username)
            return Views.redirect("/tham-quyen/uy-quyen")
        }
    }

    func queue(_ request: Request, _ context: AppRequestContext, isProvince: Bool, message: String?) async throws -> Response {
        let statusRaw = request.formQuery("status") ?? CompetenceStatus.extracted.rawValue
        let status = CompetenceStatus(rawValue: statusRaw)
        let document = request.formQuery("document")
        let query = request.formQuery("q")
        let page = try PageRequest(page: request.query("page"), per: nil, defaultPer: 25)
        let paged = try await CompetenceRepository(db: database.sql).list(document: document, status: status, query: query, page: page)
        let documents = try await LegalRepository(db: database.sql).documents().filter(\.info.delineation)
        let items = paged.items.map { r in
            Item(
                id: r.id ?? 0, power: r.power, holder: Holder.label(r.holder), holderText: r.holderText, previousHolder: r.previousHolder,
                mode: r.mode.rawValue, citation: r.citation,
                link: LegalController.path(r.document) + (r.article == "PL" ? "" : "#" + Provision.anchor(article: r.article, clause: r.clause, point: r.point)),
                quote: r.quote, condition: r.condition, status: r.status.label,
                statusClass: r.status == .verified ? "green" : (r.status == .rejected ? "red" : ""), notes: r.notes,
                canVerify: isProvince && r.status == .extracted, canReject: isProvince && r.status != .rejected,
                canReopen: isProvince && r.status == .rejected, canEdit: isProvince && r.status != .rejected,
                holders: Self.holderOptions(r.holder),
                modes: AuthorityMode.allCases.map { Option(value: $0.rawValue, label: $0.rawValue, selected: $0 == r.mode) })
        }
        var pagerQuery: [(String, String)] = [("status", statusRaw)]
        if let document { pagerQuery.append(("document", document)) }
        if let query { pagerQuery.append(("q", query)) }
        let content = QueueContent(
            items: items, hasItems: !items.isEmpty,
            summary: "\(VietnameseNumber.integer(paged.total)) bản ghi" + (status.map { " — \($0.label)" } ?? ""),
            statuses: CompetenceStatus.allCases.map { Option(value: $0.rawValue, label: $0.label, selected: $0 == status) }
                + [Option(value: "all", label: "tất cả", selected: status == nil)],
            documents: documents.map { Option(value: $0.info.number, label: $0.info.number, selected: $0.info.number == document) },
            query: query ?? "", isProvince: isProvince, pager: Pager(path: "/tham-quyen/duyet", query: pagerQuery, paged: paged),
            message: message)
        return try views.page("competences", title: "Bản ghi thẩm quyền", content, context: context, path: "/tham-quyen")
    }
}
