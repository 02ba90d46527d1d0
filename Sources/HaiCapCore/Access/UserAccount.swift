import Foundation

/// What a signed-in person may do.
public enum Role: String, Codable, Sendable, CaseIterable {
    /// Quản trị viên: everything, including accounts and the audit log.
    case admin
    /// Cán bộ tỉnh: reads and changes every unit's data.
    case province
    /// Cán bộ xã: bound to exactly one unit; reads and changes only that unit's data.
    case commune

    /// Vietnamese label for display.
    public var label: String {
        switch self {
        case .admin: "Quản trị viên"
        case .province: "Cán bộ tỉnh"
        case .commune: "Cán bộ xã"
        }
    }
}

/// An official's account, without its password hash.
public struct UserAccount: Codable, Sendable, Equatable {
    public var id: Int64
    public var username: String
    public var displayName: String
    public var role: Role
    /// The unit a commune official is bound to; nil for other roles.
    public var unitCode: String?
    public var disabled: Bool
    public var createdAt: Date

    public init(
        id: Int64, username: String, displayName: String, role: Role,
        unitCode: String?, disabled: Bool, createdAt: Date
    ) {
        self.id = id
        self.username = username
        self.displayName = displayName
        self.role = role
        self.unitCode = unitCode
        self.disabled = disabled
        self.createdAt = createdAt
    }
}

/// Validation rules shared by the CLI, the web forms and the API.
public enum AccountRules {
    /// 3–32 characters: lower-case Latin letters, digits, '.', '_' or '-'.
    public static func validateUsername(_ username: String) throws(HaiCapError) {
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789._-")
        guard (3...32).contains(username.count), username.allSatisfy({ allowed.contains($0) }) else {
            throw .validation([.init(
                key: "username",
                message: "Tên đăng nhập gồm 3–32 ký tự: chữ thường không dấu, chữ số, dấu chấm, gạch dưới hoặc gạch ngang."
            )])
        }
    }

    /// At least 8 characters, at most 128.
    public static func validatePassword(_ password: String) throws(HaiCapError) {
        guard (8...128).contains(password.count) else {
            throw .validation([.init(key: "password", message: "Mật khẩu phải dài từ 8 đến 128 ký tự.")])
        }
    }

    /// A commune official needs a unit; other roles must not have one.
    public static func validateUnit(role: Role, unitCode: String?) throws(HaiCapError) {
        switch (role, unitCode) {
        case (.commune, nil):
            throw .validation([.init(key: "unit", message: "Cán bộ xã phải gắn với đúng một đơn vị hành chính cấp xã (mã 5 chữ số).")])
        case (.admin, .some), (.province, .some):
            throw .validation([.init(key: "unit", message: "Chỉ tài khoản cán bộ xã mới gắn với một đơn vị.")])
        default:
            return
        }
    }
}
