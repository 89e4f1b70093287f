import RealModule

/// Scalar Black–Scholes–Merton (continuous r and q): the reference implementation that the
/// batch kernels are tested against, and the engine of the first `gex levels` slice.
///
/// Accuracy contract (tested against mpmath at 50 digits, `Tests/OptionsMathTests`):
/// gamma, delta and vega to ≤ 1e-12 relative wherever |d1| ≤ 8 (beyond that the density itself
/// carries the rounding of d1, ~|d1|²·ε relative); price, theta, vanna, charm and rho to ≤ 1e-9
/// relative above an absolute floor of 1e-12 × S.
///
/// Edge behaviour: T ≤ 0 or σ ≤ 0 returns the expired/intrinsic limit (price = intrinsic of the
/// forward, gamma = vega = vanna = 0); NaN in any input gives NaN outputs; S ≤ 0 or K ≤ 0 gives NaN.
public enum BlackScholes {
    /// d1 and the total standard deviation σ√T.
    @inlinable
    public static func d1(_ o: BlackScholesInputs) -> (d1: Double, stdDev: Double) {
        let stdDev = o.volatility * o.time.squareRoot()
        let d1 = (Double.log(o.spot / o.strike)
            + (o.rate - o.dividendYield + 0.5 * o.volatility * o.volatility) * o.time) / stdDev
        return (d1, stdDev)
    }

    /// Gamma ∂²V/∂S² per share: e^{−qT} φ(d1) / (S σ √T). Zero when T ≤ 0 or σ ≤ 0.
    @inlinable
    public static func gamma(_ o: BlackScholesInputs) -> Double {
        if o.spot.isNaN || o.strike.isNaN || o.time.isNaN || o.volatility.isNaN
            || o.rate.isNaN || o.dividendYield.isNaN { return .nan }
        guard o.spot > 0, o.strike > 0 else { return .nan }
        guard o.time > 0, o.volatility > 0 else { return 0 }
        let (d1, stdDev) = d1(o)
        return Double.exp(-o.dividendYield * o.time) * StandardNormal.pdf(d1) / (o.spot * stdDev)
    }

    /// Every greek of one option in one pass. See the type's accuracy contract.
    public static func greeks(_ o: BlackScholesInputs) -> Greeks {
        let inputs = [o.spot, o.strike, o.time, o.volatility, o.rate, o.dividendYield]
        if inputs.contains(where: \.isNaN) || o.spot <= 0 || o.strike <= 0 {
            return Greeks(price: .nan, delta: .nan, gamma: .nan, vega: .nan, theta: .nan,
                          vanna: .nan, charm: .nan, rho: .nan)
        }
        let w = o.right.sign
        let S = o.spot, K = o.strike, T = o.time, r = o.rate, q = o.dividendYield
        let dividendDiscount = Double.exp(-q * T), discount = Double.exp(-r * T)
        guard T > 0, o.volatility > 0 else {
            let intrinsic = max(w * (S * dividendDiscount - K * discount), 0)
            let inTheMoney = w * (S * dividendDiscount - K * discount) > 0
            return Greeks(price: intrinsic, delta: inTheMoney ? w * dividendDiscount : 0, gamma: 0,
                          vega: 0, theta: 0, vanna: 0, charm: 0,
                          rho: inTheMoney ? w * K * T * discount : 0)
        }
        let sigma = o.volatility
        let sqrtT = T.squareRoot()
        let (d1, stdDev) = d1(o)
        let d2 = d1 - stdDev
        let density = StandardNormal.pdf(d1)
        let nd1 = StandardNormal.cdf(w * d1), nd2 = StandardNormal.cdf(w * d2)
        let price = w * (S * dividendDiscount * nd1 - K * discount * nd2)
        let delta = w * dividendDiscount * nd1
        let gamma = dividendDiscount * density / (S * stdDev)
        let vega = S * dividendDiscount * density * sqrtT
        let theta = -S * dividendDiscount * density * sigma / (2 * sqrtT)
            - w * r * K * discount * nd2 + w * q * S * dividendDiscount * nd1
        let vanna = -dividendDiscount * density * d2 / sigma
        let charm = w * q * dividendDiscount * nd1
            - dividendDiscount * density * (2 * (r - q) * T - d2 * stdDev) / (2 * T * stdDev)
        let rho = w * K * T * discount * nd2
        return Greeks(price: price, delta: delta, gamma: gamma, vega: vega, theta: theta,
                      vanna: vanna, charm: charm, rho: rho)
    }
}
