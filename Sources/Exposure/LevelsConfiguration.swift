import MarketModel

/// The method family used to compute levels from one chain.
public enum LevelsConvention: String, Sendable, Codable, CaseIterable {
    /// Our default: ≥ 200 profile levels, exact seconds to each settlement instant, r and q as
    /// parameters, every root of the repriced profile refined to 1e-9 × spot, walls in a band.
    case exact
    /// Perfiliev's published recipe (domain.md §5) reproduced exactly: 60 levels over 0.8–1.2 ×
    /// spot, r = q = 0, business days / 262 with a 1/262 floor, zero gamma = first sign change of
    /// the profile by linear interpolation, net GEX and walls from the file's gamma, walls unbounded.
    case perfiliev
}

/// Where the per-contract gamma used for net GEX, by-strike/by-expiry tables and walls comes from.
/// The profile over hypothetical spots is always repriced by the model.
public enum GammaSource: String, Sendable, Codable, CaseIterable {
    /// Our Black–Scholes–Merton gamma from the file's implied volatility.
    case model
    /// The gamma column the data vendor supplied.
    case file
}

/// Every choice that shapes a levels computation; recorded in every output.
public struct LevelsConfiguration: Sendable, Codable {
    /// Method family.
    public var convention: LevelsConvention
    /// Dealer position sign preset.
    public var dealerSign: DealerSign
    /// Gamma for net GEX, tables and walls.
    public var gammaSource: GammaSource
    /// Continuously compounded risk-free rate.
    public var rate: Double
    /// Continuous dividend yield.
    public var dividendYield: Double
    /// Number of hypothetical spot levels in the profile grid.
    public var gridPoints: Int
    /// The grid spans spot × (1 − gridHalfWidth) … spot × (1 + gridHalfWidth).
    public var gridHalfWidth: Double
    /// Walls only among strikes with |K − spot| ≤ wallBand × spot; nil = all strikes.
    public var wallBand: Double?
    /// Time-to-expiry measure.
    public var timeToExpiry: TimeToExpiry
    /// Unit of every GEX figure.
    public var unit: ExposureUnit

    /// Creates a configuration; see the property docs.
    public init(convention: LevelsConvention, dealerSign: DealerSign, gammaSource: GammaSource,
                rate: Double, dividendYield: Double, gridPoints: Int, gridHalfWidth: Double,
                wallBand: Double?, timeToExpiry: TimeToExpiry,
                unit: ExposureUnit = .dollarsPerOnePercent) {
        self.convention = convention
        self.dealerSign = dealerSign
        self.gammaSource = gammaSource
        self.rate = rate
        self.dividendYield = dividendYield
        self.gridPoints = gridPoints
        self.gridHalfWidth = gridHalfWidth
        self.wallBand = wallBand
        self.timeToExpiry = timeToExpiry
        self.unit = unit
    }

    /// The default convention: 401 levels over ±20 % of spot, exact time, model gamma, walls
    /// within ±10 % of spot, r = 4 %, q = 1.3 % (override per run; a per-expiry forward from
    /// put-call parity replaces these in the day pipeline).
    public static let exact = LevelsConfiguration(
        convention: .exact, dealerSign: .classic, gammaSource: .model, rate: 0.04,
        dividendYield: 0.013, gridPoints: 401, gridHalfWidth: 0.2, wallBand: 0.1,
        timeToExpiry: .exactSeconds)

    /// Perfiliev's published method, exactly.
    public static let perfiliev = LevelsConfiguration(
        convention: .perfiliev, dealerSign: .classic, gammaSource: .file, rate: 0, dividendYield: 0,
        gridPoints: 60, gridHalfWidth: 0.2, wallBand: nil, timeToExpiry: .businessDays262)
}
