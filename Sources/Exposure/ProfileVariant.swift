import MarketModel

/// Which contracts a gamma profile sums over.
public enum ProfileVariant: String, Sendable, Codable, CaseIterable {
    /// Every contract.
    case all
    /// Without the nearest expiry date (what the profile becomes after the next expiration).
    case exNextExpiry = "ex-next-expiry"
    /// Without the nearest standard monthly expiry (third Friday), SPX AM and SPXW PM alike.
    case exNextMonthly = "ex-next-monthly"
    /// Only contracts expiring on the valuation date (US/Eastern).
    case zeroDTE = "0dte"
    /// Expiry 1–7 calendar days after the valuation date (US/Eastern dates).
    case dte1To7 = "dte-1-7"
    /// Expiry 8–30 calendar days after the valuation date.
    case dte8To30 = "dte-8-30"
    /// Expiry 31–90 calendar days after the valuation date.
    case dte31To90 = "dte-31-90"
    /// Expiry more than 90 calendar days after the valuation date.
    case dteOver90 = "dte-91-plus"

    /// The calendar-day bucket of this variant (nil for the first four variants).
    public var daysToExpiry: ClosedRange<Int>? {
        switch self {
        case .dte1To7: 1...7
        case .dte8To30: 8...30
        case .dte31To90: 31...90
        case .dteOver90: 91...Int.max
        default: nil
        }
    }

    /// Membership (0 or 1) of every contract of `chain` in each variant, as a
    /// contracts × variants matrix in `allCases` order.
    public static func membership(of chain: ChainSnapshot) -> Matrix01 {
        membership(keys: chain.keys, asOf: chain.asOf)
    }

    /// Membership of contracts `keys` valued at `asOf` (see `membership(of:)`).
    public static func membership(keys: [ContractKey], asOf: Instant) -> Matrix01 {
        membership(expiries: keys.map(\.expiry), asOf: asOf)
    }

    /// Membership of contracts with expiry dates `expiries` valued at `asOf` (see `membership(of:)`):
    /// membership depends on the expiry date alone, so each distinct date's row is worked out once and
    /// copied to its contracts (looked up only where the date changes from one contract to the next).
    public static func membership(expiries: [CivilDate], asOf: Instant) -> Matrix01 {
        var distinct = Set<CivilDate>()
        var last: CivilDate?
        for expiry in expiries where expiry != last {
            distinct.insert(expiry)
            last = expiry
        }
        let sorted = distinct.sorted()
        let nextExpiry = sorted.first
        let nextMonthly = sorted.first(where: \.isThirdFriday)
        let today = EasternTime.wallClock(of: asOf).date
        let width = allCases.count
        var rowOf: [CivilDate: Int] = [:]
        var rows: [Double] = []
        for (r, expiry) in sorted.enumerated() {
            rowOf[expiry] = r
            for variant in allCases {
                let member: Bool
                switch variant {
                case .all: member = true
                case .exNextExpiry: member = expiry != nextExpiry
                case .exNextMonthly: member = expiry != nextMonthly
                case .zeroDTE: member = expiry == today
                case .dte1To7, .dte8To30, .dte31To90, .dteOver90:
                    member = variant.daysToExpiry!.contains(expiry.daysSinceEpoch - today.daysSinceEpoch)
                }
                rows.append(member ? 1 : 0)
            }
        }
        var flags = [Double](repeating: 0, count: expiries.count * width)
        var current: (expiry: CivilDate, row: Int)?
        for (i, expiry) in expiries.enumerated() {
            let row: Int
            if let c = current, c.expiry == expiry { row = c.row } else {
                row = rowOf[expiry]!
                current = (expiry, row)
            }
            for v in 0..<width { flags[i * width + v] = rows[row * width + v] }
        }
        return Matrix01(rows: expiries.count, columns: width, flags: flags)
    }
}

/// A row-major 0/1 matrix (contracts × variants).
public struct Matrix01: Sendable {
    /// Rows (contracts).
    public let rows: Int
    /// Columns (variants).
    public let columns: Int
    /// Row-major 0/1 values.
    public let flags: [Double]

    /// A `rows × columns` membership from row-major 0/1 `flags` (`rows · columns` values).
    public init(rows: Int, columns: Int, flags: [Double]) {
        precondition(flags.count == rows * columns, "Matrix01: \(flags.count) flags for \(rows) × \(columns)")
        self.rows = rows
        self.columns = columns
        self.flags = flags
    }
}
