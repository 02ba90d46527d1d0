import Foundation

/// What the assistant remembers within one conversation.
public struct DialogueState: Codable, Sendable, Equatable {
    public var procedureCode: String?
    public var caseName: String?
    public var unitCode: String?
    /// Codes offered in the last clarifying question, answered by number.
    public var pendingChoices: [String]
    /// What the last question asked, reused when a choice is picked by number.
    public var intent: Intent?

    public init(procedureCode: String? = nil, caseName: String? = nil, unitCode: String? = nil, pendingChoices: [String] = [], intent: Intent? = nil) {
        self.procedureCode = procedureCode
        self.caseName = caseName
        self.unitCode = unitCode
        self.pendingChoices = pendingChoices
        self.intent = intent
    }
}

/// One question in the officials' log (masked before it is stored).
public struct LoggedQuestion: Sendable, Equatable {
    public var id: Int64
    public var at: Date
    public var conversation: String
    public var question: String
    public var intent: String
    public var kind: String
    public var procedureCode: String?
    public var feedback: Int?

    public init(id: Int64 = 0, at: Date, conversation: String, question: String, intent: String, kind: String, procedureCode: String?, feedback: Int? = nil) {
        self.id = id
        self.at = at
        self.conversation = conversation
        self.question = question
        self.intent = intent
        self.kind = kind
        self.procedureCode = procedureCode
        self.feedback = feedback
    }
}
