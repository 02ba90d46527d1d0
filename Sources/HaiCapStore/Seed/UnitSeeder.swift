import Foundation
import HaiCapCore
import HaiCapData
import SQLKit
import VietnameseText

/// Imports the bundled administrative units (all provinces, all communes, the Đắk Lắk old→new table).
public struct UnitSeeder: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// What a seeding run did.
    public struct Summary: Sendable, Equatable {
        public var provinces: Int
        public var units: Int
        public var mappings: Int
    }

    /// Inserts the units unless they are already there; safe to run on every start.
    @discardableResult
    public func seedIfEmpty() async throws -> Summary? {
        let existing = try await database.sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
            .from("units").first()?.decode(column: "n", as: Int.self) ?? 0
        guard existing == 0 else { return nil }
        return try await seed()
    }

    /// Inserts every bundled unit in one transaction.
    public func seed() async throws -> Summary {
        let provinces = try Self.parseProvinces(BundledData.text("units/provinces.csv"))
        let units = try Self.parseUnits(BundledData.text("units/vietnam-units.csv"))
        let mappings = try Self.parseMappings(BundledData.text("units/dak-lak-old-to-new.csv"))
        return try await database.transaction { db in
            for batch in provinces.chunked(200) {
                let insert = db.insert(into: "provinces").columns("code", "name", "unit_count")
                for p in batch { insert.values(SQLBind(p.code), SQLBind(p.name), SQLBind(p.unitCount)) }
                try await insert.run()
            }
            for batch in units.chunked(500) {
                let insert = db.insert(into: "units").columns(
                    "code", "name", "short_name", "type", "province_code", "province_name",
                    "latitude", "longitude", "area_km2", "folded_name")
                for u in batch {
                    insert.values(
                        SQLBind(u.code), SQLBind(u.name), SQLBind(u.shortName), SQLBind(u.type.rawValue),
                        SQLBind(u.provinceCode), SQLBind(u.provinceName), SQLBind(u.latitude),
                        SQLBind(u.longitude), SQLBind(u.areaKm2), SQLBind(Vietnamese.fold(u.name)))
                }
                try await insert.run()
            }
            for batch in mappings.chunked(500) {
                let insert = db.insert(into: "unit_mappings").columns(
                    "old_ward", "old_district", "old_province", "old_ward_code",
                    "new_unit_code", "new_unit_name", "relation", "is_default")
                for m in batch {
                    insert.values(
                        SQLBind(m.oldWard), SQLBind(m.oldDistrict), SQLBind(m.oldProvince), SQLBind(m.oldWardCode),
                        SQLBind(m.newUnitCode), SQLBind(m.newUnitName), SQLBind(m.relation.rawValue), SQLBind(m.isDefault))
                }
                try await insert.run()
            }
            return Summary(provinces: provinces.count, units: units.count, mappings: mappings.count)
        }
    }

    static func rows(_ text: String, columns: Int, file: String) throws -> [[String]] {
        let lines = text.split(whereSeparator: \.isNewline).dropFirst()
        return try lines.enumerated().map { index, line in
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            guard fields.count == columns else {
                throw SeedError.malformed(file: file, line: index + 2, reason: "cần \(columns) cột, có \(fields.count)")
            }
            return fields
        }
    }

    static func parseProvinces(_ text: String) throws -> [Province] {
        try rows(text, columns: 3, file: "provinces.csv").map { f in
            guard let count = Int(f[2]) else {
                throw SeedError.malformed(file: "provinces.csv", line: 0, reason: "số đơn vị không hợp lệ: \(f[2])")
            }
            return Province(code: f[0], name: f[1], unitCount: count)
        }
    }

    static func parseUnits(_ text: String) throws -> [AdministrativeUnit] {
        try rows(text, columns: 9, file: "vietnam-units.csv").map { f in
            guard let type = UnitType(label: f[4]) else {
                throw SeedError.malformed(file: "vietnam-units.csv", line: 0, reason: "loại đơn vị lạ: \(f[4])")
            }
            return AdministrativeUnit(
                code: f[2], name: f[3], shortName: f[5], type: type, provinceCode: f[0], provinceName: f[1],
                latitude: Double(f[6]), longitude: Double(f[7]), areaKm2: Double(f[8]))
        }
    }

    static func parseMappings(_ text: String) throws -> [UnitMapping] {
        try rows(text, columns: 10, file: "dak-lak-old-to-new.csv").map { f in
            let relation: MappingRelation = f[3].hasPrefix("whole") ? .whole : .part
            return UnitMapping(
                oldWard: f[6], oldDistrict: f[5], oldProvince: f[4], oldWardCode: f[9],
                newUnitCode: f[0], newUnitName: f[1], relation: relation, isDefault: f[3] == "part(default)")
        }
    }
}

/// A bundled data file did not have the expected shape.
public enum SeedError: Error, CustomStringConvertible {
    case malformed(file: String, line: Int, reason: String)

    public var description: String {
        switch self {
        case .malformed(let file, let line, let reason): "Tệp \(file), dòng \(line): \(reason)."
        }
    }
}

extension Array {
    func chunked(_ size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}
