/// Vector elementary functions on `SIMD8<Double>`, written for the greeks kernels.
///
/// Accuracy contracts are measured in `Tests/OptionsMathTests/SIMDMathTests.swift` against glibc
/// (through RealModule) over bit-pattern sweeps; every lane is independent (no cross-lane effects).
public enum SIMDMath {}

extension SIMDMath {
    /// e^x lane-wise.
    ///
    /// Method: Cody–Waite reduction x = k·ln2 + r with |r| ≤ ln2/2 (ln2 split in a 32-bit high
    /// part, so k·ln2_hi is exact), degree-13 Taylor polynomial for e^r (truncation < 5e-18
    /// relative), scaling by 2^k as 2^⌊k/2⌉·2^(k−⌊k/2⌉) built from bits, so that results in the
    /// subnormal range and next to overflow come out right without branches.
    ///
    /// Accuracy: ≤ 1 ulp over the normal result range, x ∈ [−708.39, 709.78] (measured max
    /// 0.92 ulp against Float80). Subnormal results (x ∈ [−745.13, −708.39]) carry one
    /// extra rounding to the subnormal grid.
    /// Edges: x > 709.79 → +∞; x < −745.2 → +0; +∞ → +∞; −∞ → +0; NaN → NaN (same lane only).
    public static func exp(_ x: SIMD8<Double>) -> SIMD8<Double> { expLanes(x) }

    /// `exp`, forced inline into the kernels of this module.
    @inline(always)
    static func expLanes(_ x: SIMD8<Double>) -> SIMD8<Double> {
        // Clamp with masks (NaN compares false and passes through untouched).
        var y = x.replacing(with: 710, where: x .> 710)     // e^710 overflows → +∞ below
        y = y.replacing(with: -746, where: y .< -746)      // e^−746 rounds to +0 below
        return expInRange(y)
    }

    /// `exp` without the clamps (two compares and two blends fewer), for callers whose x is
    /// already in [−1400, 710] or NaN: the same bits as `expLanes` there, since for x < −746 both
    /// halves 2^⌊k/2⌉, 2^(k−⌊k/2⌉) are still normal (≥ 2^−1010) and the product underflows once,
    /// to +0, as the clamped e^−746 does.
    @inline(always)
    static func expInRange(_ y: SIMD8<Double>) -> SIMD8<Double> {
        let k = roundToInteger(y * 1.442_695_040_888_963_4)  // y / ln2
        // ln2_hi has 32 significant bits: k·ln2_hi is exact for |k| < 2^21, the subtraction too.
        let r = mulAdd(k, D8(repeating: -1.908_214_929_270_587_7e-10),
                       mulAdd(k, D8(repeating: -0.693_147_180_369_123_8), y))
        let p = expm1Kernel(r) + 1
        let k1 = roundToInteger(k * 0.5)
        let k2 = k - k1
        return p * powerOfTwo(k1) * powerOfTwo(k2)
    }

    /// e^x − 1 for |x| ≤ 0.35 (the reduced range of `exp`), to < 1 ulp: x + x²·P(x) with
    /// P the degree-11 Taylor tail 1/2! … 1/13!. Outside that range it is not accurate.
    @inline(always)
    static func expm1Kernel(_ r: SIMD8<Double>) -> SIMD8<Double> {
        var q = D8(repeating: 1.605_904_383_682_161_3e-10)           // 1/13!
        q = mulAdd(q, r, D8(repeating: 2.087_675_698_786_81e-09))    // 1/12!
        q = mulAdd(q, r, D8(repeating: 2.505_210_838_544_172e-08))   // 1/11!
        q = mulAdd(q, r, D8(repeating: 2.755_731_922_398_589e-07))   // 1/10!
        q = mulAdd(q, r, D8(repeating: 2.755_731_922_398_589_3e-06)) // 1/9!
        q = mulAdd(q, r, D8(repeating: 2.480_158_730_158_730_2e-05)) // 1/8!
        q = mulAdd(q, r, D8(repeating: 1.984_126_984_126_984e-04))   // 1/7!
        q = mulAdd(q, r, D8(repeating: 1.388_888_888_888_889e-03))   // 1/6!
        q = mulAdd(q, r, D8(repeating: 8.333_333_333_333_333e-03))   // 1/5!
        q = mulAdd(q, r, D8(repeating: 4.166_666_666_666_666_4e-02)) // 1/4!
        q = mulAdd(q, r, D8(repeating: 0.166_666_666_666_666_66))    // 1/3!
        q = mulAdd(q, r, D8(repeating: 0.5))                         // 1/2!
        return mulAdd(r * r, q, r)
    }

    /// e^x − 1 lane-wise for |x| ≤ 0.35 with < 1 ulp (relative) error, and e^x − 1 computed as
    /// `exp(x) − 1` elsewhere (relative error ≤ 4 ulp there, measured 3.4). NaN → NaN.
        public static func expm1(_ x: SIMD8<Double>) -> SIMD8<Double> {
        let small = magnitude(x) .<= 0.35
        let inner = expm1Kernel(x.replacing(with: 0, where: .!small))
        return (expLanes(x) - 1).replacing(with: inner, where: small)
    }
}

/// Scalar twin of `SIMDMath.expm1Kernel` (same operations, same rounding), used by the scalar
/// reference `BlackScholes` for the forward-minus-strike leg.
@inline(always)
func expm1Kernel(_ r: Double) -> Double {
    var q = 1.605_904_383_682_161_3e-10
    q = mulAdd(q, r, 2.087_675_698_786_81e-09)
    q = mulAdd(q, r, 2.505_210_838_544_172e-08)
    q = mulAdd(q, r, 2.755_731_922_398_589e-07)
    q = mulAdd(q, r, 2.755_731_922_398_589_3e-06)
    q = mulAdd(q, r, 2.480_158_730_158_730_2e-05)
    q = mulAdd(q, r, 1.984_126_984_126_984e-04)
    q = mulAdd(q, r, 1.388_888_888_888_889e-03)
    q = mulAdd(q, r, 8.333_333_333_333_333e-03)
    q = mulAdd(q, r, 4.166_666_666_666_666_4e-02)
    q = mulAdd(q, r, 0.166_666_666_666_666_66)
    q = mulAdd(q, r, 0.5)
    return mulAdd(r * r, q, r)
}

/// Scalar twins of the vector elementary functions: the same operations in the same order, so
/// that the scalar reference `BlackScholes` and the batch kernels round identically (lanes agree
/// bit for bit in the same build). Same accuracy contracts as `SIMDMath.exp` / `SIMDMath.log`.
@usableFromInline
enum ScalarMath {
    /// Scalar twin of `SIMDMath.exp`.
    @inline(always)
    static func exp(_ x: Double) -> Double {
        var y = x > 710 ? 710 : x
        y = y < -746 ? -746 : y
        let k = (y * 1.442_695_040_888_963_4 + roundingMagic) - roundingMagic
        let r = mulAdd(k, -1.908_214_929_270_587_7e-10, mulAdd(k, -0.693_147_180_369_123_8, y))
        let p = expm1Kernel(r) + 1
        let k1 = (k * 0.5 + roundingMagic) - roundingMagic
        let k2 = k - k1
        return p * powerOfTwo(k1) * powerOfTwo(k2)
    }

    /// 2^n for integer-valued n in [−1022, 1023] (scalar twin of the vector `powerOfTwo`).
    @inline(always)
    static func powerOfTwo(_ n: Double) -> Double {
        Double(bitPattern: (n + (roundingMagic + 1023)).bitPattern &<< 52)
    }
}
