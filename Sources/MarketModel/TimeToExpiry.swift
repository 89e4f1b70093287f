/// How time to expiry is measured, in years.
///
/// - `exactSeconds`: seconds from the valuation instant to the settlement instant divided by
///   365 × 86,400 (ACT/365 of 86,400-second days). 0DTE options are valued to the second.
/// - `businessDays262`: Perfiliev's published convention — weekdays from the valuation date
///   (inclusive) to the expiry date (exclusive), holidays ignored, divided by 262, with a floor
///   of 1/262 when the count is 0 (same-day expiries).
public enum TimeToExpiry: String, Sendable, Codable, Hashable {
    case exactSeconds = "exact-seconds-act365"
    case businessDays262 = "business-days-262"

    /// Seconds in the ACT/365 year.
    public static let secondsPerYear = 365.0 * 86_400.0

    /// Years from `valuation` to the settlement of an option expiring on `expiry`.
    /// Non-positive for an option that has already settled (exact convention).
    public func years(from valuation: Instant, to settlement: Instant, expiry: CivilDate) -> Double {
        switch self {
        case .exactSeconds:
            return Double(valuation.seconds(until: settlement)) / TimeToExpiry.secondsPerYear
        case .businessDays262:
            let valuationDate = EasternTime.wallClock(of: valuation).date
            let days = CivilDate.weekdayCount(from: valuationDate, to: expiry)
            return days == 0 ? 1.0 / 262.0 : Double(days) / 262.0
        }
    }
}
