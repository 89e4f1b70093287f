/// When an expiring option's final value is fixed.
///
/// - `am`: at the opening of the expiry date (09:30 US/Eastern), from the special opening
///   quotation — SPX monthlies, NDX, RUT, VIX, DJX.
/// - `pm`: at the close of the expiry date (16:00 US/Eastern) — SPXW, NDXP, XSP, equities, ETFs.
///
/// Early-close days (13:00 closes) are not modelled yet: PM settlement is taken at 16:00.
public enum SettlementStyle: String, Sendable, Codable, Hashable {
    case am = "AM"
    case pm = "PM"

    /// Roots that settle AM on their expiry date; every other root settles PM.
    public static let amSettledRoots: Set<String> = ["SPX", "NDX", "RUT", "VIX", "DJX"]

    /// The settlement style of an option root (e.g. "SPX" → AM, "SPXW" → PM).
    public static func forRoot(_ root: String) -> SettlementStyle {
        amSettledRoots.contains(root.uppercased()) ? .am : .pm
    }

    /// US/Eastern wall-clock time of settlement on the expiry date, as (hour, minute).
    public var easternTime: (hour: Int, minute: Int) { self == .am ? (9, 30) : (16, 0) }

    /// The settlement instant for an expiry date.
    public func settlementInstant(on expiry: CivilDate) -> Instant {
        let (hour, minute) = easternTime
        // 09:30 and 16:00 are never inside the 02:00–03:00 spring-forward gap.
        return EasternTime.instant(date: expiry, hour: hour, minute: minute)!
    }
}
