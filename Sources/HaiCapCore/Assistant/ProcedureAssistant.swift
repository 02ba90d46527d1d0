import Foundation
import VietnameseText

/// The procedure assistant: reads a question, finds the procedure, and answers from its record,
/// or asks which procedure, or says it found none, or declines what is out of scope.
public struct ProcedureAssistant: Sendable {
    public let catalog: ProcedureCatalog
    let classifier: IntentClassifier
    let units: UnitMatcher
    public var composer: AnswerComposer
    /// Confidence a procedure needs to be answered (coverage less the penalties below).
    public var minCoverage = 0.35
    /// Above this out-of-scope probability, a weakly matched question is declined.
    public var outOfScopeThreshold = 0.5
    /// How much the wording's not-found probability lowers the confidence.
    public var notFoundPenalty = 1.0
    /// How much the wording's out-of-scope probability lowers the confidence.
    public var outOfScopePenalty = 1.0
    /// A runner-up this close (relative rank) and as well covered makes the assistant ask which one.
    public var clarifyRatio = 0.97

    public init(catalog: ProcedureCatalog, classifier: IntentClassifier, units: UnitMatcher = UnitMatcher(units: []), composer: AnswerComposer = AnswerComposer()) {
        self.catalog = catalog
        self.classifier = classifier
        self.units = units
        self.composer = composer
    }

    /// Probability the classifier gives to a question being out of scope.
    public func outOfScopeProbability(_ q: QuestionText) -> Double { classifier.outOfScopeProbability(q) }

    /// Probabilities of answer, not_found and out_of_scope from the question's wording alone.
    public func kindProbabilities(_ q: QuestionText) -> [ReplyKind: Double] { classifier.kindProbabilities(q) }

    /// The unit a question names (“tôi ở phường Tân An”), if any.
    public func unit(in question: String) -> UnitMatcher.Unit? { units.find(catalog.read(question)) }

    /// The unit a question already read names.
    public func unit(in q: QuestionText) -> UnitMatcher.Unit? { units.find(q) }

    /// Answers one question given what the conversation remembers; returns the reply and the new memory.
    /// `place` is the asker's unit and its desk, resolved by the caller from the question, the memory or the request.
    public func respond(_ question: String, state: DialogueState, place: AnswerComposer.Place?, today: String) -> (AssistantReply, DialogueState) {
        respond(catalog.read(question), state: state, place: place, today: today)
    }

    /// `respond` on a question already read with `catalog.read` (the caller also looked for a unit in it).
    /// `namedUnit`: what `unit(in:)` found, when the caller already asked; nil looks again.
    public func respond(_ q: QuestionText, namedUnit: UnitMatcher.Unit?? = nil, state: DialogueState, place: AnswerComposer.Place?, today: String) -> (AssistantReply, DialogueState) {
        var state = state
        if let unit = namedUnit ?? units.find(q) { state.unitCode = unit.code }
        guard !q.tokens.isEmpty else { return (AssistantReply(kind: .outOfScope, intent: .overview, answer: Phrasebook.empty), state) }
        var intent = classifier.intent(q)

        // A number answers the last clarifying question.
        if let pick = Self.choiceNumber(q), pick >= 1, pick <= state.pendingChoices.count, let p = catalog.procedures[state.pendingChoices[pick - 1]] {
            intent = state.intent ?? intent
            return answer(p, intent: intent, q: q, state: &state, place: place, today: today)
        }
        // The unit a question names says where, not which procedure: its name is left out of the search (a ward's
        // name in one example question must not pull a “tôi ở phường …” towards that example's procedure).
        let candidates = catalog.search(units.removingNames(from: q))
        let kinds = classifier.kindProbabilities(q)
        let outOfScope = kinds[.outOfScope] ?? 0
        let missing = kinds[.notFound] ?? 0
        // Confidence: how much of the question the best procedure explains, less what the wording says
        // about asking for something the catalogue lacks or something out of scope (weights chosen by cross-validation).
        if let top = candidates.first, let p = catalog.procedures[top.code],
           top.coverage - notFoundPenalty * missing - outOfScopePenalty * outOfScope >= minCoverage {
            let close = candidates.dropFirst().filter { $0.rank >= top.rank * clarifyRatio && $0.coverage >= top.coverage }
            if !close.isEmpty {
                let choices = ([top] + close).prefix(4).compactMap { catalog.procedures[$0.code] }
                state.pendingChoices = choices.map(\.code)
                state.intent = intent
                return (AssistantReply(
                    kind: .clarify, intent: intent, choices: choices.map { .init(code: $0.code, name: $0.name) },
                    answer: Phrasebook.clarify(choices.map { "\($0.name) (\($0.level))" })), state)
            }
            return answer(p, intent: intent, q: q, state: &state, place: place, today: today)
        }
        // A follow-up (“còn lệ phí thì sao?”, “tôi ở phường Tân An”) keeps the remembered procedure.
        let namedUnit = units.find(q) != nil
        let cues = IntentClassifier.cueIntents(q)
        let isFollowUp = namedUnit || (!cues.isEmpty && outOfScope < 0.9) || (q.tokens.count <= 4 && outOfScope < outOfScopeThreshold)
        if let code = state.procedureCode, let p = catalog.procedures[code], isFollowUp {
            if namedUnit, cues.isEmpty { intent = .place }
            return answer(p, intent: intent, q: q, state: &state, place: place, today: today)
        }
        let coverage = candidates.first?.coverage ?? 0
        if (outOfScope >= outOfScopeThreshold && outOfScope > missing) || (coverage < 0.15 && outOfScope > 0.25) || (coverage < 0.05 && outOfScope > 0.05) {
            state.pendingChoices = []
            return (AssistantReply(kind: .outOfScope, intent: intent, answer: Phrasebook.outOfScope), state)
        }
        let nearest = candidates.prefix(3).compactMap { catalog.procedures[$0.code] }
        state.pendingChoices = nearest.map(\.code)
        state.intent = intent
        return (AssistantReply(
            kind: .notFound, intent: intent, choices: nearest.map { .init(code: $0.code, name: $0.name) },
            answer: Phrasebook.notFound(suggestions: nearest.map(\.name))), state)
    }

    func answer(_ p: Procedure, intent: Intent, q: QuestionText, state: inout DialogueState, place: AnswerComposer.Place?, today: String) -> (AssistantReply, DialogueState) {
        if state.procedureCode != p.code { state.caseName = nil }
        if let named = catalog.matchCase(q, in: p) { state.caseName = named.name }
        let chosen = p.cases.first { $0.name == state.caseName }
        state.procedureCode = p.code
        state.pendingChoices = []
        state.intent = intent
        let composed = composer.compose(p, intent: intent, chosenCase: chosen, place: place, today: today)
        return (AssistantReply(
            kind: .answer, intent: intent, procedure: .init(code: p.code, name: p.name), answer: composed.text,
            citations: composed.citations, verified: p.verified, caseName: chosen?.name), state)
    }

    /// “2”, “số 2”, “thứ 2”, “cái 2”.
    static func choiceNumber(_ q: QuestionText) -> Int? {
        let words = q.tokens.filter { !["so", "thu", "cai", "chon", "muc", "thu tuc"].contains($0) }
        guard words.count == 1, let n = Int(words[0]) else { return nil }
        return n
    }
}

/// Finds the commune or ward a question names, among the province's units.
public struct UnitMatcher: Sendable {
    public struct Unit: Sendable, Equatable {
        public var code: String
        public var name: String
        public init(code: String, name: String) {
            self.code = code
            self.name = name
        }
    }

    let entries: [(folded: String, unit: Unit)]
    let thesaurus: ProcedureThesaurus

    /// `units`: code and full name (“Phường Tân An”); matched only with the type word, so “an” alone never matches.
    /// Names are read with the assistant's `thesaurus`, as questions are.
    public init(units: [Unit], thesaurus: ProcedureThesaurus = .standard) {
        self.thesaurus = thesaurus
        entries = units.map { (" " + QuestionText($0.name, thesaurus: thesaurus).folded + " ", $0) }.sorted { $0.folded.count > $1.folded.count }
    }

    func find(_ q: QuestionText) -> Unit? {
        let padded = " " + q.folded + " "
        return entries.first { padded.containsExactly($0.folded) }?.unit
    }

    /// The question without the name of the unit it names (unchanged when it names none).
    func removingNames(from q: QuestionText) -> QuestionText {
        let padded = " " + q.folded + " "
        guard let entry = entries.first(where: { padded.containsExactly($0.folded) }) else { return q }
        return QuestionText(padded.replacingOccurrences(of: entry.folded, with: " "), thesaurus: thesaurus)
    }
}
