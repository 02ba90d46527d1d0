import Foundation

/// How often a report is due.
public enum ReportFrequency: String, Codable, Sendable, CaseIterable {
    /// Monday to Sunday of an ISO week (Nghị định 09/2019 sets no weekly cut-off; see decision 0004).
    case weekly
    case monthly
    case quarterly
    case sixMonth = "six_month"
    case nineMonth = "nine_month"
    case yearly
    /// Đột xuất: the province sets each period's window and deadline by hand.
    case adHoc = "ad_hoc"

    /// "Hằng tháng", "Hằng quý", … for pages.
    public var label: String {
        switch self {
        case .weekly: "Hằng tuần"
        case .monthly: "Hằng tháng"
        case .quarterly: "Hằng quý"
        case .sixMonth: "6 tháng"
        case .nineMonth: "9 tháng"
        case .yearly: "Hằng năm"
        case .adHoc: "Đột xuất"
        }
    }

    /// Periods a year (nil for ad hoc).
    var maxIndex: Int? {
        switch self {
        case .weekly: 53
        case .monthly: 12
        case .quarterly: 4
        case .sixMonth: 2
        case .nineMonth, .yearly: 1
        case .adHoc: nil
        }
    }
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

    /// The window, or nil when `index` is out of range for the frequency (and always for ad hoc).
    public init?(_ frequency: ReportFrequency, year: Int, index: Int = 1) {
        if frequency == .weekly {
            guard let (from, to) = Self.isoWeek(year: year, week: index) else { return nil }
            self.frequency = frequency
            self.year = year
            self.index = index
            self.from = from
            self.to = to
            return
        }
        let lastMonth: Int
        let months: Int
        switch frequency {
        case .monthly: (lastMonth, months) = (index, 1)
        case .quarterly: (lastMonth, months) = (index * 3, 3)
        case .sixMonth: (lastMonth, months) = (index * 6, 6)
        case .nineMonth: (lastMonth, months) = (index == 1 ? 9 : 0, 9)
        case .yearly: (lastMonth, months) = (index == 1 ? 12 : 0, 12)
        case .weekly, .adHoc: return nil
        }
        guard let maxIndex = frequency.maxIndex, (1...maxIndex).contains(index), (1...12).contains(lastMonth) else { return nil }
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

    /// Monday and Sunday of ISO week `week` of `year` (week 1 holds 4 January).
    static func isoWeek(year: Int, week: Int) -> (CalendarDay, CalendarDay)? {
        guard week >= 1, let january4 = CalendarDay(year: year, month: 1, day: 4),
              let nextJanuary4 = CalendarDay(year: year + 1, month: 1, day: 4)
        else { return nil }
        let monday1 = january4.adding(days: 1 - january4.isoWeekday)
        let nextMonday1 = nextJanuary4.adding(days: 1 - nextJanuary4.isoWeekday)
        let monday = monday1.adding(days: 7 * (week - 1))
        guard monday < nextMonday1 else { return nil }
        return (monday, monday.adding(days: 6))
    }

    /// The window of `frequency` whose data includes `day` (nil for ad hoc).
    public static func containing(_ day: CalendarDay, frequency: ReportFrequency) -> ReportingWindow? {
        guard let maxIndex = frequency.maxIndex else { return nil }
        for year in [day.year, day.year + 1, day.year - 1] {
            for index in 1...maxIndex {
                if let window = ReportingWindow(frequency, year: year, index: index), window.from <= day, day <= window.to {
                    return window
                }
            }
        }
        return nil
    }

    /// The window that follows this one.
    public var next: ReportingWindow? {
        ReportingWindow(frequency, year: year, index: index + 1) ?? ReportingWindow(frequency, year: year + 1, index: 1)
    }

    /// The window before this one.
    public var previous: ReportingWindow? {
        if let earlier = ReportingWindow(frequency, year: year, index: index - 1) { return earlier }
        guard let maxIndex = frequency.maxIndex else { return nil }
        return (1...maxIndex).reversed().lazy.compactMap { ReportingWindow(self.frequency, year: self.year - 1, index: $0) }.first
    }

    /// A stable key: `2026-M11`, `2026-Q4`, `2026-H1`, `2026-N9`, `2026-Y`, `2026-W48`.
    public var key: String {
        switch frequency {
        case .weekly: String(format: "%04d-W%02d", year, index)
        case .monthly: String(format: "%04d-M%02d", year, index)
        case .quarterly: "\(year)-Q\(index)"
        case .sixMonth: "\(year)-H\(index)"
        case .nineMonth: "\(year)-N9"
        case .yearly: "\(year)-Y"
        case .adHoc: "\(year)-A\(index)"
        }
    }

    /// "Tháng 11/2026", "Quý IV/2026", "6 tháng đầu năm 2026", "9 tháng năm 2026", "Năm 2026".
    public var description: String {
        switch frequency {
        case .monthly: "Tháng \(index)/\(year)"
        case .quarterly: "Quý \(["I", "II", "III", "IV"][index - 1])/\(year)"
        case .sixMonth: index == 1 ? "6 tháng đầu năm \(year)" : "6 tháng cuối năm \(year)"
        case .nineMonth: "9 tháng năm \(year)"
        case .yearly: "Năm \(year)"
        case .weekly: "Tuần \(index)/\(year) (\(from.shortVietnamese)–\(to.shortVietnamese))"
        case .adHoc: "Kỳ đột xuất \(index)/\(year)"
        }
    }

    /// The deadline: `workingDays` working days after the cut-off day.
    public func deadline(workingDays: Int, calendar: WorkingDayCalendar) -> CalendarDay {
        calendar.adding(workingDays: workingDays, to: to)
    }
}
