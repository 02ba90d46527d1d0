import Foundation
import HaiCapCore
import HaiCapStore
import Testing

/// The procedure assistant's writes per answer (memory and question log): on SQLite committed in batches
/// (`AssistantWriteBatcher`), on PostgreSQL one by one — either way every answer a caller received is stored.
@Suite("Assistant writes under concurrency")
struct AssistantWritesTests {
    @Test("sixty simultaneous questions: sixty distinct logged ids, each conversation remembered, follow-ups read it", arguments: TestBackend.enabled)
    func concurrentAnswersAllStored(backend: TestBackend) async throws {
        try await TestDatabase.withFresh(backend) { database in
            try await Migrator(database: database).migrate(now: fixedNow)
            _ = try await ProcedureSeeder(database: database).seedMissing(now: fixedNow)
            let service = ProcedureService(database: database, provinceCode: "66", portalURLTemplate: nil)
            let questions = ["Đăng ký khai sinh cần giấy tờ gì?", "le phi dang ky ket hon", "Đăng ký tạm trú ở đâu?"]
            let replies = try await withThrowingTaskGroup(of: AssistantReply.self) { group in
                for i in 0..<60 {
                    group.addTask { try await service.ask(questions[i % questions.count], conversation: nil, unit: nil, now: fixedNow) }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            let ids = replies.compactMap(\.questionID)
            #expect(ids.count == 60 && Set(ids).count == 60 && ids.allSatisfy { $0 > 0 })
            let log = AssistantLogRepository(db: database.sql)
            let logged = try await log.list(unanswered: false, page: .init(page: 1, per: 500))
            #expect(logged.total == 60)
            // Each id is the row of its own conversation's question.
            let byID = Dictionary(uniqueKeysWithValues: logged.items.map { ($0.id, $0) })
            for reply in replies {
                let id = try #require(reply.questionID)
                let row = try #require(byID[id])
                #expect(row.conversation == reply.conversation)
                #expect(row.procedureCode == reply.procedure?.code)
                let state = try await log.state(conversation: reply.conversation)
                #expect(state?.procedureCode == reply.procedure?.code)
            }
            // A follow-up in one of those conversations reads what was stored.
            let first = try #require(replies.first { $0.procedure != nil })
            let followUp = try await service.ask("còn lệ phí thì sao?", conversation: first.conversation, unit: nil, now: fixedNow)
            #expect(followUp.procedure?.code == first.procedure?.code && followUp.intent == .fee)
        }
    }
}
