import MarketModel

/// Everything `gex levels` computes from one chain, in `configuration.unit` for every GEX figure.
public struct LevelsReport: Sendable {
    /// The choices the numbers depend on.
    public let configuration: LevelsConfiguration
    /// Underlying as named by the source.
    public let underlying: String
    /// Valuation instant.
    public let asOf: Instant
    /// Spot used.
    public let spot: Double
    /// Σ of per-contract GEX at spot (gamma from `configuration.gammaSource`).
    public let netGEX: Double
    /// Σ over calls.
    public let callGEX: Double
    /// Σ over puts.
    public let putGEX: Double
    /// By strike, ascending.
    public let byStrike: [StrikeExposure]
    /// By expiry, ascending.
    public let byExpiry: [ExpiryExposure]
    /// Profile over hypothetical spots, every variant.
    public let profile: GammaProfile
    /// Zero Gamma: perfiliev → first crossing; exact → root nearest spot. Nil when none in range.
    public let zeroGamma: Double?
    /// Every root found, ascending.
    public let zeroGammas: [Double]
    /// The "all" profile at spot (repriced exactly) and the regime it implies.
    public let profileAtSpot: Double
    /// Regime at spot.
    public let regime: GammaRegime
    /// Walls.
    public let walls: Walls
    /// Contracts used.
    public let contractCount: Int
    /// Contracts whose volatility was unusable (no model gamma).
    public let missingVolatility: Int
    /// Contracts whose vendor gamma was missing (counted as 0) when `gammaSource == .file`.
    public let missingVendorGamma: Int
}

extension LevelsReport {
    /// Why `zeroGamma` is nil ("no zero gamma within ±20 % of spot", or an identically zero
    /// profile), nil when there is a Zero Gamma.
    public var zeroGammaNote: String? {
        ZeroGamma.absenceNote(roots: zeroGammas, profile: profile.curve(.all), halfWidth: configuration.gridHalfWidth)
    }
}
