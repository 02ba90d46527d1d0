import Foundation
import HaiCapCore
import Synchronization

/// The procedure assistant over the database: the catalogue index (rebuilt when the catalogue changes,
/// checked by polling a version so every instance stays in step), conversations and the question log.
public final class ProcedureService: Sendable {
    let database: Database
    let provinceCode: String
    public let portalURLTemplate: String?
    let refreshInterval: TimeInterval
    private let state = Mutex<(assistant: ProcedureAssistant?, version: String, checkedAt: Date)>((nil, "", .distantPast))

    public init(database: Database, provinceCode: String, portalURLTemplate: String?, refreshInterval: TimeInterval = 5) {
        self.database = database
        self.provinceCode = provinceCode
        self.portalURLTemplate = portalURLTemplate
        self.refreshInterval = refreshInterval
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
        try await log.save(conversation: id, state: next, now: now)
        reply.questionID = try await log.log(LoggedQuestion(
            at: now, conversation: id, question: question, intent: reply.intent.rawValue, kind: reply.kind.rawValue,
            procedureCode: reply.procedure?.code))
        return reply
    }

    /// Conversation ids are our UUIDs; anything else starts a new conversation.
    static func isValidConversation(_ id: String) -> Bool {
        id.count <= 64 && !id.isEmpty && id.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
    }

    /// YYYY-MM-DD in Vietnam.
    public static func civilDate(_ date: Date) -> String { CivilTime.day(date) }
}
