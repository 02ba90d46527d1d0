import Foundation
import HaiCapCore
import HaiCapStore
import LegalText
import Retrieval
import Testing
import VietnameseText

/// What the assistants do with a citizen's or an official's question before and while answering, without a database:
/// text normalisation, tokens, diacritic restoration, masking, search, and the two assistants on bundled data.
extension FuzzTests {
    @Suite("Fuzz: assistant inputs")
    struct AssistantFuzz {
        static let tokens = FuzzTokens.question + FuzzTokens.common + FuzzTokens.legal.prefix(20)
        static let today = CivilDate(year: 2026, month: 11, day: 27)

        /// Each line of an input is one turn of a conversation, at most `maxTurns`.
        static let maxTurns = 6

        static func turns(_ bytes: [UInt8]) -> [String] {
            String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
                .prefix(maxTurns).map(String.init)
        }

        @Test("normalisation, folding, tokens, diacritic restoration, masking and search")
        func text() throws {
            let training = try BundledAssistant.trainingQuestions().map(\.question)
            let restorer = DiacriticRestorer(trainingTexts: training)
            var builder = IndexBuilder(schema: IndexSchema(fields: [FieldSpec("name", weight: 2), FieldSpec("keywords")]))
            for procedure in try BundledAssistant.bundledProcedures() {
                builder.add(SearchDocument(id: procedure.code, fields: ["name": procedure.name, "keywords": procedure.keywords.joined(separator: ", ")]))
            }
            let index = builder.snapshot()
            let runner = try FuzzRunner(target: "assistant-text", mutator: Mutator(tokens: Self.tokens, maxLength: 32 * 1024, allowInvalidUTF8: false))
            runner.run { bytes in
                let text = String(decoding: bytes, as: UTF8.self)
                let normalized = Vietnamese.normalize(text)
                try ensure(Vietnamese.normalize(normalized) == normalized, "normalize is not idempotent")
                let folded = Vietnamese.fold(text)
                // A stray combining mark folds to nothing and may leave two spaces; the words must be stable.
                try ensure(Vietnamese.fold(folded).split(separator: " ") == folded.split(separator: " "), "folding twice changes the words")
                try ensure(Vietnamese.foldNormalized(normalized) == folded, "fold differs from foldNormalized(normalize)")
                for token in Vietnamese.tokenize(text) {
                    try ensure(token.range.lowerBound >= text.startIndex && token.range.upperBound <= text.endIndex, "token range outside the text")
                }
                _ = restorer.restore(text)
                let masked = PIIMasker.mask(text)
                try ensure(PIIMasker.mask(masked) == masked, "masking twice changes the text")
                let hits = index.search(text, options: SearchOptions(limit: 5))
                try ensure(hits.count <= 5, "\(hits.count) hits over the limit of 5")
                if let first = hits.first {
                    _ = index.snippet(id: first.id, field: "name", query: text)
                }
            }
        }

        @Test("the procedure assistant over a conversation")
        func procedureAssistant() throws {
            let procedures = try BundledAssistant.bundledProcedures()
            let codes = Set(procedures.map(\.code))
            let assistant = BundledAssistant.make(procedures: procedures, training: try BundledAssistant.trainingQuestions())
            let runner = try FuzzRunner(target: "assistant-procedures", mutator: Mutator(tokens: Self.tokens, maxLength: 16 * 1024, allowInvalidUTF8: false))
            runner.run { bytes in
                var state = DialogueState()
                for question in Self.turns(bytes) {
                    let (reply, next) = assistant.respond(question, state: state, place: nil, today: "2026-11-27")
                    try ensure(!reply.answer.isEmpty, "an empty answer to “\(question.prefix(80))”")
                    if let code = reply.procedure?.code {
                        try ensure(codes.contains(code), "answered with unknown procedure \(code)")
                    }
                    state = next
                }
            }
        }

        @Test("the authority assistant on the bundled legal corpus")
        func authorityAssistant() throws {
            // The documents under 100 KB: the same kinds of text and answers, a third of the start-up time.
            let bundled = try LegalSeeder.bundledRegistry()
            let documents = try bundled.documents.filter { info in try info.file.map { try LegalSeeder.bundledText($0).utf8.count < 100_000 } ?? true }
            let numbers = Set(documents.map(\.number))
            let registry = LegalRegistryFile(documents: documents, changes: bundled.changes.filter { numbers.contains($0.document) })
            let parsed = try LegalCorpusBuilder.parseAll(registry) { try LegalSeeder.bundledText($0) }
            let assistant = AuthorityAssistant(knowledge: LegalCorpusBuilder.knowledge(registry, parsed: parsed))
            let runner = try FuzzRunner(target: "assistant-authority", mutator: Mutator(tokens: Self.tokens, maxLength: 16 * 1024, allowInvalidUTF8: false))
            runner.run { bytes in
                for question in Self.turns(bytes).prefix(3) {
                    let answer = assistant.answer(question, today: Self.today)
                    try ensure(!answer.answer.isEmpty, "an empty answer to “\(question.prefix(80))”")
                    try ensure(answer.kind != .answer || answer.holder != nil, "an answer without a holder")
                }
            }
        }
    }
}
