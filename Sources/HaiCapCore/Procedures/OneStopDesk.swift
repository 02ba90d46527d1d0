import Foundation

/// Bộ phận Một cửa of a unit: where citizens submit dossiers.
public struct OneStopDesk: Codable, Sendable, Equatable {
    public var unitCode: String
    public var address: String
    public var hours: String
    public var phone: String
    public var updatedAt: Date
    public var updatedBy: String

    public init(unitCode: String, address: String, hours: String, phone: String, updatedAt: Date, updatedBy: String) {
        self.unitCode = unitCode
        self.address = address
        self.hours = hours
        self.phone = phone
        self.updatedAt = updatedAt
        self.updatedBy = updatedBy
    }
}
