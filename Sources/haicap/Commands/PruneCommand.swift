import ArgumentParser
import Foundation
import HaiCapStore
import HaiCapWeb

/// `haicap prune`: shows what the retention periods (`HAICAP_RETAIN_*`) no longer keep, and deletes it with `--yes`.
struct PruneCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prune",
        abstract: "Xóa dữ liệu quá thời hạn lưu giữ: câu hỏi, hội thoại, thông báo, nhật ký (theo HAICAP_RETAIN_*).",
        discussion: """
        Không có --yes: chỉ liệt kê số dòng sẽ xóa. haicap serve tự làm việc này 6 giờ một lần; lệnh này để xem trước \
        hoặc xóa ngay sau khi đổi thời hạn. Báo cáo, chỉ đạo, nhiệm vụ và bản ghi thẩm quyền không bao giờ bị xóa.
        """)

    @Option(name: .customLong("questions-days"), help: "Giữ câu hỏi bao nhiêu ngày (mặc định HAICAP_RETAIN_QUESTIONS_DAYS; 0 = giữ mãi).")
    var questionDays: Int?

    @Option(name: .customLong("conversations-days"), help: "Giữ bộ nhớ hội thoại bao nhiêu ngày (mặc định HAICAP_RETAIN_CONVERSATIONS_DAYS).")
    var conversationDays: Int?

    @Option(name: .customLong("notifications-days"), help: "Giữ thông báo bao nhiêu ngày (mặc định HAICAP_RETAIN_NOTIFICATIONS_DAYS).")
    var notificationDays: Int?

    @Option(name: .customLong("audit-days"), help: "Giữ nhật ký thao tác bao nhiêu ngày (mặc định HAICAP_RETAIN_AUDIT_DAYS).")
    var auditDays: Int?

    @Flag(name: .long, help: "Xác nhận xóa (không có thì chỉ liệt kê).")
    var yes = false

    @OptionGroup var storage: StorageOptions

    func validate() throws {
        for (name, value) in [("--questions-days", questionDays), ("--conversations-days", conversationDays),
                              ("--notifications-days", notificationDays), ("--audit-days", auditDays)] {
            if let value, !(0...RetentionPolicy.maxDays).contains(value) {
                throw ValidationError("\(name) cần một số nguyên từ 0 đến \(RetentionPolicy.maxDays).")
            }
        }
    }

    func run() async throws {
        try await storage.withDatabase { database, config in
            var policy = config.retention
            if let questionDays { policy.questionDays = questionDays }
            if let conversationDays { policy.conversationDays = conversationDays }
            if let notificationDays { policy.notificationDays = notificationDays }
            if let auditDays { policy.auditDays = auditDays }
            let retention = Retention(database: database)
            let now = Date()
            let plan = try await retention.plan(policy, now: now)
            for line in Self.lines(plan, done: false) { print(line) }
            let total = plan.reduce(0) { $0 + $1.rows }
            guard total > 0 else {
                print("Không có dữ liệu nào quá thời hạn lưu giữ.")
                return
            }
            guard yes else {
                print("Chạy lại với --yes để xóa \(total.formatted(.number.locale(Locale(identifier: "vi_VN")))) dòng trên (không hoàn tác được; nên sao lưu trước: haicap backup).")
                return
            }
            let counts = try await retention.pruneAndRecord(policy, now: now, actor: "cli") { count in
                if count.rows % 10_000 == 0 { print("  \(count.label): đã xóa \(count.rows) dòng…") }
            }
            for line in Self.lines(counts, done: true) { print(line) }
        }
    }

    /// One line per kind of record: its period and how many rows are (or were) beyond it.
    static func lines(_ counts: [Retention.Count], done: Bool) -> [String] {
        let vi = Locale(identifier: "vi_VN")
        return [done ? "Đã xóa:" : "Quá thời hạn lưu giữ:"] + counts.map { count in
            guard count.days > 0 else { return "  \(count.label): giữ mãi" }
            return "  \(count.label) (giữ \(count.days) ngày): \(count.rows.formatted(.number.locale(vi))) dòng"
        }
    }
}
