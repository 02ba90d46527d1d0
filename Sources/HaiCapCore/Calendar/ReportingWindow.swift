import Foundation

/// How often a report is due.
public enum ReportFrequency: String, Codable, Sendable, CaseIterable {
    case monthly
    case quarterly
    case sixMonth = "six_month"
    case nineMonth = "nine_month"
    case yearly
}

/// The data cut-off window of one reporting period.
///
/// Periodic reports of state agencies cut their data off by the rule of Nghị định 09/2019/NĐ-CP on
/// reporting regimes: from the 15th of the month before the period to the 14th of its last month
/// (a yearly report: 15/12 of the previous year to 14/12). The same rule gives the six- and nine-month windows.
public struct ReportingWindow: Hashable, Sendable, CustomStringConvertible {
    public let frequency: ReportFrequency
    public let year: Int
    /// Month (1–12), quarter (1–4), half (1–2), or 1 for nine-month and yearly periods.
    public let index: Int
    public let from: CalendarDay
    public let to: CalendarDay

    /// The window, or nil when `index` is out of range for the frequency.
    public init?(_ frequency: ReportFrequency, year: Int, index: Int = 1) {
        let lastMonth: Int
        let months: Int
        switch frequency {
        case .monthly: (lastMonth, months) = (index, 1)
        case .quarterly: (lastMonth, months) = (index * 3, 3)
        case .sixMonth: (lastMonth, months) = (index * 6, 6)
        case .nineMonth: (lastMonth, months) = (index == 1 ? 9 : 0, 9)
        case .yearly: (lastMonth, months) = (index == 1 ? 12 : 0, 12)
        }
        let maxIndex = [ReportFrequency.monthly: 12, .quarterly: 4, .sixMonth: 2, .nineMonth: 1, .yearly: 1][frequency] ?? 1
        guard (1...maxIndex).contains(index), (1...12).contains(lastMonth) else { return nil }
        var startMonth = lastMonth - months
        var startYear = year
        if startMonth < 1 {
            startMonth += 12
            startYear -= 1
        }
        guard let from = CalendarDay(year: startYear, month: startMonth, day: 15),
              let to = CalendarDay(year: year, month: lastMonth, day: 14)
        else { return nil }
        self.frequency = frequency
        self.year = year
        self.index = index
        self.from = from
        self.to = to
    }

    /// "Tháng 11/2026", "Quý IV/2026", "6 tháng đầu năm 2026", "9 tháng năm 2026", "Năm 2026".
    public var description: String {
        switch frequency {
        case .monthly: "Tháng \(index)/\(year)"
        case .quarterly: "Quý \(["I", "II", "III", "IV"][index - 1])/\(year)"
        case .sixMonth: index == 1 ? "6 tháng đầu năm \(year)" : "6 tháng cuối năm \(year)"
        case .nineMonth: "9 tháng năm \(year)"
        case .yearly: "Năm \(year)"
        }
    }

    /// The deadline: `workingDays` working days after the cut-off day.
    public func deadline(workingDays: Int, calendar: WorkingDayCalendar) -> CalendarDay {
        calendar.adding(workingDays: workingDays, to: to)
    }
}
