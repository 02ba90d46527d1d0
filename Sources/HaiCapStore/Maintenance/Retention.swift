import Foundation
import SQLKit

/// How long the records that concern people but not the province's own work are kept, in days; 0 keeps them.
///
/// Nghị định 13/2023/NĐ-CP asks that personal data be kept no longer than its purpose needs. Citizens' questions
/// (masked when stored), their conversations' memory and the notification trail serve tuning and support for a
/// while; reports, directives and competence records are the province's own records and are never pruned here.
public struct RetentionPolicy: Sendable, Equatable {
    /// `assistant_questions` and `authority_questions`.
    public var questionDays = 365
    /// `assistant_conversations`: what a citizen's conversation remembers (procedure, case, unit).
    public var conversationDays = 30
    /// In-app notifications, finished deliveries (sent or dead letters) and outbox events nothing refers to.
    public var notificationDays = 365
    /// `audit_log`: kept for good unless the province sets a period.
    public var auditDays = 0

    public init() {}

    public static let maxDays = 36_500
}

/// Deletes what a `RetentionPolicy` no longer keeps, in small batches so that on SQLite no single statement holds
/// the writing connection for long.
public struct Retention: Sendable {
    /// One kind of row a policy prunes.
    public struct Target: Sendable {
        /// What the rows are, in Vietnamese, for the CLI and the log.
        public var label: String
        public var table: String
        /// The column that identifies a row, and whether it holds text rather than an integer.
        var key: String
        var textKey = false
        /// The column holding the row's time (seconds since 1970).
        var time: String
        /// A further condition on the row (SQL over the table's own columns), or nil.
        var condition: String?
        var days: any KeyPath<RetentionPolicy, Int> & Sendable
    }

    /// What one target holds beyond its period, or what was deleted.
    public struct Count: Sendable, Equatable {
        public var label: String
        public var table: String
        public var days: Int
        public var rows: Int
    }

    /// In the order they are pruned: deliveries before the outbox events they refer to.
    public static let targets: [Target] = [
        Target(label: "Câu hỏi của người dân (trợ lý thủ tục)", table: "assistant_questions", key: "id", time: "at", condition: nil, days: \.questionDays),
        Target(label: "Câu hỏi về thẩm quyền", table: "authority_questions", key: "id", time: "at", condition: nil, days: \.questionDays),
        Target(label: "Bộ nhớ hội thoại của trợ lý thủ tục", table: "assistant_conversations", key: "id", textKey: true, time: "updated_at", condition: nil,
               days: \.conversationDays),
        Target(label: "Thông báo trong ứng dụng", table: "notifications", key: "id", time: "created_at", condition: nil, days: \.notificationDays),
        Target(
            label: "Lượt gửi thông báo đã xong (đã gửi hoặc thất bại hẳn)", table: "notification_deliveries", key: "id", time: "created_at",
            condition: "status IN ('sent', 'dead')", days: \.notificationDays),
        Target(
            label: "Sự kiện thông báo đã phân phát xong", table: "outbox", key: "id", time: "occurred_at",
            condition: "fanned_out = TRUE AND NOT EXISTS (SELECT 1 FROM notification_deliveries d WHERE d.event_id = outbox.event_id)",
            days: \.notificationDays),
        Target(label: "Nhật ký thao tác (audit)", table: "audit_log", key: "id", time: "at", condition: nil, days: \.auditDays),
    ]

    public let database: Database
    public let batchSize: Int

    public init(database: Database, batchSize: Int = 1_000) {
        self.database = database
        self.batchSize = max(1, batchSize)
    }

    /// The rows each target holds beyond its period as of `now`; targets kept for good are listed with 0 days.
    public func plan(_ policy: RetentionPolicy, now: Date) async throws -> [Count] {
        var counts: [Count] = []
        for target in Self.targets {
            let days = policy[keyPath: target.days]
            guard days > 0 else {
                counts.append(Count(label: target.label, table: target.table, days: 0, rows: 0))
                continue
            }
            let row = try await database.sql.raw("""
                SELECT COUNT(*) AS n FROM \(unsafeRaw: target.table) WHERE \(unsafeRaw: Self.predicate(target)) \(bind: Self.cutoff(days: days, now: now))
                """).first()
            counts.append(Count(label: target.label, table: target.table, days: days, rows: try row?.decode(column: "n", as: Int.self) ?? 0))
        }
        return counts
    }

    /// Deletes the rows beyond their period; `progress` hears each target's running total after every batch.
    @discardableResult
    public func prune(_ policy: RetentionPolicy, now: Date, progress: @Sendable (Count) -> Void = { _ in }) async throws -> [Count] {
        var counts: [Count] = []
        for target in Self.targets {
            let days = policy[keyPath: target.days]
            var count = Count(label: target.label, table: target.table, days: days, rows: 0)
            if days > 0 {
                let cutoff = Self.cutoff(days: days, now: now)
                while true {
                    // Select a batch, then delete it by key: the count is known and both databases accept it.
                    let keys = try await database.sql.raw("""
                        SELECT \(unsafeRaw: target.key) AS k FROM \(unsafeRaw: target.table) WHERE \(unsafeRaw: Self.predicate(target)) \(bind: cutoff)
                        ORDER BY \(unsafeRaw: target.time) LIMIT \(unsafeRaw: String(batchSize))
                        """).all()
                    guard !keys.isEmpty else { break }
                    let binds: [any SQLExpression] = target.textKey
                        ? try keys.map { SQLBind(try $0.decode(column: "k", as: String.self)) }
                        : try keys.map { SQLBind(try $0.decode(column: "k", as: Int64.self)) }
                    try await database.sql.delete(from: target.table)
                        .where(SQLIdentifier(target.key), .in, SQLGroupExpression(SQLList(binds))).run()
                    count.rows += keys.count
                    progress(count)
                    if keys.count < batchSize { break }
                }
            }
            counts.append(count)
        }
        return counts
    }

    /// Prunes and, when anything was deleted, audits it as `retention.prune` by `actor` with the rows per table.
    @discardableResult
    public func pruneAndRecord(
        _ policy: RetentionPolicy, now: Date, actor: String, progress: @Sendable (Count) -> Void = { _ in }
    ) async throws -> [Count] {
        let counts = try await prune(policy, now: now, progress: progress)
        let deleted = Dictionary(counts.filter { $0.rows > 0 }.map { ($0.table, $0.rows) }, uniquingKeysWith: +)
        if !deleted.isEmpty {
            let kept = Dictionary(counts.map { ($0.table, $0.days) }, uniquingKeysWith: max)
            try await AuditRepository(db: database.sql).record(
                actor: actor, action: "retention.prune", entity: "retention", entityID: "", before: kept, after: deleted, now: now)
        }
        return counts
    }

    /// `time < ` followed by the cutoff's bind, with the target's own condition.
    static func predicate(_ target: Target) -> String {
        (target.condition.map { "(\($0)) AND " } ?? "") + "\(target.time) <"
    }

    static func cutoff(days: Int, now: Date) -> Int64 {
        Int64(now.timeIntervalSince1970) - Int64(days) * 86_400
    }
}
