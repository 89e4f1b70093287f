/// A proleptic Gregorian calendar date with no time zone (an expiry date, a trading date).
///
/// Conversions use the days-from-civil algorithm on a 400-year era, exact for years 1…9999.
public struct CivilDate: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// Four-digit year.
    public let year: Int
    /// Month 1…12.
    public let month: Int
    /// Day of month 1…31.
    public let day: Int
    /// Days since 1970-01-01 (negative before it), fixed at construction: dates are compared,
    /// hashed and differenced on the hot paths of every reader.
    public let daysSinceEpoch: Int

    /// A date if the triple names a real calendar day, else nil.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              day >= 1, day <= CivilDate.daysIn(month: month, year: year) else { return nil }
        self.year = year
        self.month = month
        self.day = day
        self.daysSinceEpoch = CivilDate.days(year: year, month: month, day: day)
    }

    private enum CodingKeys: String, CodingKey { case year, month, day }

    /// Decodes `{year, month, day}`, refusing a triple that names no calendar day.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let (y, m, d) = (try c.decode(Int.self, forKey: .year), try c.decode(Int.self, forKey: .month), try c.decode(Int.self, forKey: .day))
        guard let date = CivilDate(year: y, month: m, day: d) else {
            throw DecodingError.dataCorruptedError(forKey: .day, in: c, debugDescription: "\(y)-\(m)-\(d) is not a calendar day")
        }
        self = date
    }

    /// Encodes `{year, month, day}`.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(year, forKey: .year)
        try c.encode(month, forKey: .month)
        try c.encode(day, forKey: .day)
    }

    /// The date `days` days after 1970-01-01 (negative before it).
    public init(daysSinceEpoch days: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        day = dayOfYear - (153 * mp + 2) / 5 + 1
        month = mp < 10 ? mp + 3 : mp - 9
        year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        daysSinceEpoch = days
    }

    /// Days since 1970-01-01 of a valid (year, month, day) (days-from-civil).
    static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let mp = (month + 9) % 12
        let dayOfYear = (153 * mp + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// ISO weekday: 1 = Monday … 7 = Sunday.
    public var isoWeekday: Int {
        let d = daysSinceEpoch  // 1970-01-01 was a Thursday (4)
        return ((d % 7 + 7) % 7 + 3) % 7 + 1
    }

    /// True on Saturdays and Sundays.
    public var isWeekend: Bool { isoWeekday >= 6 }

    /// True for the third Friday of the month (the standard monthly expiry): a Friday on day 15…21.
    public var isThirdFriday: Bool { isoWeekday == 5 && (15...21).contains(day) }

    /// The date `count` days later (earlier when negative).
    public func adding(days count: Int) -> CivilDate { CivilDate(daysSinceEpoch: daysSinceEpoch + count) }

    /// Number of days in a month, leap years included.
    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Weekdays (Monday–Friday) in [from, to), negative when `to` precedes `from`; no holidays.
    /// Matches `numpy.busday_count` with its default weekmask.
    public static func weekdayCount(from start: CivilDate, to end: CivilDate) -> Int {
        if end < start { return -weekdayCount(from: end, to: start) }
        let totalDays = end.daysSinceEpoch - start.daysSinceEpoch
        var count = (totalDays / 7) * 5
        var weekday = start.isoWeekday
        for _ in 0..<(totalDays % 7) {
            if weekday <= 5 { count += 1 }
            weekday = weekday % 7 + 1
        }
        return count
    }

    public static func < (a: CivilDate, b: CivilDate) -> Bool {
        a.daysSinceEpoch < b.daysSinceEpoch
    }

    public static func == (a: CivilDate, b: CivilDate) -> Bool { a.daysSinceEpoch == b.daysSinceEpoch }

    public func hash(into hasher: inout Hasher) { hasher.combine(daysSinceEpoch) }

    /// ISO 8601 `YYYY-MM-DD`.
    public var description: String {
        let m = month < 10 ? "0\(month)" : "\(month)"
        let d = day < 10 ? "0\(day)" : "\(day)"
        return "\(year)-\(m)-\(d)"
    }
}
