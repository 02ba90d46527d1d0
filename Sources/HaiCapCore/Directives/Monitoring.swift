import Foundation

/// Đèn tín hiệu of a unit in the province dashboard.
public enum TrafficLight: String, Codable, Sendable, CaseIterable {
    case green, yellow, red

    public var label: String {
        switch self {
        case .green: "Xanh"
        case .yellow: "Vàng"
        case .red: "Đỏ"
        }
    }

    /// The stated rules, shown on the dashboard.
    public static let rules = [
        "Đỏ: có từ 3 nhiệm vụ quá hạn chưa hoàn thành trở lên, hoặc tỷ lệ hoàn thành đúng hạn dưới 50%.",
        "Vàng: có nhiệm vụ quá hạn, hoặc tỷ lệ đúng hạn dưới 80%, hoặc có nhiệm vụ sắp đến hạn (trong 3 ngày làm việc) chưa báo cáo hoàn thành.",
        "Xanh: các trường hợp còn lại.",
        "Tỷ lệ đúng hạn = số hoàn thành đúng hạn ÷ (hoàn thành đúng hạn + hoàn thành quá hạn + quá hạn chưa hoàn thành).",
    ]
}

/// One unit's record over a set of assignments.
public struct UnitScore: Sendable, Equatable {
    public var unitCode: String
    public var total = 0
    public var doneOnTime = 0
    public var doneLate = 0
    public var inProgress = 0
    public var overdue = 0
    public var dueSoon = 0

    public init(unitCode: String) {
        self.unitCode = unitCode
    }

    /// On-time completion among assignments whose outcome is known (done, or overdue); nil when none.
    public var onTimeRate: Double? {
        let judged = doneOnTime + doneLate + overdue
        return judged == 0 ? nil : Double(doneOnTime) / Double(judged)
    }

    public var light: TrafficLight {
        let rate = onTimeRate
        if overdue >= 3 || (rate.map { $0 < 0.5 } ?? false) { return .red }
        if overdue >= 1 || (rate.map { $0 < 0.8 } ?? false) || dueSoon > 0 { return .yellow }
        return .green
    }

    public mutating func add(_ status: AssignmentStatus, dueSoon isDueSoon: Bool) {
        total += 1
        switch status {
        case .doneOnTime: doneOnTime += 1
        case .doneLate: doneLate += 1
        case .inProgress: inProgress += 1
        case .overdue: overdue += 1
        }
        if isDueSoon { dueSoon += 1 }
    }

    /// Ranks units: higher on-time rate first, then fewer overdue, then code; units with no judged work last.
    public static func ranked(_ scores: [UnitScore]) -> [UnitScore] {
        scores.sorted { a, b in
            switch (a.onTimeRate, b.onTimeRate) {
            case let (x?, y?) where x != y: return x > y
            case (_?, nil): return true
            case (nil, _?): return false
            default: return a.overdue != b.overdue ? a.overdue < b.overdue : a.unitCode < b.unitCode
            }
        }
    }
}

/// Counts by status over a set of assignments.
public struct StatusCounts: Sendable, Equatable {
    public var doneOnTime = 0
    public var doneLate = 0
    public var inProgress = 0
    public var overdue = 0
    public var dueSoon = 0
    public var unacknowledged = 0

    public init() {}

    public var total: Int { doneOnTime + doneLate + inProgress + overdue }
}
