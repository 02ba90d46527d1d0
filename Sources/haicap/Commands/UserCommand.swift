import ArgumentParser
import Foundation
import HaiCapCore
import HaiCapStore
import HaiCapWeb

struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Quản lý tài khoản cán bộ.",
        subcommands: [Add.self, List.self, Passwd.self, Disable.self, Enable.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Tạo tài khoản (mật khẩu từ --password hoặc đầu vào chuẩn).")

        @Option(help: "Tên đăng nhập: chữ thường không dấu, số, '.', '_' hoặc '-'.") var username: String
        @Option(help: "Vai trò: admin (quản trị), province (cán bộ tỉnh), commune (cán bộ xã).") var role: String
        @Option(help: "Mã đơn vị 5 chữ số (bắt buộc với cán bộ xã), ví dụ 24121.") var unit: String?
        @Option(name: .customLong("name"), help: "Họ tên hiển thị.") var displayName: String?
        @Option(help: "Mật khẩu (nếu bỏ trống, đọc từ đầu vào chuẩn).") var password: String?
        @OptionGroup var storage: StorageOptions

        func run() async throws {
            guard let role = Role(rawValue: role) else {
                throw ValidationError("Vai trò '\(role)' không hợp lệ: dùng admin, province hoặc commune.")
            }
            let password = try readPassword(password)
            let account = try await storage.withDatabase { database, config in
                try await Accounts(database: database, bcryptCost: config.bcryptCost).create(
                    username: username, displayName: displayName, password: password, role: role, unitCode: unit, by: "cli")
            }
            print("Đã tạo tài khoản \(account.username) (\(account.role.label)\(account.unitCode.map { ", đơn vị \($0)" } ?? "")).")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Liệt kê tài khoản.")
        @OptionGroup var storage: StorageOptions

        func run() async throws {
            let users = try await storage.withDatabase { database, _ in try await UserRepository(db: database.sql).list() }
            print(pad("TÊN ĐĂNG NHẬP", 20) + pad("VAI TRÒ", 16) + pad("ĐƠN VỊ", 8) + "TRẠNG THÁI")
            for user in users {
                print(pad(user.username, 20) + pad(user.role.label, 16) + pad(user.unitCode ?? "—", 8) + (user.disabled ? "đã khóa" : "hoạt động"))
            }
            print("Tổng: \(users.count) tài khoản.")
        }
    }

    struct Passwd: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Đặt mật khẩu mới cho một tài khoản.")
        @Option(help: "Tên đăng nhập.") var username: String
        @Option(help: "Mật khẩu mới (nếu bỏ trống, đọc từ đầu vào chuẩn).") var password: String?
        @OptionGroup var storage: StorageOptions

        func run() async throws {
            let password = try readPassword(password, prompt: "Mật khẩu mới: ")
            try await storage.withDatabase { database, config in
                try await Accounts(database: database, bcryptCost: config.bcryptCost).setPassword(username: username, password: password, by: "cli")
            }
            print("Đã đổi mật khẩu cho \(username).")
        }
    }

    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Khóa tài khoản: không đăng nhập được, mã truy cập ngừng hoạt động.")
        @Option(help: "Tên đăng nhập.") var username: String
        @OptionGroup var storage: StorageOptions

        func run() async throws {
            try await UserCommand.setDisabled(true, username: username, storage: storage)
            print("Đã khóa tài khoản \(username).")
        }
    }

    struct Enable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Mở khóa tài khoản.")
        @Option(help: "Tên đăng nhập.") var username: String
        @OptionGroup var storage: StorageOptions

        func run() async throws {
            try await UserCommand.setDisabled(false, username: username, storage: storage)
            print("Đã mở khóa tài khoản \(username).")
        }
    }

    static func setDisabled(_ disabled: Bool, username: String, storage: StorageOptions) async throws {
        try await storage.withDatabase { database, config in
            _ = try await Accounts(database: database, bcryptCost: config.bcryptCost).setDisabled(username: username, disabled: disabled, by: "cli")
        }
    }
}

/// Left-aligns text in a column of `width` characters (counting grapheme clusters, so Vietnamese lines up).
func pad(_ text: String, _ width: Int) -> String {
    text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
}
