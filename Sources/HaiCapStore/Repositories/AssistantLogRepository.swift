import Foundation
import HaiCapCore
import SQLKit

/// The procedure assistant's memory per conversation and its question log, in the database so every
/// instance behind a load balancer shares them.
public struct AssistantLogRepository: Sendable {
    let db: any SQLDatabase

    public init(db: any SQLDatabase) {
        self.db = db
    }

    /// What a conversation remembers.
    public func state(conversation: String) async throws -> DialogueState? {
        guard let row = try await db.select().column("*").from("assistant_conversations").where("id", .equal, conversation).first() else { return nil }
        // `choices_json` holds the whole state; the other columns are there for inspection.
        if let json = try row.decode(column: "choices_json", as: String?.self),
           let state = try? JSONDecoder().decode(DialogueState.self, from: Data(json.utf8)) {
            return state
        }
        return DialogueState(
            procedureCode: try row.decode(column: "procedure_code", as: String?.self),
            caseName: try row.decode(column: "case_name", as: String?.self),
            unitCode: try row.decode(column: "unit_code", as: String?.self))
    }

    /// Stores a conversation's memory: one upsert (SQLite and PostgreSQL both have `ON CONFLICT … DO UPDATE`).
    public func save(conversation: String, state: DialogueState, now: Date) async throws {
        let choices = String(decoding: try JSONEncoder().encode(state), as: UTF8.self)
        let stamp = Int64(now.timeIntervalSince1970)
        try await db.raw("""
            INSERT INTO assistant_conversations (id, procedure_code, case_name, unit_code, choices_json, updated_at)
            VALUES (\(bind: conversation), \(bind: state.procedureCode), \(bind: state.caseName), \(bind: state.unitCode), \(bind: choices), \(bind: stamp))
            ON CONFLICT (id) DO UPDATE SET procedure_code = excluded.procedure_code, case_name = excluded.case_name,
                unit_code = excluded.unit_code, choices_json = excluded.choices_json, updated_at = excluded.updated_at
            """).run()
    }

    /// Logs a question, already masked; returns its id for feedback.
    public func log(_ entry: LoggedQuestion) async throws -> Int64 {
        let row = try await db.insert(into: "assistant_questions")
            .columns("at", "conversation", "question", "intent", "kind", "procedure_code")
            .values(
                SQLBind(Int64(entry.at.timeIntervalSince1970)), SQLBind(entry.conversation), SQLBind(PIIMasker.mask(entry.question)),
                SQLBind(entry.intent), SQLBind(entry.kind), SQLBind(entry.procedureCode))
            .returning("id").first()
        return try row?.decode(column: "id", as: Int64.self) ?? 0
    }

    /// 👍 (1) or 👎 (-1) on an answer; only the conversation that asked may rate it.
    public func setFeedback(id: Int64, conversation: String, value: Int) async throws -> Bool {
        guard try await db.select().column("id").from("assistant_questions")
            .where("id", .equal, id).where("conversation", .equal, conversation).first() != nil else { return false }
        try await db.update("assistant_questions").set("feedback", to: SQLBind(value)).where("id", .equal, id).run()
        return true
    }

    /// Newest questions first; `unanswered` keeps not-found questions and answers rated 👎.
    public func list(unanswered: Bool, page: PageRequest) async throws -> Paged<LoggedQuestion> {
        func filtered(_ b: SQLSelectBuilder) -> SQLSelectBuilder {
            if unanswered {
                b.where { $0.where("kind", .equal, "not_found").orWhere("feedback", .equal, -1) }
            }
            return b
        }
        let total = try await filtered(db.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("assistant_questions"))
            .first()?.decode(column: "n", as: Int.self) ?? 0
        let rows = try await filtered(db.select().column("*").from("assistant_questions"))
            .orderBy("id", .descending).limit(page.per).offset(page.offset).all()
        let items = try rows.map { row in
            LoggedQuestion(
                id: try row.decode(column: "id", as: Int64.self),
                at: Date(timeIntervalSince1970: TimeInterval(try row.decode(column: "at", as: Int64.self))),
                conversation: try row.decode(column: "conversation", as: String.self),
                question: try row.decode(column: "question", as: String.self),
                intent: try row.decode(column: "intent", as: String.self), kind: try row.decode(column: "kind", as: String.self),
                procedureCode: try row.decode(column: "procedure_code", as: String?.self),
                feedback: try row.decode(column: "feedback", as: Int?.self))
        }
        return Paged(items: items, total: total, page: page)
    }

    /// Procedures asked about most, with counts.
    public func mostAsked(limit: Int) async throws -> [(code: String, count: Int)] {
        try await db.select().column("procedure_code").column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
            .from("assistant_questions").where("procedure_code", .isNot, SQLLiteral.null)
            .groupBy("procedure_code").all().map {
                (code: try $0.decode(column: "procedure_code", as: String.self), count: try $0.decode(column: "n", as: Int.self))
            }
            .sorted { $0.count != $1.count ? $0.count > $1.count : $0.code < $1.code }
            .prefix(limit).map { $0 }
    }
}
