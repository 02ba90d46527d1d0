import Foundation
import HaiCapCore
import HaiCapStore
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Access policy and tokens")
struct PermissionTests {
    enum Caller: String, CaseIterable, CustomStringConvertible {
        case anonymous, communeA, communeB, province, admin
        var description: String { rawValue }
    }

    /// Unit A is Phường Tân Lập (24121), unit B is Phường Tuy Hòa (22015), both in Đắk Lắk.
    static let unitA = "24121"
    static let unitB = "22015"

    static func tokens(_ h: TestHarness) async throws -> [Caller: String] {
        [
            .communeA: try await h.token(username: "xa.a", role: .commune, unit: unitA),
            .communeB: try await h.token(username: "xa.b", role: .commune, unit: unitB),
            .province: try await h.token(username: "tinh", role: .province),
            .admin: try await h.adminToken(),
        ]
    }

    @Test("permission matrix on a unit's protected resource", arguments: TestBackend.enabled)
    func matrix(backend: TestBackend) async throws {
        try await TestApp.run(backend) { h in
            let tokens = try await Self.tokens(h)
            let expected: [Caller: (HTTPResponse.Status, HTTPResponse.Status)] = [
                // (unit A's officials, unit B's officials)
                .anonymous: (.unauthorized, .unauthorized),
                .communeA: (.ok, .forbidden),
                .communeB: (.forbidden, .ok),
                .province: (.ok, .ok),
                .admin: (.ok, .ok),
            ]
            for caller in Caller.allCases {
                let a = try await h.get("/api/v1/units/\(Self.unitA)/officials", token: tokens[caller])
                let b = try await h.get("/api/v1/units/\(Self.unitB)/officials", token: tokens[caller])
                #expect(a.status == expected[caller]?.0, "\(caller) on unit A")
                #expect(b.status == expected[caller]?.1, "\(caller) on unit B")
                if a.status == .forbidden { #expect(a.apiError?.code == "forbidden") }
            }
            let officials = try await h.get("/api/v1/units/\(Self.unitA)/officials", token: tokens[.province]).text
            #expect(officials.contains("xa.a"))
            #expect(!officials.contains("xa.b"))
        }
    }

    @Test("administrator-only endpoints refuse every other role", arguments: TestBackend.enabled)
    func adminOnly(backend: TestBackend) async throws {
        try await TestApp.run(backend) { h in
            let tokens = try await Self.tokens(h)
            for caller in Caller.allCases {
                let users = try await h.get("/api/v1/users", token: tokens[caller])
                let audit = try await h.get("/api/v1/audit", token: tokens[caller])
                let expected: HTTPResponse.Status = switch caller {
                case .anonymous: .unauthorized
                case .admin: .ok
                default: .forbidden
                }
                #expect(users.status == expected, "\(caller) /users")
                #expect(audit.status == expected, "\(caller) /audit")
            }
            let jar = try await h.signIn("xa.a", "password-123")
            #expect(try await h.get("/account", cookies: jar).text.contains("/thu-tuc/mot-cua/\(Self.unitA)"))
            #expect(try await h.get("/units/\(Self.unitA)", cookies: jar).text.contains("/thu-tuc/mot-cua/\(Self.unitA)"))
            #expect(!(try await h.get("/units/\(Self.unitA)").text.contains("/thu-tuc/mot-cua/")))
            #expect(try await h.get("/thu-tuc/mot-cua/\(Self.unitB)", cookies: jar).status == .forbidden)
            #expect(try await h.get("/admin/users", cookies: jar).status == .forbidden)
            #expect(try await h.get("/admin/audit", cookies: jar).status == .forbidden)
        }
    }

    @Test("/me needs a token; a revoked token and a disabled account stop working", arguments: TestBackend.enabled)
    func tokenLifecycle(backend: TestBackend) async throws {
        try await TestApp.run(backend) { h in
            #expect(try await h.get("/api/v1/me").status == .unauthorized)
            let token = try await h.token(username: "xa.a", role: .commune, unit: Self.unitA)
            struct Me: Decodable {
                struct Unit: Decodable { var code: String; var name: String }
                var username: String
                var role: String
                var unit: Unit?
            }
            let me = try await h.get("/api/v1/me", token: token).decode(Me.self)
            #expect(me.username == "xa.a")
            #expect(me.role == "commune")
            #expect(me.unit?.code == Self.unitA)
            #expect(me.unit?.name == "Phường Tân Lập")

            #expect(try await h.accounts.revokeToken(id: nil, token: token, by: "test"))
            let revoked = try await h.get("/api/v1/me", token: token)
            #expect(revoked.status == .unauthorized)
            #expect(revoked.apiError?.code == "unauthorized")

            let second = try await h.token(username: "xa.a", role: .commune, unit: Self.unitA)
            _ = try await h.accounts.setDisabled(username: "xa.a", disabled: true, by: "test")
            #expect(try await h.get("/api/v1/me", token: second).status == .unauthorized)
            #expect(try await h.get("/api/v1/me", token: "hc_not-a-real-token").status == .unauthorized)
        }
    }

    @Test("core policy: commune officials are bound to their own unit")
    func corePolicy() throws {
        let commune = UserAccount(id: 1, username: "x", displayName: "x", role: .commune, unitCode: "24121", disabled: false, createdAt: fixedNow)
        #expect(throws: Never.self) { try AccessPolicy.requireUnitAccess(.user(commune), unitCode: "24121") }
        #expect(throws: HaiCapError.self) { try AccessPolicy.requireUnitAccess(.user(commune), unitCode: "22015") }
        #expect(throws: HaiCapError.unauthorized) { try AccessPolicy.requireUnitAccess(.anonymous, unitCode: "24121") }
        #expect(throws: HaiCapError.self) { try AccessPolicy.requireProvince(.user(commune)) }
        var disabled = commune
        disabled.disabled = true
        #expect(throws: HaiCapError.self) { try AccessPolicy.requireSignedIn(.user(disabled)) }
    }
}
