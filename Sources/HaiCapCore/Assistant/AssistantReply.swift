import Foundation

/// The assistant's answer, in the shape `POST /api/v1/assistant/procedures` returns.
public struct AssistantReply: Codable, Sendable, Equatable {
    public struct ProcedureRef: Codable, Sendable, Equatable {
        public var code: String
        public var name: String
        public init(code: String, name: String) {
            self.code = code
            self.name = name
        }
    }

    public var conversation: String
    public var kind: ReplyKind
    public var intent: Intent
    public var procedure: ProcedureRef?
    public var choices: [ProcedureRef]
    public var answer: String
    public var citations: [String]
    public var verified: Bool
    public var suggestion: String?
    /// Id of the logged question, for 👍/👎.
    public var questionID: Int64?
    /// The case variant answered for, when one was named.
    public var caseName: String?

    enum CodingKeys: String, CodingKey {
        case conversation, kind, intent, procedure, choices, answer, citations, verified, suggestion
        case questionID = "question_id", caseName = "case"
    }

    public init(
        conversation: String = "", kind: ReplyKind, intent: Intent, procedure: ProcedureRef? = nil, choices: [ProcedureRef] = [],
        answer: String, citations: [String] = [], verified: Bool = false, suggestion: String? = nil, caseName: String? = nil
    ) {
        self.conversation = conversation
        self.kind = kind
        self.intent = intent
        self.procedure = procedure
        self.choices = choices
        self.answer = answer
        self.citations = citations
        self.verified = verified
        self.suggestion = suggestion
        self.caseName = caseName
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(conversation, forKey: .conversation)
        try c.encode(kind, forKey: .kind)
        try c.encode(intent, forKey: .intent)
        // `procedure` is always present: an object or null, as the API promises.
        try c.encode(procedure, forKey: .procedure)
        try c.encode(choices, forKey: .choices)
        try c.encode(answer, forKey: .answer)
        try c.encode(citations, forKey: .citations)
        try c.encode(verified, forKey: .verified)
        try c.encodeIfPresent(suggestion, forKey: .suggestion)
        try c.encodeIfPresent(questionID, forKey: .questionID)
        try c.encodeIfPresent(caseName, forKey: .caseName)
    }
}

extension AssistantReply {
    /// The reply as `encode(to:)` writes it (same members, `procedure` always present), without `JSONEncoder`:
    /// the citizen assistant's API answers thousands of these a second and the encoder cost 5 % of its CPU.
    public func writeJSON(into json: inout JSONText.Writer) {
        func write(_ ref: ProcedureRef) {
            json.beginObject()
            json.member("code", ref.code)
            json.member("name", ref.name)
            json.endObject()
        }
        json.beginObject()
        json.member("conversation", conversation)
        json.member("kind", kind.rawValue)
        json.member("intent", intent.rawValue)
        json.key("procedure")
        if let procedure { write(procedure) } else { json.null() }
        json.key("choices")
        json.beginArray()
        for choice in choices { write(choice) }
        json.endArray()
        json.member("answer", answer)
        json.key("citations")
        json.beginArray()
        for citation in citations { json.string(citation) }
        json.endArray()
        json.member("verified", verified)
        if let suggestion { json.member("suggestion", suggestion) }
        if let questionID { json.member("question_id", Int(questionID)) }
        if let caseName { json.member("case", caseName) }
        json.endObject()
    }
}
