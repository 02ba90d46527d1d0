import HaiCapCore
import Testing

@Suite("Lunar calendar and working days")
struct CalendarTests {
    static func day(_ y: Int, _ m: Int, _ d: Int) -> CalendarDay {
        guard let day = CalendarDay(year: y, month: m, day: d) else { fatalError("bad test date") }
        return day
    }

    @Test("Tết by the Vietnamese (UTC+7) calendar", arguments: [
        (2007, 2, 17), // 18/2 in China: the UTC+7 boundary matters
        (2023, 1, 22), (2024, 2, 10), (2025, 1, 29), (2026, 2, 17), (2027, 2, 6),
    ])
    func tet(year: Int, month: Int, day: Int) {
        #expect(LunarCalendar.tet(year) == Self.day(year, month, day))
    }

    @Test("Giỗ Tổ Hùng Vương falls on 10/3 lunar", arguments: [(2023, 4, 29), (2024, 4, 18), (2025, 4, 7), (2026, 4, 26)])
    func hungKings(year: Int, month: Int, day: Int) {
        #expect(LunarCalendar.solar(year: year, month: 3, day: 10) == Self.day(year, month, day))
    }

    @Test("solar → lunar → solar round-trips over five years")
    func roundTrip() {
        var day = Self.day(2024, 1, 1)
        while day < Self.day(2029, 1, 1) {
            let lunar = LunarCalendar.lunar(day)
            #expect(LunarCalendar.solar(year: lunar.year, month: lunar.month, day: lunar.day, leap: lunar.isLeapMonth) == day)
            day = day.adding(days: 1)
        }
    }

    @Test("2025 has a leap sixth month; 2026 has none")
    func leapMonths() {
        #expect(LunarCalendar.solar(year: 2025, month: 6, day: 1, leap: true) != nil)
        #expect(LunarCalendar.solar(year: 2026, month: 6, day: 1, leap: true) == nil)
    }

    @Test("civil days: parsing, weekdays, arithmetic")
    func calendarDays() {
        #expect(CalendarDay(iso: "2026-11-27") == Self.day(2026, 11, 27))
        #expect(CalendarDay(iso: "2026-02-30") == nil)
        #expect(CalendarDay(iso: "27/11/2026") == nil)
        #expect(Self.day(2026, 11, 27).isoWeekday == 5)
        #expect(Self.day(2024, 2, 28).adding(days: 2) == Self.day(2024, 3, 1))
        #expect(Self.day(2026, 11, 27).vietnamese == "27/11/2026")
    }

    @Test("Tết 2026 and 2027 are five days off by default")
    func tetHolidays() {
        let calendar = WorkingDayCalendar()
        // Tết 2026: mùng 1 is Tuesday 17/2; default days off 16/2–20/2.
        for d in 16...20 { #expect(!calendar.isWorkingDay(Self.day(2026, 2, d)), "2026-02-\(d)") }
        #expect(calendar.isWorkingDay(Self.day(2026, 2, 13)))
        #expect(calendar.isWorkingDay(Self.day(2026, 2, 23)))
        // Tết 2027: mùng 1 is Saturday 6/2; 5/2–9/2 off, and the weekend days are made up on 10/2 and 11/2.
        #expect(!calendar.isWorkingDay(Self.day(2027, 2, 5)))
        #expect(!calendar.isWorkingDay(Self.day(2027, 2, 8)))
        #expect(!calendar.isWorkingDay(Self.day(2027, 2, 10)))
        #expect(!calendar.isWorkingDay(Self.day(2027, 2, 11)))
        #expect(calendar.isWorkingDay(Self.day(2027, 2, 12)))
    }

    @Test("deadlines in working days skip weekends, holidays and an administrator's extra day off")
    func deadlines() {
        var calendar = WorkingDayCalendar()
        // From Friday 24/4/2026: Giỗ Tổ (26/4) is a Sunday, made up on Monday 27/4; 28/4 and 29/4 count;
        // 30/4 and 1/5 are off; Monday 4/5 is the third working day.
        #expect(calendar.adding(workingDays: 2, to: Self.day(2026, 4, 24)) == Self.day(2026, 4, 29))
        #expect(calendar.adding(workingDays: 3, to: Self.day(2026, 4, 24)) == Self.day(2026, 5, 4))
        #expect(calendar.adding(workingDays: 0, to: Self.day(2026, 4, 24)) == Self.day(2026, 4, 24))
        calendar.extraDaysOff = [Self.day(2026, 11, 30)]
        #expect(calendar.adding(workingDays: 1, to: Self.day(2026, 11, 27)) == Self.day(2026, 12, 1))
        calendar.extraWorkingDays = [Self.day(2026, 11, 28)]
        #expect(calendar.adding(workingDays: 1, to: Self.day(2026, 11, 27)) == Self.day(2026, 11, 28))
        #expect(WorkingDayCalendar().workingDays(after: Self.day(2026, 11, 23), through: Self.day(2026, 11, 27)) == 4)
        #expect(WorkingDayCalendar().workingDays(after: Self.day(2026, 11, 27), through: Self.day(2026, 11, 23)) == -4)
    }
}
