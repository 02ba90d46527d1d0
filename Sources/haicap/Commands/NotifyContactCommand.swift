import ArgumentParser
import Foundation
import HaiCapCore
import HaiCapStore

struct NotifyContactCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "contact", abstract: "Đặt địa chỉ e-mail và mã người dùng Zalo (user_id của Official Account) cho một tài khoản.",
        discussion: "Chuỗi rỗng xóa giá trị: haicap notify contact --username xa24121 --email \"\". Bỏ một tùy chọn thì giữ nguyên giá trị cũ.")

    @Option(help: "Tên đăng nhập.") var username: String
    @Option(help: "Địa chỉ e-mail nhận thông báo.") var email: String?
    @Option(help: "Mã người dùng Zalo (user_id mà Official Account thấy).") var zalo: String?
    @OptionGroup var storage: StorageOptions

    func run() async throws {
        let contact = try await storage.withDatabase { database, _ in
            try await database.transaction { db in
                let repository = NotificationRepository(db: db)
                guard let before = try await repository.contact(username: username) else {
                    throw CLIError("Không có tài khoản '\(username)'.")
                }
                func pick(_ given: String?, _ old: String?) -> String? {
                    guard let given else { return old }
                    let trimmed = given.trimmingCharacters(in: .whitespaces)
                    return trimmed.isEmpty ? nil : trimmed
                }
                let contact = NotificationRepository.Contact(email: pick(email, before.email), zaloUserID: pick(zalo, before.zaloUserID))
                let problems = NotificationRepository.validate(contact)
                guard problems.isEmpty else { throw CLIError(problems.map(\.message).joined(separator: " ")) }
                try await repository.setContact(username: username, contact)
                try await AuditRepository(db: db).record(
                    actor: "cli", action: "update_contact", entity: "user", entityID: username,
                    before: ["email": before.email ?? "", "zaloUserId": before.zaloUserID ?? ""],
                    after: ["email": contact.email ?? "", "zaloUserId": contact.zaloUserID ?? ""], now: Date())
                return contact
            }
        }
        print("Đã cập nhật \(username): e-mail \(contact.email ?? "—"), Zalo \(contact.zaloUserID ?? "—").")
    }
}
