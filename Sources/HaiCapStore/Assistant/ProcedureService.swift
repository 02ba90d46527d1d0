import Foundation
import HaiCapCore
import SQLKit
import Synchronization

/// The procedure assistant over the database: the catalogue index (rebuilt when the catalogue changes,
/// checked by polling a version so every instance stays in step), conversations and the question log.
public final class ProcedureService: Sendable {
    let database: Database
    let provinceCode: String
    public let portalURLTemplate: String?
    let refreshInterval: TimeInterval
    private let state = Mutex<(assistant: ProcedureAssistant?, version: String, checkedAt: Date)>((nil, "", .distantPast))
    /// SQLite only: answers' writes committed together (one connection writes anyway; 2,750 → 4,400 answers/s
    /// under wrk). PostgreSQL writes each answer on its own pooled connection: one batching transaction, its
    /// statements one round trip after another, measured slower there (1,600–2,000 → 1,150 answers/s).
    private let batcher: GroupCommit<AnswerWrite, Int64>?

    /// What one answer stores: the conversation's memory and the logged question.
    struct AnswerWrite: Sendable {
        var conversation: String
        var state: DialogueState
        var question: LoggedQuestion
        var now: Date

        func store(_ db: any SQLDatabase) async throws -> Int64 {
            let log = AssistantLogRepository(db: db)
            try await log.save(conversation: conversation, state: state, now: now)
            return try await log.log(question)
        }
    }
    /// The build in progress and the catalogue version it is for.
    private let building = Mutex<(version: String, task: Task<ProcedureAssistant, any Error>)?>(nil)

    public init(database: Database, provinceCode: String, portalURLTemplate: String?, refreshInterval: TimeInterval = 5) {
        self.database = database
        self.provinceCode = provinceCode
        self.portalURLTemplate = portalURLTemplate
        self.refreshInterval = refreshInterval
        batcher = database.dialect == .sqlite ? GroupCommit(database: database) { db, write in try await write.store(db) } : nil
    }

    /// The current assistant; rebuilds it when the catalogue's version changed.
    public func assistant(now: Date = Date()) async throws -> ProcedureAssistant {
        let cached = state.withLock { $0 }
        if let assistant = cached.assistant, now.timeIntervalSince(cached.checkedAt) < refreshInterval { return assistant }
        // The catalogue and officials' phrase rules (which rewrite the records as they are indexed) together.
        let version = try await ProcedureRepository(db: database.sql).version() + "/" + PhraseRepository(db: database.sql, book: .procedures).stamp()
        if let assistant = cached.assistant, version == cached.version {
            state.withLock { $0.checkedAt = now }
            return assistant
        }
        // One build per version however many questions arrive meanwhile (at start, every connection's first
        // question would otherwise build its own index).
        let task = building.withLock { building -> Task<ProcedureAssistant, any Error> in
            if let building, building.version == version { return building.task }
            let task = Task { try await self.build(version: version, now: now) }
            building = (version, task)
            return task
        }
        return try await task.value
    }

    private func build(version: String, now: Date) async throws -> ProcedureAssistant {
        defer { building.withLock { if $0?.version == version { $0 = nil } } }
        let procedures = try await ProcedureRepository(db: database.sql).all()
        let units = try await UnitRepository(db: database.sql).list(province: provinceCode, query: nil, page: .init(page: 1, per: 500))
            .items.map { UnitMatcher.Unit(code: $0.code, name: $0.name) }
        let built = BundledAssistant.make(
            procedures: procedures, training: try BundledAssistant.trainingQuestions(), units: units, portalURLTemplate: portalURLTemplate,
            phrases: try await PhraseRepository(db: database.sql, book: .procedures).all())
        state.withLock { $0 = (built, version, now) }
        return built
    }

    /// Forgets the index so the next question rebuilds it (after a write on this instance).
    public func invalidate() {
        state.withLock { $0.checkedAt = .distantPast; $0.version = "" }
    }

    /// Answers a question within a conversation (a new one when `conversation` is nil), remembering and logging it.
    public func ask(_ question: String, conversation: String?, unit: String?, now: Date) async throws -> AssistantReply {
        let assistant = try await assistant(now: now)
        let known = conversation.flatMap { Self.isValidConversation($0) ? $0 : nil }
        let id = known ?? UUID().uuidString.lowercased()
        let log = AssistantLogRepository(db: database.sql)
        // A conversation that starts now has nothing stored yet: no read.
        var memory = DialogueState()
        if let known, let stored = try await log.state(conversation: known) { memory = stored }
        if let unit { memory.unitCode = unit }
        let read = assistant.catalog.read(question)
        let named = assistant.unit(in: read)
        let unitCode = named?.code ?? memory.unitCode
        var place: AnswerComposer.Place?
        if let unitCode, let found = try await UnitRepository(db: database.sql).find(code: unitCode) {
            place = AnswerComposer.Place(unitName: found.name, desk: try await DeskRepository(db: database.sql).find(unitCode: unitCode))
        }
        let (answered, next) = assistant.respond(read, namedUnit: .some(named), state: memory, place: place, today: Self.civilDate(now))
        var reply = answered
        reply.conversation = id
        reply.suggestion = SuggestionModel.suggestion(for: question)
        let logged = LoggedQuestion(
            at: now, conversation: id, question: question, intent: reply.intent.rawValue, kind: reply.kind.rawValue,
            procedureCode: reply.procedure?.code)
        let write = AnswerWrite(conversation: id, state: next, question: logged, now: now)
        if let batcher {
            reply.questionID = try await batcher.submit(write)
        } else {
            reply.questionID = try await write.store(database.sql)
        }
        return reply
    }

    /// Conversation ids are our UUIDs; anything else starts a new conversation.
    static func isValidConversation(_ id: String) -> Bool {
        id.count <= 64 && !id.isEmpty && id.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
    }

    /// YYYY-MM-DD in Vietnam.
    public static func civilDate(_ date: Date) -> String { CivilTime.day(date) }
}
