import Foundation
import HaiCapCore
import HaiCapStore
import Hummingbird

/// `GET|POST /api/v1/<path>` and `DELETE /api/v1/<path>/{id}`: officials' rules for their own words in one
/// `PhraseBook` (`authority/phrases`, `procedures/phrases`). Anyone signed in reads; province officials edit.
struct PhraseAPIController {
    let path: String
    let rules: PhraseRules

    struct PhraseBody: Decodable {
        var phrase: String
        var replacement: String
    }

    struct PhraseDTO: ResponseEncodable {
        var id: Int64
        var phrase: String
        var replacement: String
        var createdBy: String
        var createdAt: String

        init(_ rule: ThesaurusRule) {
            id = rule.id
            phrase = rule.phrase
            replacement = rule.replacement
            createdBy = rule.createdBy
            createdAt = CivilTime.rfc3339(rule.createdAt)
        }
    }

    struct BuiltInPhrase: Encodable, Sendable {
        var phrase: String
        var replacement: String
    }

    /// Officials' rules, and the built-in ones (read-only).
    struct PhraseList: ResponseEncodable {
        var items: [PhraseDTO]
        var total: Int
        var builtIn: [BuiltInPhrase]
    }

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        let rules = rules
        group.get(RouterPath(path)) { _, context -> PhraseList in
            _ = try AccessPolicy.requireSignedIn(context.actor)
            let items = try await PhraseRepository(db: rules.database.sql, book: rules.book).all().map(PhraseDTO.init)
            return PhraseList(items: items, total: items.count, builtIn: rules.builtIn.map { .init(phrase: $0.from, replacement: $0.to) })
        }
        group.post(RouterPath(path)) { request, context -> EditedResponse<PhraseDTO> in
            let account = try AccessPolicy.requireProvince(context.actor)
            let body = try await request.json(PhraseBody.self)
            let rule = try await rules.add(body.phrase, replacement: body.replacement, by: account.username)
            return .init(status: .created, response: PhraseDTO(rule))
        }
        group.delete(RouterPath(path + "/{id}")) { _, context -> Response in
            let account = try AccessPolicy.requireProvince(context.actor)
            guard let id = context.parameters.get("id").flatMap(Int64.init) else { throw HaiCapError.notFound("Không có cách gọi này.") }
            try await rules.remove(id: id, by: account.username)
            return Response(status: .noContent)
        }
    }
}
