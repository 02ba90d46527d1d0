import Foundation
import HaiCapCore
import HaiCapStore
import Hummingbird

/// Public pages of the units directory: list with search, unit page, old→new lookup.
struct UnitsController {
    let views: Views
    let database: Database
    let lookup: UnitLookup

    struct Row {
        var code: String
        var name: String
        var typeLabel: String
        var provinceName: String
        var provinceCode: String
        var area: String?
        var coordinates: String?

        init(_ unit: AdministrativeUnit) {
            code = unit.code
            name = unit.name
            typeLabel = unit.type.label
            provinceName = unit.provinceName
            provinceCode = unit.provinceCode
            area = unit.areaKm2.map { VietnameseNumber.decimal($0) }
            if let lat = unit.latitude, let lon = unit.longitude {
                coordinates = "\(VietnameseNumber.decimal(lat, digits: 4)); \(VietnameseNumber.decimal(lon, digits: 4))"
            }
        }
    }

    struct ProvinceOption {
        var code: String
        var name: String
        var unitCount: Int
        var selected: Bool
    }

    struct ListContent {
        var query: String
        var provinces: [ProvinceOption]
        var items: [Row]
        var hasItems: Bool
        var summary: String
        var pager: Pager?
    }

    struct MappingRow {
        var old: String
        var oldWard: String
        var oldDistrict: String
        var oldProvince: String
        var unitCode: String
        var unitName: String
        var relationLabel: String

        init(_ m: UnitMapping) {
            old = m.oldFullName
            oldWard = m.oldWard
            oldDistrict = m.oldDistrict
            oldProvince = m.oldProvince
            unitCode = m.newUnitCode
            unitName = m.newUnitName
            relationLabel = m.relation == .whole ? "sáp nhập toàn bộ" : (m.isDefault ? "một phần (phần chính)" : "một phần")
        }
    }

    struct UnitContent {
        var unit: Row
        var predecessors: [MappingRow]
        var hasPredecessors: Bool
    }

    struct LookupContent {
        var query: String
        var searched: Bool
        var items: [MappingRow]
        var hasItems: Bool
        var split: Bool
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/units") { request, context in try await list(request, context) }
        router.get("/units/lookup") { request, context in
            let query = request.query("q") ?? ""
            let found = query.isEmpty ? [] : lookup.lookup(query)
            let content = LookupContent(
                query: query, searched: !query.isEmpty, items: found.map(MappingRow.init), hasItems: !found.isEmpty,
                split: found.contains { $0.relation == .part })
            return try views.page("lookup", title: "Tra cứu đơn vị cũ → mới", content, context: context, path: "/units")
        }
        router.get("/units/{code}") { request, context in
            let code = try context.parameters.require("code")
            let units = UnitRepository(db: database.sql)
            guard let unit = try await units.find(code: code) else {
                throw HaiCapError.notFound("Không có đơn vị hành chính mã \(code).")
            }
            let predecessors = try await units.predecessors(of: code).map(MappingRow.init)
            return try views.page(
                "unit", title: unit.name,
                UnitContent(unit: Row(unit), predecessors: predecessors, hasPredecessors: !predecessors.isEmpty),
                context: context, path: "/units")
        }
    }

    func list(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let query = request.query("q")
        let province = request.query("province")
        let page = try PageRequest(page: request.query("page"), per: nil)
        let units = UnitRepository(db: database.sql)
        let provinces = try await units.provinces()
        let paged = try await units.list(province: province, query: query, page: page)
        let scope = provinces.first { $0.code == province }?.name ?? "toàn quốc"
        let summary = "\(VietnameseNumber.integer(paged.total)) đơn vị (\(scope))" + (query.map { " khớp với “\($0)”" } ?? "")
        var pagerQuery: [(String, String)] = []
        if let query { pagerQuery.append(("q", query)) }
        if let province { pagerQuery.append(("province", province)) }
        let content = ListContent(
            query: query ?? "",
            provinces: provinces.map { ProvinceOption(code: $0.code, name: $0.name, unitCount: $0.unitCount, selected: $0.code == province) },
            items: paged.items.map(Row.init), hasItems: !paged.items.isEmpty, summary: summary,
            pager: Pager(path: "/units", query: pagerQuery, paged: paged))
        return try views.page("units", title: "Đơn vị hành chính", content, context: context, path: "/units")
    }
}
