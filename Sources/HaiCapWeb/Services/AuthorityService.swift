import Foundation
import HaiCapCore
import HaiCapStore
import LegalText

/// The authority assistant and the legal registry's writes. Holds the knowledge base built at start and
/// rebuilds it after every write it makes, so answers see imports, reviews and overlays at once.
public final class AuthorityService: @unchecked Sendable {
    let database: Database
    let now: @Sendable () -> Date
    private let lock = NSLock()
    private var current: AuthorityKnowledge?

    /// The knowledge base is built on first use, so a start (and every test) that asks nothing pays nothing.
    public init(database: Database, now: @escaping @Sendable () -> Date = Date.init) {
        self.database = database
        self.now = now
        questionLog = database.dialect == .sqlite
            ? GroupCommit(database: database) { db, entry in try await AuthorityQuestionLogRepository(db: db).log(entry) } : nil
    }

    /// On SQLite the question log is written in groups (`GroupCommit`); on PostgreSQL one entry at a time.
    private let questionLog: GroupCommit<AuthorityQuestion, Int64>?

    private var stamp = ""
    private var checkedAt = Date.distantPast

    /// The current knowledge base, built from the database on first use and rebuilt when the database has
    /// changed (checked at most every 10 seconds, so CLI imports and reviews reach a running server).
    public func knowledge() async throws -> AuthorityKnowledge {
        let time = now()
        let (cached, due) = lock.withLock { (current, time.timeIntervalSince(checkedAt) >= 10 || time < checkedAt) }
        if let cached, !due { return cached }
        let fresh = try await AuthorityKnowledgeLoader.stamp(database)
        if let cached, lock.withLock({ stamp == fresh }) {
            lock.withLock { checkedAt = time }
            return cached
        }
        // One build per stamp however many questions arrive meanwhile: at start every connection's first question
        // would otherwise build (and hold) a knowledge base of its own.
        let task = lock.withLock { () -> Task<AuthorityKnowledge, any Error> in
            if let building, building.stamp == fresh { return building.task }
            let task = Task { try await self.build(stamp: fresh, at: time) }
            building = (fresh, task)
            return task
        }
        return try await task.value
    }

    /// The build in progress and the database stamp it is for.
    private var building: (stamp: String, task: Task<AuthorityKnowledge, any Error>)?

    private func build(stamp fresh: String, at time: Date) async throws -> AuthorityKnowledge {
        defer { lock.withLock { if building?.stamp == fresh { building = nil } } }
        let built = try await AuthorityKnowledgeLoader.load(database)
        lock.withLock {
            current = built
            stamp = fresh
            checkedAt = time
        }
        return built
    }

    /// Rebuilds the knowledge base from the database.
    public func refresh() async throws {
        let fresh = try await AuthorityKnowledgeLoader.stamp(database)
        let built = try await AuthorityKnowledgeLoader.load(database)
        lock.withLock {
            current = built
            stamp = fresh
            checkedAt = now()
        }
    }

    /// Answers a question; `asOf` is `YYYY-MM-DD` or nil for today.
    public func ask(_ question: String, asOf: String?) async throws -> AuthorityAnswer {
        let question = question.trimmingWhitespace
        guard !question.isEmpty else { throw HaiCapError.validation([.init(key: "question", message: AuthorityPhrasebook.emptyQuestion)]) }
        guard question.count <= 1000 else { throw HaiCapError.validation([.init(key: "question", message: "Câu hỏi dài quá 1.000 ký tự.")]) }
        var day: CivilDate?
        if let asOf = asOf?.trimmingCharacters(in: .whitespaces), !asOf.isEmpty {
            guard let parsed = CivilDate(iso: asOf) else {
                throw HaiCapError.validation([.init(key: "asOf", message: "Ngày asOf phải có dạng YYYY-MM-DD, ví dụ 2026-11-27.")])
            }
            day = parsed
        }
        return AuthorityAssistant(knowledge: try await knowledge()).answer(question, asOf: day, today: CivilDate(now()))
    }

    /// Answers a question an official asked (web page or API) and logs it, so reviewers see what the records miss;
    /// returns the answer and the log entry's id, for the asker's verdict.
    public func ask(_ question: String, asOf: String?, askedBy: String) async throws -> (answer: AuthorityAnswer, questionID: Int64) {
        let answer = try await ask(question, asOf: asOf)
        let entry = AuthorityQuestion(at: now(), askedBy: askedBy, question: question.trimmingWhitespace, answer: answer)
        if let questionLog { return (answer, try await questionLog.submit(entry)) }
        return (answer, try await AuthorityQuestionLogRepository(db: database.sql).log(entry))
    }

    /// The asker's verdict on an answer; not found unless `askedBy` asked question `id`.
    public func feedback(questionID id: Int64, helpful: Bool, askedBy: String) async throws {
        guard try await AuthorityQuestionLogRepository(db: database.sql).setFeedback(id: id, askedBy: askedBy, value: helpful ? 1 : -1) else {
            throw HaiCapError.notFound("Không tìm thấy câu hỏi số \(id) của tài khoản này.")
        }
    }

    /// Imports a document an official uploads (province role checked by the caller).
    public func importDocument(_ data: Data, info: LegalDocumentInfo, by actor: String) async throws -> LegalSeeder.Summary {
        guard let text = String(data: data, encoding: .utf8) else {
            throw HaiCapError.validation([.init(key: "file", message: "Tệp không phải văn bản UTF-8 (hãy lưu dưới dạng .txt, mã UTF-8).")])
        }
        let summary = try await LegalSeeder(database: database).importDocument(text, info: info, by: actor, now: now())
        try await refresh()
        return summary
    }

    /// Applies a review action to a record, audited in the same transaction.
    public func review(id: Int64, _ action: ReviewAction, by actor: String) async throws -> CompetenceRecord {
        let time = now()
        let updated = try await database.transaction { db in
            let repository = CompetenceRepository(db: db)
            guard let before = try await repository.find(id: id) else {
                throw HaiCapError.notFound("Không tìm thấy bản ghi thẩm quyền số \(id).")
            }
            let after = try CompetenceReview.apply(action, to: before)
            try await repository.update(after, by: actor, now: time)
            try await AuditRepository(db: db).record(
                actor: actor, action: "competence.\(Self.name(action))", entity: "competence", entityID: String(id),
                before: before, after: after, now: time)
            return after
        }
        try await refresh()
        return updated
    }

    static func name(_ action: ReviewAction) -> String {
        switch action {
        case .verify: "verify"
        case .reject: "reject"
        case .edit: "edit"
        case .reopen: "reopen"
        }
    }

    /// Records an amendment or repeal of a provision.
    public func recordChange(_ change: ProvisionChange, by actor: String) async throws -> Int64 {
        guard try await LegalRepository(db: database.sql).document(number: change.document) != nil else {
            throw HaiCapError.validation([.init(key: "document", message: "Không có văn bản số \(change.document) trong danh mục.")])
        }
        var change = change
        change.recordedBy = actor
        let time = now()
        let recorded = change
        let id = try await database.transaction { db in
            let id = try await LegalRepository(db: db).insert(recorded, now: time)
            try await AuditRepository(db: db).record(
                actor: actor, action: "legal.change", entity: "provision_change", entityID: String(id),
                before: Optional<ProvisionChange>.none, after: recorded, now: time)
            return id
        }
        try await refresh()
        return id
    }

    /// Records a provincial delegation decision (ủy quyền).
    public func recordDelegation(_ decision: DelegationDecision, by actor: String) async throws -> Int64 {
        var fields: [FieldError] = []
        if decision.number.trimmingCharacters(in: .whitespaces).isEmpty { fields.append(.init(key: "number", message: "Hãy nhập số quyết định.")) }
        if Holder.labels[decision.delegator] == nil { fields.append(.init(key: "delegator", message: "Chủ thể ủy quyền không có trong danh mục.")) }
        if decision.delegate.trimmingCharacters(in: .whitespaces).isEmpty { fields.append(.init(key: "delegate", message: "Hãy nhập bên được ủy quyền.")) }
        if decision.scope.trimmingCharacters(in: .whitespaces).isEmpty { fields.append(.init(key: "scope", message: "Hãy nêu phạm vi ủy quyền.")) }
        if CivilDate(iso: decision.validFrom) == nil { fields.append(.init(key: "validFrom", message: "Ngày bắt đầu phải có dạng YYYY-MM-DD.")) }
        if let to = decision.validTo, CivilDate(iso: to) == nil { fields.append(.init(key: "validTo", message: "Ngày kết thúc phải có dạng YYYY-MM-DD.")) }
        guard fields.isEmpty else { throw HaiCapError.validation(fields) }
        let time = now()
        let id = try await database.transaction { db in
            let id = try await CompetenceRepository(db: db).insert(decision, by: actor, now: time)
            try await AuditRepository(db: db).record(
                actor: actor, action: "delegation.create", entity: "delegation", entityID: String(id),
                before: Optional<DelegationDecision>.none, after: decision, now: time)
            return id
        }
        try await refresh()
        return id
    }

    /// Officials' rules for their own words: added and removed by province officials (checked by the caller),
    /// audited; the knowledge base is rebuilt so the next question uses them.
    var phrases: PhraseRules {
        PhraseRules(database: database, book: .authority, now: now) { [self] in try await refresh() }
    }
}
