import Foundation

/// What a question asks about the procedure.
public enum Intent: String, Codable, Sendable, CaseIterable {
    case documents, fee, timeLimit = "time_limit", place, steps, online, conditions, result, legalBasis = "legal_basis", overview
}

/// How the assistant answers.
public enum ReplyKind: String, Codable, Sendable {
    case answer, clarify, notFound = "not_found", outOfScope = "out_of_scope"
}

/// One labelled question: `{"question", "intent", "procedure", "kind"}`.
public struct LabelledQuestion: Codable, Sendable, Equatable {
    public var question: String
    public var intent: Intent
    public var procedure: String?
    public var kind: ReplyKind

    public init(question: String, intent: Intent, procedure: String?, kind: ReplyKind) {
        self.question = question
        self.intent = intent
        self.procedure = procedure
        self.kind = kind
    }

    /// Reads JSON Lines; a bad line is an error naming it.
    public static func decode(_ data: Data, file: String) throws(HaiCapError) -> [LabelledQuestion] {
        guard let text = String(data: data, encoding: .utf8) else { throw .badRequest("\(file) không phải UTF-8 hợp lệ.") }
        var out: [LabelledQuestion] = []
        for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty else { continue }
            do {
                out.append(try JSONDecoder().decode(LabelledQuestion.self, from: Data(trimmed.utf8)))
            } catch {
                throw .badRequest("\(file), dòng \(i + 1): câu hỏi không đúng dạng {\"question\", \"intent\", \"procedure\", \"kind\"}.")
            }
        }
        return out
    }
}
