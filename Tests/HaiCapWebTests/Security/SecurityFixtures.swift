import Foundation
import HaiCapCore
import HaiCapNotify
@testable import HaiCapStore
@testable import HaiCapWeb
import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing

/// The five kinds of caller the permission matrix tries on every route.
enum Caller: String, CaseIterable, CustomStringConvertible, Sendable {
    case anonymous, communeA, communeB, province, admin
    var description: String { rawValue }
}

/// Data owned by commune A (unit 24121) for every placeholder a route can have, and a bearer token per caller.
struct SecurityFixtures: Sendable {
    static let unitA = "24121"
    static let unitB = "22015"
    /// Planted in commune A's private data; commune B must never see it.
    static let marker = "BIMAT-XA-A-7731"

    let h: TestHarness
    var tokens: [Caller: String] = [:]
    /// The anonymous browser's cookies: writes carry its CSRF token, so the access policy (not CSRF) decides.
    let anonymous = CookieJar()
    var ids: [String: String] = [:]

    static func make(_ h: TestHarness) async throws -> SecurityFixtures {
        var f = SecurityFixtures(h: h)
        try await h.get("/login", cookies: f.anonymous)
        f.tokens[.communeA] = try await h.token(username: "xa.a", role: .commune, unit: unitA)
        f.tokens[.communeB] = try await h.token(username: "xa.b", role: .commune, unit: unitB)
        f.tokens[.province] = try await h.token(username: "tinh.a", role: .province)
        f.tokens[.admin] = try await h.adminToken()
        // Accounts that administrator routes disable or edit, so the matrix never locks its own callers out.
        _ = try await h.token(username: "xa.du-phong", role: .commune, unit: unitA)
        let province = try #require(f.tokens[.province])
        struct Created: Decodable { var id: Int64 }
        struct Periods: Decodable { struct Item: Decodable { var id: Int64; var label: String }; var items: [Item] }

        let form = try await h.json(.post, "/api/v1/report-forms", token: province, ReportingAPITests.formJSON)
        f.ids["form"] = String(try form.decode(Created.self).id)
        let regime = try await h.json(.post, "/api/v1/regimes", token: province,
            #"{"name": "Một cửa hằng tháng", "form": \#(f.ids["form"]!), "frequency": "monthly", "deadlineWorkingDays": 2, "units": ["24121", "22015"]}"#)
        f.ids["regime"] = String(try regime.decode(Created.self).id)
        let periods = try await h.get("/api/v1/regimes/\(f.ids["regime"]!)/periods", token: province).decode(Periods.self)
        f.ids["period"] = String(try #require(periods.items.first { $0.label == "Tháng 12/2026" }).id)
        let draft = try await h.json(.put, "/api/v1/periods/\(f.ids["period"]!)/reports/\(unitA)", token: f.tokens[.communeA],
            #"{"values": {"received": 10, "resolved": 8, "on_time": 7, "note": "\#(marker)"}}"#)
        #expect(draft.status == .ok, "draft: \(draft.text)")

        let directive = try await h.json(.post, "/api/v1/directives", token: province, DirectivesAPITests.directiveJSON)
        f.ids["directive"] = String(try directive.decode(Created.self).id)
        let given = try await h.json(.post, "/api/v1/directives/\(f.ids["directive"]!)/assignments", token: province,
            #"{"content": "Nhiệm vụ riêng \#(marker)", "units": ["24121"], "deadline": "2026-12-16"}"#)
        #expect(given.status == .created, "assignment: \(given.text)")
        let assignment = try await h.database.sql.select().column("id").from("assignments")
            .where("unit_code", .equal, unitA).first(decoding: IDRow.self)
        f.ids["assignment"] = String(try #require(assignment).id)

        try await NotificationTest.record(h.database, [NotificationEvent(
            name: .assignmentDueSoon, occurredAt: fixedNow, data: [:], audience: .init(users: ["xa.a"]),
            title: "Sắp đến hạn \(marker)", body: "Riêng xã A", link: nil)])
        try await DeliveryQueue(database: h.database).fanOut(limit: 10, channels: [.webhook], now: fixedNow)
        let note = try await h.database.sql.select().column("id").from("notifications").first(decoding: IDRow.self)
        f.ids["notification"] = String(try #require(note).id)

        let webhook = try await h.json(.post, "/api/v1/webhooks", token: f.tokens[.admin],
            #"{"url": "https://hook.example.vn/h", "secret": "0123456789abcdef", "events": ["*"]}"#)
        f.ids["webhook"] = String(try webhook.decode(Created.self).id)
        let phrase = try await h.json(.post, "/api/v1/authority/phrases", token: province, #"{"phrase": "quán nhậu", "replacement": "kinh doanh rượu"}"#)
        f.ids["phrase"] = String(try phrase.decode(Created.self).id)
        let procedurePhrase = try await h.json(.post, "/api/v1/procedures/phrases", token: province, #"{"phrase": "báo vắng", "replacement": "khai báo tạm vắng"}"#)
        f.ids["procedurePhrase"] = String(try procedurePhrase.decode(Created.self).id)
        // A spare token of commune A, so revoking it never locks A out of the rest of the matrix.
        f.ids["token"] = String(try await h.accounts.createToken(username: "xa.a", name: "spare", by: "test").record.id)
        let competence = try await h.database.sql.select().column("id").from("competences").orderBy("id").first(decoding: IDRow.self)
        f.ids["competence"] = String(try #require(competence).id)
        struct Code: Decodable { var code: String }
        f.ids["procedure"] = try #require(try await h.database.sql.select().column("code").from("procedures").orderBy("code").first(decoding: Code.self)).code
        struct Number: Decodable { var number: String }
        let document = try #require(try await h.database.sql.select().column("number").from("legal_documents").orderBy("number").first(decoding: Number.self))
        f.ids["slug"] = LegalController.slug(document.number)
        return f
    }

    struct IDRow: Decodable { var id: Int64 }

    /// The route's path with its placeholders replaced by commune A's fixtures.
    func fill(_ pattern: String) -> String {
        var parts = pattern.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        for i in parts.indices where parts[i].hasPrefix("{") {
            let name = String(parts[i].dropFirst().prefix { $0 != "}" })
            let rest = String(parts[i].drop { $0 != "}" }.dropFirst())
            let before = i > 0 ? parts[i - 1] : ""
            let value: String = switch name {
            case "unit": Self.unitA
            case "period": ids["period"]!
            case "day": "2026-12-24"
            case "slug": ids["slug"]!
            case "username": "xa.du-phong"
            case "code": parts.contains("units") ? Self.unitA : ids["procedure"]!
            default: id(after: before, in: parts)
            }
            parts[i] = value + rest
        }
        return parts.joined(separator: "/")
    }

    private func id(after segment: String, in parts: [String]) -> String {
        switch segment {
        case "webhooks": ids["webhook"]!
        case "dead-letters": "999999"
        case "notifications", "thong-bao": ids["notification"]!
        case "report-forms", "bieu-mau": ids["form"]!
        case "regimes", "che-do": ids["regime"]!
        case "periods", "ky": ids["period"]!
        case "directives": ids["directive"]!
        case "van-ban": parts.contains("dieu-hanh") ? ids["directive"]! : ids["slug"]!
        case "assignments", "nhiem-vu": ids["assignment"]!
        case "competences", "duyet": ids["competence"]!
        case "tokens": ids["token"]!
        case "phrases", "tu-ngu": parts.contains("thu-tuc") || parts.contains("procedures") ? ids["procedurePhrase"]! : ids["phrase"]!
        default: "1"
        }
    }

    /// Sends the route's request as `caller`: a bearer token for signed-in callers (pages accept it too, and it is
    /// exempt from CSRF, so the policy is what decides), with a body that would be accepted.
    func send(_ method: HTTPRequest.Method, _ uri: String, as caller: Caller) async throws -> TestResponse {
        let token = tokens[caller]
        guard method != .get, method != .head else { return try await h.get(uri, token: token) }
        let path = uri.split(separator: "?").first.map(String.init) ?? uri
        let csrf = caller == .anonymous ? anonymous.values[CSRFMiddleware.cookieName] : nil
        let jar = caller == .anonymous ? anonymous : nil
        if path.hasPrefix("/api/") {
            var headers: HTTPFields = [.contentType: "application/json"]
            if let csrf { headers[.init("X-CSRF-Token")!] = csrf }
            return try await h.send(method, uri, token: token, cookies: jar, headers: headers,
                                    body: ByteBuffer(string: RouteBodies.json(method, path) ?? "{}"))
        }
        var form = RouteBodies.form(path)
        if let csrf { form[CSRFMiddleware.fieldName] = csrf }
        let body = form.sorted { $0.key < $1.key }
            .map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }
            .joined(separator: "&")
        return try await h.send(method, uri, token: token, cookies: jar, headers: [.contentType: "application/x-www-form-urlencoded"], body: ByteBuffer(string: body))
    }
}
