import Foundation
import VietnameseText

/// Measures the assistant on labelled questions, each asked in a fresh conversation.
public struct AssistantEvaluation: Codable, Sendable {
    public var questions: Int
    /// Questions whose expected kind is `answer`, and how many got the right procedure first.
    public var answerable: Int
    public var top1: Double
    /// Intent accuracy over questions that name a procedure need (answer and not_found).
    public var intent: Double
    public var notFoundQuestions: Int
    public var notFound: Double
    public var outOfScopeQuestions: Int
    public var outOfScope: Double
    public var clarified: Int
    public var p50Milliseconds: Double
    public var p99Milliseconds: Double
    public var misses: [String]

    enum CodingKeys: String, CodingKey {
        case questions, answerable, top1 = "top1_procedure", intent = "intent_accuracy", notFoundQuestions = "not_found_questions"
        case notFound = "not_found_accuracy", outOfScopeQuestions = "out_of_scope_questions", outOfScope = "out_of_scope_accuracy"
        case clarified, p50Milliseconds = "p50_ms", p99Milliseconds = "p99_ms", misses
    }

    /// Runs every question; `stripDiacritics` asks them as typed without accents (đ → d).
    public static func run(_ labelled: [LabelledQuestion], assistant: ProcedureAssistant, stripDiacritics: Bool, today: String) -> AssistantEvaluation {
        var top1 = 0, answerable = 0, intentRight = 0, intentTotal = 0, nf = 0, nfRight = 0, oos = 0, oosRight = 0, clarified = 0
        var latencies: [Double] = []
        var misses: [String] = []
        let clock = ContinuousClock()
        for item in labelled {
            let text = stripDiacritics ? Vietnamese.fold(item.question) : item.question
            var reply: AssistantReply?
            let elapsed = clock.measure { reply = assistant.respond(text, state: DialogueState(), place: nil, today: today).0 }
            latencies.append(Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000)
            guard let reply else { continue }
            let found = reply.procedure?.code ?? reply.choices.first?.code
            if reply.kind == .clarify { clarified += 1 }
            switch item.kind {
            case .answer, .clarify:
                answerable += 1
                let ok = (reply.kind == .answer || reply.kind == .clarify) && found == item.procedure
                if ok { top1 += 1 } else { misses.append("[\(reply.kind.rawValue) \(found ?? "-")≠\(item.procedure ?? "-")] \(text)") }
            case .notFound:
                nf += 1
                if reply.kind == .notFound { nfRight += 1 } else { misses.append("[\(reply.kind.rawValue) \(found ?? "-") ≠ not_found] \(text)") }
            case .outOfScope:
                oos += 1
                if reply.kind == .outOfScope { oosRight += 1 } else { misses.append("[\(reply.kind.rawValue) \(found ?? "-") ≠ out_of_scope] \(text)") }
            }
            if item.kind != .outOfScope {
                intentTotal += 1
                if reply.intent == item.intent { intentRight += 1 } else { misses.append("[intent \(reply.intent.rawValue)≠\(item.intent.rawValue)] \(text)") }
            }
        }
        latencies.sort()
        func pct(_ p: Double) -> Double { latencies.isEmpty ? 0 : latencies[min(latencies.count - 1, Int((Double(latencies.count) * p).rounded(.up)) - 1)] }
        func rate(_ a: Int, _ b: Int) -> Double { b == 0 ? 0 : Double(a) / Double(b) }
        return AssistantEvaluation(
            questions: labelled.count, answerable: answerable, top1: rate(top1, answerable), intent: rate(intentRight, intentTotal),
            notFoundQuestions: nf, notFound: rate(nfRight, nf), outOfScopeQuestions: oos, outOfScope: rate(oosRight, oos),
            clarified: clarified, p50Milliseconds: pct(0.5), p99Milliseconds: pct(0.99), misses: misses)
    }
}
