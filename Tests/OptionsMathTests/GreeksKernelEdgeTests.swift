// GreeksKernelEdgeTests: per-lane edge behaviour, tails, subsets and Black-76 of GreeksKernel.
//
// | check                                   | reference source                          | tolerance              | measured worst case |
// |-----------------------------------------|-------------------------------------------|------------------------|---------------------|
// | NaN / S ≤ 0 / K ≤ 0 in one lane          | clean run of the same batch               | that lane NaN, others bitwise equal | exact |
// | T = 0, T < 0, σ = 0, σ√T underflow       | closed-form zero-volatility limit         | 1e-15 relative         | exact / ≤ 1 ulp |
// | T → 0⁺, σ → 0⁺ continuity               | the zero-volatility limit                 | 1e-12 relative         | < 1e-15 |
// | deep wings (K/S 2e-4 … 200, σ√T 1e-4 … 12) | put–call parity C − P = S e^{−qT} − K e^{−rT} | 1e-12 × max(C, P, S)| ≤ 2e-16 |
// | tail sizes n = 0 … 17                    | the same rows inside a long batch         | bitwise                | exact |
// | GreekSet subsets                         | the `.all` run; unrequested columns       | bitwise; untouched     | exact |
// | Black-76 lanes vs BlackScholes.black76Greeks | scalar reference on every slice row   | ≤ 1e-13 (floor 1e-12×max) | 0 (bitwise); gamma fast path 5.5e-15 |
// | Black-76 vs mpmath (F = S e^{(r−q)T}, D = e^{−rT}) | greeks_slice.csv, converted to ∂/∂F | max ≤ 1e-9 (floor 1e-12×max) | median ≤ 2e-16, max 2.4e-12 |
import Foundation
import OptionsMath
import XCTest

final class GreeksKernelEdgeTests: XCTestCase {
    /// A small SoA batch: 19 options (two whole vectors and a tail of three).
    struct Batch {
        var S: [Double], K: [Double], T: [Double], sigma: [Double], r: [Double], q: [Double]
        var call: [Bool]

        static func sample(_ n: Int = 19) -> Batch {
            var b = Batch(S: [], K: [], T: [], sigma: [], r: [], q: [], call: [])
            for i in 0..<n {
                let x = Double(i)
                b.S.append(5000 + 37 * x); b.K.append(4000 + 111 * x)
                b.T.append(0.002 + 0.13 * x); b.sigma.append(0.1 + 0.05 * x)
                b.r.append(0.04); b.q.append(0.01 + 0.0005 * x); b.call.append(i % 3 != 0)
            }
            return b
        }

        func run(_ greeks: GreekSet = .all) -> [[Double]] {
            withOutputColumns(S.count) { o in
                S.withUnsafeBufferPointer { S in K.withUnsafeBufferPointer { K in
                T.withUnsafeBufferPointer { T in sigma.withUnsafeBufferPointer { v in
                r.withUnsafeBufferPointer { r in q.withUnsafeBufferPointer { q in
                call.withUnsafeBufferPointer { c in
                    GreeksKernel.blackScholes(spot: S, strike: K, time: T, volatility: v, rate: r,
                                              dividendYield: q, isCall: c, outputs: o,
                                              greeks: greeks)
                }}}}}}}
            }
        }

        func gamma() -> [Double] {
            var g = [Double](repeating: .nan, count: S.count)
            g.withUnsafeMutableBufferPointer { out in
                S.withUnsafeBufferPointer { S in K.withUnsafeBufferPointer { K in
                T.withUnsafeBufferPointer { T in sigma.withUnsafeBufferPointer { v in
                r.withUnsafeBufferPointer { r in q.withUnsafeBufferPointer { q in
                    GreeksKernel.gamma(spot: S, strike: K, time: T, volatility: v, rate: r,
                                       dividendYield: q, into: out)
                }}}}}}
            }
            return g
        }

        func scalar(_ i: Int) -> Greeks {
            BlackScholes.greeks(BlackScholesInputs(spot: S[i], strike: K[i], time: T[i],
                                                   volatility: sigma[i], rate: r[i],
                                                   dividendYield: q[i],
                                                   right: call[i] ? .call : .put))
        }
    }

    func bits(_ x: [Double]) -> [UInt64] { x.map(\.bitPattern) }

    func testInvalidInputPoisonsOnlyItsLane() {
        let clean = Batch.sample()
        let reference = clean.run(), referenceGamma = clean.gamma()
        let poisons: [(WritableKeyPath<Batch, [Double]>, Double)] = [
            (\.S, .nan), (\.K, .nan), (\.T, .nan), (\.sigma, .nan), (\.r, .nan), (\.q, .nan),
            (\.S, 0), (\.S, -5), (\.K, 0), (\.K, -1),
        ]
        for (column, value) in poisons {
            for lane in [0, 7, 9, 17] {
                var b = clean
                b[keyPath: column][lane] = value
                let out = b.run(), g = b.gamma()
                for k in 0..<8 {
                    XCTAssertTrue(out[k][lane].isNaN, "\(column) = \(value) lane \(lane) greek \(k)")
                    for i in 0..<b.S.count where i != lane {
                        XCTAssertEqual(out[k][i].bitPattern, reference[k][i].bitPattern)
                    }
                }
                XCTAssertTrue(g[lane].isNaN)
                for i in 0..<b.S.count where i != lane {
                    XCTAssertEqual(g[i].bitPattern, referenceGamma[i].bitPattern)
                }
                XCTAssertTrue(b.scalar(lane).price.isNaN)
            }
        }
    }

    func testZeroTimeAndZeroVolatilityGiveTheDeterministicLimit() {
        var b = Batch.sample(8)
        // lanes: 0–3 T = 0 (ITM call, OTM call, ITM put, OTM put); 4–7 σ = 0 with T = 0.5.
        b.S = [5000, 5000, 5000, 5000, 5000, 5000, 5000, 5000]
        b.K = [4000, 6000, 6000, 4000, 4000, 6000, 6000, 4000]
        b.call = [true, true, false, false, true, true, false, false]
        b.T = [0, 0, -0.1, 0, 0.5, 0.5, 0.5, 0.5]
        b.sigma = [0.2, 0.2, 0.2, 0.2, 0, 0, -0.1, 0]
        b.r = Array(repeating: 0.04, count: 8); b.q = Array(repeating: 0.01, count: 8)
        let out = b.run(), g = b.gamma()
        for i in 0..<8 {
            let T = max(b.T[i], 0), w: Double = b.call[i] ? 1 : -1
            let A = 5000 * Foundation.exp(-0.01 * T), B = b.K[i] * Foundation.exp(-0.04 * T)
            let itm = w * (A - B) > 0
            let price = itm ? w * (A - B) : 0
            XCTAssertEqual(out[0][i], price, accuracy: 1e-12 * 5000, "price lane \(i)")
            XCTAssertEqual(out[1][i], itm ? w * Foundation.exp(-0.01 * T) : 0, accuracy: 1e-15)
            for k in [2, 3, 5] { XCTAssertEqual(out[k][i], 0, "greek \(k) lane \(i)") }
            XCTAssertEqual(g[i], 0)
            XCTAssertEqual(out[4][i], itm ? w * (0.01 * A - 0.04 * B) : 0, accuracy: 1e-12 * 200)
            XCTAssertEqual(out[6][i], itm ? w * 0.01 * Foundation.exp(-0.01 * T) : 0,
                           accuracy: 1e-15)
            XCTAssertEqual(out[7][i], itm ? w * T * B : 0, accuracy: 1e-12 * 5000)
            let s = b.scalar(i)
            for k in 0..<8 { XCTAssertEqual(out[k][i], s[k], accuracy: 1e-12 * 5000) }
        }
    }

    func testShortExpiryAndLowVolatilityConvergeToTheLimit() {
        for (T, sigma) in [(1e-12, 0.2), (1e-9, 0.2), (0.5, 1e-9), (1e-300, 0.2), (0.5, 1e-200)] {
            var b = Batch.sample(4)
            b.S = [5000, 5000, 5000, 5000]; b.K = [4000, 6000, 6000, 4000]
            b.call = [true, true, false, false]
            b.T = Array(repeating: T, count: 4); b.sigma = Array(repeating: sigma, count: 4)
            b.r = Array(repeating: 0.04, count: 4); b.q = Array(repeating: 0.01, count: 4)
            let out = b.run()
            var limit = b
            limit.sigma = Array(repeating: 0, count: 4)
            let expected = limit.run()
            for i in 0..<4 {
                for k in [0, 1, 4, 6, 7] {
                    XCTAssertEqual(out[k][i], expected[k][i],
                                   accuracy: 1e-12 * max(abs(expected[k][i]), 1),
                                   "T \(T) σ \(sigma) lane \(i) greek \(k)")
                }
                for k in [2, 3, 5] { XCTAssertEqual(out[k][i], 0, accuracy: 1e-200) }
            }
        }
    }

    func testDeepWingsAreFiniteAndSatisfyParity() {
        var b = Batch.sample(0)
        for K in [1.0, 100, 2500, 4999, 5000, 5001, 10_000, 1e5, 1e6] {
            for T in [1e-8, 1.0 / 365, 1, 30] {
                for sigma in [0.01, 0.3, 5] {
                    for call in [true, false] {
                        b.S.append(5000); b.K.append(K); b.T.append(T); b.sigma.append(sigma)
                        b.r.append(0.04); b.q.append(0.015); b.call.append(call)
                    }
                }
            }
        }
        let out = b.run()
        for i in stride(from: 0, to: b.S.count, by: 2) {
            for k in 0..<8 {
                XCTAssertTrue(out[k][i].isFinite && out[k][i + 1].isFinite, "row \(i) greek \(k)")
            }
            XCTAssertGreaterThanOrEqual(out[0][i], 0); XCTAssertGreaterThanOrEqual(out[0][i + 1], 0)
            XCTAssertGreaterThanOrEqual(out[2][i], 0)
            let A = 5000 * Foundation.exp(-0.015 * b.T[i]), B = b.K[i] * Foundation.exp(-0.04 * b.T[i])
            let scale = max(out[0][i], out[0][i + 1], 5000)
            XCTAssertEqual(out[0][i] - out[0][i + 1], A - B, accuracy: 1e-12 * scale, "parity row \(i)")
            XCTAssertEqual(out[1][i] - out[1][i + 1], Foundation.exp(-0.015 * b.T[i]), accuracy: 1e-15)
            let s = b.scalar(i)
            for k in 0..<8 { XCTAssertEqual(out[k][i], s[k], "lane \(i) greek \(k)") }  // ±0 equal
        }
    }

    func testTailSizesMatchTheLongBatch() throws {
        let ref = try ReferenceGreeks.slice()
        let long = GreeksKernelTests.kernel(ref)
        for n in 0...17 {
            for start in [0, 5, 1000] {
                var part = ref
                part.spot = Array(ref.spot[start..<(start + n)]); part.strike = Array(ref.strike[start..<(start + n)])
                part.time = Array(ref.time[start..<(start + n)]); part.sigma = Array(ref.sigma[start..<(start + n)])
                part.rate = Array(ref.rate[start..<(start + n)]); part.yield = Array(ref.yield[start..<(start + n)])
                part.isCall = Array(ref.isCall[start..<(start + n)])
                let short = GreeksKernelTests.kernel(part)
                for k in 0..<8 {
                    XCTAssertEqual(bits(short[k]), bits(Array(long[k][start..<(start + n)])), "n \(n) start \(start)")
                }
                XCTAssertEqual(bits(GreeksKernelTests.gammaKernel(part)),
                               bits(Array(GreeksKernelTests.gammaKernel(ref)[start..<(start + n)])))
            }
        }
    }

    func testSubsetsMatchTheFullPassAndLeaveOtherColumnsAlone() throws {
        let ref = try ReferenceGreeks.slice()
        let all = GreeksKernelTests.kernel(ref)
        let subsets: [GreekSet] = [.gamma, .price, [.delta, .gamma], [.vanna, .charm], .seven,
                                   [.rho], [.theta, .vega]]
        for set in subsets {
            let out = GreeksKernelTests.kernel(ref, greeks: set)
            for k in 0..<8 {
                if set.contains(GreekSet(rawValue: 1 << k)) {
                    XCTAssertEqual(bits(out[k]), bits(all[k]), "\(set) greek \(k)")
                } else {
                    XCTAssertTrue(out[k].allSatisfy(\.isNaN), "\(set) wrote greek \(k)")
                }
            }
        }
    }

    /// Black-76 on the slice rows, through F = S e^{(r−q)T} and D = e^{−rT}.
    func testBlack76MatchesScalarAndReference() throws {
        let ref = try ReferenceGreeks.slice()
        let n = ref.count
        let F = (0..<n).map { ref.spot[$0] * Foundation.exp((ref.rate[$0] - ref.yield[$0]) * ref.time[$0]) }
        let D = (0..<n).map { Foundation.exp(-ref.rate[$0] * ref.time[$0]) }
        var gammaOnly = [Double](repeating: .nan, count: n)
        let out = withOutputColumns(n) { o in
            F.withUnsafeBufferPointer { F in ref.strike.withUnsafeBufferPointer { K in
            ref.time.withUnsafeBufferPointer { T in ref.sigma.withUnsafeBufferPointer { v in
            D.withUnsafeBufferPointer { D in ref.isCall.withUnsafeBufferPointer { c in
            gammaOnly.withUnsafeMutableBufferPointer { g in
                GreeksKernel.black76(forward: F, strike: K, time: T, volatility: v, discount: D,
                                     isCall: c, outputs: o, greeks: .all)
                GreeksKernel.black76Gamma(forward: F, strike: K, time: T, volatility: v,
                                          discount: D, into: g)
            }}}}}}}
        }
        let scalar = (0..<n).map {
            BlackScholes.black76Greeks(forward: F[$0], strike: ref.strike[$0], time: ref.time[$0],
                                       volatility: ref.sigma[$0], discount: D[$0],
                                       right: ref.isCall[$0] ? .call : .put)
        }
        for k in 0..<8 {
            let s = ErrorSummary(out[k], scalar.map { $0[k] })
            print("black76 lanes vs scalar \(ReferenceGreeks.greekNames[k]): \(s)")
            XCTAssertLessThanOrEqual(s.max, 1e-13)
        }
        let g = ErrorSummary(gammaOnly, scalar.map(\.gamma))
        print("black76 gamma fast path vs scalar: \(g)")
        XCTAssertLessThanOrEqual(g.max, 1e-13)
        // Against mpmath: price and vega are the same numbers; ∂/∂S = e^{(r−q)T} ∂/∂F.
        let carry = (0..<n).map { Foundation.exp((ref.rate[$0] - ref.yield[$0]) * ref.time[$0]) }
        let converted: [(Int, [Double])] = [
            (0, out[0]), (3, out[3]),
            (1, (0..<n).map { out[1][$0] * carry[$0] }),
            (2, (0..<n).map { out[2][$0] * carry[$0] * carry[$0] }),
        ]
        for (k, values) in converted {
            let s = ErrorSummary(values, ref.expected[k])
            print("black76 vs mpmath \(ReferenceGreeks.greekNames[k]): \(s)")
            XCTAssertLessThanOrEqual(s.max, 1e-9)
        }
    }
}
