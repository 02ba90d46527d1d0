import Foundation

/// A date of the Vietnamese lunisolar calendar.
public struct LunarDate: Hashable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int
    /// True for the intercalary (nhuận) month.
    public let isLeapMonth: Bool

    public var description: String { "\(day)/\(month)\(isLeapMonth ? " (nhuận)" : "")/\(year) âm lịch" }
}

/// Conversion between the Gregorian and the Vietnamese lunar calendar.
///
/// New moons and solar terms are computed astronomically and the day boundary is taken at UTC+7, which is
/// what makes the Vietnamese calendar differ from the Chinese one (UTC+8) in some years: Tết 2007 fell on
/// 17/2 in Vietnam and 18/2 in China. Foundation's `.chinese` calendar uses UTC+8, so it cannot be used.
/// The astronomy follows the standard truncated series (Meeus) for mean new moon and solar longitude.
public enum LunarCalendar {
    static let zoneHours = 7.0
    static let synodicMonth = 29.530588853
    static let epoch = 2_415_021.076998695 // new moon of 1900-01-01

    /// Julian day (fractional, UT) of the k-th new moon after the 1900 epoch.
    static func newMoon(_ k: Int) -> Double {
        let k = Double(k)
        let t = k / 1236.85, t2 = t * t, t3 = t2 * t
        let dr = Double.pi / 180
        var jd = 2_415_020.75933 + 29.53058868 * k + 0.0001178 * t2 - 0.000000155 * t3
        jd += 0.00033 * sin((166.56 + 132.87 * t - 0.009173 * t2) * dr)
        let m = 359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3
        let mpr = 306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3
        let f = 21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3
        var c1 = (0.1734 - 0.000393 * t) * sin(m * dr) + 0.0021 * sin(2 * dr * m)
        c1 += -0.4068 * sin(mpr * dr) + 0.0161 * sin(dr * 2 * mpr)
        c1 += -0.0004 * sin(dr * 3 * mpr)
        c1 += 0.0104 * sin(dr * 2 * f) - 0.0051 * sin(dr * (m + mpr))
        c1 += -0.0074 * sin(dr * (m - mpr)) + 0.0004 * sin(dr * (2 * f + m))
        c1 += -0.0004 * sin(dr * (2 * f - m)) - 0.0006 * sin(dr * (2 * f + mpr))
        c1 += 0.0010 * sin(dr * (2 * f - mpr)) + 0.0005 * sin(dr * (2 * mpr + m))
        let deltaT = t < -11
            ? 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3
            : -0.000278 + 0.000265 * t + 0.000262 * t2
        return jd + c1 - deltaT
    }

    /// Julian day number of the local (UTC+7) day on which the k-th new moon falls.
    static func newMoonDay(_ k: Int) -> Int {
        Int((newMoon(k) + 0.5 + zoneHours / 24).rounded(.down))
    }

    /// Sun's ecliptic longitude in radians at a fractional Julian day.
    static func sunLongitude(_ jdn: Double) -> Double {
        let t = (jdn - 2_451_545.0) / 36525, t2 = t * t
        let dr = Double.pi / 180
        let m = 357.52910 + 35999.05030 * t - 0.0001559 * t2 - 0.00000048 * t * t2
        let l0 = 280.46645 + 36000.76983 * t + 0.0003032 * t2
        var dl = (1.914600 - 0.004817 * t - 0.000014 * t2) * sin(dr * m)
        dl += (0.019993 - 0.000101 * t) * sin(dr * 2 * m) + 0.000290 * sin(dr * 3 * m)
        let l = (l0 + dl) * dr
        return l - 2 * Double.pi * (l / (2 * Double.pi)).rounded(.down)
    }

    /// Which of the 12 solar-term sectors (0…11) the sun is in at the start of a local day.
    static func sunSector(day: Int) -> Int {
        Int((sunLongitude(Double(day) - 0.5 - zoneHours / 24) / Double.pi * 6).rounded(.down))
    }

    /// Day the 11th lunar month (containing the winter solstice) of a Gregorian year begins.
    static func month11Start(_ year: Int) -> Int {
        guard let dec31 = CalendarDay(year: year, month: 12, day: 31) else { return 0 }
        let k = Int((Double(dec31.julianDay - 2_415_021) / synodicMonth).rounded(.down))
        let start = newMoonDay(k)
        return sunSector(day: start) >= 9 ? newMoonDay(k - 1) : start
    }

    /// Offset (in months after month 11) of the leap month in a 13-month year.
    static func leapMonthOffset(after month11: Int) -> Int {
        let k = Int((Double(month11) - epoch) / synodicMonth + 0.5)
        var i = 1
        var arc = sunSector(day: newMoonDay(k + i))
        var last: Int
        repeat {
            last = arc
            i += 1
            arc = sunSector(day: newMoonDay(k + i))
        } while arc != last && i < 14
        return i - 1
    }

    /// The lunar date of a Gregorian day.
    public static func lunar(_ date: CalendarDay) -> LunarDate {
        let dayNumber = date.julianDay
        let k = Int((Double(dayNumber) - epoch) / synodicMonth)
        var monthStart = newMoonDay(k + 1)
        if monthStart > dayNumber { monthStart = newMoonDay(k) }
        var a11 = month11Start(date.year)
        var b11 = a11
        var lunarYear: Int
        if a11 >= monthStart {
            lunarYear = date.year
            a11 = month11Start(date.year - 1)
        } else {
            lunarYear = date.year + 1
            b11 = month11Start(date.year + 1)
        }
        let lunarDay = dayNumber - monthStart + 1
        let diff = (monthStart - a11) / 29
        var leap = false
        var lunarMonth = diff + 11
        if b11 - a11 > 365 {
            let leapDiff = leapMonthOffset(after: a11)
            if diff >= leapDiff {
                lunarMonth = diff + 10
                leap = diff == leapDiff
            }
        }
        if lunarMonth > 12 { lunarMonth -= 12 }
        if lunarMonth >= 11 && diff < 4 { lunarYear -= 1 }
        return LunarDate(year: lunarYear, month: lunarMonth, day: lunarDay, isLeapMonth: leap)
    }

    /// The Gregorian day of a lunar date, or nil when it does not exist (e.g. a leap month that year lacks).
    public static func solar(year: Int, month: Int, day: Int, leap: Bool = false) -> CalendarDay? {
        guard (1...12).contains(month), (1...30).contains(day) else { return nil }
        let a11 = month < 11 ? month11Start(year - 1) : month11Start(year)
        let b11 = month < 11 ? month11Start(year) : month11Start(year + 1)
        let k = Int(0.5 + (Double(a11) - epoch) / synodicMonth)
        var offset = month - 11
        if offset < 0 { offset += 12 }
        if b11 - a11 > 365 {
            let leapOffset = leapMonthOffset(after: a11)
            var leapMonth = leapOffset - 2
            if leapMonth < 0 { leapMonth += 12 }
            if leap && month != leapMonth { return nil }
            if leap || offset >= leapOffset { offset += 1 }
        } else if leap {
            return nil
        }
        let result = CalendarDay(julianDay: newMoonDay(k + offset) + day - 1)
        // Day 30 of a 29-day month does not exist.
        return lunar(result).day == day ? result : nil
    }

    /// Mùng 1 Tết (first day of the lunar year) in a Gregorian year.
    public static func tet(_ year: Int) -> CalendarDay? {
        solar(year: year, month: 1, day: 1)
    }
}
