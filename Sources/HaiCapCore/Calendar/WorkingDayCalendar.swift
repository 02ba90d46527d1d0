import Foundation

/// A public holiday or a day off, with why it is off.
public struct Holiday: Hashable, Sendable {
    public let day: CalendarDay
    public let name: String
    /// True when the exact day is HaiCap's default for a choice the Prime Minister makes each year
    /// (which five days of Tết; which day next to 2/9), so an administrator should confirm it.
    public let isDefaultChoice: Bool
}

/// Working days in Vietnam: Monday–Friday, minus public holidays and the days an administrator sets.
///
/// Holidays follow Bộ luật Lao động 45/2019/QH14, Điều 112 khoản 1 (1/1; Tết Âm lịch 5 ngày; 30/4; 1/5;
/// Quốc khánh 2/9 and one adjacent day; Giỗ Tổ Hùng Vương 10/3 âm lịch); khoản 3 leaves the exact Tết and
/// Quốc khánh days to the Prime Minister each year, and Điều 111 khoản 3 moves a holiday that falls on a
/// weekly rest day to the next working day. The yearly choices here are defaults an administrator corrects
/// with `extraDaysOff` and `extraWorkingDays`.
public struct WorkingDayCalendar: Sendable {
    public static let legalBasis = "Điều 111 khoản 3 và Điều 112 Bộ luật Lao động số 45/2019/QH14"

    /// Days off the government announced beyond the defaults (e.g. a longer Tết).
    public var extraDaysOff: Set<CalendarDay>
    /// Days that are working days although the defaults say otherwise (e.g. a Saturday made a working day, or a default Tết day the decision moved).
    public var extraWorkingDays: Set<CalendarDay>

    public init(extraDaysOff: Set<CalendarDay> = [], extraWorkingDays: Set<CalendarDay> = []) {
        self.extraDaysOff = extraDaysOff
        self.extraWorkingDays = extraWorkingDays
    }

    /// Statutory holidays of a year, plus compensatory days for those that fall on a weekend.
    public func holidays(year: Int) -> [Holiday] {
        var result: [Holiday] = []
        func add(_ day: CalendarDay?, _ name: String, _ isDefault: Bool = false) {
            if let day { result.append(Holiday(day: day, name: name, isDefaultChoice: isDefault)) }
        }
        add(CalendarDay(year: year, month: 1, day: 1), "Tết Dương lịch")
        if let tet = LunarCalendar.tet(year) {
            // Default: the last day of the old lunar year and the first four days of the new one.
            add(tet.adding(days: -1), "Tết Âm lịch (ngày cuối năm)", true)
            for offset in 0..<4 { add(tet.adding(days: offset), "Tết Âm lịch (mùng \(offset + 1))", offset > 2) }
        }
        add(LunarCalendar.solar(year: year, month: 3, day: 10), "Giỗ Tổ Hùng Vương (10/3 âm lịch)")
        add(CalendarDay(year: year, month: 4, day: 30), "Ngày Chiến thắng")
        add(CalendarDay(year: year, month: 5, day: 1), "Ngày Quốc tế lao động")
        if let national = CalendarDay(year: year, month: 9, day: 2) {
            add(national, "Quốc khánh")
            // Default adjacent day: Monday 1/9 when 2/9 is a Tuesday (a four-day break), else 3/9.
            add(national.isoWeekday == 2 ? national.adding(days: -1) : national.adding(days: 1), "Quốc khánh (ngày liền kề)", true)
        }
        let fixed = Set(result.map(\.day))
        var taken = fixed
        for holiday in result.sorted(by: { $0.day < $1.day }) where holiday.day.isWeekend {
            var next = holiday.day.adding(days: 1)
            while next.isWeekend || taken.contains(next) { next = next.adding(days: 1) }
            taken.insert(next)
            result.append(Holiday(day: next, name: "Nghỉ bù \(holiday.name)", isDefaultChoice: holiday.isDefaultChoice))
        }
        return result.sorted { $0.day < $1.day }
    }

    /// True on a day an official is expected at work.
    public func isWorkingDay(_ day: CalendarDay) -> Bool {
        if extraWorkingDays.contains(day) { return true }
        if extraDaysOff.contains(day) || day.isWeekend { return false }
        return !holidays(year: day.year).contains { $0.day == day }
    }

    /// The day `count` working days after `start` (start itself not counted): a deadline of
    /// "N ngày làm việc kể từ ngày …".
    public func adding(workingDays count: Int, to start: CalendarDay) -> CalendarDay {
        var day = start
        var remaining = max(0, count)
        var offYears: [Int: Set<CalendarDay>] = [:]
        while remaining > 0 {
            day = day.adding(days: 1)
            let off = offYears[day.year] ?? Set(holidays(year: day.year).map(\.day))
            offYears[day.year] = off
            let working = extraWorkingDays.contains(day) || !(day.isWeekend || extraDaysOff.contains(day) || off.contains(day))
            if working { remaining -= 1 }
        }
        return day
    }

    /// Working days in (`after`, `through`]; negative when `through` comes first.
    public func workingDays(after start: CalendarDay, through end: CalendarDay) -> Int {
        guard start != end else { return 0 }
        let (low, high, sign) = start < end ? (start, end, 1) : (end, start, -1)
        var count = 0
        var day = low.adding(days: 1)
        while day <= high {
            if isWorkingDay(day) { count += 1 }
            day = day.adding(days: 1)
        }
        return sign * count
    }
}
