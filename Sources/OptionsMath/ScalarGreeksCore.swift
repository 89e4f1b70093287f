import RealModule

/// The scalar evaluation shared by `BlackScholes.greeks` (spot form) and
/// `BlackScholes.black76Greeks` (forward form). The batch kernels (`GreeksKernel`) compute the
/// same formulas branch-free on 8 lanes; this one branches, which makes it an independent check
/// of the kernels' mask logic. Its elementary functions are the scalar twins of the vector ones
/// (`ScalarMath`, `MillsRatio`: same operations in the same order), so a lane and the scalar
/// round alike; without that, ill-conditioned values (theta of an in-the-money put near its
/// zero, where terms of ~200 cancel to ~0.1) differ by 1e-12 relative between any two correct
/// libms. Independent validation comes from the mpmath reference set.
///
/// Notation: U = underlying (S or F), α = e^{−qT} (or the discount D for Black-76),
/// A = U·α (spot leg), B = K·e^{−rT} (strike leg), x = ln(A/B) = ln(F/K), v = σ√T,
/// d1,2 = x/v ± v/2, Φ = A·φ(d1) = B·φ(d2). Legs A·N(w·d1) and B·N(w·d2) come from Φ and the
/// Mills ratio with full relative accuracy in the tails.
///
/// Price, in three cancellation-free forms:
///  * d1, d2 on the same side of 0 (the usual case): out-of-the-money price Φ·(M(lo) − M(lo+v))
///    with the Mills-ratio divided difference (no subtraction of tails), plus w·(A − B) in the
///    money, A − B = B·expm1(x) when |x| ≤ 0.35;
///  * d2 ≤ 0 ≤ d1 and v ≤ 0.25 (near the money, short-dated): ½w(A − B) + Φ·(c(d1) − c(d2)) with
///    c(d) = (N(d) − ½)/φ(d) from its series (both terms have the same sign);
///  * d2 ≤ 0 ≤ d1 and v > 0.25: w·(legA − legB) (cancellation bounded by ~1/(0.4v) ≤ 10).
@usableFromInline
struct ScalarGreeksCore {
    @usableFromInline var underlying: Double     // U
    @usableFromInline var alpha: Double          // e^{−qT} or D
    @usableFromInline var strike: Double
    @usableFromInline var strikeDiscount: Double // e^{−rT}
    @usableFromInline var time: Double           // T ≥ 0
    @usableFromInline var volatility: Double
    @usableFromInline var rate: Double           // r
    @usableFromInline var carryYield: Double     // q (= r for Black-76)
    @usableFromInline var logMoneyness: Double   // x = ln(F/K)
    @usableFromInline var w: Double              // +1 call, −1 put
    @usableFromInline var forwardRho: Bool       // Black-76: rho = −T·price

    /// ln(a/b) with the rounding of a/b compensated: q = a/b, a = q·b + e exactly,
    /// ln(a/b) = ln q + e/(q·b) (first order is exact to ε² since |e/(q·b)| ≤ 2^−53).
    @inline(always)
    static func logRatio(_ a: Double, _ b: Double) -> Double {
        let q = a / b
        let p = q * b
        let e = (a - p) - productError(q, b, p)
        return mulAdd(e, 1 / a, ScalarMath.log(q))
    }

    @inline(always)
    func evaluate() -> Greeks {
        let U = underlying, T = time, sigma = volatility, r = rate, q = carryYield, x = logMoneyness
        let A = U * alpha, B = strike * strikeDiscount
        let aMinusB = Swift.abs(x) <= 0.35 ? B * expm1Kernel(x) : A - B
        let v = sigma * T.squareRoot()
        guard v > 1e-100, T > 1e-200 else {
            // Zero-volatility / expiry limit: N(w·d) → step(w·x), φ → 0.
            let s: Double = w * x > 0 ? 1 : (x == 0 ? 0.5 : 0)
            let legA = s * A, legB = s * B
            let price = s * w * aMinusB
            return Greeks(price: price, delta: w * s * alpha, gamma: 0, vega: 0,
                          theta: w * (q * legA - r * legB), vanna: 0, charm: w * q * s * alpha,
                          rho: forwardRho ? -T * price : w * T * legB)
        }
        var h = x / v
        h = Swift.min(Swift.max(h, -1e10), 1e10)
        let d1 = mulAdd(0.5, v, h), d2 = mulAdd(-0.5, v, h)
        let phiAlpha = alpha * StandardNormal.pdf(d1)   // α·φ(d1)
        let Phi = U * phiAlpha                           // A·φ(d1) = B·φ(d2)
        let a1 = Swift.min(Swift.abs(d1), 40), a2 = Swift.min(Swift.abs(d2), 40)
        let straddle = d1 >= 0 && d2 <= 0
        let (lo, hi) = a1 <= a2 ? (a1, a2) : (a2, a1)
        let (mLo, mHi, dM) = MillsRatio.difference(lo: lo, hi: hi, gap: v)
        let m1 = a1 <= a2 ? mLo : mHi, m2 = a1 <= a2 ? mHi : mLo
        let legA = w * d1 < 0 ? Phi * m1 : A - Phi * m1   // A·N(w·d1)
        let legB = w * d2 < 0 ? Phi * m2 : B - Phi * m2   // B·N(w·d2)
        let price: Double
        if straddle {
            if v <= 0.25 {
                price = mulAdd(0.5 * w, aMinusB, Phi * (centralSeries(d1) - centralSeries(d2)))
            } else {
                price = w * (legA - legB)
            }
        } else {
            let outOfTheMoney = Phi * dM
            price = w * d1 > 0 ? mulAdd(w, aMinusB, outOfTheMoney) : outOfTheMoney
        }
        let sqrtT = T.squareRoot()
        let delta = w * legA / U
        let gamma = phiAlpha / (U * v)
        let vega = Phi * sqrtT
        let theta = mulAdd(w * q, legA, mulAdd(-w * r, legB, -Phi * sigma / (2 * sqrtT)))
        let vanna = -phiAlpha * d2 / sigma
        let charm = mulAdd(-phiAlpha, mulAdd(-d2, v, 2 * (r - q) * T) / (2 * T * v), w * q * legA / U)
        let rho = forwardRho ? -T * price : w * T * legB
        return Greeks(price: price, delta: delta, gamma: gamma, vega: vega, theta: theta,
                      vanna: vanna, charm: charm, rho: rho)
    }
}
