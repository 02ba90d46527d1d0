import Foundation

/// Who has reported in one period: completeness and timeliness.
public struct PeriodStatusSummary: Sendable, Equatable {
    public var expected: Int
    /// Reports submitted or accepted.
    public var submitted: Int
    public var onTime: Int
    public var late: Int
    public var accepted: Int
    /// Sent back and not yet submitted again.
    public var returned: Int
    /// Expected units whose report is not (or no longer) with the province, in unit-code order.
    public var missing: [String]

    public init(expected: Int, submitted: Int, onTime: Int, late: Int, accepted: Int, returned: Int, missing: [String]) {
        self.expected = expected
        self.submitted = submitted
        self.onTime = onTime
        self.late = late
        self.accepted = accepted
        self.returned = returned
        self.missing = missing
    }

    /// Builds the summary from each expected unit's report status and lateness.
    public init(expectedUnits: [String], reports: [String: (status: ReportStatus, late: Bool)]) {
        var submitted = 0, onTime = 0, late = 0, accepted = 0, returned = 0
        var missing: [String] = []
        for code in expectedUnits.sorted() {
            guard let report = reports[code], report.status.counts else {
                if reports[code]?.status == .returned { returned += 1 }
                missing.append(code)
                continue
            }
            submitted += 1
            if report.late { late += 1 } else { onTime += 1 }
            if report.status == .accepted { accepted += 1 }
        }
        self.init(expected: expectedUnits.count, submitted: submitted, onTime: onTime, late: late, accepted: accepted, returned: returned, missing: missing)
    }

    /// Submitted ÷ expected (0–1).
    public var completeness: Double { expected == 0 ? 0 : Double(submitted) / Double(expected) }
    /// On time ÷ submitted (0–1).
    public var timeliness: Double { submitted == 0 ? 0 : Double(onTime) / Double(submitted) }
}

/// Province figures for one indicator over the reports submitted in a period.
public struct IndicatorAggregate: Sendable, Equatable {
    public var key: String
    public var label: String
    public var unit: String?
    public var type: IndicatorType
    public var sum: Double?
    public var avg: Double?
    public var min: Double?
    public var max: Double?
    /// Reports that gave a value.
    public var count: Int
    /// The previous period's sum and average, when that period has values.
    public var previousSum: Double?
    public var previousAvg: Double?

    public init(key: String, label: String, unit: String?, type: IndicatorType, sum: Double?, avg: Double?, min: Double?, max: Double?, count: Int, previousSum: Double? = nil, previousAvg: Double? = nil) {
        self.key = key
        self.label = label
        self.unit = unit
        self.type = type
        self.sum = sum
        self.avg = avg
        self.min = min
        self.max = max
        self.count = count
        self.previousSum = previousSum
        self.previousAvg = previousAvg
    }

    /// The figure that describes the province: the average for shares, else the total.
    public var headline: Double? { type == .percent ? avg : sum }
    var previousHeadline: Double? { type == .percent ? previousAvg : previousSum }

    /// Relative change of the headline against the previous period (0.123 = +12,3%); nil without a base.
    public var change: Double? {
        guard let now = headline, let before = previousHeadline, before != 0 else { return nil }
        return (now - before) / abs(before)
    }
}

/// Raw per-indicator figures, as the database computes them (`SUM`, `AVG`, `MIN`, `MAX`, `COUNT`).
public struct IndicatorFigures: Sendable, Equatable {
    public var sum: Double
    public var avg: Double
    public var min: Double
    public var max: Double
    public var count: Int

    public init(sum: Double, avg: Double, min: Double, max: Double, count: Int) {
        self.sum = sum
        self.avg = avg
        self.min = min
        self.max = max
        self.count = count
    }
}

extension ReportFormDefinition {
    /// One aggregate per numeric indicator, in form order, with the previous period's figures beside.
    public func aggregates(current: [String: IndicatorFigures], previous: [String: IndicatorFigures]) -> [IndicatorAggregate] {
        indicators.filter(\.type.isNumeric).map { item in
            let f = current[item.key]
            let p = previous[item.key]
            return IndicatorAggregate(
                key: item.key, label: item.label, unit: item.unit, type: item.type,
                sum: f?.sum, avg: f?.avg, min: f?.min, max: f?.max, count: f?.count ?? 0,
                previousSum: p?.sum, previousAvg: p?.avg)
        }
    }
}
