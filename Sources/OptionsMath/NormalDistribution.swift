import RealModule

/// The standard normal distribution in double precision (scalar).
///
/// `pdf` forms x² exactly (double-double) before the exponential, so its error does not grow
/// like x²·ε: ≤ 2 ulp relative while the result is normal (|x| ≤ 37.5). It is the scalar twin
/// of `SIMDMath.normalPDF` (same operations, bitwise equal results).
/// `cdf` uses the complementary error function, N(x) = ½ erfc(−x/√2), with the rounding of
/// −x/√2 corrected to first order, which keeps full relative accuracy in the lower tail (no
/// 1 − small cancellation, no x²·ε growth) down to underflow near x ≈ −38: ≤ 2 ulp relative
/// for x ≤ 0 (glibc erfc), ≤ 1 ulp of 1 absolute for x > 0.
/// NaN in gives NaN out; pdf(±∞) = 0, cdf(−∞) = 0, cdf(+∞) = 1.
public enum StandardNormal {
    /// 1/√(2π).
    public static let inverseSqrtTwoPi = 0.398_942_280_401_432_677_939_946_059_934_381_868_475_858_631_164_9
    /// 1/√2.
    public static let inverseSqrtTwo = 0.707_106_781_186_547_524_400_844_362_104_849_039_284_835_937_688_47

    /// Density φ(x) = e^{−x²/2}/√(2π).
    public static func pdf(_ x: Double) -> Double {
        let a = Swift.min(Swift.abs(x), 40)        // φ(40) underflows; keeps x² finite
        if a.isNaN { return .nan }
        let p = a * a
        let pe = productError(a, a, p)
        let e = ScalarMath.exp(-0.5 * p)
        return 0.398_942_280_401_432_7 * mulAdd(-0.5 * pe, e, e)
    }

    /// Cumulative distribution N(x) = P(Z ≤ x).
    public static func cdf(_ x: Double) -> Double {
        // y = −x/√2 as y + dy (double-double); erfc(y + dy) ≈ erfc(y) − dy·(2/√π)e^{−y²}.
        if !x.isFinite { return x.isNaN ? .nan : (x > 0 ? 1 : 0) }
        let c = -0.707_106_781_186_547_6               // −1/√2 rounded (high part)
        let cLow = 4.833_646_656_726_456_7e-17           // −1/√2 − c
        let y = x * c
        let dy = mulAdd(x, cLow, productError(x, c, y))
        let e = Double.erfc(y)
        let slope = 1.128_379_167_095_512_6 * Double.exp(-y * y)  // 2/√π e^{−y²}
        return 0.5 * mulAdd(-dy, slope, e)
    }
}
