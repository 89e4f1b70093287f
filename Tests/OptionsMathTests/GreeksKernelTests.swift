// GreeksKernelTests: batch greeks (GreeksKernel) and the scalar reference (BlackScholes).
//
// | check                         | reference source                                  | tolerance                              | measured worst case |
// |-------------------------------|---------------------------------------------------|----------------------------------------|---------------------|
// | scalar vs mpmath, slice       | Fixtures/greeks_slice.csv (1,560 rows of the set) | median ≤ 1e-15, max ≤ 1e-9 (*)         | median ≤ 1.2e-16; max 3.7e-14 (theta) |
// | scalar vs mpmath, full set    | ../shared/reference/greeks_dev.csv.gz (50,000)    | median ≤ 1e-15, max ≤ 1e-9 (*)         | median ≤ 1.3e-16; max 5.3e-12 charm, 2.2e-12 theta, 1.2e-12 vanna, ≤ 1.8e-14 others |
// | SIMD vs mpmath, slice + full  | same files                                        | median ≤ 1e-15, max ≤ 1e-9 (*)         | identical to the scalar figures (same roundings) |
// | SIMD lane vs scalar           | BlackScholes.greeks on every row                  | ≤ 1e-13 relative, floor 1e-12×max|col| | 0 (bitwise equal, debug and GEX_SIMD=avx2 release) |
// | gamma fast path vs scalar     | BlackScholes.greeks(…).gamma                      | ≤ 1e-13 relative, floor 1e-12×max|col| | 1.3e-14 (merged exp, reciprocals) |
// | Black-76 lane vs scalar       | BlackScholes.black76Greeks                        | ≤ 1e-13 relative, floor 1e-12×max|col| | 0 (bitwise) |
// | Black-76 vs BSM (F=S·e^{(r−q)T}) | mpmath set via the forward                     | ≤ 1e-11 relative, floor 1e-12×max|col| | 2.4e-12 (GreeksKernelEdgeTests) |
// | edges: NaN lanes, T=0, σ=0, T→0, deep wings, tails 0…17, subsets | exact values / continuity | exact or 1e-12 | exact |
// (*) relative error = |x − ref| / max(|ref|, 1e-12 × max|ref| over that greek's column).
import OptionsMath
import XCTest

final class GreeksKernelTests: XCTestCase {
    static let names = ReferenceGreeks.greekNames

    /// Runs the SIMD kernel over the reference rows (all eight greeks).
    static func kernel(_ ref: ReferenceGreeks, greeks: GreekSet = .all) -> [[Double]] {
        let n = ref.count
        return withOutputColumns(n) { o in
            ref.spot.withUnsafeBufferPointer { S in ref.strike.withUnsafeBufferPointer { K in
            ref.time.withUnsafeBufferPointer { T in ref.sigma.withUnsafeBufferPointer { v in
            ref.rate.withUnsafeBufferPointer { r in ref.yield.withUnsafeBufferPointer { q in
            ref.isCall.withUnsafeBufferPointer { c in
                GreeksKernel.blackScholes(spot: S, strike: K, time: T, volatility: v, rate: r,
                                          dividendYield: q, isCall: c, outputs: o, greeks: greeks)
            }}}}}}}
        }
    }

    static func gammaKernel(_ ref: ReferenceGreeks) -> [Double] {
        var g = [Double](repeating: .nan, count: ref.count)
        g.withUnsafeMutableBufferPointer { out in
            ref.spot.withUnsafeBufferPointer { S in ref.strike.withUnsafeBufferPointer { K in
            ref.time.withUnsafeBufferPointer { T in ref.sigma.withUnsafeBufferPointer { v in
            ref.rate.withUnsafeBufferPointer { r in ref.yield.withUnsafeBufferPointer { q in
                GreeksKernel.gamma(spot: S, strike: K, time: T, volatility: v, rate: r,
                                   dividendYield: q, into: out)
            }}}}}}
        }
        return g
    }

    /// Asserts the mpmath acceptance criteria for eight columns and returns the summaries.
    @discardableResult
    func assertAgainstReference(_ actual: [[Double]], _ ref: ReferenceGreeks, label: String,
                                file: StaticString = #filePath, line: UInt = #line) -> [ErrorSummary] {
        (0..<8).map { k in
            let s = ErrorSummary(actual[k], ref.expected[k])
            print("\(label) \(Self.names[k]): \(s)")
            XCTAssertLessThanOrEqual(s.median, 1e-15, "\(label) \(Self.names[k]) median",
                                     file: file, line: line)
            XCTAssertLessThanOrEqual(s.max, 1e-9, "\(label) \(Self.names[k]) max \(s)",
                                     file: file, line: line)
            return s
        }
    }

    /// Asserts lane-vs-scalar agreement ≤ tolerance relative above 1e-12 × max|column|.
    func assertLanesMatch(_ lanes: [Double], _ scalar: [Double], _ name: String,
                          tolerance: Double = 1e-13,
                          file: StaticString = #filePath, line: UInt = #line) {
        let s = ErrorSummary(lanes, scalar)
        print("lanes vs scalar \(name): \(s)")
        XCTAssertLessThanOrEqual(s.max, tolerance, "\(name) \(s)", file: file, line: line)
    }

    func scalarColumns(_ ref: ReferenceGreeks) -> [[Double]] {
        let g = (0..<ref.count).map { BlackScholes.greeks(ref.inputs($0)) }
        return (0..<8).map { k in g.map { $0[k] } }
    }

    func checkAll(_ ref: ReferenceGreeks, label: String) {
        let scalar = scalarColumns(ref)
        assertAgainstReference(scalar, ref, label: "\(label) scalar")
        let simd = Self.kernel(ref)
        assertAgainstReference(simd, ref, label: "\(label) SIMD")
        for k in 0..<8 { assertLanesMatch(simd[k], scalar[k], "\(label) \(Self.names[k])") }
        assertLanesMatch(Self.gammaKernel(ref), scalar[2], "\(label) gamma fast path")
    }

    func testSliceAgainstMpmath() throws {
        checkAll(try ReferenceGreeks.slice(), label: "slice")
    }

    func testFullSetAgainstMpmath() throws {
        checkAll(try ReferenceGreeks.fullSet(), label: "full")
    }
}
