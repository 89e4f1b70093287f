import MarketModel

/// Where per-contract volatility comes from in a day run.
public enum VolatilitySource: String, Sendable, Codable, CaseIterable {
    /// Implied from mid quotes (Black-76 on the parity forward, Let's Be Rational), smile-filled.
    case mid
    /// The archive's own implied volatility column (DataShop calcs), smile-filled where missing.
    case vendor
}

/// Every choice behind one snapshot's analytics; recorded in every output's metadata.
public struct SnapshotConfiguration: Sendable {
    /// Dealer positions: a sign preset on opening OI, or intraday flow.
    public var positions: PositionModel = .preset(.classic)
    /// Volatility source.
    public var volatilitySource: VolatilitySource = .mid
    /// Quote filters before implied volatility.
    public var quoteFilter = QuoteFilter()
    /// Put-call parity forward settings.
    public var forwardEstimator = ForwardEstimator()
    /// Rate and yield used when parity cannot give a forward (counted).
    public var fallbackRate = 0.045, fallbackDividendYield = 0.013
    /// Profile grid: points over spot × (1 ± halfWidth).
    public var gridPoints = 201, gridHalfWidth = 0.10
    /// Walls within ±band × spot (nil = all strikes) and among expiries within `wallMaximumDays` (nil = all).
    public var wallBand: Double? = 0.1, wallMaximumDays: Int? = nil
    /// Spot moves for the hedging-flow table, as fractions (±0.25 %, ±0.5 %, ±1 %, ±2 %).
    public var flowMoves: [Double] = [-0.02, -0.01, -0.005, -0.0025, 0.0025, 0.005, 0.01, 0.02]
    /// GEX unit.
    public var unit: ExposureUnit = .dollarsPerOnePercent

    /// Defaults.
    public init() {}
}
