// SIMDMathTests: the vector elementary functions of SIMDMath, lane by lane.
//
// | function   | reference source                                   | sweep (bit patterns)                | tolerance                 | measured worst case |
// |------------|----------------------------------------------------|-------------------------------------|---------------------------|---------------------|
// | exp        | Float80 exp (glibc expl)                             | |x| ∈ [2^−60, 746], both signs      | ≤ 1 ulp (normal results)  | 0.92 ulp |
// | exp        | glibc exp (Foundation)                               | same                                | ≤ 1 ulp incl. subnormals  | 1.0 ulp (subnormal grid) |
// | expm1      | Float80 expm1                                        | |x| ≤ 0.35 / 0.35 < |x| ≤ 700      | ≤ 1 ulp / ≤ 4 ulp         | 0.72 / 3.43 ulp |
// | log        | Float80 log                                          | every binade incl. subnormals, dense near 1 | ≤ 1 ulp           | 0.79 ulp |
// | normalPDF  | Float80 exp(−x²/2)/√(2π)                             | |x| ∈ [2^−60, 37.5]                 | ≤ 3 ulp                   | 2.52 ulp |
// | normalCDF  | Float80 ½·erfc(−x/√2)                                | x ∈ [−37.5, −2^−60] / [2^−60, 40]   | ≤ 8 ulp rel. / ≤ 5e-16 abs | 7.44 ulp (x → 0⁻) / 4.3e-16 |
// | StandardNormal.cdf (scalar, glibc erfc) | Float80 as above          | x ≤ 0, every 31st point             | ≤ 4 ulp                   | 1.52 ulp |
// | edges      | IEEE rules (NaN, ±∞, ±0, overflow, underflow) per lane, other lanes untouched | — | exact | exact |
import Foundation
import OptionsMath
import XCTest

final class SIMDMathTests: XCTestCase {
    /// n doubles whose bit patterns are evenly spaced between those of lo and hi (lo < hi, > 0).
    static func sweep(_ lo: Double, _ hi: Double, count n: Int) -> [Double] {
        let a = lo.bitPattern, b = hi.bitPattern
        let step = max((b - a) / UInt64(n), 1)
        return stride(from: a, through: b, by: Int(step)).map { Double(bitPattern: $0) }
    }

    /// Applies a vector function to `xs` 8 lanes at a time.
    static func lanes(_ xs: [Double], _ f: (SIMD8<Double>) -> SIMD8<Double>) -> [Double] {
        var out = [Double](); out.reserveCapacity(xs.count + 8)
        var i = 0
        while i < xs.count {
            var v = SIMD8<Double>(repeating: 1)
            for k in 0..<min(8, xs.count - i) { v[k] = xs[i + k] }
            let y = f(v)
            for k in 0..<min(8, xs.count - i) { out.append(y[k]) }
            i += 8
        }
        return out
    }

    /// Error in units of the last place of the correctly rounded reference.
    static func ulps(_ x: Double, _ reference: Float80) -> Double {
        let r = Double(reference)
        if x == r { return 0 }
        if !x.isFinite || !r.isFinite { return .infinity }
        return Double(abs(Float80(x) - reference) / Float80(r.ulp))
    }

    func maxUlps(_ xs: [Double], _ got: [Double], _ reference: (Float80) -> Float80,
                 where include: (Double) -> Bool = { _ in true }) -> (Double, Double) {
        var worst = 0.0, at = 0.0
        for (x, y) in zip(xs, got) where include(Double(reference(Float80(x)))) {
            let e = Self.ulps(y, reference(Float80(x)))
            if e > worst { worst = e; at = x }
        }
        return (worst, at)
    }

    func testExpAgainstFloat80AndGlibc() {
        let xs = Self.sweep(0x1p-60, 746, count: 60_000).flatMap { [$0, -$0] }
        let got = Self.lanes(xs, SIMDMath.exp)
        let (worst, at) = maxUlps(xs, got, { Foundation.exp($0) }, where: { $0.isNormal })
        print("exp vs Float80: max \(worst) ulp at x = \(at)")
        XCTAssertLessThanOrEqual(worst, 1)
        var worstGlibc = 0.0
        for (x, y) in zip(xs, got) {
            let r = Foundation.exp(x)
            if r == y { continue }
            worstGlibc = max(worstGlibc, abs(y - r) / (r.isFinite ? r.ulp : 1))
        }
        print("exp vs glibc (incl. subnormal results): max \(worstGlibc) ulp")
        XCTAssertLessThanOrEqual(worstGlibc, 1)
    }

    func testExpm1() {
        let small = Self.sweep(0x1p-60, 0.35, count: 20_000).flatMap { [$0, -$0] }
        let (worst, at) = maxUlps(small, Self.lanes(small, SIMDMath.expm1), { Foundation.expm1($0) })
        print("expm1 |x| ≤ 0.35 vs Float80: max \(worst) ulp at \(at)")
        XCTAssertLessThanOrEqual(worst, 1)
        let large = Self.sweep(0.35, 700, count: 20_000).flatMap { [$0, -$0] }
        let (worstLarge, atLarge) = maxUlps(large, Self.lanes(large, SIMDMath.expm1),
                                            { Foundation.expm1($0) })
        print("expm1 |x| > 0.35 vs Float80: max \(worstLarge) ulp at \(atLarge)")
        XCTAssertLessThanOrEqual(worstLarge, 4)
    }

    func testLogOverEveryBinade() {
        var xs = Self.sweep(Double.leastNonzeroMagnitude, Double.greatestFiniteMagnitude,
                            count: 200_000)
        xs += Self.sweep(0.5, 2, count: 50_000)                 // dense around 1
        for k in 1...52 {
            let above: Double = 1 + Double(sign: .plus, exponent: -k, significand: 1)
            let below: Double = 1 - Double(sign: .plus, exponent: -k - 1, significand: 1)
            xs.append(above); xs.append(below)
        }
        let got = Self.lanes(xs, SIMDMath.log)
        let (worst, at) = maxUlps(xs, got, { Foundation.log($0) })
        print("log vs Float80: max \(worst) ulp at x = \(at)")
        XCTAssertLessThanOrEqual(worst, 1)
    }

    func testNormalDensity() {
        let xs = Self.sweep(0x1p-60, 37.5, count: 60_000).flatMap { [$0, -$0] }
        let got = Self.lanes(xs, SIMDMath.normalPDF)
        let c = 1 / (2 * Float80.pi).squareRoot()
        let (worst, at) = maxUlps(xs, got, { c * Foundation.exp(-$0 * $0 / 2) })
        print("normalPDF vs Float80: max \(worst) ulp at x = \(at)")
        XCTAssertLessThanOrEqual(worst, 3)
        // The scalar twin rounds identically.
        for (x, y) in zip(xs, got) where x.bitPattern % 97 == 0 {
            XCTAssertEqual(StandardNormal.pdf(x).bitPattern, y.bitPattern)
        }
    }

    func testNormalCDFKeepsRelativeAccuracyInTheLowerTail() {
        let lower = Self.sweep(0x1p-60, 37.5, count: 60_000).map { -$0 }
        let ref: (Float80) -> Float80 = { 0.5 * Foundation.erfc(-$0 / Float80(2).squareRoot()) }
        let (worst, at) = maxUlps(lower, Self.lanes(lower, SIMDMath.normalCDF), ref)
        print("normalCDF x ≤ 0 vs Float80: max \(worst) ulp at x = \(at)")
        XCTAssertLessThanOrEqual(worst, 8)
        let upper = Self.sweep(0x1p-60, 40, count: 30_000)
        var worstAbs = 0.0
        for (x, y) in zip(upper, Self.lanes(upper, SIMDMath.normalCDF)) {
            worstAbs = max(worstAbs, Double(abs(Float80(y) - ref(Float80(x)))))
        }
        print("normalCDF x > 0 vs Float80: max abs error \(worstAbs)")
        XCTAssertLessThanOrEqual(worstAbs, 5e-16)
        // The independent scalar path (glibc erfc with the argument's rounding corrected).
        var worstScalar = 0.0
        for x in lower where x.bitPattern % 31 == 0 {
            worstScalar = max(worstScalar, Self.ulps(StandardNormal.cdf(x), ref(Float80(x))))
        }
        print("StandardNormal.cdf x ≤ 0 vs Float80: max \(worstScalar) ulp")
        XCTAssertLessThanOrEqual(worstScalar, 4)
    }

    func testEdgesPerLane() {
        let inf = Double.infinity, nan = Double.nan
        let x = SIMD8<Double>(nan, inf, -inf, 0, -0.0, 1e308, -1e308, 1)
        let e = SIMDMath.exp(x)
        XCTAssertTrue(e[0].isNaN); XCTAssertEqual(e[1], inf); XCTAssertEqual(e[2], 0)
        XCTAssertEqual(e[3], 1); XCTAssertEqual(e[4], 1); XCTAssertEqual(e[5], inf)
        XCTAssertEqual(e[6], 0); XCTAssertEqual(e[7], Foundation.exp(1), accuracy: 4.5e-16)
        let l = SIMDMath.log(SIMD8<Double>(nan, inf, -inf, 0, -0.0, -1, .leastNonzeroMagnitude, 1))
        XCTAssertTrue(l[0].isNaN); XCTAssertEqual(l[1], inf); XCTAssertTrue(l[2].isNaN)
        XCTAssertEqual(l[3], -inf); XCTAssertEqual(l[4], -inf); XCTAssertTrue(l[5].isNaN)
        XCTAssertEqual(l[6], Foundation.log(Double.leastNonzeroMagnitude)); XCTAssertEqual(l[7], 0)
        let p = SIMDMath.normalPDF(x)
        XCTAssertTrue(p[0].isNaN); XCTAssertEqual(p[1], 0); XCTAssertEqual(p[2], 0)
        XCTAssertEqual(p[3], 0.398_942_280_401_432_7); XCTAssertEqual(p[5], 0)
        let c = SIMDMath.normalCDF(x)
        XCTAssertTrue(c[0].isNaN); XCTAssertEqual(c[1], 1); XCTAssertEqual(c[2], 0)
        XCTAssertEqual(c[3], 0.5, accuracy: 1.2e-16); XCTAssertEqual(c[4], 0.5, accuracy: 1.2e-16)
        XCTAssertEqual(c[5], 1)
        XCTAssertEqual(c[6], 0)
        // Overflow and underflow thresholds of exp.
        let t = SIMDMath.exp(SIMD8<Double>(709.78, 709.79, -708.3, -745.1, -745.2, 0x1p-1074, -0x1p-1074, 0))
        XCTAssertEqual(t[0], Foundation.exp(709.78), accuracy: Foundation.exp(709.78).ulp)
        XCTAssertEqual(t[1], inf); XCTAssertEqual(t[2], Foundation.exp(-708.3), accuracy: Foundation.exp(-708.3).ulp)
        XCTAssertEqual(t[3], Foundation.exp(-745.1)); XCTAssertEqual(t[4], 0)
        XCTAssertEqual(t[5], 1); XCTAssertEqual(t[6], 1)
        // A NaN lane leaves the other lanes bit-identical.
        let clean = SIMD8<Double>(-3, -1, -0.5, 0.25, 1, 2, 5, 20)
        var dirty = clean
        dirty[3] = nan
        for f in [SIMDMath.exp, SIMDMath.log, SIMDMath.normalPDF, SIMDMath.normalCDF] {
            let a = f(clean), b = f(dirty)
            XCTAssertTrue(b[3].isNaN)
            for k in 0..<8 where k != 3 { XCTAssertEqual(a[k].bitPattern, b[k].bitPattern) }
        }
    }
}
