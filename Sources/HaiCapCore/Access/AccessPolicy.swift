import Foundation

/// Who is asking: an official, or the anonymous public.
public enum Actor: Sendable, Equatable {
    case anonymous
    case user(UserAccount)

    public var account: UserAccount? {
        if case .user(let account) = self { return account }
        return nil
    }
}

/// The one access policy every platform uses.
///
/// Commune officials read and change only their own unit's data; province officials and
/// administrators see everything; the public sees only public pages.
public enum AccessPolicy {
    /// Any signed-in, enabled account.
    public static func requireSignedIn(_ actor: Actor) throws(HaiCapError) -> UserAccount {
        guard let account = actor.account else { throw .unauthorized }
        guard !account.disabled else { throw .forbidden("Tài khoản đã bị khóa.") }
        return account
    }

    /// Reading or changing data that belongs to one unit.
    public static func requireUnitAccess(_ actor: Actor, unitCode: String) throws(HaiCapError) -> UserAccount {
        let account = try requireSignedIn(actor)
        switch account.role {
        case .admin, .province:
            return account
        case .commune:
            guard account.unitCode == unitCode else {
                throw .forbidden("Cán bộ xã chỉ được xem và thay đổi dữ liệu của đơn vị mình.")
            }
            return account
        }
    }

    /// Province-wide work: defining forms, issuing directives, reviewing.
    public static func requireProvince(_ actor: Actor) throws(HaiCapError) -> UserAccount {
        let account = try requireSignedIn(actor)
        guard account.role == .admin || account.role == .province else {
            throw .forbidden("Chức năng này dành cho cán bộ tỉnh.")
        }
        return account
    }

    /// Accounts, tokens and the audit log.
    public static func requireAdmin(_ actor: Actor) throws(HaiCapError) -> UserAccount {
        let account = try requireSignedIn(actor)
        guard account.role == .admin else { throw .forbidden("Chức năng này dành cho quản trị viên.") }
        return account
    }
}
