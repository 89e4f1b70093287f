import RealModule

/// Inverse of the standard normal distribution function, N⁻¹(p).
///
/// `approximate(_:)` is P. J. Acklam's rational approximation (2003; central region
/// 0.02425 ≤ p ≤ 0.97575, tails in q = √(−2 ln p)): relative error < 1.2e-9 over (0, 1), no loop,
/// used where a starting value is enough (the implied-volatility initial guess).
/// `quantile(_:)` adds one Halley step on N(z) − p (tails via the Mills ratio, centre via erf),
/// which brings the result to a few ulp relative for p in (1e-300, 1 − 1e-16); see
/// `InverseNormalTests` for the measured bound.
///
/// Edge behaviour: p = 0 → −∞, p = 1 → +∞, p outside [0, 1] or NaN → NaN. Never traps.
public enum InverseNormal {
    /// Acklam's approximation of N⁻¹(p): relative error < 1.2e-9. p in [0, 1], otherwise NaN.
    @inlinable
    public static func approximate(_ p: Double) -> Double {
        if p > 0.02425 && p < 0.97575 {
            let q = p - 0.5
            let r = q * q
            var num = -3.969683028665376e+01 * r + 2.209460984245205e+02
            num = num * r - 2.759285104469687e+02
            num = num * r + 1.383577518672690e+02
            num = num * r - 3.066479806614716e+01
            num = (num * r + 2.506628277459239e+00) * q
            var den = -5.447609879822406e+01 * r + 1.615858368580409e+02
            den = den * r - 1.556989798598866e+02
            den = den * r + 6.680131188771972e+01
            den = den * r - 1.328068155288572e+01
            den = den * r + 1
            return num / den
        }
        if p > 0 && p <= 0.02425 {
            return lowerTail(p)
        }
        if p >= 0.97575 && p < 1 {
            return -lowerTail(1 - p)
        }
        if p == 0 { return -.infinity }
        if p == 1 { return .infinity }
        return .nan
    }

    /// Tail branch for 0 < p ≤ 0.02425 (negative result).
    @inlinable
    static func lowerTail(_ p: Double) -> Double {
        lowerTailFromLog(Double.log(p))
    }

    /// Tail branch given ln p (ln p ≤ ln 0.02425); p itself may be below the double range.
    @inlinable
    static func lowerTailFromLog(_ logP: Double) -> Double {
        let q = (-2 * logP).squareRoot()
        var num = -7.784894002430293e-03 * q - 3.223964580411365e-01
        num = num * q - 2.400758277161838e+00
        num = num * q - 2.549732539343734e+00
        num = num * q + 4.374664141464968e+00
        num = num * q + 2.938163982698783e+00
        var den = 7.784695709041462e-03 * q + 3.224671290700398e-01
        den = den * q + 2.445134137142996e+00
        den = den * q + 3.754408661907416e+00
        den = den * q + 1
        return num / den
    }

    /// N⁻¹(p) to near full double precision: Acklam's value plus one Halley step. p in [0, 1].
    public static func quantile(_ p: Double) -> Double {
        let z = approximate(p)
        guard z.isFinite else { return z }
        // e = N(z) − p, formed where it keeps relative accuracy: the lower tail directly, the
        // centre as ½erf(z/√2) − (p − ½) (p − ½ is exact there), the upper tail as
        // (1 − p) − N(−z) ((1 − p) is exact for p > ½).
        let e: Double
        if p > 0.02425 && p < 0.97575 {
            e = 0.5 * Double.erf(z * StandardNormal.inverseSqrtTwo) - (p - 0.5)
        } else if z < 0 {
            e = StandardNormalTail.cdf(z) - p
        } else {
            e = (1 - p) - StandardNormalTail.cdf(-z)
        }
        let u = e * ScaledComplementaryErrorFunction.sqrtTwoPi * Double.exp(0.5 * z * z)
        return z - u / (1 + 0.5 * z * u)
    }
}

/// N(z) for z ≤ 0 with full relative accuracy: n(z)·R(−z), R the Mills ratio.
@usableFromInline enum StandardNormalTail {
    @inline(__always) @usableFromInline
    static func cdf(_ z: Double) -> Double {
        // n(z) = e^{−z²/2}/√(2π) with e^{−z²/2} from the exact square.
        let hi = z * z
        let lo = (-hi).addingProduct(z, z)
        let density = Double.exp(-0.5 * hi) * (1 - 0.5 * lo)
            / ScaledComplementaryErrorFunction.sqrtTwoPi
        return density * ScaledComplementaryErrorFunction.millsRatio(-z)
    }
}
