/// Inline e^a and ln y of reduced accuracy (relative error < 1e-13) for the stages of the
/// implied-volatility solve whose results are only starting values (the guess and the first
/// Householder step). They avoid a libm call; every value that reaches a result goes through
/// libm's correctly rounded-in-practice `exp`/`log` instead.
///
/// Pure bit and polynomial arithmetic (no FMA, no rounding-mode dependence); never traps.
@usableFromInline enum ApproximateElementaryFunctions {
    @usableFromInline static let log2e = 1.442_695_040_888_963_407_359_924_681_001_892_137
    @usableFromInline static let ln2High = 0.693_147_180_369_123_816_490_5     // 26 significant bits
    @usableFromInline static let ln2Low = 1.908_214_929_270_587_700_02e-10
    @usableFromInline static let ln2 = 0.693_147_180_559_945_309_417_232_121_458_176_568
    /// 1.5·2⁵²: adding and subtracting it rounds a double of magnitude < 2⁵¹ to an integer.
    @usableFromInline static let shifter = 6_755_399_441_055_744.0

    /// e^a, relative error < 1e-13; 0 below a = −708, +∞ above 709.78, NaN for NaN.
    @inline(__always) @usableFromInline
    static func exp(_ a: Double) -> Double {
        if !(a > -708) { return a.isNaN ? a : 0 }
        if a > 709.78 { return .infinity }
        let shifted = a * log2e + shifter
        let k = shifted - shifter                         // round(a/ln 2)
        let r = (a - k * ln2High) - k * ln2Low            // |r| ≤ 0.347
        // e^r = 1 + r + … + r¹¹/11! (truncation < 6e-15 relative), Estrin's scheme.
        let r2 = r * r, r4 = r2 * r2
        let p01 = 1 + r, p23 = 0.5 + r * (1.0 / 6), p45 = 1.0 / 24 + r * (1.0 / 120)
        let p67 = 1.0 / 720 + r * (1.0 / 5040), p89 = 1.0 / 40320 + r * (1.0 / 362_880)
        let p1011 = 1.0 / 3_628_800 + r * (1.0 / 39_916_800)
        let p = (p01 + r2 * p23) + r4 * ((p45 + r2 * p67) + r4 * (p89 + r2 * p1011))
        // 2^k with k in [−1022, 1024]; k = 1024 only when a rounds to it near the overflow limit.
        let exponent = Int64(k) + 1023
        if exponent >= 2047 { return 2 * p * Double(sign: .plus, exponent: 1023, significand: 1) }
        return p * Double(bitPattern: UInt64(truncatingIfNeeded: exponent) << 52)
    }

    /// ln y for y > 0 (subnormals included), relative error < 1e-13 away from y = 1 and absolute
    /// error < 1e-16 near it; −∞ for 0, NaN for y < 0 or NaN, +∞ for +∞.
    @inline(__always) @usableFromInline
    static func log(_ y: Double) -> Double {
        guard y > 0 && y < .infinity else { return y == 0 ? -.infinity : (y == .infinity ? y : .nan) }
        var v = y
        var e: Int64 = 0
        if v < 0x1p-1022 { v *= 0x1p54; e = -54 }
        let bits = v.bitPattern
        e += Int64(truncatingIfNeeded: bits >> 52) - 1023
        var m = Double(bitPattern: (bits & 0x000f_ffff_ffff_ffff) | 0x3ff0_0000_0000_0000)   // [1, 2)
        if m > 1.414_213_562_373_095_1 { m *= 0.5; e += 1 }
        // ln m = 2 atanh(s), s = (m − 1)/(m + 1), |s| ≤ 0.1716: 2s(1 + z/3 + … + z⁷/15), z = s².
        let s = (m - 1) / (m + 1)
        let z = s * s, z2 = z * z, z4 = z2 * z2
        let q = ((1 + z * (1.0 / 3)) + z2 * (1.0 / 5 + z * (1.0 / 7)))
            + z4 * ((1.0 / 9 + z * (1.0 / 11)) + z2 * (1.0 / 13 + z * (1.0 / 15)))
        return Double(e) * ln2 + 2 * s * q
    }
}
