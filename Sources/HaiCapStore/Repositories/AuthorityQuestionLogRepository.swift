import Foundation
import HaiCapCore
import SQLKit
import VietnameseText

/// One question an official asked the authority assistant, and what it answered.
public struct AuthorityQuestion: Sendable, Equatable {
    public var id: Int64
    public var at: Date
    /// Username of the official (or token owner) who asked.
    public var askedBy: String
    /// The question, with ID-card numbers, phones and e-mails masked.
    public var question: String
    /// The "as of" day the answer was for (YYYY-MM-DD).
    public var asOf: String
    /// `answer`, `provisions` or `not_found`.
    public var kind: String
    public var holderCode: String?
    /// The first provision of the answer's basis.
    public var citation: String?
    /// The asker's verdict: 1 right, -1 wrong, nil none given.
    public var feedback: Int?

    public init(id: Int64 = 0, at: Date, askedBy: String, question: String, asOf: String, kind: String, holderCode: String?, citation: String?, feedback: Int? = nil) {
        self.id = id
        self.at = at
        self.askedBy = askedBy
        self.question = question
        self.asOf = asOf
        self.kind = kind
        self.holderCode = holderCode
        self.citation = citation
        self.feedback = feedback
    }

    public init(at: Date, askedBy: String, question: String, answer: AuthorityAnswer) {
        self.init(at: at, askedBy: askedBy, question: question, asOf: answer.asOf, kind: answer.kind.rawValue,
                  holderCode: answer.holderCode, citation: answer.basis.first?.citation)
    }
}

/// The authority assistant's question log, in the database so every instance behind a load balancer shares it.
public struct AuthorityQuestionLogRepository: Sendable {
    let db: any SQLDatabase

    public init(db: any SQLDatabase) {
        self.db = db
    }

    /// Logs a question, masking personal data first.
    @discardableResult
    public func log(_ entry: AuthorityQuestion) async throws -> Int64 {
        let row = try await db.insert(into: "authority_questions")
            .columns("at", "asked_by", "question", "as_of", "kind", "holder_code", "citation")
            .values(
                SQLBind(Int64(entry.at.timeIntervalSince1970)), SQLBind(entry.askedBy), SQLBind(PIIMasker.mask(entry.question)),
                SQLBind(entry.asOf), SQLBind(entry.kind), SQLBind(entry.holderCode), SQLBind(entry.citation))
            .returning("id").first()
        return try row?.decode(column: "id", as: Int64.self) ?? 0
    }

    /// Records the asker's verdict on an answer (1 right, -1 wrong); only the official who asked may give it.
    public func setFeedback(id: Int64, askedBy: String, value: Int) async throws -> Bool {
        guard try await db.select().column("id").from("authority_questions")
            .where("id", .equal, id).where("asked_by", .equal, askedBy).first() != nil else { return false }
        try await db.update("authority_questions").set("feedback", to: SQLBind(value)).where("id", .equal, id).run()
        return true
    }

    /// Newest first; `unanswered` keeps the questions no competence record answered (provisions quoted or nothing
    /// found) and the answers their asker marked wrong.
    public func list(unanswered: Bool, page: PageRequest) async throws -> Paged<AuthorityQuestion> {
        func filtered(_ b: SQLSelectBuilder) -> SQLSelectBuilder {
            unanswered ? b.where { $0.where("kind", .notEqual, AuthorityAnswer.Kind.answer.rawValue).orWhere("feedback", .equal, -1) } : b
        }
        let total = try await filtered(db.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("authority_questions"))
            .first()?.decode(column: "n", as: Int.self) ?? 0
        let rows = try await filtered(db.select().column("*").from("authority_questions"))
            .orderBy("id", .descending).limit(page.per).offset(page.offset).all()
        let items = try rows.map { row in
            AuthorityQuestion(
                id: try row.decode(column: "id", as: Int64.self),
                at: Date(timeIntervalSince1970: TimeInterval(try row.decode(column: "at", as: Int64.self))),
                askedBy: try row.decode(column: "asked_by", as: String.self), question: try row.decode(column: "question", as: String.self),
                asOf: try row.decode(column: "as_of", as: String.self), kind: try row.decode(column: "kind", as: String.self),
                holderCode: try row.decode(column: "holder_code", as: String?.self), citation: try row.decode(column: "citation", as: String?.self),
                feedback: try row.decode(column: "feedback", as: Int?.self))
        }
        return Paged(items: items, total: total, page: page)
    }
}
