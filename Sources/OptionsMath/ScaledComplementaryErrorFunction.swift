import RealModule

/// The scaled complementary error function erfcx(x) = e^{x²} erfc(x) and its normal-distribution
/// twin, the Mills ratio R(z) = (1 − N(z)) / n(z) = √(π/2) · erfcx(z/√2).
///
/// Both are written for this package (no libm erfc): R is a table of 104 degree-9 polynomial pieces
/// on [−1, 12) (Chebyshev interpolants computed at 45 digits by `scripts/mills_ratio_table.py`, the
/// constant term kept as a double-double) and, for z ≥ 12, (1 + w P(w))/z with w = 1/z².
///
/// Accuracy contract (tested against mpmath in `ScaledComplementaryErrorFunctionTests`):
/// - `millsRatio(z)`: ≤ 1 ulp for z ≥ −1 (truncation < 1.2e-17 relative, the rest is the rounding of
///   the final addition or division); for z < −1 it is √(2π)e^{z²/2} − R(−z) with e^{z²/2} formed from
///   the exact square, ≤ 2 ulp until it overflows to +∞ below z ≈ −37.7.
/// - `erfcx(x)`: R(√2 x)·√(2/π) for x ≥ −½, ≤ 2 ulp (the extra is the rounding of √2·x); below,
///   2e^{x²} − erfcx(−x) with e^{x²} from the exact square, ≤ 2 ulp until it overflows near x ≈ −26.6.
///
/// Edge behaviour: R(+∞) = erfcx(+∞) = 0, R(−∞) = erfcx(−∞) = +∞, NaN in gives NaN out. Never traps.
/// The functions are pure and thread-safe; no allocation.
public enum ScaledComplementaryErrorFunction {
    /// √(2π).
    @usableFromInline static let sqrtTwoPi = 2.506_628_274_631_000_502_415_765_284_811_045_253_006_986_740_609_9
    /// √(2/π).
    @usableFromInline static let sqrtTwoOverPi = 0.797_884_560_802_865_355_879_892_119_868_763_736_951_717_262_329_87

    /// erfcx(x) = e^{x²}·erfc(x), dimensionless. ≤ 2 ulp; see the type's contract.
    public static func erfcx(_ x: Double) -> Double {
        if x < -0.5 {
            // erfcx(x) = 2e^{x²} − erfcx(−x) with e^{x²} from the exact square (no rounding of √2·x
            // amplified by the growth); +∞ below x ≈ −26.6.
            let hi = x * x
            if hi > 1420 { return .infinity }
            let lo = (-hi).addingProduct(x, x)
            return 2 * (Double.exp(hi) * (1 + lo)) - sqrtTwoOverPi * millsRatioAboveMinusOne(-x * 2.0.squareRoot())
        }
        return sqrtTwoOverPi * millsRatio(x * 2.0.squareRoot())
    }

    /// Mills ratio R(z) = (1 − N(z))/n(z) of the standard normal distribution, dimensionless.
    /// R(z) ≈ 1/z for large z; R(0) = √(π/2); ≤ 1 ulp for z ≥ −1; see the type's contract.
    public static func millsRatio(_ z: Double) -> Double {
        let v = (z + 1) * 8
        if v >= 0 {
            if v < 104 { return millsRatioPiece(z, v) }
            return millsRatioTailValue(z)
        }
        if z < -1 {
            // R(z) = 1/n(z) − R(−z); e^{z²/2} from the exact square z² = hi + lo; +∞ once it overflows.
            let hi = z * z
            if hi > 1420 { return .infinity }
            let exactLow = (-hi).addingProduct(z, z)
            let growth = Double.exp(0.5 * hi) * (1 + 0.5 * exactLow)
            return sqrtTwoPi * growth - millsRatioAboveMinusOne(-z)
        }
        return .nan
    }

    /// R(z) for the solver's arguments, which are ≥ −1 by construction (table or tail); any other
    /// z still gets the full `millsRatio` (memory-safe for every input).
    @inline(__always) @usableFromInline
    static func millsRatioAboveMinusOne(_ z: Double) -> Double {
        let v = (z + 1) * 8
        if v >= 0 && v < 104 { return millsRatioPiece(z, v) }
        if v >= 104 { return millsRatioTailValue(z) }
        return millsRatio(z)
    }

    /// As `millsRatioAboveMinusOne` but with the plain tail (1 + wP)·(1/z) for z ≥ 12 (≤ 2 ulp
    /// instead of ½): for iterates that are not final.
    @inline(__always) @usableFromInline
    static func millsRatioAboveMinusOneFast(_ z: Double) -> Double {
        let v = (z + 1) * 8
        if v >= 0 && v < 104 { return millsRatioPiece(z, v) }
        if v >= 104 {
            let r = 1 / z
            let w = r * r
            return millsRatioTail.withUnsafeBufferPointer { c in
                let w2 = w * w
                let w4 = w2 * w2
                let a = c[0] + c[1] * w, b = c[2] + c[3] * w
                let d = c[4] + c[5] * w, e = c[6] + c[7] * w
                let p = ((a + b * w2) + (d + e * w2) * w4) + c[8] * (w4 * w4)
                return (1 + w * p) * r
            }
        }
        return millsRatio(z)
    }

    /// Piece evaluation; `v = (z + 1)·8` with 0 ≤ v < 104.
    @inline(__always) @usableFromInline
    static func millsRatioPiece(_ z: Double, _ v: Double) -> Double {
        let i = Int(v)
        let u = z - (Double(i) * 0.125 - 0.9375)
        return millsRatioPieces.withUnsafeBufferPointer { table in
            let c = table.baseAddress! + i &* millsRatioPieceStride
            // c0 + u·q(u) with q = c1 + c2 u + … + c9 u⁸ by Estrin's scheme (short dependency chain;
            // the terms of q are small next to c0, so the scheme does not change the rounding).
            let u2 = u * u
            let u4 = u2 * u2
            let a = c[2] + c[3] * u, b = c[4] + c[5] * u
            let d = c[6] + c[7] * u, e = c[8] + c[9] * u
            let ab = a + b * u2, de = d + e * u2
            let q = (ab + de * u4) + c[10] * (u4 * u4)
            return c[1] + (c[0] + u * q)
        }
    }

    /// Tail z ≥ 12 (also +∞ → 0): (1 + w P(w))/z, w = 1/z².
    @inline(__always) @usableFromInline
    static func millsRatioTailValue(_ z: Double) -> Double {
        if z == .infinity { return 0 }
        let r = 1 / z
        let w = r * r
        return millsRatioTail.withUnsafeBufferPointer { c in
            let w2 = w * w
            let w4 = w2 * w2
            let a = c[0] + c[1] * w, b = c[2] + c[3] * w
            let d = c[4] + c[5] * w, e = c[6] + c[7] * w
            let p = ((a + b * w2) + (d + e * w2) * w4) + c[8] * (w4 * w4)
            // (1 + wP)/z with the rounding of the sum and of the quotient corrected (FMA residual).
            let wp = w * p
            let n = 1 + wp
            let nLow = (1 - n) + wp
            let q = n / z
            let exactResidual = n.addingProduct(-q, z)
            return q + (exactResidual + nLow) * r
        }
    }
}
