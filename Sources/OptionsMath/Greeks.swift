/// Price and sensitivities of one option, per share (multiply by the contract multiplier for
/// per-contract values). Units follow the reference set (`Tests/OptionsMathTests/Fixtures`):
/// vega per 1.00 of volatility, theta and charm per year of calendar time passing, rho per 1.00
/// of rate.
public struct Greeks: Sendable, Equatable {
    /// Option value.
    public var price: Double
    /// ∂V/∂S.
    public var delta: Double
    /// ∂²V/∂S² (identical for calls and puts).
    public var gamma: Double
    /// ∂V/∂σ per 1.00 of volatility.
    public var vega: Double
    /// ∂V/∂t, calendar time passing, per year.
    public var theta: Double
    /// ∂²V/∂S∂σ.
    public var vanna: Double
    /// ∂Δ/∂t, calendar time passing, per year.
    public var charm: Double
    /// ∂V/∂r per 1.00 of rate.
    public var rho: Double

    /// All-zero greeks.
    public static let zero = Greeks(price: 0, delta: 0, gamma: 0, vega: 0, theta: 0, vanna: 0,
                                    charm: 0, rho: 0)

    /// Memberwise initialiser.
    public init(price: Double, delta: Double, gamma: Double, vega: Double, theta: Double,
                vanna: Double, charm: Double, rho: Double) {
        self.price = price
        self.delta = delta
        self.gamma = gamma
        self.vega = vega
        self.theta = theta
        self.vanna = vanna
        self.charm = charm
        self.rho = rho
    }
}
