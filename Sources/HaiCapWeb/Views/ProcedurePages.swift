import Foundation
import HaiCapCore
import HaiCapData
import NIOCore

/// View models of the procedure pages (the Vietnamese text lives in the templates and the phrasebook).
struct ChatPage {
    var conversation: String
    /// Nil on a fresh page (an empty string would still open a Mustache section).
    var question: String?
    var reply: ReplyView?
    var error: String?
    var thanks = false
    var examples = ["Làm giấy khai sinh cho con cần gì?", "dang ky tam tru mat bao lau", "Chứng thực bản sao ở đâu?", "lệ phí đăng ký kết hôn"]

    init(conversation: String, question: String, reply: ReplyView?, error: String? = nil, thanks: Bool = false) {
        self.conversation = conversation
        self.question = question.isEmpty ? nil : question
        self.reply = reply
        self.error = error
        self.thanks = thanks
    }
}

struct ReplyView {
    struct Choice {
        var number: Int
        var code: String
        var name: String
    }
    var kind: String
    var answer: String
    var citations: [String]
    var choices: [Choice]
    var procedureCode: String?
    var unverified: Bool
    var questionID: Int64
    var conversation: String
    var isAnswer: Bool
    /// The question with diacritics restored, shown as "Có phải bạn muốn hỏi: …?".
    var suggestion: String?

    init(_ reply: AssistantReply) {
        kind = reply.kind.rawValue
        answer = reply.answer
        citations = reply.citations
        choices = reply.choices.enumerated().map { Choice(number: $0.offset + 1, code: $0.element.code, name: $0.element.name) }
        procedureCode = reply.procedure?.code
        unverified = reply.kind == .answer && !reply.verified
        questionID = reply.questionID ?? 0
        conversation = reply.conversation
        isAnswer = reply.kind == .answer
        suggestion = reply.suggestion
    }
}

struct FieldOption {
    var name: String
    var count: Int
    var selected: Bool
}

struct ItemView {
    var code: String
    var name: String
    var level: String
    var unverified: Bool
    init(_ p: ProcedureCatalog.Entry) {
        code = p.code
        name = p.name
        level = p.level
        unverified = !p.verified
    }
}

struct FieldGroup {
    var field: String
    var items: [ItemView]
}

struct CatalogPage {
    var query: String
    var fields: [FieldOption]
    var groups: [FieldGroup]
    var summary: String
    var pager: Pager?
}

struct DocumentView {
    var number: Int
    var name: String
    var detail: String?
    var source: String?
}

struct CaseView {
    var name: String
    var documents: [DocumentView]
    var checklist: String

    init(code: String, _ c: ProcedureCase) {
        name = c.name
        documents = c.documents.enumerated().map { i, d in
            var parts: [String] = []
            if let o = d.originals, o > 0 { parts.append("\(o) bản chính") }
            if let k = d.copies, k > 0 { parts.append("\(k) bản sao") }
            if let f = d.form, !f.isEmpty, f != d.name { parts.append("mẫu: \(f)") }
            return DocumentView(number: i + 1, name: d.name, detail: parts.isEmpty ? nil : parts.joined(separator: "; "), source: d.source)
        }
        var components = URLComponents()
        components.path = "/thu-tuc/\(code)/giay-to"
        if !c.name.isEmpty { components.queryItems = [URLQueryItem(name: "case", value: c.name)] }
        checklist = components.string ?? "/thu-tuc/\(code)/giay-to"
    }
}

struct ChannelView {
    var label: String
    var time: String
    var fee: String
}

struct ProcedurePage {
    var p: Procedure
    var cases: [CaseView]
    var channels: [ChannelView]
    var steps: [String]
    var legal: [String]
    var facts: [String]
    var unverified: Bool
    var canEdit: Bool
    var portal: String?
    var updated: String?
    var source: String
    var levelLabel: String

    init(_ p: Procedure, canEdit: Bool, portal: String?) {
        self.p = p
        levelLabel = p.level.isEmpty ? "Danh mục chưa ghi" : p.level
        cases = p.cases.map { CaseView(code: p.code, $0) }
        let composer = AnswerComposer()
        channels = p.channels.map { ChannelView(label: $0.kind.label, time: $0.timeLimit?.text ?? "Chưa có thông tin", fee: composer.feeText($0.fee)) }
        steps = p.steps
        legal = p.legalBasis.map(\.title)
        facts = p.facts.map { "\($0.value) — \($0.source)" }
        unverified = !p.verified
        self.canEdit = canEdit
        self.portal = portal
        updated = p.updatedAt.map(CivilTime.display)
        source = p.source.decision.map { "\(p.source.name), \($0)" } ?? p.source.name
    }
}

struct ChecklistPage {
    var code: String
    var name: String
    var caseName: String?
    var documents: [DocumentView]
    var otherCases: [CaseView]
    var printedOn: String
    var unverified: Bool
    var source: String

    init(_ p: Procedure, chosen: ProcedureCase?, printedOn: String) {
        code = p.code
        name = p.name
        let group = chosen ?? p.cases.first
        caseName = group.flatMap { $0.name.isEmpty ? nil : $0.name }
        documents = group.map { CaseView(code: p.code, $0).documents } ?? []
        otherCases = p.cases.filter { $0.name != group?.name }.map { CaseView(code: p.code, $0) }
        self.printedOn = printedOn
        unverified = !p.verified
        source = p.source.decision.map { "\(p.source.name), \($0)" } ?? p.source.name
    }
}

extension Views {
    /// A file from `Resources/Static`, served as is.
    static func staticFile(_ name: String) throws -> ByteBuffer {
        guard let resources = BundledData.resourcesDirectory(of: .module) else {
            throw HaiCapError.notFound("Không tìm thấy thư mục giao diện đi kèm.")
        }
        return ByteBuffer(bytes: try Data(contentsOf: resources.appendingPathComponent("Static").appendingPathComponent(name)))
    }
}
