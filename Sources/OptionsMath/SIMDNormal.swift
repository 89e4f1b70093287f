extension SIMDMath {
    /// Standard normal density φ(x) = e^{−x²/2}/√(2π), lane-wise.
    ///
    /// x² is formed exactly as a double-double (p + pe), so the only error of size |x|²·ε that a
    /// naive `exp(-0.5*x*x)` carries is gone: φ(x) = c·e^{−p/2}·(1 − pe/2).
    /// Accuracy: ≤ 3 ulp relative while φ(x) is a normal double (|x| ≤ 37.5; measured max
    /// 2.5 ulp against Float80); subnormal results (37.5 < |x| < 38.6) carry the absolute error of the subnormal
    /// grid; |x| ≥ 38.6 → +0. Edges: ±∞ → +0, NaN → NaN.
    public static func normalPDF(_ x: SIMD8<Double>) -> SIMD8<Double> { normalPDFLanes(x) }

    /// `normalPDF`, forced inline into the kernels of this module.
    @inline(always)
    static func normalPDFLanes(_ x: SIMD8<Double>) -> SIMD8<Double> {
        var a = magnitude(x)
        a = a.replacing(with: 40, where: a .> 40)
        let p = a * a
        let pe = productError(a, a, p)
        let e = expLanes(-0.5 * p)
        return 0.398_942_280_401_432_7 * mulAdd(-0.5 * pe, e, e)
    }

    /// Standard normal distribution N(x) = P(Z ≤ x), lane-wise, with full relative accuracy in
    /// the lower tail.
    ///
    /// Method: for a = |x|, the lower tail N(−a) = φ(a)·M(a) with the Mills ratio M from
    /// `MillsRatio` (degree-22 polynomial in a rational map of a; no second exp, no erfc, no
    /// 1 − small cancellation); N(x) = 1 − N(−x) for x > 0.
    /// Accuracy (against Float80 erfc): lower tail (x ≤ 0) ≤ 8 ulp relative, i.e. ≤ 9e-16, while
    /// the result is a normal double (x ≥ −37.5; measured max 7.4 ulp, next to x = 0 where the
    /// Mills polynomial's 2.4 ulp and φ's 2.5 ulp add up; 2–4 ulp in the tail proper);
    /// upper half ≤ 5e-16 absolute (measured 4.3e-16). N(0) = ½ + 1 ulp.
    /// x < −37.5: subnormal results with the subnormal grid's absolute error; x < −38.6 → +0.
    /// Edges: −∞ → 0, +∞ → 1, NaN → NaN (same lane only).
    public static func normalCDF(_ x: SIMD8<Double>) -> SIMD8<Double> {
        var a = magnitude(x)
        a = a.replacing(with: 40, where: a .> 40)
        let tail = normalPDFLanes(a) * MillsRatio.value(a)
        return tail.replacing(with: 1 - tail, where: x .> 0)
    }

    /// E(d)/φ(d) = (N(d) − ½)/φ(d) = d·Σ_k d^{2k}/(2k+1)!! for |d| ≤ 0.25 (the near-the-money
    /// price form), to < 1 ulp (truncation after k = 9 is < 1e-17 relative).
    @inline(always)
    static func centralSeries(_ d: SIMD8<Double>) -> SIMD8<Double> {
        let z = d * d
        var s = D8(repeating: 1.0 / 654_729_075)                 // 1/19!!
        s = mulAdd(s, z, D8(repeating: 1.0 / 34_459_425))        // 1/17!!
        s = mulAdd(s, z, D8(repeating: 1.0 / 2_027_025))         // 1/15!!
        s = mulAdd(s, z, D8(repeating: 1.0 / 135_135))           // 1/13!!
        s = mulAdd(s, z, D8(repeating: 1.0 / 10_395))            // 1/11!!
        s = mulAdd(s, z, D8(repeating: 1.0 / 945))               // 1/9!!
        s = mulAdd(s, z, D8(repeating: 1.0 / 105))               // 1/7!!
        s = mulAdd(s, z, D8(repeating: 1.0 / 15))                // 1/5!!
        s = mulAdd(s, z, D8(repeating: 1.0 / 3))                 // 1/3!!
        return mulAdd(s * z, d, d)
    }
}

/// Scalar twin of `SIMDMath.centralSeries`.
@inline(always)
func centralSeries(_ d: Double) -> Double {
    let z = d * d
    var s = 1.0 / 654_729_075
    s = mulAdd(s, z, 1.0 / 34_459_425)
    s = mulAdd(s, z, 1.0 / 2_027_025)
    s = mulAdd(s, z, 1.0 / 135_135)
    s = mulAdd(s, z, 1.0 / 10_395)
    s = mulAdd(s, z, 1.0 / 945)
    s = mulAdd(s, z, 1.0 / 105)
    s = mulAdd(s, z, 1.0 / 15)
    s = mulAdd(s, z, 1.0 / 3)
    return mulAdd(s * z, d, d)
}
