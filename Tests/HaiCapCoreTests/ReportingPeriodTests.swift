import Foundation
import HaiCapCore
import Testing

@Suite("Reporting periods: windows, weeks, deadlines across Tết")
struct ReportingPeriodTests {
    static func day(_ text: String) -> CalendarDay { CalendarDay(iso: text)! }

    @Test("the window holding a day follows the 15th → 14th rule", arguments: [
        ("2026-11-27", ReportFrequency.monthly, "2026-M12", "2026-11-15", "2026-12-14"),
        ("2026-11-14", .monthly, "2026-M11", "2026-10-15", "2026-11-14"),
        ("2026-11-15", .monthly, "2026-M12", "2026-11-15", "2026-12-14"),
        ("2026-12-20", .monthly, "2027-M01", "2026-12-15", "2027-01-14"),
        ("2026-01-31", .monthly, "2026-M02", "2026-01-15", "2026-02-14"),
        ("2026-12-15", .quarterly, "2027-Q1", "2026-12-15", "2027-03-14"),
        ("2026-06-14", .sixMonth, "2026-H1", "2025-12-15", "2026-06-14"),
        ("2026-09-14", .nineMonth, "2026-N9", "2025-12-15", "2026-09-14"),
        ("2026-12-14", .yearly, "2026-Y", "2025-12-15", "2026-12-14"),
        ("2026-12-15", .yearly, "2027-Y", "2026-12-15", "2027-12-14"),
        ("2026-01-01", .weekly, "2026-W01", "2025-12-29", "2026-01-04"),
        ("2026-11-27", .weekly, "2026-W48", "2026-11-23", "2026-11-29"),
        ("2027-01-02", .weekly, "2026-W53", "2026-12-28", "2027-01-03"),
    ])
    func containing(day: String, frequency: ReportFrequency, key: String, from: String, to: String) throws {
        let window = try #require(ReportingWindow.containing(Self.day(day), frequency: frequency))
        #expect(window.key == key)
        #expect(window.from.description == from)
        #expect(window.to.description == to)
    }

    @Test("ISO weeks: 2026 has 53, 2027 has 52; ad hoc has no automatic window")
    func weeks() {
        #expect(ReportingWindow(.weekly, year: 2026, index: 53) != nil)
        #expect(ReportingWindow(.weekly, year: 2027, index: 53) == nil)
        #expect(ReportingWindow(.adHoc, year: 2026, index: 1) == nil)
        #expect(ReportingWindow.containing(Self.day("2026-05-05"), frequency: .adHoc) == nil)
    }

    @Test("next and previous cross the year")
    func navigation() throws {
        let december = try #require(ReportingWindow(.monthly, year: 2026, index: 12))
        #expect(december.next?.key == "2027-M01")
        #expect(december.next?.previous?.key == "2026-M12")
        let q1 = try #require(ReportingWindow(.quarterly, year: 2027, index: 1))
        #expect(q1.previous?.key == "2026-Q4")
        let w1 = try #require(ReportingWindow(.weekly, year: 2027, index: 1))
        #expect(w1.previous?.key == "2026-W53")
    }

    @Test("deadlines in working days", arguments: [
        // January 2026 cuts off Wednesday 14/1: 3 working days → Monday 19/1.
        (ReportFrequency.monthly, 2026, 1, 3, "2026-01-19"),
        // February 2026 cuts off Saturday 14/2; Tết Bính Ngọ (17/2) keeps 16–20/2 off: 2 working days → 24/2.
        (.monthly, 2026, 2, 2, "2026-02-24"),
        // April 2026 cuts off Tuesday 14/4; 26/4 (Giỗ Tổ, 10/3 âm lịch) is a Sunday, made up on Monday 27/4,
        // then 30/4 and 1/5: 10 working days → 4/5? Count: 15,16,17,20,21,22,23,24,28,29 → 29/4.
        (.monthly, 2026, 4, 10, "2026-04-29"),
        // February 2027 cuts off Sunday 14/2 after Tết Đinh Mùi (6/2): 2 working days → 16/2.
        (.monthly, 2027, 2, 2, "2027-02-16"),
        // Quarter I 2027 cuts off Sunday 14/3: 5 working days → Friday 19/3.
        (.quarterly, 2027, 1, 5, "2027-03-19"),
        // Year 2026 cuts off Monday 14/12: 10 working days → Monday 28/12.
        (.yearly, 2026, 1, 10, "2026-12-28"),
    ])
    func deadlines(frequency: ReportFrequency, year: Int, index: Int, days: Int, expected: String) throws {
        let window = try #require(ReportingWindow(frequency, year: year, index: index))
        #expect(window.deadline(workingDays: days, calendar: WorkingDayCalendar()).description == expected)
    }

    @Test("an administrator's extra day off moves the deadline; a swapped working Saturday brings it back")
    func administratorDays() throws {
        let february = try #require(ReportingWindow(.monthly, year: 2026, index: 2))
        let extraOff = WorkingDayCalendar(extraDaysOff: [Self.day("2026-02-23")])
        #expect(february.deadline(workingDays: 2, calendar: extraOff).description == "2026-02-25")
        let swapped = WorkingDayCalendar(extraDaysOff: [Self.day("2026-02-23")], extraWorkingDays: [Self.day("2026-02-21")])
        #expect(february.deadline(workingDays: 2, calendar: swapped).description == "2026-02-24")
    }

    @Test("a regime generates the current window, the one just closed and two ahead")
    func generation() {
        let regime = ReportRegime(id: 1, name: "x", formID: 1, frequency: .monthly, deadlineWorkingDays: 3, units: .all,
                                  createdAt: Date(timeIntervalSince1970: 0), createdBy: "t")
        let keys = regime.windowsToGenerate(today: Self.day("2026-11-27"), since: Self.day("2026-01-01")).map(\.key)
        #expect(keys == ["2026-M11", "2026-M12", "2027-M01", "2027-M02"])
        // A regime created today does not reach back before its creation.
        let fresh = regime.windowsToGenerate(today: Self.day("2026-11-27"), since: Self.day("2026-11-27")).map(\.key)
        #expect(fresh == ["2026-M12", "2027-M01", "2027-M02"])
    }

    @Test("late means after the deadline day, not on it")
    func lateness() {
        let period = ReportingPeriod(id: 1, regimeID: 1, key: "k", label: "l", from: Self.day("2026-10-15"), to: Self.day("2026-11-14"), deadline: Self.day("2026-11-18"))
        #expect(!period.isLate(submittedOn: Self.day("2026-11-18")))
        #expect(period.isLate(submittedOn: Self.day("2026-11-19")))
    }
}
