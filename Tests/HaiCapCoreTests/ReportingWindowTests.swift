import HaiCapCore
import Testing

@Suite("Reporting windows (15th → 14th)")
struct ReportingWindowTests {
    @Test("cut-off windows", arguments: [
        (ReportFrequency.monthly, 2026, 1, "2025-12-15", "2026-01-14", "Tháng 1/2026"),
        (.monthly, 2026, 3, "2026-02-15", "2026-03-14", "Tháng 3/2026"),
        (.monthly, 2026, 12, "2026-11-15", "2026-12-14", "Tháng 12/2026"),
        (.quarterly, 2026, 1, "2025-12-15", "2026-03-14", "Quý I/2026"),
        (.quarterly, 2026, 4, "2026-09-15", "2026-12-14", "Quý IV/2026"),
        (.sixMonth, 2026, 1, "2025-12-15", "2026-06-14", "6 tháng đầu năm 2026"),
        (.sixMonth, 2026, 2, "2026-06-15", "2026-12-14", "6 tháng cuối năm 2026"),
        (.nineMonth, 2026, 1, "2025-12-15", "2026-09-14", "9 tháng năm 2026"),
        (.yearly, 2026, 1, "2025-12-15", "2026-12-14", "Năm 2026"),
    ])
    func windows(frequency: ReportFrequency, year: Int, index: Int, from: String, to: String, label: String) throws {
        let window = try #require(ReportingWindow(frequency, year: year, index: index))
        #expect(window.from.description == from)
        #expect(window.to.description == to)
        #expect(window.description == label)
    }

    @Test("out-of-range periods are refused")
    func outOfRange() {
        #expect(ReportingWindow(.monthly, year: 2026, index: 13) == nil)
        #expect(ReportingWindow(.quarterly, year: 2026, index: 0) == nil)
        #expect(ReportingWindow(.yearly, year: 2026, index: 2) == nil)
    }

    @Test("a deadline counts working days after the cut-off, across Tết")
    func deadlineAcrossTet() throws {
        // January 2027 cuts off on Thursday 14/1; 3 working days later is Tuesday 19/1.
        let january = try #require(ReportingWindow(.monthly, year: 2027, index: 1))
        #expect(january.deadline(workingDays: 3, calendar: WorkingDayCalendar()).description == "2027-01-19")
        // February 2027 cuts off on Sunday 14/2, after Tết (5/2–11/2 off by default): 2 working days → 16/2.
        let february = try #require(ReportingWindow(.monthly, year: 2027, index: 2))
        #expect(february.deadline(workingDays: 2, calendar: WorkingDayCalendar()).description == "2027-02-16")
    }
}
