import RealModule

/// The standard normal distribution in double precision.
///
/// `cdf` uses the complementary error function, N(x) = ½ erfc(−x/√2), which keeps full relative
/// accuracy in the lower tail (no 1 − small cancellation) down to underflow near x ≈ −38.
/// Accuracy: a few ulp relative for both functions over their non-underflowing range.
/// NaN in gives NaN out.
public enum StandardNormal {
    /// 1/√(2π).
    public static let inverseSqrtTwoPi = 0.398_942_280_401_432_677_939_946_059_934_381_868_475_858_631_164_9
    /// 1/√2.
    public static let inverseSqrtTwo = 0.707_106_781_186_547_524_400_844_362_104_849_039_284_835_937_688_47

    /// Density φ(x) = e^{−x²/2}/√(2π).
    @inlinable public static func pdf(_ x: Double) -> Double {
        inverseSqrtTwoPi * Double.exp(-0.5 * x * x)
    }

    /// Cumulative distribution N(x) = P(Z ≤ x).
    @inlinable public static func cdf(_ x: Double) -> Double {
        0.5 * Double.erfc(-x * inverseSqrtTwo)
    }
}
