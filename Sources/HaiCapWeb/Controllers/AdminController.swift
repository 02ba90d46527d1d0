import Foundation
import HaiCapCore
import HaiCapStore
import Hummingbird

/// Administrators' pages: accounts (create, lock with confirmation) and the audit log.
struct AdminController {
    let views: Views
    let database: Database
    let accounts: Accounts

    struct UserRow {
        var username: String
        var displayName: String
        var roleLabel: String
        var unitCode: String
        var disabled: Bool
        var `self`: Bool
    }

    struct UsersContent {
        struct FormValues {
            var username = ""
            var displayName = ""
            var unit = ""
        }
        var users: [UserRow]
        var form: FormValues
        var flash: String?
        var error: String?
    }

    struct CreateForm: Decodable {
        var username: String
        var displayName: String?
        var role: String
        var unit: String?
        var password: String
    }

    struct ConfirmContent {
        var heading: String
        var question: String
        var action: String
        var confirmLabel: String
        var cancel: String
    }

    struct AuditRow {
        var at: String
        var actor: String
        var actionLabel: String
        var entity: String
        var entityID: String
        var before: String
        var after: String
    }

    struct AuditContent {
        var items: [AuditRow]
        var summary: String
        var pager: Pager?
    }

    static let actionLabels: [String: String] = [
        "user.create": "Tạo tài khoản", "user.password": "Đổi mật khẩu", "user.disable": "Khóa tài khoản",
        "user.enable": "Mở khóa tài khoản", "token.create": "Cấp mã truy cập", "token.revoke": "Thu hồi mã truy cập",
        "procedure.import": "Nhập thủ tục", "procedure.update": "Sửa thủ tục", "procedure.verify": "Xác minh thủ tục",
        "desk.update": "Cập nhật Bộ phận Một cửa", "legal.import": "Nhập văn bản pháp luật", "legal.change": "Ghi nhận sửa đổi, bãi bỏ",
        "competence.verify": "Xác minh thẩm quyền", "competence.reject": "Loại bản ghi thẩm quyền", "competence.edit": "Sửa bản ghi thẩm quyền",
        "competence.reopen": "Mở lại bản ghi thẩm quyền", "delegation.create": "Ghi nhận ủy quyền, phân cấp của tỉnh",
        "report_form.create": "Tạo biểu mẫu báo cáo", "report_form.version": "Tạo phiên bản biểu mẫu", "regime.create": "Tạo chế độ báo cáo",
        "period.create": "Thêm kỳ báo cáo", "period.narrative": "Lưu báo cáo tổng hợp", "report.save": "Lưu nháp báo cáo",
        "report.submit": "Gửi báo cáo", "report.return": "Trả lại báo cáo", "report.accept": "Tiếp nhận báo cáo", "report.reopen": "Mở lại báo cáo",
        "calendar.set": "Điều chỉnh ngày làm việc", "calendar.remove": "Bỏ điều chỉnh ngày làm việc",
        "directive.create": "Ghi nhận văn bản chỉ đạo", "assignment.create": "Giao nhiệm vụ", "assignment.acknowledge": "Xác nhận đã nhận nhiệm vụ",
        "assignment.progress": "Cập nhật tiến độ", "assignment.extension": "Đề nghị gia hạn", "assignment.extension_decide": "Quyết định gia hạn",
        "assignment.complete": "Báo cáo hoàn thành", "assignment.confirm": "Xác nhận hoàn thành", "assignment.return": "Trả lại nhiệm vụ",
        "assignment.message": "Trao đổi về nhiệm vụ",
    ]

    static let entityLabels: [String: String] = [
        "user": "tài khoản", "api_token": "mã truy cập", "procedure": "thủ tục", "one_stop_desk": "Bộ phận Một cửa",
        "legal_document": "văn bản pháp luật", "provision_change": "sửa đổi, bãi bỏ", "competence": "thẩm quyền", "delegation": "ủy quyền, phân cấp",
        "report_form": "biểu mẫu báo cáo", "report_regime": "chế độ báo cáo", "report_period": "kỳ báo cáo", "report": "báo cáo",
        "calendar_day": "ngày làm việc", "directive": "văn bản chỉ đạo", "assignment": "nhiệm vụ", "webhook": "webhook",
        "notification_delivery": "lần gửi thông báo",
    ]

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/admin/users") { request, context in
            _ = try AccessPolicy.requireAdmin(context.actor)
            let flash: String? = request.query("done").map { "Đã cập nhật tài khoản \($0)." }
            return try await usersPage(context, flash: flash)
        }
        router.post("/admin/users") { request, context in
            let admin = try AccessPolicy.requireAdmin(context.actor)
            let form = try await request.form(CreateForm.self)
            let values = UsersContent.FormValues(username: form.username, displayName: form.displayName ?? "", unit: form.unit ?? "")
            do {
                guard let role = Role(rawValue: form.role) else {
                    throw HaiCapError.validation([.init(key: "role", message: "Vai trò không hợp lệ.")])
                }
                let created = try await accounts.create(
                    username: form.username, displayName: form.displayName, password: form.password,
                    role: role, unitCode: role == .commune ? form.unit : nil, by: admin.username)
                return Views.redirect("/admin/users?done=\(created.username)")
            } catch let error as HaiCapError {
                return try await usersPage(context, form: values, error: error.message, status: ResponseFailure.status(of: error))
            }
        }
        for (verb, disable) in [("disable", true), ("enable", false)] {
            router.get(RouterPath("/admin/users/{username}/\(verb)")) { _, context in
                let admin = try AccessPolicy.requireAdmin(context.actor)
                let username = try context.parameters.require("username")
                let target = try await accounts.require(username)
                guard target.id != admin.id else { throw HaiCapError.conflict("Bạn không thể tự khóa tài khoản của mình.") }
                let content = ConfirmContent(
                    heading: disable ? "Khóa tài khoản" : "Mở khóa tài khoản",
                    question: disable
                        ? "Khóa tài khoản “\(target.username)” (\(target.displayName))? Người này sẽ không đăng nhập được và mọi mã truy cập API của họ ngừng hoạt động."
                        : "Mở khóa tài khoản “\(target.username)” (\(target.displayName))?",
                    action: "/admin/users/\(target.username)/\(verb)", confirmLabel: disable ? "Khóa tài khoản" : "Mở khóa",
                    cancel: "/admin/users")
                return try views.page("confirm", title: content.heading, content, context: context, path: "/admin")
            }
            router.post(RouterPath("/admin/users/{username}/\(verb)")) { _, context in
                let admin = try AccessPolicy.requireAdmin(context.actor)
                let username = try context.parameters.require("username")
                guard username != admin.username else { throw HaiCapError.conflict("Bạn không thể tự khóa tài khoản của mình.") }
                let updated = try await accounts.setDisabled(username: username, disabled: disable, by: admin.username)
                return Views.redirect("/admin/users?done=\(updated.username)")
            }
        }
        router.get("/admin/audit") { request, context in
            _ = try AccessPolicy.requireAdmin(context.actor)
            let page = try PageRequest(page: request.query("page"), per: nil)
            let paged = try await AuditRepository(db: database.sql).list(page: page)
            let rows = paged.items.map {
                AuditRow(
                    at: CivilTime.display($0.at), actor: $0.actor, actionLabel: Self.actionLabels[$0.action] ?? $0.action,
                    entity: Self.entityLabels[$0.entity] ?? $0.entity, entityID: $0.entityID, before: $0.before ?? "—", after: $0.after ?? "—")
            }
            let content = AuditContent(
                items: rows, summary: "\(VietnameseNumber.integer(paged.total)) thay đổi đã ghi, mới nhất trước.",
                pager: Pager(path: "/admin/audit", query: [], paged: paged))
            return try views.page("admin-audit", title: "Nhật ký thay đổi", content, context: context, path: "/admin")
        }
    }

    func usersPage(
        _ context: AppRequestContext, form: UsersContent.FormValues = .init(), flash: String? = nil,
        error: String? = nil, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let me = try AccessPolicy.requireAdmin(context.actor)
        let users = try await UserRepository(db: database.sql).list().map {
            UserRow(username: $0.username, displayName: $0.displayName, roleLabel: $0.role.label, unitCode: $0.unitCode ?? "—", disabled: $0.disabled, self: $0.id == me.id)
        }
        return try views.page(
            "admin-users", title: "Quản trị tài khoản",
            UsersContent(users: users, form: form, flash: flash, error: error), context: context, path: "/admin", status: status)
    }
}
