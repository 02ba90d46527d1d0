import Foundation

/// Kind of a commune-level unit after 1/7/2025.
public enum UnitType: String, Codable, Sendable, CaseIterable {
    case xa = "xã"
    case phuong = "phường"
    case dacKhu = "đặc khu"

    /// Parses the spelling used in the national lists ("Xã", "Phường", "Đặc khu").
    public init?(label: String) {
        switch label.lowercased().precomposedStringWithCanonicalMapping {
        case "xã": self = .xa
        case "phường": self = .phuong
        case "đặc khu": self = .dacKhu
        default: return nil
        }
    }

    /// Capitalised label for display.
    public var label: String {
        switch self {
        case .xa: "Xã"
        case .phuong: "Phường"
        case .dacKhu: "Đặc khu"
        }
    }
}

/// A commune-level administrative unit (đơn vị hành chính cấp xã).
public struct AdministrativeUnit: Codable, Sendable, Equatable {
    public var code: String
    public var name: String
    public var shortName: String
    public var type: UnitType
    public var provinceCode: String
    public var provinceName: String
    public var latitude: Double?
    public var longitude: Double?
    public var areaKm2: Double?

    public init(
        code: String, name: String, shortName: String, type: UnitType,
        provinceCode: String, provinceName: String,
        latitude: Double? = nil, longitude: Double? = nil, areaKm2: Double? = nil
    ) {
        self.code = code
        self.name = name
        self.shortName = shortName
        self.type = type
        self.provinceCode = provinceCode
        self.provinceName = provinceName
        self.latitude = latitude
        self.longitude = longitude
        self.areaKm2 = areaKm2
    }
}

/// A province-level unit (tỉnh, thành phố) with its number of commune-level units.
public struct Province: Codable, Sendable, Equatable {
    public var code: String
    public var name: String
    public var unitCount: Int

    public init(code: String, name: String, unitCount: Int) {
        self.code = code
        self.name = name
        self.unitCount = unitCount
    }
}
