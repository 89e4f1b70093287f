/// The US equity and index options trading calendar (NYSE/Cboe holidays and 13:00 early closes).
///
/// Rules, valid 2010–2030 (outside that range the rule-based holidays are still produced, but
/// one-off closures are only listed for 2010–2030):
/// - New Year's Day (Sunday → Monday; Saturday → not observed), Martin Luther King Jr. Day
///   (3rd Monday of January), Presidents' Day (3rd Monday of February), Good Friday, Memorial Day
///   (last Monday of May), Juneteenth (from 2022), Independence Day, Labor Day (1st Monday of
///   September), Thanksgiving (4th Thursday of November), Christmas — fixed-date holidays move to
///   Friday when on Saturday and to Monday when on Sunday.
/// - One-off closures: 2012-10-29/30 (Hurricane Sandy), 2018-12-05 (President Bush),
///   2025-01-09 (President Carter).
/// - Early closes at 13:00 ET: July 3 when it falls Monday–Thursday, the day after Thanksgiving,
///   and December 24 when it falls Monday–Thursday.
public enum ExchangeCalendar {
    /// One-off full-day closures.
    public static let specialClosures: Set<CivilDate> = [
        CivilDate(year: 2012, month: 10, day: 29)!, CivilDate(year: 2012, month: 10, day: 30)!,
        CivilDate(year: 2018, month: 12, day: 5)!, CivilDate(year: 2025, month: 1, day: 9)!,
    ]

    /// True on a weekday when the exchange is open.
    public static func isTradingDay(_ date: CivilDate) -> Bool {
        !date.isWeekend && !isHoliday(date)
    }

    /// True on an exchange holiday (weekdays only; weekends are not holidays).
    public static func isHoliday(_ date: CivilDate) -> Bool {
        if date.isWeekend { return false }
        if specialClosures.contains(date) { return true }
        return holidays(year: date.year).contains(date)
    }

    /// True on a 13:00 early-close day.
    public static func isEarlyClose(_ date: CivilDate) -> Bool {
        guard isTradingDay(date) else { return false }
        let weekday = date.isoWeekday
        if date.month == 7, date.day == 3, weekday <= 4 { return true }
        if date.month == 12, date.day == 24, weekday <= 4 { return true }
        if let thanksgiving = nthWeekday(4, weekday: 4, month: 11, year: date.year), date == thanksgiving.adding(days: 1) { return true }
        return false
    }

    /// The close of regular trading, as US/Eastern (hour, minute): 16:00, or 13:00 on early-close days.
    public static func closeTime(on date: CivilDate) -> (hour: Int, minute: Int) {
        isEarlyClose(date) ? (13, 0) : (16, 0)
    }

    /// Holidays of 1990–2060, computed once (settlement instants are asked for per quote row).
    static let holidayTable: [Int: Set<CivilDate>] = Dictionary(uniqueKeysWithValues: (1990...2060).map { ($0, computeHolidays(year: $0)) })

    /// The rule-based holidays of a year (observed dates).
    public static func holidays(year: Int) -> Set<CivilDate> {
        holidayTable[year] ?? computeHolidays(year: year)
    }

    static func computeHolidays(year: Int) -> Set<CivilDate> {
        var days = Set<CivilDate>()
        func observed(_ month: Int, _ day: Int) {
            guard let d = CivilDate(year: year, month: month, day: day) else { return }
            switch d.isoWeekday {
            case 6: if !(month == 1 && day == 1) { days.insert(d.adding(days: -1)) }  // New Year on Saturday: not observed
            case 7: days.insert(d.adding(days: 1))
            default: days.insert(d)
            }
        }
        observed(1, 1)
        observed(7, 4)
        observed(12, 25)
        if year >= 2022 { observed(6, 19) }
        for (n, month) in [(3, 1), (3, 2)] { if let d = nthWeekday(n, weekday: 1, month: month, year: year) { days.insert(d) } }
        if let d = lastWeekday(1, month: 5, year: year) { days.insert(d) }
        if let d = nthWeekday(1, weekday: 1, month: 9, year: year) { days.insert(d) }
        if let d = nthWeekday(4, weekday: 4, month: 11, year: year) { days.insert(d) }
        days.insert(easterSunday(year: year).adding(days: -2))
        return days
    }

    /// Easter Sunday (Gregorian computus, Meeus/Jones/Butcher).
    public static func easterSunday(year: Int) -> CivilDate {
        let a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4
        let f = (b + 8) / 25, g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30
        let i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7
        let m = (a + 11 * h + 22 * l) / 451
        let month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1
        return CivilDate(year: year, month: month, day: day)!
    }

    /// The n-th given ISO weekday (1 = Monday) of a month.
    static func nthWeekday(_ n: Int, weekday: Int, month: Int, year: Int) -> CivilDate? {
        guard let first = CivilDate(year: year, month: month, day: 1) else { return nil }
        return first.adding(days: (weekday - first.isoWeekday + 7) % 7 + 7 * (n - 1))
    }

    /// The last given ISO weekday of a month.
    static func lastWeekday(_ weekday: Int, month: Int, year: Int) -> CivilDate? {
        guard let last = CivilDate(year: year, month: month, day: CivilDate.daysIn(month: month, year: year)) else { return nil }
        return last.adding(days: -((last.isoWeekday - weekday + 7) % 7))
    }
}
