import Foundation
import HaiCapCore
import SQLKit
import VietnameseText

/// Reads administrative units and the old→new table.
public struct UnitRepository: Sendable {
    let db: any SQLDatabase

    public init(db: any SQLDatabase) {
        self.db = db
    }

    private struct UnitRow: Decodable {
        var code: String
        var name: String
        var short_name: String
        var type: String
        var province_code: String
        var province_name: String
        var latitude: Double?
        var longitude: Double?
        var area_km2: Double?

        var unit: AdministrativeUnit {
            AdministrativeUnit(
                code: code, name: name, shortName: short_name, type: UnitType(rawValue: type) ?? .xa,
                provinceCode: province_code, provinceName: province_name,
                latitude: latitude, longitude: longitude, areaKm2: area_km2)
        }
    }

    /// Units filtered by province and by a name fragment (case and diacritics ignored), ordered by code.
    public func list(province: String?, query: String?, page: PageRequest) async throws -> Paged<AdministrativeUnit> {
        func filtered(_ builder: SQLSelectBuilder) -> SQLSelectBuilder {
            if let province { builder.where("province_code", .equal, province) }
            if let fragment = Self.likeFragment(query) { builder.where("folded_name", .like, "%\(fragment)%") }
            return builder
        }
        let total = try await filtered(db.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("units"))
            .first()?.decode(column: "n", as: Int.self) ?? 0
        let rows = try await filtered(db.select().column("*").from("units"))
            .orderBy("code").limit(page.per).offset(page.offset)
            .all(decoding: UnitRow.self)
        return Paged(items: rows.map(\.unit), total: total, page: page)
    }

    /// One unit by its 5-digit code.
    public func find(code: String) async throws -> AdministrativeUnit? {
        try await db.select().column("*").from("units").where("code", .equal, code)
            .first(decoding: UnitRow.self)?.unit
    }

    /// Every province with its unit count, ordered by code.
    public func provinces() async throws -> [Province] {
        try await db.select().columns("code", "name", "unit_count").from("provinces").orderBy("code").all().map {
            Province(
                code: try $0.decode(column: "code", as: String.self),
                name: try $0.decode(column: "name", as: String.self),
                unitCount: try $0.decode(column: "unit_count", as: Int.self))
        }
    }

    /// One province by code.
    public func province(code: String) async throws -> Province? {
        try await provinces().first { $0.code == code }
    }

    /// Every row of the old→new table.
    public func mappings() async throws -> [UnitMapping] {
        try await db.select().column("*").from("unit_mappings").orderBy("id").all().map { row in
            UnitMapping(
                oldWard: try row.decode(column: "old_ward", as: String.self),
                oldDistrict: try row.decode(column: "old_district", as: String.self),
                oldProvince: try row.decode(column: "old_province", as: String.self),
                oldWardCode: try row.decode(column: "old_ward_code", as: String.self),
                newUnitCode: try row.decode(column: "new_unit_code", as: String.self),
                newUnitName: try row.decode(column: "new_unit_name", as: String.self),
                relation: MappingRelation(rawValue: try row.decode(column: "relation", as: String.self)) ?? .part,
                isDefault: try row.decode(column: "is_default", as: Bool.self))
        }
    }

    /// Old wards that went (wholly or partly) into a unit.
    public func predecessors(of code: String) async throws -> [UnitMapping] {
        try await mappings().filter { $0.newUnitCode == code }
    }

    /// The folded search fragment, keeping letters, digits and spaces only, so LIKE wildcards
    /// typed by a user are never interpreted.
    static func likeFragment(_ query: String?) -> String? {
        guard let query else { return nil }
        let folded = Vietnamese.fold(query).filter { $0.isLetter || $0.isNumber || $0 == " " }
        let trimmed = folded.split(separator: " ").joined(separator: " ")
        return trimmed.isEmpty ? nil : trimmed
    }
}
