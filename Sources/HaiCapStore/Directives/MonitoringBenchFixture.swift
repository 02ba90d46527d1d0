import Foundation
import HaiCapCore
import SQLKit

/// Synthetic directives and assignments for `haicap bench monitoring`: many assignments over every unit in the
/// database, with deadlines, states and progress spread so that every status class and light occurs.
public enum MonitoringBenchFixture {
    /// Inserts `count` assignments under `directives` directives, spread over all units; returns the units used.
    @discardableResult
    public static func load(
        database: Database, assignments count: Int, directives: Int = 50, today: CalendarDay,
        progress: @Sendable (String) -> Void = { _ in }
    ) async throws -> Int {
        let units = try await database.sql.select().column("code").from("units").orderBy("code").all()
            .map { try $0.decode(column: "code", as: String.self) }
        guard !units.isEmpty else { throw HaiCapError.notFound("Chưa có đơn vị hành chính nào trong cơ sở dữ liệu.") }
        let at = Date()
        var directiveIDs: [Int64] = []
        try await database.transaction { db in
            let repository = DirectiveRepository(db: db)
            var ids: [Int64] = []
            for i in 0..<max(1, directives) {
                ids.append(try await repository.insert(Directive(
                    id: 0, number: "\(i + 1)/UBND-TH", date: today.adding(days: -60 + i), issuer: "UBND tỉnh", signer: "Chủ tịch",
                    summary: "Văn bản thử tải số \(i + 1)", text: "Nội dung thử tải.", createdAt: at, createdBy: "bench")))
            }
            return ids
        }.forEach { directiveIDs.append($0) }
        var generator = SplitMix(seed: 20261127)
        let states: [AssignmentState] = [.assigned, .acknowledged, .inProgress, .inProgress, .completionReported, .completed, .completed, .completed]
        let chunk = 500
        var written = 0
        while written < count {
            let n = min(chunk, count - written)
            let base = written
            let rows: [Assignment] = (0..<n).map { k in
                let i = base + k
                let deadline = today.adding(days: Int(generator.next() % 120) - 60)
                let state = states[Int(generator.next() % UInt64(states.count))]
                let reported: CalendarDay? = state == .completed || state == .completionReported ? deadline.adding(days: Int(generator.next() % 10) - 6) : nil
                return Assignment(
                    id: 0, directiveID: directiveIDs[i % directiveIDs.count], unitCode: units[i % units.count],
                    content: "Nhiệm vụ thử tải số \(i + 1)", expectedResult: "Báo cáo kết quả", deadline: deadline, state: state,
                    progress: state == .completed ? 100 : Int(generator.next() % 100), acknowledgedAt: state == .assigned ? nil : at,
                    acknowledgedBy: state == .assigned ? nil : "bench", reportedOn: reported, completedOn: state == .completed ? reported : nil,
                    createdAt: at, createdBy: "bench")
            }
            try await database.transaction { db in
                var insert = db.insert(into: "assignments")
                    .columns("directive_id", "parent_id", "unit_code", "coordinating_json", "assignee", "content", "expected_result", "field",
                             "priority", "recurrence", "deadline", "original_deadline", "state", "progress", "acknowledged_at", "acknowledged_by",
                             "reported_on", "completed_on", "extension_json", "created_at", "created_by", "updated_at",
                             "due_soon_notified", "overdue_notified", "next_created")
                for a in rows {
                    insert = insert.values(
                        SQLBind(a.directiveID), SQLBind(Int64?.none), SQLBind(a.unitCode), SQLBind("[]"), SQLBind(String?.none),
                        SQLBind(a.content), SQLBind(a.expectedResult), SQLBind(String?.none), SQLBind(a.priority.rawValue), SQLBind(a.recurrence.rawValue),
                        SQLBind(a.deadline.description), SQLBind(a.deadline.description), SQLBind(a.state.rawValue), SQLBind(a.progress),
                        SQLBind(a.acknowledgedAt.map { Int64($0.timeIntervalSince1970) }), SQLBind(a.acknowledgedBy), SQLBind(a.reportedOn?.description),
                        SQLBind(a.completedOn?.description), SQLBind(String?.none), SQLBind(Int64(at.timeIntervalSince1970)), SQLBind("bench"),
                        SQLBind(Int64(at.timeIntervalSince1970)), SQLBind(false), SQLBind(false), SQLBind(false))
                }
                try await insert.run()
            }
            written += n
            if written % 10_000 == 0 || written == count { progress("Đã tạo \(written)/\(count) nhiệm vụ…") }
        }
        return Set((0..<count).map { units[$0 % units.count] }).count
    }

    /// A small deterministic generator, so every run builds the same data.
    struct SplitMix {
        var state: UInt64
        init(seed: UInt64) { state = seed }
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }
}
