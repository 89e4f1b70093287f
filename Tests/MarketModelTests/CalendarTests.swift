// Civil dates, US/Eastern time and business-day counts against independent facts.
//
// | check                         | reference                                          |
// |-------------------------------|----------------------------------------------------|
// | days since epoch              | 2000-03-01 = 11,017; 2023-09-14 = 19,614 (date -d) |
// | weekdays                      | known calendar days                                |
// | weekdayCount                  | brute-force day-by-day loop (numpy.busday_count)   |
// | DST transitions               | 2023-03-12 02:00 gap; 2023-11-05 01:00 repeated    |
// | ET → UTC                      | 16:31 EDT = 20:31Z; 09:30 EST = 14:30Z             |
import MarketModel
import XCTest

final class CalendarTests: XCTestCase {
    func testDaysSinceEpochRoundTrip() {
        XCTAssertEqual(CivilDate(year: 1970, month: 1, day: 1)!.daysSinceEpoch, 0)
        XCTAssertEqual(CivilDate(year: 2000, month: 3, day: 1)!.daysSinceEpoch, 11_017)
        XCTAssertEqual(CivilDate(year: 2023, month: 9, day: 14)!.daysSinceEpoch, 19_614)
        for days in stride(from: -800_000, through: 2_900_000, by: 997) {
            XCTAssertEqual(CivilDate(daysSinceEpoch: days).daysSinceEpoch, days)
        }
        XCTAssertNil(CivilDate(year: 2023, month: 2, day: 29))
        XCTAssertNotNil(CivilDate(year: 2024, month: 2, day: 29))
        XCTAssertNil(CivilDate(year: 2100, month: 2, day: 29))
    }

    func testWeekdaysAndThirdFridays() {
        XCTAssertEqual(CivilDate(year: 2023, month: 9, day: 14)!.isoWeekday, 4)  // Thursday
        XCTAssertEqual(CivilDate(year: 2022, month: 6, day: 11)!.isoWeekday, 6)  // Saturday
        XCTAssertEqual(CivilDate(year: 1970, month: 1, day: 1)!.isoWeekday, 4)
        XCTAssertTrue(CivilDate(year: 2023, month: 9, day: 15)!.isThirdFriday)
        XCTAssertFalse(CivilDate(year: 2023, month: 9, day: 22)!.isThirdFriday)
        XCTAssertTrue(CivilDate(year: 2024, month: 1, day: 19)!.isThirdFriday)
    }

    func testWeekdayCountMatchesBruteForce() {
        let start = CivilDate(year: 2022, month: 6, day: 1)!
        for a in 0..<20 {
            for length in 0..<40 {
                let from = start.adding(days: a), to = from.adding(days: length)
                var brute = 0
                var d = from
                while d < to { if !d.isWeekend { brute += 1 }; d = d.adding(days: 1) }
                XCTAssertEqual(CivilDate.weekdayCount(from: from, to: to), brute)
                XCTAssertEqual(CivilDate.weekdayCount(from: to, to: from), -brute)
            }
        }
    }

    func testEasternTimeConversionsAndDST() {
        let sep14 = CivilDate(year: 2023, month: 9, day: 14)!
        XCTAssertEqual(EasternTime.instant(date: sep14, hour: 16, minute: 31)!.iso8601, "2023-09-14T20:31:00Z")
        let jan = CivilDate(year: 2024, month: 1, day: 19)!
        XCTAssertEqual(EasternTime.instant(date: jan, hour: 9, minute: 30)!.iso8601, "2024-01-19T14:30:00Z")
        let springForward = CivilDate(year: 2023, month: 3, day: 12)!
        XCTAssertNil(EasternTime.instant(date: springForward, hour: 2, minute: 30), "02:30 does not exist")
        XCTAssertEqual(EasternTime.instant(date: springForward, hour: 1, minute: 59)!.iso8601, "2023-03-12T06:59:00Z")
        XCTAssertEqual(EasternTime.instant(date: springForward, hour: 3, minute: 0)!.iso8601, "2023-03-12T07:00:00Z")
        let fallBack = CivilDate(year: 2023, month: 11, day: 5)!
        XCTAssertEqual(EasternTime.instant(date: fallBack, hour: 1, minute: 30)!.iso8601, "2023-11-05T05:30:00Z")
        XCTAssertEqual(EasternTime.instant(date: fallBack, hour: 2, minute: 30)!.iso8601, "2023-11-05T07:30:00Z")
        // 2006 rules: DST began on the first Sunday of April.
        XCTAssertEqual(EasternTime.instant(date: CivilDate(year: 2006, month: 3, day: 20)!, hour: 12, minute: 0)!.iso8601,
                       "2006-03-20T17:00:00Z")
        // Round trip through the wall clock, every 5 hours of two years.
        var t = Instant(utcDate: CivilDate(year: 2022, month: 1, day: 1)!, hour: 0, minute: 0)
        for _ in 0..<(2 * 365 * 24 / 5) {
            let (date, s) = EasternTime.wallClock(of: t)
            let back = EasternTime.instant(date: date, hour: s / 3600, minute: s / 60 % 60, second: s % 60)
            if let back { XCTAssertTrue(back == t || back.seconds(until: t) == 3600, "\(t.iso8601)") }
            t = t.adding(seconds: 5 * 3600)
        }
        XCTAssertEqual(EasternTime.iso8601(EasternTime.instant(date: sep14, hour: 16, minute: 31)!), "2023-09-14T16:31:00-04:00")
    }
}
