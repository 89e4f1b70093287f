import MarketModel

/// What `gex generate` makes: one underlying's trading day.
public struct SyntheticDayConfiguration: Sendable {
    /// Underlying symbol (index roots follow SPX conventions: SPX AM monthlies + SPXW PM).
    public var underlying = "SPX"
    /// Trading date (must be an exchange trading day).
    public var date = CivilDate(year: 2024, month: 1, day: 19)!
    /// Approximate number of contracts (calls + puts) listed.
    public var contracts = 21_000
    /// Seconds between snapshots (DataShop intervals: 60 … 3600).
    public var intervalSeconds = 60
    /// Seed: the same seed gives the same bytes.
    public var seed: UInt64 = 1
    /// Probability that a row carries a defect (0 = clean).
    public var defectRate = 0.0
    /// Opening spot.
    public var openingSpot = 4_750.0
    /// Continuous risk-free rate and dividend yield used to price.
    public var rate = 0.053, dividendYield = 0.014
    /// Annualised volatility of the underlying path.
    public var pathVolatility = 0.14

    /// Defaults (an SPX-size day).
    public init() {}
}
