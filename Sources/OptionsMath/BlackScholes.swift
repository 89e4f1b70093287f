import RealModule

/// Scalar Black–Scholes–Merton (continuous r and q): the reference implementation that the
/// batch kernels (`GreeksKernel`) are tested against, and the engine of the first `gex levels`
/// slice. Units: see `Greeks` (vega per 1.00 vol, theta and charm per year of calendar time
/// passing, rho per 1.00 rate).
///
/// Accuracy contract (tested against mpmath at 50 digits on the 50,000-option reference set,
/// `Tests/OptionsMathTests/GreeksKernelTests.swift`): relative error
/// |x − ref| / max(|ref|, 1e-12 × the largest |ref| of that greek) has a median ≤ 1e-15 and a
/// maximum ≤ 1e-9 for every greek (measured: median ≤ 1.3e-16, max 5.3e-12 for charm, 2.2e-12
/// theta, 1.2e-12 vanna at their near-zeros, ≤ 1.8e-14 for the others). The formulas avoid
/// cancellation (see `ScalarGreeksCore`): ln(S/K) with the division's rounding compensated,
/// φ(d) with an exact d², out-of-the-money prices from a Mills-ratio divided difference, a
/// series form near the money.
///
/// Edge behaviour: T ≤ 1e-200 (T < 0 is treated as T = 0), σ√T ≤ 1e-100 (σ ≤ 0 included) return the
/// zero-volatility limit: N(w·d) → 1 in the money, 0 out of it, ½ exactly at the forward;
/// price = max(w(S e^{−qT} − K e^{−rT}), 0), delta and charm the step, gamma = vega = vanna = 0,
/// theta = w(q S e^{−qT} − r K e^{−rT}) in the money. NaN in any input, S ≤ 0 or K ≤ 0 gives
/// NaN in every output. Deep in or out of the money values that underflow come out as 0.
public enum BlackScholes {
    /// d1 and the total standard deviation σ√T (plain formula, for display and diagnostics;
    /// the greeks use a compensated ln(S/K)).
        public static func d1(_ o: BlackScholesInputs) -> (d1: Double, stdDev: Double) {
        let stdDev = o.volatility * o.time.squareRoot()
        let x = mulAdd(o.rate - o.dividendYield, o.time, ScalarGreeksCore.logRatio(o.spot, o.strike))
        return (x / stdDev + 0.5 * stdDev, stdDev)
    }

    /// Gamma ∂²V/∂S² per share: e^{−qT} φ(d1) / (S σ √T), identical for calls and puts.
    /// Same accuracy contract as `greeks` (it is the same computation). 0 when T ≤ 0 or σ ≤ 0;
    /// NaN for NaN inputs, S ≤ 0 or K ≤ 0.
        public static func gamma(_ o: BlackScholesInputs) -> Double {
        if o.spot.isNaN || o.strike.isNaN || o.time.isNaN || o.volatility.isNaN
            || o.rate.isNaN || o.dividendYield.isNaN { return .nan }
        guard o.spot > 0, o.strike > 0 else { return .nan }
        let T = Swift.max(o.time, 0)
        let v = o.volatility * T.squareRoot()
        guard v > 1e-100, T > 1e-200 else { return 0 }
        let x = mulAdd(o.rate - o.dividendYield, T, ScalarGreeksCore.logRatio(o.spot, o.strike))
        let h = Swift.min(Swift.max(x / v, -1e10), 1e10)
        let d1 = mulAdd(0.5, v, h)
        return ScalarMath.exp(-o.dividendYield * T) * StandardNormal.pdf(d1) / (o.spot * v)
    }

    /// Every greek of one option in one pass. See the type's accuracy contract.
    public static func greeks(_ o: BlackScholesInputs) -> Greeks {
        let S = o.spot, K = o.strike, r = o.rate, q = o.dividendYield
        if S.isNaN || K.isNaN || o.time.isNaN || o.volatility.isNaN || r.isNaN || q.isNaN
            || !(S > 0) || !(K > 0) {
            return .nan
        }
        let T = Swift.max(o.time, 0)
        let core = ScalarGreeksCore(
            underlying: S, alpha: ScalarMath.exp(-q * T), strike: K,
            strikeDiscount: ScalarMath.exp(-r * T), time: T, volatility: o.volatility, rate: r,
            carryYield: q, logMoneyness: mulAdd(r - q, T, ScalarGreeksCore.logRatio(S, K)),
            w: o.right.sign, forwardRho: false)
        return core.evaluate()
    }

    /// Black-76 greeks of an option on a forward (or future) F, discounted with the factor
    /// D = e^{−rT} (r = −ln D / T). Derivatives are taken with F held fixed: delta = ∂V/∂F,
    /// gamma = ∂²V/∂F², theta and charm with calendar time passing at constant F and rate,
    /// rho = ∂V/∂r at constant F (= −T·price). Same accuracy contract and edge rules as
    /// `greeks` (F takes the role of S; F ≤ 0, K ≤ 0, D ≤ 0 or NaN give NaN).
    public static func black76Greeks(forward F: Double, strike K: Double, time: Double,
                                      volatility: Double, discount D: Double,
                                      right: OptionRight) -> Greeks {
        if F.isNaN || K.isNaN || time.isNaN || volatility.isNaN || D.isNaN
            || !(F > 0) || !(K > 0) || !(D > 0) {
            return .nan
        }
        let T = Swift.max(time, 0)
        let r = T > 0 ? -ScalarMath.log(D) / T : 0
        let core = ScalarGreeksCore(
            underlying: F, alpha: D, strike: K, strikeDiscount: D, time: T,
            volatility: volatility, rate: r, carryYield: r,
            logMoneyness: ScalarGreeksCore.logRatio(F, K), w: right.sign, forwardRho: true)
        return core.evaluate()
    }
}

extension Greeks {
    /// Every field NaN.
    public static let nan = Greeks(price: .nan, delta: .nan, gamma: .nan, vega: .nan,
                                   theta: .nan, vanna: .nan, charm: .nan, rho: .nan)
}
