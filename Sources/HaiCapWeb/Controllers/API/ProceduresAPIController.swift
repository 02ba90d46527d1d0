import Foundation
import HaiCapCore
import HaiCapStore
import Hummingbird

/// `/api/v1/procedures…` (the catalogue) and `/api/v1/assistant/procedures` (the assistant): public.
struct ProceduresAPIController {
    let database: Database
    let service: ProcedureService
    let limiter: RateLimiter
    let now: @Sendable () -> Date

    struct AskBody: Decodable {
        var question: String
        var conversation: String?
        var unit: String?
    }

    struct FeedbackBody: Decodable {
        var questionID: Int64
        var conversation: String
        var helpful: Bool

        enum CodingKeys: String, CodingKey {
            case questionID = "question_id", conversation, helpful
        }
    }

    /// `{"items": [Summary…], "total", "page", "per"}`, written directly: the catalogue search is the busiest
    /// public endpoint, and `JSONEncoder` took a third of its CPU (docs/benchmarks.md, thirteenth session).
    static func listResponse(_ items: ArraySlice<ProcedureCatalog.Entry>, total: Int, page: PageRequest) -> Response {
        var json = JSONText.Writer(capacity: 256 + items.count * 200)
        json.beginObject()
        json.key("items")
        json.beginArray()
        for item in items {
            json.beginObject()
            json.member("code", item.code)
            json.member("name", item.name)
            json.member("field", item.field)
            json.member("level", item.level)
            json.member("verified", item.verified)
            json.endObject()
        }
        json.endArray()
        json.member("total", total)
        json.member("page", page.page)
        json.member("per", page.per)
        json.endObject()
        return APIJSON.response(json)
    }

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.post("assistant/procedures") { request, context -> Response in
            try limiter.check(context.clientAddress ?? "unknown", now: now())
            let body = try await request.json(AskBody.self)
            let question = body.question.trimmingWhitespace
            guard !question.isEmpty else { throw HaiCapError.validation([.init(key: "question", message: "Hãy nhập câu hỏi.")]) }
            guard question.count <= 1000 else {
                throw HaiCapError.validation([.init(key: "question", message: "Câu hỏi quá dài (tối đa 1.000 ký tự).")])
            }
            if let unit = body.unit, !(unit.count == 5 && unit.allSatisfy(\.isNumber)) {
                throw HaiCapError.validation([.init(key: "unit", message: "Mã đơn vị gồm 5 chữ số, ví dụ 24121.")])
            }
            let reply = try await service.ask(question, conversation: body.conversation, unit: body.unit, now: now())
            var json = JSONText.Writer(capacity: 1024 + reply.answer.utf8.count)
            reply.writeJSON(into: &json)
            return APIJSON.response(json)
        }
        group.post("assistant/procedures/feedback") { request, context -> Response in
            try limiter.check(context.clientAddress ?? "unknown", now: now())
            let body = try await request.json(FeedbackBody.self)
            let stored = try await AssistantLogRepository(db: database.sql)
                .setFeedback(id: body.questionID, conversation: body.conversation, value: body.helpful ? 1 : -1)
            guard stored else { throw HaiCapError.notFound("Không tìm thấy câu hỏi này trong cuộc trò chuyện.") }
            return Response(status: .noContent)
        }
        group.get("procedures") { request, _ -> Response in
            let page = try PageRequest(page: request.query("page"), per: request.query("per"))
            let catalog = try await service.assistant(now: now()).catalog
            let all = catalog.entries(query: request.query("q"), field: request.query("field"), level: request.query("level"))
            return Self.listResponse(all.dropFirst(page.offset).prefix(page.per), total: all.count, page: page)
        }
        group.get("procedures/{code}") { _, context -> Response in
            let code = try context.parameters.require("code")
            guard let procedure = try await ProcedureRepository(db: database.sql).find(code: code) else {
                throw HaiCapError.notFound("Không có thủ tục mã \(code).")
            }
            return try APIJSON.response(procedure)
        }
    }
}

/// JSON with instants as RFC 3339 in Vietnam time, as every `/api/v1` body.
enum APIJSON {
    /// A body already written with `JSONText.Writer`.
    static func response(_ json: JSONText.Writer) -> Response {
        Response(
            status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: json.bytes)))
    }

    static func response<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(CivilTime.rfc3339(date))
        }
        return Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: try encoder.encode(value))))
    }
}
