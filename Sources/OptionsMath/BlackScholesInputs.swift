/// One option for the Black–Scholes–Merton formulas.
///
/// Units: `spot` and `strike` in price units; `time` in years (ACT/365 of 86,400 s);
/// `volatility`, `rate` and `dividendYield` per unit per year, continuously compounded
/// (0.20 = 20 %).
public struct BlackScholesInputs: Sendable, Equatable {
    /// Spot price S of the underlying (> 0).
    public var spot: Double
    /// Strike K (> 0).
    public var strike: Double
    /// Time to expiry T in years (ACT/365, 86,400-second days).
    public var time: Double
    /// Volatility σ per unit (0.20 = 20 %).
    public var volatility: Double
    /// Risk-free rate r, continuous.
    public var rate: Double
    /// Dividend yield (or carry) q, continuous.
    public var dividendYield: Double
    /// Call or put.
    public var right: OptionRight

    /// Creates the inputs; see the property docs for units.
    public init(spot: Double, strike: Double, time: Double, volatility: Double,
                rate: Double = 0, dividendYield: Double = 0, right: OptionRight) {
        self.spot = spot
        self.strike = strike
        self.time = time
        self.volatility = volatility
        self.rate = rate
        self.dividendYield = dividendYield
        self.right = right
    }
}
