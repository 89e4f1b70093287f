extension SIMDMath {
    /// Natural logarithm lane-wise.
    ///
    /// Method (fdlibm `e_log.c`, branch-free): x = 2^e·m with m ∈ [√½, √2) read from the bits
    /// (subnormals pre-scaled by 2^54), f = m − 1, s = f/(2+f),
    /// log(1+f) = f − (f²/2 − s(f²/2 + R(s²))) with fdlibm's degree-14 minimax R, and
    /// e·ln2 added in two parts (ln2_hi exact in 32 bits).
    ///
    /// Accuracy: < 1 ulp for every positive finite x, subnormals included (measured max
    /// 0.79 ulp against Float80); relative accuracy is kept next to x = 1 (log(1 + 2^−40) has ~0.5 ulp).
    /// Edges: log(±0) = −∞, log(x < 0) = NaN, log(+∞) = +∞, NaN → NaN (same lane only).
    public static func log(_ x: SIMD8<Double>) -> SIMD8<Double> { logLanes(x) }

    /// `log`, forced inline into the kernels of this module.
    @inline(always)
    static func logLanes(_ x: SIMD8<Double>) -> SIMD8<Double> {
        let subnormal = x .< 0x1p-1022
        let xs = x.replacing(with: x * 0x1p54, where: subnormal)
        let bits = unsafe unsafeBitCast(xs, to: U8.self)
        // Exponent field as a double via the magic number (bits 52…62, the sign is 0 for x > 0).
        let field = (bits &>> 52) & 0x7FF
        let magicBits = unsafe unsafeBitCast(roundingMagic, to: UInt64.self)
        var e = unsafe unsafeBitCast(field | magicBits, to: D8.self) - (roundingMagic + 1023)
        e = e.replacing(with: e - 54, where: subnormal)
        var m = unsafe unsafeBitCast((bits & 0x000F_FFFF_FFFF_FFFF) | 0x3FF0_0000_0000_0000,
                                     to: D8.self)
        let high = m .> 1.414_213_562_373_095_1
        m = m.replacing(with: m * 0.5, where: high)
        e = e.replacing(with: e + 1, where: high)
        let f = m - 1
        let s = f / (f + 2)
        let z = s * s
        let w = z * z
        let t1 = w * mulAdd(w, mulAdd(w, D8(repeating: 1.531_383_769_920_937_3e-01),
                                      D8(repeating: 2.222_219_843_214_978_4e-01)),
                            D8(repeating: 3.999_999_999_940_941_9e-01))
        let t2 = z * mulAdd(w, mulAdd(w, mulAdd(w, D8(repeating: 1.479_819_860_511_658_6e-01),
                                                D8(repeating: 1.818_357_216_161_805e-01)),
                                      D8(repeating: 2.857_142_874_366_239_1e-01)),
                            D8(repeating: 6.666_666_666_666_735_1e-01))
        let rr = t1 + t2
        let hfsq = 0.5 * f * f
        let tail = mulAdd(s, hfsq + rr, e * 1.908_214_929_270_587_7e-10)
        var result = mulAdd(e, D8(repeating: 0.693_147_180_369_123_8), -((hfsq - tail) - f))
        result = result.replacing(with: -.infinity, where: x .== 0)
        result = result.replacing(with: .nan, where: x .< 0)
        result = result.replacing(with: .infinity, where: x .== .infinity)
        return result.replacing(with: x, where: x .!= x)
    }
}

extension ScalarMath {
    /// Scalar twin of `SIMDMath.log` (same operations, same rounding).
    @inline(always)
    static func log(_ x: Double) -> Double {
        if x.isNaN { return x }
        if x == 0 { return -.infinity }
        if x < 0 { return .nan }
        if x == .infinity { return .infinity }
        let subnormal = x < 0x1p-1022
        let bits = (subnormal ? x * 0x1p54 : x).bitPattern
        let field = (bits &>> 52) & 0x7FF
        var e = Double(bitPattern: field | roundingMagic.bitPattern) - (roundingMagic + 1023)
        if subnormal { e -= 54 }
        var m = Double(bitPattern: (bits & 0x000F_FFFF_FFFF_FFFF) | 0x3FF0_0000_0000_0000)
        if m > 1.414_213_562_373_095_1 { m *= 0.5; e += 1 }
        let f = m - 1
        let s = f / (f + 2)
        let z = s * s
        let w = z * z
        let t1 = w * mulAdd(w, mulAdd(w, 1.531_383_769_920_937_3e-01, 2.222_219_843_214_978_4e-01),
                            3.999_999_999_940_941_9e-01)
        let t2 = z * mulAdd(w, mulAdd(w, mulAdd(w, 1.479_819_860_511_658_6e-01,
                                                1.818_357_216_161_805e-01),
                                      2.857_142_874_366_239_1e-01),
                            6.666_666_666_666_735_1e-01)
        let rr = t1 + t2
        let hfsq = 0.5 * f * f
        let tail = mulAdd(s, hfsq + rr, e * 1.908_214_929_270_587_7e-10)
        return mulAdd(e, 0.693_147_180_369_123_8, -((hfsq - tail) - f))
    }
}
