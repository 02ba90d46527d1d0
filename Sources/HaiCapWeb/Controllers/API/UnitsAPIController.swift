import Foundation
import HaiCapCore
import HaiCapStore
import Hummingbird

/// `/api/v1/units…` and `/api/v1/provinces` (public), and a unit's officials (protected by the unit policy).
struct UnitsAPIController {
    let database: Database
    let lookup: UnitLookup

    struct LookupItem: Encodable, Sendable {
        struct UnitRef: Encodable, Sendable {
            var code: String
            var name: String
        }
        var old: String
        var oldWardCode: String
        var unit: UnitRef
        var relation: MappingRelation
        var isDefault: Bool
    }

    struct LookupResponse: ResponseEncodable {
        var query: String
        var items: [LookupItem]
    }

    struct OfficialDTO: Encodable, Sendable {
        var username: String
        var displayName: String
        var role: Role
        var unit: String?
        var disabled: Bool
    }

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("units") { request, _ -> ListResponse<AdministrativeUnit> in
            let page = try PageRequest(page: request.query("page"), per: request.query("per"))
            let province = request.query("province")
            if let province, !(province.count == 2 && province.allSatisfy(\.isNumber)) {
                throw HaiCapError.validation([.init(key: "province", message: "Mã tỉnh gồm 2 chữ số, ví dụ 66.")])
            }
            return ListResponse(try await UnitRepository(db: database.sql).list(province: province, query: request.query("q"), page: page))
        }
        group.get("units/lookup") { request, _ -> LookupResponse in
            guard let query = request.query("q") else {
                throw HaiCapError.validation([.init(key: "q", message: "Hãy nhập tên xã, phường cũ vào tham số q.")])
            }
            guard query.count <= 500 else {
                throw HaiCapError.validation([.init(key: "q", message: "Câu tra cứu quá dài (tối đa 500 ký tự).")])
            }
            let items = lookup.lookup(query).map {
                LookupItem(
                    old: $0.oldFullName, oldWardCode: $0.oldWardCode, unit: .init(code: $0.newUnitCode, name: $0.newUnitName),
                    relation: $0.relation, isDefault: $0.isDefault)
            }
            return LookupResponse(query: query, items: items)
        }
        group.get("units/{code}") { _, context -> AdministrativeUnit in
            let code = try context.parameters.require("code")
            guard let unit = try await UnitRepository(db: database.sql).find(code: code) else {
                throw HaiCapError.notFound("Không có đơn vị hành chính mã \(code).")
            }
            return unit
        }
        group.get("units/{code}/officials") { request, context -> ListResponse<OfficialDTO> in
            let code = try context.parameters.require("code")
            _ = try AccessPolicy.requireUnitAccess(context.actor, unitCode: code)
            guard try await UnitRepository(db: database.sql).find(code: code) != nil else {
                throw HaiCapError.notFound("Không có đơn vị hành chính mã \(code).")
            }
            let officials = try await UserRepository(db: database.sql).list().filter { $0.unitCode == code }.map {
                OfficialDTO(username: $0.username, displayName: $0.displayName, role: $0.role, unit: $0.unitCode, disabled: $0.disabled)
            }
            return ListResponse(items: officials, total: officials.count, page: 1, per: max(officials.count, 1))
        }
        group.get("provinces") { _, _ -> ListResponse<Province> in
            let provinces = try await UnitRepository(db: database.sql).provinces()
            return ListResponse(items: provinces, total: provinces.count, page: 1, per: provinces.count)
        }
    }
}

extension AdministrativeUnit: ResponseEncodable {}
