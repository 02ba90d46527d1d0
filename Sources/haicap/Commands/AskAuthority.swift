import Foundation
import HaiCapCore
import HaiCapStore
import LegalText

/// `haicap ask --authority "<question>" [--json]`: the lead wires this to the `ask` command's `--authority` flag.
enum AskAuthority {
    /// Answers from the database (bundled registry, reviewed records, provincial delegations) and prints the answer.
    static func run(question: String, asOf: String?, json: Bool, storage: StorageOptions) async throws {
        let answer = try await storage.withDatabase { database, _ in
            try await answerFromDatabase(database, question: question, asOf: asOf)
        }
        print(json ? try jsonText(answer) : text(answer))
    }

    static func answerFromDatabase(_ database: Database, question: String, asOf: String?) async throws -> AuthorityAnswer {
        let trimmed = question.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw CLIError(AuthorityPhrasebook.emptyQuestion) }
        var day: CivilDate?
        if let asOf {
            guard let parsed = CivilDate(iso: asOf) else { throw CLIError("--as-of phải có dạng YYYY-MM-DD.") }
            day = parsed
        }
        let knowledge = try await AuthorityKnowledgeLoader.load(database)
        return AuthorityAssistant(knowledge: knowledge).answer(trimmed, asOf: day, today: CivilDate(Date()))
    }

    /// The same keys as `POST /api/v1/assistant/authority`, absent values as null.
    static func jsonText(_ a: AuthorityAnswer) throws -> String {
        func value(_ s: String?) -> Any { s.map { $0 as Any } ?? NSNull() }
        let object: [String: Any] = [
            "kind": a.kind.rawValue, "holder": value(a.holder), "holderCode": value(a.holderCode),
            "previousHolder": value(a.previousHolder), "mode": value(a.mode), "changed": value(a.changed),
            "basis": a.basis.map { b in
                ["citation": b.citation, "document": b.document, "text": b.text, "effective": value(b.effective), "expires": value(b.expires)] as [String: Any]
            },
            "answer": a.answer, "warnings": a.warnings, "asOf": a.asOf,
        ]
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self)
    }

    static func text(_ a: AuthorityAnswer) -> String {
        var lines: [String] = []
        switch a.kind {
        case .answer:
            lines.append("Chủ thể có thẩm quyền: \(a.holder ?? "")")
            lines.append(a.answer)
            if let changed = a.changed { lines.append(changed) }
            if let mode = a.mode { lines.append("Hình thức: \(mode)") }
        case .provisions:
            lines.append(AuthorityPhrasebook.noRecordLabel.uppercased())
            lines.append(a.answer)
        case .notFound:
            lines.append(a.answer)
        }
        for b in a.basis {
            lines.append("")
            lines.append("Căn cứ: \(b.citation)" + (b.effective.map { " (hiệu lực từ \($0))" } ?? ""))
            lines.append(b.text)
        }
        if !a.warnings.isEmpty {
            lines.append("")
            lines.append("Lưu ý:")
            lines.append(contentsOf: a.warnings.map { "- " + $0 })
        }
        return lines.joined(separator: "\n")
    }
}
