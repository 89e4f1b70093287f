/// A point in time: whole seconds since 1970-01-01T00:00:00Z (UTC, no leap seconds).
public struct Instant: Hashable, Comparable, Sendable, Codable {
    /// Seconds since the Unix epoch.
    public let secondsSinceEpoch: Int64

    /// Wraps a count of seconds since the Unix epoch.
    public init(secondsSinceEpoch: Int64) { self.secondsSinceEpoch = secondsSinceEpoch }

    /// The instant at a UTC wall-clock time.
    public init(utcDate date: CivilDate, hour: Int, minute: Int, second: Int = 0) {
        secondsSinceEpoch = Int64(date.daysSinceEpoch) * 86_400
            + Int64(hour * 3600 + minute * 60 + second)
    }

    /// Seconds from `self` to `later` (negative when `later` is earlier).
    public func seconds(until later: Instant) -> Int64 { later.secondsSinceEpoch - secondsSinceEpoch }

    /// The instant `seconds` later.
    public func adding(seconds: Int64) -> Instant { Instant(secondsSinceEpoch: secondsSinceEpoch + seconds) }

    /// UTC calendar date.
    public var utcDate: CivilDate {
        CivilDate(daysSinceEpoch: Int((secondsSinceEpoch - ((secondsSinceEpoch % 86_400) + 86_400) % 86_400) / 86_400))
    }

    /// ISO 8601 in UTC, `YYYY-MM-DDTHH:MM:SSZ`.
    public var iso8601: String {
        let secondOfDay = Int(((secondsSinceEpoch % 86_400) + 86_400) % 86_400)
        return "\(utcDate)T\(twoDigits(secondOfDay / 3600)):\(twoDigits(secondOfDay / 60 % 60)):\(twoDigits(secondOfDay % 60))Z"
    }

    public static func < (a: Instant, b: Instant) -> Bool { a.secondsSinceEpoch < b.secondsSinceEpoch }
}

/// Zero-padded two-digit decimal.
func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
