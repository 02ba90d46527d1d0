import Foundation
import HTTPTypes

/// Who may call a route. The expected answer per caller follows from the class.
enum Access: String, CustomStringConvertible, Sendable {
    /// Anyone, signed in or not.
    case everyone
    /// Any signed-in account (commune, province, admin); what each sees may still be filtered.
    case signedIn
    /// Data of commune A's unit: commune A, the province and the administrator; never commune B.
    case communeAUnit
    /// Something only commune A's own account owns (its inbox item, its token).
    case ownerA
    /// Province officials and the administrator.
    case province
    /// The administrator only.
    case admin

    var description: String { rawValue }

    func allows(_ caller: Caller) -> Bool {
        switch self {
        case .everyone: true
        case .signedIn: caller != .anonymous
        case .communeAUnit: caller == .communeA || caller == .province || caller == .admin
        case .ownerA: caller == .communeA
        case .province: caller == .province || caller == .admin
        case .admin: caller == .admin
        }
    }
}

/// The access class of every route, keyed "METHOD /path/{param}" exactly as `Router.routes` describes it.
enum RoutePolicy {
    /// Routes that delete or consume their fixture: an allowed caller after the first may find it gone (404).
    static let consumesFixture: Set<String> = [
        "DELETE /api/v1/calendar/days/{day}", "GET /quan-tri/lich-lam-viec/{day}/xoa", "POST /quan-tri/lich-lam-viec/{day}/xoa",
        "DELETE /api/v1/webhooks/{id}", "POST /api/v1/notifications/dead-letters/{id}/replay",
        "DELETE /api/v1/authority/phrases/{id}", "GET /tham-quyen/tu-ngu/{id}/xoa", "POST /tham-quyen/tu-ngu/{id}/xoa",
        "DELETE /api/v1/procedures/phrases/{id}", "GET /thu-tuc/tu-ngu/{id}/xoa", "POST /thu-tuc/tu-ngu/{id}/xoa",
    ]

    static let table: [String: Access] = [
        "GET /": .everyone,
        "GET /login": .everyone,
        "POST /login": .everyone,
        "POST /logout": .everyone,
        "GET /healthz": .everyone,
        "GET /metrics": .everyone,
        "GET /api/v1/openapi.json": .everyone,
        "GET /static/app.css": .everyone,
        "GET /static/assistant.js": .everyone,
        "GET /api/v1/procedures": .everyone,
        "GET /api/v1/procedures/{code}": .everyone,
        "GET /api/v1/provinces": .everyone,
        "GET /api/v1/units": .everyone,
        "GET /api/v1/units/lookup": .everyone,
        "GET /api/v1/units/{code}": .everyone,
        "POST /api/v1/assistant/procedures": .everyone,
        "POST /api/v1/assistant/procedures/feedback": .everyone,
        "GET /thu-tuc": .everyone,
        "POST /thu-tuc": .everyone,
        "POST /thu-tuc/phan-hoi": .everyone,
        "GET /thu-tuc/danh-muc": .everyone,
        "GET /thu-tuc/{code}": .everyone,
        "GET /thu-tuc/{code}/giay-to": .everyone,
        "GET /units": .everyone,
        "GET /units/lookup": .everyone,
        "GET /units/{code}": .everyone,
        "GET /account": .signedIn,
        "POST /account/password": .signedIn,
        "POST /account/tokens": .signedIn,
        "GET /api/v1/me": .signedIn,
        "GET /api/v1/assignments": .signedIn,
        "GET /api/v1/calendar/days": .signedIn,
        "GET /api/v1/competences": .signedIn,
        "GET /api/v1/directives": .signedIn,
        "GET /api/v1/directives/{id}": .signedIn,
        "GET /api/v1/legal/documents": .signedIn,
        "GET /api/v1/monitoring/units": .province,
        "GET /api/v1/monitoring/summary": .province,
        "GET /api/v1/monitoring/brief": .province,
        "GET /api/v1/monitoring/assignments.csv": .province,
        "GET /api/v1/monitoring/assignments.xlsx": .province,
        "GET /api/v1/notifications": .signedIn,
        "GET /api/v1/periods/{id}": .signedIn,
        "GET /api/v1/regimes": .signedIn,
        "GET /api/v1/regimes/{id}": .signedIn,
        "GET /api/v1/regimes/{id}/periods": .signedIn,
        "GET /api/v1/report-forms": .signedIn,
        "GET /api/v1/report-forms/{id}": .signedIn,
        "POST /api/v1/assistant/authority": .signedIn,
        "GET /bao-cao": .signedIn,
        "GET /bao-cao/bieu-mau": .signedIn,
        "GET /bao-cao/bieu-mau/{id}": .signedIn,
        "GET /bao-cao/che-do/{id}": .signedIn,
        "GET /bao-cao/ky/{period}": .signedIn,
        "GET /dieu-hanh": .signedIn,
        "GET /dieu-hanh/van-ban": .signedIn,
        "GET /dieu-hanh/van-ban/{id}": .signedIn,
        "GET /tham-quyen": .signedIn,
        "GET /tham-quyen/tu-ngu": .signedIn,
        "GET /thu-tuc/tu-ngu": .signedIn,
        "GET /api/v1/procedures/phrases": .signedIn,
        "POST /tham-quyen/gop-y": .signedIn,
        "POST /api/v1/assistant/authority/feedback": .signedIn,
        "GET /api/v1/authority/phrases": .signedIn,
        "POST /tham-quyen": .signedIn,
        "GET /tham-quyen/tim-kiem": .signedIn,
        "GET /tham-quyen/uy-quyen": .signedIn,
        "GET /tham-quyen/van-ban": .signedIn,
        "GET /tham-quyen/van-ban/{slug}": .signedIn,
        "GET /thong-bao": .signedIn,
        "POST /thong-bao/doc-het": .signedIn,
        "GET /api/v1/assignments/{id}": .communeAUnit,
        "POST /api/v1/assignments/{id}/acknowledge": .communeAUnit,
        "POST /api/v1/assignments/{id}/progress": .communeAUnit,
        "POST /api/v1/assignments/{id}/extension": .communeAUnit,
        "POST /api/v1/assignments/{id}/complete": .communeAUnit,
        "POST /api/v1/assignments/{id}/messages": .communeAUnit,
        "GET /api/v1/periods/{id}/reports/{unit}": .communeAUnit,
        "PUT /api/v1/periods/{id}/reports/{unit}": .communeAUnit,
        "POST /api/v1/periods/{id}/reports/{unit}/submit": .communeAUnit,
        "GET /api/v1/units/{code}/officials": .communeAUnit,
        "GET /bao-cao/don-vi/{unit}/lich-su": .communeAUnit,
        "GET /bao-cao/ky/{period}/don-vi/{unit}": .communeAUnit,
        "POST /bao-cao/ky/{period}/don-vi/{unit}": .communeAUnit,
        "GET /dieu-hanh/nhiem-vu/{id}": .communeAUnit,
        "POST /dieu-hanh/nhiem-vu/{id}/nhan": .communeAUnit,
        "POST /dieu-hanh/nhiem-vu/{id}/tien-do": .communeAUnit,
        "POST /dieu-hanh/nhiem-vu/{id}/gia-han": .communeAUnit,
        "POST /dieu-hanh/nhiem-vu/{id}/hoan-thanh": .communeAUnit,
        "POST /dieu-hanh/nhiem-vu/{id}/thao-luan": .communeAUnit,
        "GET /thu-tuc/mot-cua/{unit}": .communeAUnit,
        "POST /thu-tuc/mot-cua/{unit}": .communeAUnit,
        "POST /account/tokens/{id}/revoke": .ownerA,
        "POST /api/v1/notifications/{id}/read": .ownerA,
        "POST /thong-bao/{id}/doc": .ownerA,
        "POST /api/v1/assignments/{id}/confirm": .province,
        "POST /api/v1/assignments/{id}/return": .province,
        "POST /api/v1/assignments/{id}/extension/decide": .province,
        "POST /api/v1/competences/{id}/review": .province,
        "POST /api/v1/directives": .province,
        "POST /api/v1/directives/extract": .province,
        "POST /api/v1/directives/{id}/assignments": .province,
        "GET /api/v1/periods/{id}/aggregate": .province,
        "GET /api/v1/periods/{id}/aggregate.csv": .province,
        "GET /api/v1/periods/{id}/aggregate.xlsx": .province,
        "GET /api/v1/periods/{id}/narrative": .province,
        "PUT /api/v1/periods/{id}/narrative": .province,
        "GET /api/v1/periods/{id}/status": .province,
        "POST /api/v1/periods/{id}/reports/{unit}/accept": .province,
        "POST /api/v1/periods/{id}/reports/{unit}/reopen": .province,
        "POST /api/v1/periods/{id}/reports/{unit}/return": .province,
        "POST /api/v1/regimes": .province,
        "POST /api/v1/regimes/{id}/periods": .province,
        "POST /api/v1/report-forms": .province,
        "PUT /api/v1/report-forms/{id}": .province,
        "GET /bao-cao/bieu-mau/moi": .province,
        "POST /bao-cao/bieu-mau/moi": .province,
        "GET /bao-cao/bieu-mau/nhap": .province,
        "POST /bao-cao/bieu-mau/nhap": .province,
        "GET /bao-cao/bieu-mau/{id}/sua": .province,
        "POST /bao-cao/bieu-mau/{id}/sua": .province,
        "GET /bao-cao/bieu-mau/{id}/nhap": .province,
        "POST /bao-cao/bieu-mau/{id}/nhap": .province,
        "GET /bao-cao/che-do/moi": .province,
        "POST /bao-cao/che-do/moi": .province,
        "POST /bao-cao/che-do/{id}/ky": .province,
        "POST /bao-cao/ky/{period}/don-vi/{unit}/duyet": .province,
        "POST /bao-cao/ky/{period}/tong-hop": .province,
        "POST /dieu-hanh/nhiem-vu/{id}/quyet-dinh-gia-han": .province,
        "POST /dieu-hanh/nhiem-vu/{id}/tra-lai": .province,
        "POST /dieu-hanh/nhiem-vu/{id}/xac-nhan": .province,
        "GET /dieu-hanh/van-ban/moi": .province,
        "POST /dieu-hanh/van-ban/moi": .province,
        "POST /dieu-hanh/van-ban/{id}/giao": .province,
        "POST /dieu-hanh/van-ban/{id}/de-xuat": .province,
        "POST /dieu-hanh/van-ban/{id}/tao-de-xuat": .province,
        "GET /tham-quyen/duyet": .signedIn,
        "POST /tham-quyen/duyet/{id}": .province,
        "POST /tham-quyen/uy-quyen": .province,
        "POST /tham-quyen/van-ban": .province,
        "POST /tham-quyen/van-ban/{slug}/thay-doi": .province,
        "GET /tham-quyen/cau-hoi": .province,
        "POST /tham-quyen/tu-ngu": .province,
        "GET /tham-quyen/tu-ngu/{id}/xoa": .province,
        "POST /tham-quyen/tu-ngu/{id}/xoa": .province,
        "POST /api/v1/authority/phrases": .province,
        "DELETE /api/v1/authority/phrases/{id}": .province,
        "POST /thu-tuc/tu-ngu": .province,
        "GET /thu-tuc/tu-ngu/{id}/xoa": .province,
        "POST /thu-tuc/tu-ngu/{id}/xoa": .province,
        "POST /api/v1/procedures/phrases": .province,
        "DELETE /api/v1/procedures/phrases/{id}": .province,
        "GET /thu-tuc/cau-hoi": .province,
        "GET /thu-tuc/{code}/sua": .province,
        "POST /thu-tuc/{code}/sua": .province,
        "GET /admin/audit": .admin,
        "GET /admin/users": .admin,
        "POST /admin/users": .admin,
        "GET /admin/users/{username}/disable": .admin,
        "POST /admin/users/{username}/disable": .admin,
        "GET /admin/users/{username}/enable": .admin,
        "POST /admin/users/{username}/enable": .admin,
        "GET /api/v1/audit": .admin,
        "GET /api/v1/users": .admin,
        "POST /api/v1/users": .admin,
        "PUT /api/v1/calendar/days/{day}": .admin,
        "DELETE /api/v1/calendar/days/{day}": .admin,
        "GET /api/v1/notifications/dead-letters": .admin,
        "POST /api/v1/notifications/dead-letters/{id}/replay": .admin,
        "PUT /api/v1/users/{username}/contact": .admin,
        "GET /api/v1/webhooks": .admin,
        "POST /api/v1/webhooks": .admin,
        "DELETE /api/v1/webhooks/{id}": .admin,
        "GET /quan-tri/lich-lam-viec": .admin,
        "POST /quan-tri/lich-lam-viec": .admin,
        "GET /quan-tri/lich-lam-viec/{day}/xoa": .admin,
        "POST /quan-tri/lich-lam-viec/{day}/xoa": .admin,
    ]
}

/// Request bodies that the handlers would accept, so a 2xx where a denial is expected is a real leak.
enum RouteBodies {
    static func json(_ method: HTTPRequest.Method, _ path: String) -> String? {
        let last = path.split(separator: "/").last.map(String.init) ?? ""
        switch (method, last) {
        case (.post, "report-forms"), (.put, _) where path.contains("/report-forms/"): return ReportingAPITests.formJSON
        case (.post, "periods"): return #"{"label": "Kỳ bổ sung", "from": "2026-10-01", "to": "2026-10-31", "deadline": "2026-11-05"}"#
        case (.put, "narrative"): return #"{"text": "Tình hình chung trong kỳ."}"#
        case (.post, "messages"): return #"{"body": "Đề nghị bổ sung số liệu."}"#
        case (.post, "directives"): return DirectivesAPITests.directiveJSON
        case (.post, "assignments"): return #"{"content": "Rà soát", "units": ["24121"], "deadline": "2026-12-16"}"#
        case (.put, _) where path.contains("/reports/"): return #"{"values": {"received": 1}}"#
        case (.post, "progress"): return #"{"progress": 10}"#
        case (.post, "return"): return #"{"comment": "Thiếu số liệu"}"#
        case (.post, "extension"): return #"{"deadline": "2026-12-23", "reason": "Chờ số liệu"}"#
        case (.post, "decide"): return #"{"approve": true}"#
        case (.post, "procedures"), (.post, "authority"): return #"{"question": "Làm giấy khai sinh cần gì?"}"#
        case (.post, "phrases"): return #"{"phrase": "nhà trọ sinh viên", "replacement": "nhà ở cho thuê"}"#
        default: return nil
        }
    }

    static func form(_ path: String) -> [String: String] {
        let last = path.split(separator: "/").last.map(String.init) ?? ""
        switch last {
        case "tra-lai": return ["comment": "Thiếu số liệu"]
        case "tien-do": return ["progress": "10"]
        case "thao-luan": return ["body": "Đề nghị bổ sung số liệu."]
        case "thu-tuc": return ["question": "Làm giấy khai sinh cần gì?"]
        case "tu-ngu": return ["phrase": "quán ăn vỉa hè", "replacement": "kinh doanh dịch vụ ăn uống"]
        default: return [:]
        }
    }
}

