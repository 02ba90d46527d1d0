import ArgumentParser
import Foundation
import HaiCapStore
import HaiCapWeb

struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token", abstract: "Mã truy cập API (Authorization: Bearer).",
        subcommands: [Create.self, Revoke.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Tạo mã truy cập; chỉ in ra mã (lưu lại ngay, không xem lại được).")
        @Option(help: "Tên đăng nhập của chủ mã.") var username: String
        @Option(help: "Tên gợi nhớ của mã.") var name: String = "cli"
        @OptionGroup var storage: StorageOptions

        func run() async throws {
            let created = try await storage.withDatabase { database, config in
                try await Accounts(database: database, bcryptCost: config.bcryptCost).createToken(username: username, name: name, by: "cli")
            }
            print(created.token)
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Thu hồi mã truy cập, theo số (--id) hoặc theo chính mã (--token hay đầu vào chuẩn).")
        @Option(help: "Số của mã (xem trên trang Tài khoản).") var id: Int64?
        @Option(help: "Chính mã cần thu hồi.") var token: String?
        @OptionGroup var storage: StorageOptions

        func run() async throws {
            var token = token
            if id == nil, token == nil { token = readLine(strippingNewline: true)?.trimmingCharacters(in: .whitespaces) }
            guard id != nil || (token?.isEmpty == false) else {
                throw ValidationError("Cần --id hoặc --token (hoặc nhập mã qua đầu vào chuẩn).")
            }
            let revoked = try await storage.withDatabase { [token] database, config in
                try await Accounts(database: database, bcryptCost: config.bcryptCost).revokeToken(id: id, token: token, by: "cli")
            }
            guard revoked else { throw CLIError("Không có mã truy cập đang dùng nào khớp.") }
            print("Đã thu hồi mã truy cập.")
        }
    }
}
