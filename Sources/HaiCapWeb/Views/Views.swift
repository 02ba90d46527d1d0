import Foundation
import HaiCapCore
import HaiCapData
import Hummingbird
import Mustache

/// Renders Mustache pages inside the shared layout (province name, navigation, account menu).
public struct Views: Sendable {
    let library: MustacheLibrary
    let provinceName: String
    let stylesheet: ByteBuffer

    /// Loads the templates and the stylesheet from the resource bundle.
    public init(provinceName: String) async throws {
        guard let resources = BundledData.resourcesDirectory(of: .module) else {
            throw HaiCapError.notFound("Không tìm thấy thư mục giao diện đi kèm.")
        }
        library = try await MustacheLibrary(directory: resources.appendingPathComponent("Templates").path)
        let css = try Data(contentsOf: resources.appendingPathComponent("Static/app.css"))
        stylesheet = ByteBuffer(bytes: css)
        self.provinceName = provinceName
    }

    struct NavItem {
        var href: String
        var label: String
        var current: Bool
    }

    struct Layout {
        var title: String
        var provinceName: String
        var csrf: String
        var user: UserView?
        var nav: [NavItem]
        var year: Int
    }

    struct UserView {
        var username: String
        var displayName: String
        var roleLabel: String
        var isAdmin: Bool
    }

    struct PageModel<Content> {
        var layout: Layout
        var page: Content
    }

    static let sections: [(href: String, label: String)] = [
        ("/tham-quyen", "Thẩm quyền"),
        ("/thu-tuc", "Thủ tục hành chính"),
        ("/bao-cao", "Báo cáo"),
        ("/dieu-hanh", "Điều hành"),
        ("/units", "Đơn vị hành chính"),
    ]

    func layout(title: String, context: AppRequestContext, path: String) -> Layout {
        Layout(
            title: title, provinceName: provinceName, csrf: context.csrfToken,
            user: context.identity.map {
                UserView(username: $0.username, displayName: $0.displayName, roleLabel: $0.role.label, isAdmin: $0.role == .admin)
            },
            nav: Self.sections.map { NavItem(href: $0.href, label: $0.label, current: path.hasPrefix($0.href)) },
            year: Calendar.current.component(.year, from: Date()))
    }

    /// A full HTML page.
    func page<Content>(
        _ template: String, title: String, _ content: Content, context: AppRequestContext,
        path: String, status: HTTPResponse.Status = .ok
    ) throws -> Response {
        let model = PageModel(layout: layout(title: title, context: context, path: path), page: content)
        guard let html = library.render(model, withTemplate: template) else {
            throw HTTPError(.internalServerError, message: "missing template \(template)")
        }
        return Response(
            status: status, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    struct ErrorContent {
        var status: Int
        var message: String
        var requestID: String
        var signIn: Bool
    }

    /// The Vietnamese error page for a failure outside `/api`.
    func errorPage(_ failure: ResponseFailure, context: AppRequestContext) throws -> Response {
        let content = ErrorContent(
            status: Int(failure.status.code), message: failure.fields.isEmpty ? failure.message : failure.fields.map(\.message).joined(separator: " "),
            requestID: context.id, signIn: failure.status == .unauthorized)
        return try page("error", title: "Lỗi \(failure.status.code)", content, context: context, path: "", status: failure.status)
    }

    /// The stylesheet, served at `/static/app.css`.
    func stylesheetResponse() -> Response {
        Response(
            status: .ok, headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "public, max-age=3600"],
            body: .init(byteBuffer: stylesheet))
    }

    /// 303 See Other to a page, the answer to a form post.
    static func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location])
    }
}
