import Foundation
import VietnameseText

/// How a pre-2025 ward went into a new unit.
public enum MappingRelation: String, Codable, Sendable {
    /// The whole old ward became (part of) the new unit.
    case whole
    /// The old ward was split; this new unit took a part of it.
    case part
}

/// One row of the old→new table: a pre-2025 ward and a unit it went into.
public struct UnitMapping: Codable, Sendable, Equatable {
    public var oldWard: String
    public var oldDistrict: String
    public var oldProvince: String
    public var oldWardCode: String
    public var newUnitCode: String
    public var newUnitName: String
    public var relation: MappingRelation
    /// For a split ward, the unit the source names as the default destination.
    public var isDefault: Bool

    public init(
        oldWard: String, oldDistrict: String, oldProvince: String, oldWardCode: String,
        newUnitCode: String, newUnitName: String, relation: MappingRelation, isDefault: Bool
    ) {
        self.oldWard = oldWard
        self.oldDistrict = oldDistrict
        self.oldProvince = oldProvince
        self.oldWardCode = oldWardCode
        self.newUnitCode = newUnitCode
        self.newUnitName = newUnitName
        self.relation = relation
        self.isDefault = isDefault
    }

    /// "Xã Hòa An, Huyện Phú Hòa, Tỉnh Phú Yên".
    public var oldFullName: String { "\(oldWard), \(oldDistrict), \(oldProvince)" }
}

/// Answers "xã X, huyện Y cũ nay thuộc đơn vị nào?" from the old→new table.
///
/// Matching works on folded syllables (no case, no diacritics, đ→d) so that a question typed on a
/// phone without accents finds the same rows.
public struct UnitLookup: Sendable {
    private struct Entry: Sendable {
        let mapping: UnitMapping
        let wardFull: [String]
        let wardShort: [String]
        let districtFull: [String]
        let districtShort: [String]
    }

    private let entries: [Entry]

    public init(mappings: [UnitMapping]) {
        entries = mappings.map { m in
            Entry(
                mapping: m,
                wardFull: Self.syllables(m.oldWard),
                wardShort: Self.syllables(Self.stripPrefix(m.oldWard)),
                districtFull: Self.syllables(m.oldDistrict),
                districtShort: Self.syllables(Self.stripPrefix(m.oldDistrict))
            )
        }
    }

    /// Rows of the old unit(s) the text names best; empty when none is named.
    public func lookup(_ text: String) -> [UnitMapping] {
        let query = Self.syllables(text)
        guard !query.isEmpty else { return [] }
        var best = 0
        var found: [UnitMapping] = []
        for entry in entries {
            var score = 0
            if Self.contains(query, entry.wardFull) {
                score = 4
            } else if Self.contains(query, entry.wardShort) {
                score = 2
            }
            guard score > 0 else { continue }
            if Self.contains(query, entry.districtFull) {
                score += 4
            } else if Self.contains(query, entry.districtShort) {
                score += 2
            }
            // A longer ward name that matches is the more specific one ("Hòa Bình 1" over "Hòa Bình").
            score = score * 100 + entry.wardShort.count
            if score > best {
                best = score
                found = [entry.mapping]
            } else if score == best {
                found.append(entry.mapping)
            }
        }
        return found
    }

    static let prefixes: [String] = [
        "thành phố", "thị trấn", "thị xã", "đặc khu", "phường", "huyện", "quận", "tỉnh", "xã",
    ]

    static func stripPrefix(_ name: String) -> String {
        let lower = Vietnamese.normalize(name)
        for prefix in prefixes where lower.hasPrefix(prefix + " ") {
            return String(lower.dropFirst(prefix.count + 1))
        }
        return lower
    }

    static func syllables(_ text: String) -> [String] {
        Vietnamese.fold(text)
            .split(whereSeparator: { !($0.isLetter || $0.isNumber) })
            .map(String.init)
    }

    static func contains(_ haystack: [String], _ needle: [String]) -> Bool {
        guard !needle.isEmpty, needle.count <= haystack.count else { return false }
        for start in 0...(haystack.count - needle.count)
        where haystack[start..<(start + needle.count)].elementsEqual(needle) {
            return true
        }
        return false
    }
}
