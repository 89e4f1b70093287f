import CShims

/// The vector of every batch kernel in this module: 8 doubles (two ymm registers with
/// `GEX_SIMD=avx2`, one zmm with `GEX_SIMD=avx512`, four xmm in the portable SSE2 build).
public typealias DoubleLanes = SIMD8<Double>

@usableFromInline typealias D8 = SIMD8<Double>
@usableFromInline typealias U8 = SIMD8<UInt64>

// Building blocks shared by the vector math (SIMDExponential, SIMDLogarithm, SIMDNormal) and the
// greeks kernels. Rules from docs/swift-performance.md §2/§9, all applied here:
//  * no pointwiseMin/Max, clamped, rounded or Int<->Double SIMD conversions (branchy, scalarised):
//    masks via `.replacing(with:where:)`, rounding via the 1.5·2^52 magic number, 2^k via bits;
//  * no arithmetic `>>` on Int64 lanes (no vpsraq on AVX2): bit tricks on UInt64 only;
//  * `.addingProduct` only under `GEX_FMA` (otherwise a libm call per lane);
//  * vector square root through CShims (SIMD8.squareRoot() is scalarised).

/// a·b + c, fused (one rounding) when the build has FMA (`GEX_FMA`), else two roundings.
@inline(always)
func mulAdd(_ a: D8, _ b: D8, _ c: D8) -> D8 {
    #if GEX_FMA
    return c.addingProduct(a, b)
    #else
    return a * b + c
    #endif
}

/// Scalar twin of `mulAdd(_:_:_:)` with the same rounding behaviour.
@inline(always)
func mulAdd(_ a: Double, _ b: Double, _ c: Double) -> Double {
    #if GEX_FMA
    return c.addingProduct(a, b)
    #else
    return a * b + c
    #endif
}

/// The exact rounding error of `p = a·b`: returns e with a·b = p + e exactly (barring overflow
/// and underflow). One FMA under `GEX_FMA`; otherwise Dekker/Veltkamp splitting (valid for
/// |a|, |b| < 2^995).
@inline(always)
func productError(_ a: D8, _ b: D8, _ p: D8) -> D8 {
    #if GEX_FMA
    return (-p).addingProduct(a, b)
    #else
    let split: Double = 134_217_729  // 2^27 + 1
    let ca = a * split, cb = b * split
    let ah = ca - (ca - a), bh = cb - (cb - b)
    let al = a - ah, bl = b - bh
    return ((ah * bh - p) + ah * bl + al * bh) + al * bl
    #endif
}

/// Scalar twin of `productError(_:_:_:)`.
@inline(always)
func productError(_ a: Double, _ b: Double, _ p: Double) -> Double {
    #if GEX_FMA
    return (-p).addingProduct(a, b)
    #else
    let split: Double = 134_217_729
    let ca = a * split, cb = b * split
    let ah = ca - (ca - a), bh = cb - (cb - b)
    let al = a - ah, bl = b - bh
    return ((ah * bh - p) + ah * bl + al * bh) + al * bl
    #endif
}

/// 1.5·2^52: adding and subtracting it rounds |x| < 2^51 to the nearest integer (ties to even).
@usableFromInline let roundingMagic: Double = 6_755_399_441_055_744

/// 2^n for integer-valued n in [−1022, 1023], built from bits: the low 12 bits of
/// bits(n + 1.5·2^52 + 1023) are n + 1023, and shifting them into the exponent field discards
/// everything else. One add and one logical shift; no integer conversion.
@inline(always)
func powerOfTwo(_ n: D8) -> D8 {
    let biased = n + (roundingMagic + 1023)
    return unsafe unsafeBitCast(unsafe unsafeBitCast(biased, to: U8.self) &<< 52, to: D8.self)
}

/// Lane-wise correctly rounded square root (IEEE: √−x = NaN, √+∞ = +∞, √−0 = −0).
@inline(always)
func squareRoot(_ x: D8) -> D8 {
    gex_sqrt8(x)
}

/// Round to the nearest integer (ties to even) for |x| < 2^51; NaN stays NaN.
@inline(always)
func roundToInteger(_ x: D8) -> D8 {
    (x + roundingMagic) - roundingMagic
}

/// |x| lane-wise by clearing the sign bit (NaN stays NaN).
@inline(always)
func magnitude(_ x: D8) -> D8 {
    unsafe unsafeBitCast(unsafe unsafeBitCast(x, to: U8.self) & 0x7FFF_FFFF_FFFF_FFFF, to: D8.self)
}

/// The sign bit of `s` transferred onto |x| (copysign).
@inline(always)
func withSign(of s: D8, _ x: D8) -> D8 {
    let sign = unsafe unsafeBitCast(s, to: U8.self) & 0x8000_0000_0000_0000
    return unsafe unsafeBitCast(unsafe unsafeBitCast(magnitude(x), to: U8.self) | sign, to: D8.self)
}
