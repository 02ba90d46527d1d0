import ArgumentParser
import Foundation
import HaiCapCore
import HaiCapStore

/// `haicap ask "<question>" [--unit CODE] [--json]`: the procedure assistant at the terminal; interactive without a question.
struct AskCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ask",
        abstract: "Hỏi trợ lý thủ tục hành chính (hoặc trợ lý thẩm quyền với --authority).",
        discussion: "Không ghi câu hỏi thì vào chế độ hỏi đáp liên tục (gõ trống để thoát); trợ lý nhớ thủ tục, trường hợp và đơn vị trong cuộc trò chuyện.")

    @Argument(help: "Câu hỏi, có dấu hoặc không dấu.")
    var question: String?

    @Option(help: "Mã đơn vị cấp xã 5 chữ số của người hỏi (để chỉ Bộ phận Một cửa).")
    var unit: String?

    @Flag(help: "In câu trả lời dạng JSON, như API /api/v1/assistant/procedures.")
    var json = false

    @Flag(help: "Hỏi trợ lý thẩm quyền thay cho trợ lý thủ tục.")
    var authority = false

    @Option(name: .customLong("as-of"), help: "Với --authority: ngày tra cứu YYYY-MM-DD.")
    var asOf: String?

    @OptionGroup var storage: StorageOptions

    func run() async throws {
        if authority {
            guard let question else { throw ValidationError("--authority cần một câu hỏi.") }
            try await AskAuthority.run(question: question, asOf: asOf, json: json, storage: storage)
            return
        }
        if let unit, !(unit.count == 5 && unit.allSatisfy(\.isNumber)) {
            throw ValidationError("--unit cần mã đơn vị 5 chữ số, ví dụ 24121.")
        }
        try await storage.withDatabase { database, config in
            try await ProcedureSeeder(database: database).seedMissing(now: Date())
            let service = ProcedureService(database: database, provinceCode: config.provinceCode,
                                           portalURLTemplate: config.portalURLTemplate.isEmpty ? nil : config.portalURLTemplate)
            if let question {
                try print(render(await service.ask(question, conversation: nil, unit: unit, now: Date())))
                return
            }
            var conversation: String?
            print("Hỏi về thủ tục hành chính (gõ trống để thoát).")
            while true {
                print("> ", terminator: "")
                guard let line = readLine(), !line.trimmingCharacters(in: .whitespaces).isEmpty else { break }
                let reply = try await service.ask(line, conversation: conversation, unit: unit, now: Date())
                conversation = reply.conversation
                print(try render(reply) + "\n")
            }
        }
    }

    func render(_ reply: AssistantReply) throws -> String {
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            return String(decoding: try encoder.encode(reply), as: UTF8.self)
        }
        var text = reply.answer
        if reply.kind == .answer, !reply.citations.isEmpty {
            text += "\nCăn cứ: " + reply.citations.joined(separator: "; ")
        }
        return text
    }
}
