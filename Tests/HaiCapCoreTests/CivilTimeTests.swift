import Foundation
import HaiCapCore
import Testing

@Suite("CivilTime: Vietnam's calendar day by arithmetic")
struct CivilTimeTests {
    /// What `Calendar` says, the slow way the arithmetic replaces.
    static func byCalendar(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 7 * 3600)!
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!)
    }

    @Test("the day turns at midnight in Vietnam (17:00 UTC), month and year ends included")
    func boundaries() {
        // 2026-11-27 16:59:59 UTC is 23:59:59 in Vietnam; one second later it is the 28th.
        let lastSecond = Date(timeIntervalSince1970: 1_795_798_799)
        #expect(CivilTime.day(lastSecond) == "2026-11-27")
        #expect(CivilTime.day(lastSecond.addingTimeInterval(1)) == "2026-11-28")
        #expect(CivilTime.day(Date(timeIntervalSince1970: 0)) == "1970-01-01")
        #expect(CivilTime.day(Date(timeIntervalSince1970: -7 * 3600 - 1)) == "1969-12-31")
        for text in ["2024-02-29T00:00:00+07:00", "2025-12-31T23:59:59+07:00", "2026-01-01T00:00:00+07:00", "2100-03-01T12:00:00+07:00"] {
            let date = try! Date(text, strategy: .iso8601)
            #expect(CivilTime.day(date) == String(text.prefix(10)))
        }
    }

    @Test("agrees with Calendar on ten thousand instants from 1900 to 2200")
    func agreesWithCalendar() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<10_000 {
            let date = Date(timeIntervalSince1970: Double.random(in: -2_208_988_800...7_258_118_400, using: &generator).rounded())
            #expect(CivilTime.day(date) == Self.byCalendar(date), "\(date.timeIntervalSince1970)")
        }
    }
}
