// The options trading calendar against the exchanges' published holiday and early-close lists.
//
// | reference (NYSE/Cboe published calendars)                                   |
// |-----------------------------------------------------------------------------|
// | 2012, 2018, 2021–2025 holidays; 2019 and 2024 early closes; Easter dates      |
import MarketModel
import XCTest

final class ExchangeCalendarTests: XCTestCase {
    func dates(_ year: Int, _ pairs: [(Int, Int)]) -> Set<CivilDate> {
        Set(pairs.map { CivilDate(year: year, month: $0.0, day: $0.1)! })
    }

    func weekdayHolidays(_ year: Int) -> Set<CivilDate> {
        var d = CivilDate(year: year, month: 1, day: 1)!
        var out = Set<CivilDate>()
        while d.year == year { if ExchangeCalendar.isHoliday(d) { out.insert(d) }; d = d.adding(days: 1) }
        return out
    }

    func testPublishedHolidayLists() {
        XCTAssertEqual(weekdayHolidays(2023), dates(2023, [(1, 2), (1, 16), (2, 20), (4, 7), (5, 29), (6, 19), (7, 4), (9, 4), (11, 23), (12, 25)]))
        XCTAssertEqual(weekdayHolidays(2024), dates(2024, [(1, 1), (1, 15), (2, 19), (3, 29), (5, 27), (6, 19), (7, 4), (9, 2), (11, 28), (12, 25)]))
        XCTAssertEqual(weekdayHolidays(2025), dates(2025, [(1, 1), (1, 9), (1, 20), (2, 17), (4, 18), (5, 26), (6, 19), (7, 4), (9, 1), (11, 27), (12, 25)]))
        XCTAssertEqual(weekdayHolidays(2022), dates(2022, [(1, 17), (2, 21), (4, 15), (5, 30), (6, 20), (7, 4), (9, 5), (11, 24), (12, 26)]),
                       "2022: New Year on Saturday is not observed; Juneteenth observed Monday")
        XCTAssertEqual(weekdayHolidays(2021), dates(2021, [(1, 1), (1, 18), (2, 15), (4, 2), (5, 31), (7, 5), (9, 6), (11, 25), (12, 24)]))
        XCTAssertTrue(weekdayHolidays(2012).isSuperset(of: dates(2012, [(10, 29), (10, 30), (1, 2), (4, 6)])))
        XCTAssertTrue(ExchangeCalendar.isHoliday(CivilDate(year: 2018, month: 12, day: 5)!))
    }

    func testEarlyCloses() {
        var early: [CivilDate] = []
        for year in [2019, 2024, 2026] {
            var d = CivilDate(year: year, month: 1, day: 1)!
            while d.year == year { if ExchangeCalendar.isEarlyClose(d) { early.append(d) }; d = d.adding(days: 1) }
        }
        XCTAssertEqual(early.map(\.description), ["2019-07-03", "2019-11-29", "2019-12-24",
                                                  "2024-07-03", "2024-11-29", "2024-12-24",
                                                  "2026-11-27", "2026-12-24"])
        XCTAssertEqual(ExchangeCalendar.closeTime(on: CivilDate(year: 2024, month: 11, day: 29)!).hour, 13)
        // SPXW expiring on an early-close day settles at 13:00 ET (18:00Z in November).
        let key = ContractKey(root: "SPXW", expiry: CivilDate(year: 2024, month: 11, day: 29)!, strikeMilli: 6_000_000, right: .call)
        XCTAssertEqual(key.settlementInstant.iso8601, "2024-11-29T18:00:00Z")
    }

    func testEaster() {
        let known = [(2010, 4, 4), (2016, 3, 27), (2019, 4, 21), (2024, 3, 31), (2025, 4, 20), (2030, 4, 21)]
        for (y, m, d) in known { XCTAssertEqual(ExchangeCalendar.easterSunday(year: y), CivilDate(year: y, month: m, day: d)!) }
    }
}
