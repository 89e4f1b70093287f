/// US/Eastern wall-clock time (America/New_York), where US options trade and settle.
///
/// Daylight saving follows the US rules: from 2007, second Sunday of March 02:00 EST to first
/// Sunday of November 02:00 EDT; 1987–2006, first Sunday of April to last Sunday of October.
/// Wall-clock times in the spring-forward gap do not exist and are rejected; times in the
/// autumn repeated hour resolve to the first (EDT) occurrence, as is conventional.
public enum EasternTime {
    /// UTC offset in seconds of Eastern Standard Time.
    public static let standardOffset: Int64 = -5 * 3600
    /// UTC offset in seconds of Eastern Daylight Time.
    public static let daylightOffset: Int64 = -4 * 3600

    /// The instant for an Eastern wall-clock time, or nil inside the spring-forward gap.
    public static func instant(date: CivilDate, hour: Int, minute: Int, second: Int = 0) -> Instant? {
        let wall = Instant(utcDate: date, hour: hour, minute: minute, second: second).secondsSinceEpoch
        let (start, end) = daylightBounds(year: date.year)
        let local = Int64(hour * 3600 + minute * 60 + second)
        let day = date.daysSinceEpoch
        if let start, day == start.daysSinceEpoch, local >= 7200, local < 10800 { return nil }
        let isDaylight: Bool = {
            guard let start, let end else { return false }
            let afterStart = day > start.daysSinceEpoch || (day == start.daysSinceEpoch && local >= 10800)
            let beforeEnd = day < end.daysSinceEpoch || (day == end.daysSinceEpoch && local < 7200)
            return afterStart && beforeEnd
        }()
        return Instant(secondsSinceEpoch: wall - (isDaylight ? daylightOffset : standardOffset))
    }

    /// The UTC offset (seconds) in force at an instant.
    public static func offset(at instant: Instant) -> Int64 {
        let standardWall = instant.adding(seconds: standardOffset)
        let date = standardWall.utcDate
        let (start, end) = daylightBounds(year: date.year)
        guard let start, let end else { return standardOffset }
        // DST starts at 02:00 EST wall time and ends at 02:00 EDT = 01:00 EST wall time.
        let startUTC = Instant(utcDate: start, hour: 2, minute: 0).adding(seconds: -standardOffset)
        let endUTC = Instant(utcDate: end, hour: 1, minute: 0).adding(seconds: -standardOffset)
        return instant >= startUTC && instant < endUTC ? daylightOffset : standardOffset
    }

    /// Eastern wall clock of an instant: date and seconds after local midnight.
    public static func wallClock(of instant: Instant) -> (date: CivilDate, secondOfDay: Int) {
        let local = instant.adding(seconds: offset(at: instant))
        let s = Int(((local.secondsSinceEpoch % 86_400) + 86_400) % 86_400)
        return (local.utcDate, s)
    }

    /// ISO 8601 with the Eastern offset, e.g. `2023-09-14T16:31:00-04:00`.
    public static func iso8601(_ instant: Instant) -> String {
        let (date, s) = wallClock(of: instant)
        let offsetHours = Int(-offset(at: instant) / 3600)
        return "\(date)T\(twoDigits(s / 3600)):\(twoDigits(s / 60 % 60)):\(twoDigits(s % 60))-\(twoDigits(offsetHours)):00"
    }

    /// First and last day of daylight saving in `year` (nil before 1987: not modelled).
    static func daylightBounds(year: Int) -> (CivilDate?, CivilDate?) {
        if year >= 2007 {
            return (nthSunday(2, month: 3, year: year), nthSunday(1, month: 11, year: year))
        }
        if year >= 1987 {
            return (nthSunday(1, month: 4, year: year), lastSunday(month: 10, year: year))
        }
        return (nil, nil)
    }

    static func nthSunday(_ n: Int, month: Int, year: Int) -> CivilDate? {
        guard let first = CivilDate(year: year, month: month, day: 1) else { return nil }
        let toSunday = (7 - first.isoWeekday) % 7
        return first.adding(days: toSunday + 7 * (n - 1))
    }

    static func lastSunday(month: Int, year: Int) -> CivilDate? {
        guard let last = CivilDate(year: year, month: month, day: CivilDate.daysIn(month: month, year: year))
        else { return nil }
        return last.adding(days: -(last.isoWeekday % 7))
    }
}
