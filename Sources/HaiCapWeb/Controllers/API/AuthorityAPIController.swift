import Foundation
import HaiCapCore
import HaiCapStore
import Hummingbird
import LegalText

/// `/api/v1/assistant/authority`, `/api/v1/legal/documents`, `/api/v1/competences` (any signed-in role or token;
/// reviews for province officials).
struct AuthorityAPIController {
    let database: Database
    let authority: AuthorityService
    let now: @Sendable () -> Date

    struct Ask: Decodable {
        var question: String
        var asOf: String?
    }

    struct AnswerDTO: ResponseEncodable {
        var kind: String
        var holder: String?
        var holderCode: String?
        var previousHolder: String?
        var mode: String?
        var changed: String?
        var basis: [BasisDTO]
        var answer: String
        var warnings: [String]
        var asOf: String
        /// The question's number in the log, for `POST /assistant/authority/feedback`.
        var questionId: Int64?

        enum CodingKeys: String, CodingKey {
            case kind, holder, holderCode, previousHolder, mode, changed, basis, answer, warnings, asOf, questionId
        }

        /// Absent values are written as null so every answer has the same keys.
        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(kind, forKey: .kind)
            try c.encode(holder, forKey: .holder)
            try c.encode(holderCode, forKey: .holderCode)
            try c.encode(previousHolder, forKey: .previousHolder)
            try c.encode(mode, forKey: .mode)
            try c.encode(changed, forKey: .changed)
            try c.encode(basis, forKey: .basis)
            try c.encode(answer, forKey: .answer)
            try c.encode(warnings, forKey: .warnings)
            try c.encode(asOf, forKey: .asOf)
            try c.encode(questionId, forKey: .questionId)
        }

        init(_ a: AuthorityAnswer, questionId: Int64? = nil) {
            self.questionId = questionId
            kind = a.kind.rawValue
            holder = a.holder
            holderCode = a.holderCode
            previousHolder = a.previousHolder
            mode = a.mode
            changed = a.changed
            basis = a.basis.map(BasisDTO.init)
            answer = a.answer
            warnings = a.warnings
            asOf = a.asOf
        }
    }

    struct BasisDTO: Encodable, Sendable {
        var citation: String
        var document: String
        var text: String
        var effective: String?
        var expires: String?

        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(citation, forKey: .citation)
            try c.encode(document, forKey: .document)
            try c.encode(text, forKey: .text)
            try c.encode(effective, forKey: .effective)
            try c.encode(expires, forKey: .expires)
        }

        enum CodingKeys: String, CodingKey { case citation, document, text, effective, expires }

        init(_ b: AuthorityBasis) {
            citation = b.citation
            document = b.document
            text = b.text
            effective = b.effective
            expires = b.expires
        }
    }

    struct DocumentDTO: Encodable, Sendable {
        var number: String
        var title: String
        var type: String
        var issued: String?
        var effective: String?
        var expires: String?
        var status: String
        var statusLabel: String
        var articles: Int
    }

    struct CompetenceDTO: ResponseEncodable {
        var id: Int64
        var power: String
        var holder: String
        var holderCode: String
        var previousHolder: String?
        var mode: String
        var basis: [BasisDTO]
        var status: String
    }

    struct Feedback: Decodable {
        var questionId: Int64
        var helpful: Bool
    }

    struct List<Item: Encodable & Sendable>: ResponseEncodable {
        var items: [Item]
        var total: Int
    }

    struct Review: Decodable {
        var action: String
        var reason: String?
        var power: String?
        var holder: String?
        var previousHolder: String?
        var mode: String?
        var condition: String?
        var notes: String?
    }

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.post("assistant/authority") { request, context -> AnswerDTO in
            let account = try AccessPolicy.requireSignedIn(context.actor)
            let ask = try await request.json(Ask.self)
            let asked = try await authority.ask(ask.question, asOf: ask.asOf, askedBy: account.username)
            return AnswerDTO(asked.answer, questionId: asked.questionID)
        }
        group.post("assistant/authority/feedback") { request, context -> Response in
            let account = try AccessPolicy.requireSignedIn(context.actor)
            let body = try await request.json(Feedback.self)
            try await authority.feedback(questionID: body.questionId, helpful: body.helpful, askedBy: account.username)
            return Response(status: .noContent)
        }
        PhraseAPIController(path: "authority/phrases", rules: authority.phrases).addRoutes(to: group)
        group.get("legal/documents") { _, context -> List<DocumentDTO> in
            _ = try AccessPolicy.requireSignedIn(context.actor)
            let items = LegalStatusView(knowledge: try await authority.knowledge(), today: CivilDate(now()))
                .documents(try await LegalRepository(db: database.sql).documents())
                .map { DocumentDTO(number: $0.info.number, title: $0.info.title, type: $0.info.type, issued: $0.info.issued,
                                   effective: $0.info.effective, expires: $0.info.expiry, status: $0.status.rawValue,
                                   statusLabel: $0.status.label, articles: $0.articles) }
            return List(items: items, total: items.count)
        }
        group.get("competences") { request, context -> List<CompetenceDTO> in
            _ = try AccessPolicy.requireSignedIn(context.actor)
            var status: CompetenceStatus?
            if let raw = request.query("status") {
                guard let parsed = CompetenceStatus(rawValue: raw) else {
                    throw HaiCapError.validation([.init(key: "status", message: "Tham số status phải là extracted, verified hoặc rejected.")])
                }
                status = parsed
            }
            let page = try PageRequest(page: request.query("page"), per: request.query("per"), defaultPer: 100)
            let paged = try await CompetenceRepository(db: database.sql).list(
                document: request.query("document"), status: status, query: request.query("q"), page: page)
            let knowledge = try await authority.knowledge()
            return List(items: paged.items.map { dto($0, knowledge) }, total: paged.total)
        }
        group.post("competences/{id}/review") { request, context -> CompetenceDTO in
            let account = try AccessPolicy.requireProvince(context.actor)
            guard let id = Int64(try context.parameters.require("id")) else { throw HaiCapError.notFound("Không tìm thấy bản ghi thẩm quyền.") }
            let body = try await request.json(Review.self)
            let record = try await authority.review(id: id, try Self.action(body), by: account.username)
            return dto(record, try await authority.knowledge())
        }
    }

    static func action(_ body: Review) throws -> ReviewAction {
        switch body.action {
        case "verify": return .verify
        case "reject": return .reject(reason: body.reason ?? "")
        case "reopen": return .reopen
        case "edit":
            var mode: AuthorityMode?
            if let raw = body.mode, !raw.isEmpty {
                guard let parsed = AuthorityMode(rawValue: raw) else {
                    throw HaiCapError.validation([.init(key: "mode", message: "Hình thức phải là phân định, phân quyền, phân cấp hoặc ủy quyền.")])
                }
                mode = parsed
            }
            return .edit(CompetenceEdit(power: body.power, holder: body.holder, previousHolder: body.previousHolder, mode: mode,
                                        condition: body.condition, notes: body.notes))
        default:
            throw HaiCapError.validation([.init(key: "action", message: "Hành động phải là verify, reject, edit hoặc reopen.")])
        }
    }

    func dto(_ r: CompetenceRecord, _ knowledge: AuthorityKnowledge) -> CompetenceDTO {
        let assistant = AuthorityAssistant(knowledge: knowledge)
        let basis = assistant.basis(document: r.document, article: r.article, clause: r.clause, point: r.point)
        return CompetenceDTO(
            id: r.id ?? 0, power: r.power, holder: Holder.label(r.holder), holderCode: r.holder, previousHolder: r.previousHolder,
            mode: r.mode.rawValue, basis: [BasisDTO(basis)], status: r.status.rawValue)
    }
}

/// Document status on a day: the registry's dates plus recorded repeals of some provisions.
struct LegalStatusView {
    let knowledge: AuthorityKnowledge
    let today: CivilDate

    struct Row {
        var info: LegalDocumentInfo
        var status: LegalStatus
        var articles: Int
        var bundled: Bool
    }

    func status(_ info: LegalDocumentInfo) -> LegalStatus {
        let base = info.status(on: today)
        guard base == .inForce else { return base }
        let repealed = knowledge.changes.contains {
            $0.kind == .repeal && DocumentReference.normalizedNumber($0.document) == DocumentReference.normalizedNumber(info.number)
                && ($0.appliesFrom.map { today >= $0 } ?? false)
        }
        return repealed ? .partlyRepealed : .inForce
    }

    func documents(_ summaries: [LegalDocumentSummary]) -> [Row] {
        summaries.map { Row(info: $0.info, status: status($0.info), articles: $0.articles, bundled: $0.bundled) }
    }
}
