/// When an expiring option's final value is fixed.
///
/// - `am`: at the opening of the expiry date (09:30 US/Eastern), from the special opening
///   quotation — SPX monthlies, NDX, RUT, VIX and VIXW, DJX.
/// - `pm`: at the close of the expiry date (16:00 US/Eastern, 13:00 on early-close days per
///   `ExchangeCalendar`) — SPXW, NDXP, XSP, equities, ETFs.
public enum SettlementStyle: String, Sendable, Codable, Hashable {
    case am = "AM"
    case pm = "PM"

    /// Roots that settle AM on their expiry date; every other root settles PM.
    public static let amSettledRoots: Set<String> = ["SPX", "NDX", "RUT", "VIX", "VIXW", "DJX"]

    /// The settlement style of an option root (e.g. "SPX" → AM, "SPXW" → PM).
    public static func forRoot(_ root: String) -> SettlementStyle {
        amSettledRoots.contains(root.uppercased()) ? .am : .pm
    }

    /// US/Eastern wall-clock time of settlement on an expiry date, as (hour, minute).
    public func easternTime(on expiry: CivilDate) -> (hour: Int, minute: Int) {
        self == .am ? (9, 30) : ExchangeCalendar.closeTime(on: expiry)
    }

    /// The settlement instant for an expiry date.
    public func settlementInstant(on expiry: CivilDate) -> Instant {
        let (hour, minute) = easternTime(on: expiry)
        // 09:30 and 16:00 are never inside the 02:00–03:00 spring-forward gap.
        return EasternTime.instant(date: expiry, hour: hour, minute: minute)!
    }
}
