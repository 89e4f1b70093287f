// SpotRepricingTests: the profile fast path against the scalar Black–Scholes reference.
//
// | check                                         | reference source                         | tolerance                      |
// |-----------------------------------------------|------------------------------------------|--------------------------------|
// | S′·Γ and Δ at ±20 % moves, 3,000 contracts    | BlackScholes.greeks at S′ (scalar, full) | Γ 1e-11 rel (floor 1e-12×max), Δ 1e-12 abs |
// | weighted sums                                 | Σ weight × scalar reference, compensated | 1e-12 relative to Σ|terms|     |
// | σ = 0, T = 0 (zero-volatility limit)          | closed form e^{−qT}·step                 | exact                          |
// | NaN strike / volatility in one contract       | that contract NaN, the others unchanged  | exact                          |
// | any range split (padding lanes)               | the whole-range run                      | bitwise                        |
// | fused gamma + delta pass                      | the separate passes                      | Γ bitwise, Δ 1e-15 abs         |
import OptionsMath
import XCTest

final class SpotRepricingTests: XCTestCase {
    struct Chain {
        var K: [Double] = [], T: [Double] = [], sigma: [Double] = [], r: [Double] = [], q: [Double] = [], call: [Bool] = []
    }

    static func chain(_ n: Int, seed: UInt64 = 7) -> Chain {
        var state = seed
        func uniform() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) * 0x1.0p-53
        }
        var c = Chain()
        for _ in 0..<n {
            c.K.append((4000 + 2000 * uniform()).rounded())
            c.T.append(Elementary.exp(Elementary.log(1.0 / 365 / 24) + uniform() * 7))  // 2.5 minutes … 3 years
            c.sigma.append(0.05 + 0.9 * uniform())
            c.r.append(0.05 * uniform()); c.q.append(0.02 * uniform()); c.call.append(uniform() < 0.5)
        }
        return c
    }

    func reference(_ c: Chain, _ i: Int, spot: Double) -> Greeks {
        BlackScholes.greeks(BlackScholesInputs(spot: spot, strike: c.K[i], time: c.T[i], volatility: c.sigma[i], rate: c.r[i],
                                               dividendYield: c.q[i], right: c.call[i] ? .call : .put))
    }

    func testGammaAndDeltaMatchTheScalarReferenceAcrossTheGrid() {
        let c = Self.chain(3001), S0 = 5000.0
        let rep = SpotRepricing(referenceSpot: S0, strike: c.K, time: c.T, volatility: c.sigma, rate: c.r, dividendYield: c.q, isCall: c.call)
        var gamma = [Double](repeating: 0, count: c.K.count), delta = gamma
        var worstGamma = 0.0, worstDelta = 0.0
        for spot in stride(from: 0.8 * S0, through: 1.2 * S0, by: 0.05 * S0) + [S0 * 1.000_123] {
            let m = Elementary.log(spot / S0)
            gamma.withUnsafeMutableBufferPointer { rep.scaledGamma(logMove: m, range: 0..<c.K.count, into: $0) }
            delta.withUnsafeMutableBufferPointer { rep.delta(logMove: m, range: 0..<c.K.count, into: $0) }
            let expected = c.K.indices.map { reference(c, $0, spot: spot) }
            let floor = 1e-12 * expected.map { abs($0.gamma) * spot }.max()!
            for i in c.K.indices {
                let g = expected[i].gamma * spot
                worstGamma = max(worstGamma, abs(gamma[i] - g) / max(abs(g), floor))
                worstDelta = max(worstDelta, abs(delta[i] - expected[i].delta))
            }
        }
        XCTAssertLessThan(worstGamma, 1e-11, "S′·Γ relative error")
        XCTAssertLessThan(worstDelta, 1e-12, "Δ absolute error")
        print("SpotRepricing vs scalar reference: S′·Γ max rel \(worstGamma), Δ max abs \(worstDelta)")
    }

    func testWeightedSumsEqualTheSumOfReferenceTerms() {
        let c = Self.chain(1003, seed: 11), S0 = 4800.0
        let weight = c.K.indices.map { Double(($0 * 37) % 201 - 100) * 100 }
        let rep = SpotRepricing(referenceSpot: S0, strike: c.K, time: c.T, volatility: c.sigma, rate: c.r, dividendYield: c.q, isCall: c.call)
        for spot in [4400.0, 4800, 5300] {
            let m = Elementary.log(spot / S0)
            var gammaTerms: [Double] = [], deltaTerms: [Double] = []
            for i in c.K.indices {
                let g = reference(c, i, spot: spot)
                gammaTerms.append(weight[i] * g.gamma * spot); deltaTerms.append(weight[i] * g.delta)
            }
            let gSum = gammaTerms.reduce(0, +), gAbs = gammaTerms.map(abs).reduce(0, +)
            let dSum = deltaTerms.reduce(0, +), dAbs = deltaTerms.map(abs).reduce(0, +)
            XCTAssertEqual(rep.weightedScaledGamma(logMove: m, weight: weight), gSum, accuracy: 1e-12 * gAbs)
            XCTAssertEqual(rep.weightedDelta(logMove: m, weight: weight), dSum, accuracy: 1e-12 * dAbs)
        }
    }

    func testZeroVolatilityAndExpiredContractsTakeTheStepLimit() {
        // K below, at and above the forward; σ = 0 and T = 0.
        let K = [4000.0, 5000, 6000, 4000, 5000, 6000], T = [0.5, 0.5, 0.5, 0, 0, 0]
        let sigma = [0.0, 0, 0, 0.2, 0.2, 0.2], zero = [Double](repeating: 0, count: 6)
        let call = [true, true, false, false, true, true]
        let rep = SpotRepricing(referenceSpot: 5000, strike: K, time: T, volatility: sigma, rate: zero, dividendYield: zero, isCall: call)
        var g = zero, d = zero
        g.withUnsafeMutableBufferPointer { rep.scaledGamma(logMove: 0, range: 0..<6, into: $0) }
        d.withUnsafeMutableBufferPointer { rep.delta(logMove: 0, range: 0..<6, into: $0) }
        XCTAssertEqual(g, zero)
        XCTAssertEqual(d, [1, 0.5, -1, 0, 0.5, 0])
    }

    func testNaNStaysInItsContractAndRangesSplitAnywhere() {
        var c = Self.chain(29, seed: 3)
        let clean = SpotRepricing(referenceSpot: 5000, strike: c.K, time: c.T, volatility: c.sigma, rate: c.r, dividendYield: c.q, isCall: c.call)
        var whole = [Double](repeating: 0, count: 29)
        whole.withUnsafeMutableBufferPointer { clean.scaledGamma(logMove: 0.03, range: 0..<29, into: $0) }
        for split in [1, 3, 8, 13, 28] {
            var parts = [Double](repeating: 0, count: 29)
            parts.withUnsafeMutableBufferPointer { out in
                clean.scaledGamma(logMove: 0.03, range: 0..<split, into: UnsafeMutableBufferPointer(rebasing: out[0..<split]))
                clean.scaledGamma(logMove: 0.03, range: split..<29, into: UnsafeMutableBufferPointer(rebasing: out[split..<29]))
            }
            XCTAssertEqual(parts, whole, "split at \(split)")
        }
        c.K[5] = .nan
        c.sigma[17] = .nan
        let dirty = SpotRepricing(referenceSpot: 5000, strike: c.K, time: c.T, volatility: c.sigma, rate: c.r, dividendYield: c.q, isCall: c.call)
        var g = whole, d = whole
        g.withUnsafeMutableBufferPointer { dirty.scaledGamma(logMove: 0.03, range: 0..<29, into: $0) }
        d.withUnsafeMutableBufferPointer { dirty.delta(logMove: 0.03, range: 0..<29, into: $0) }
        for i in 0..<29 {
            if i == 5 || i == 17 {
                XCTAssertTrue(g[i].isNaN && d[i].isNaN, "contract \(i) must be NaN")
            } else {
                XCTAssertEqual(g[i], whole[i], "contract \(i)")
            }
        }
    }

    func testFusedPassEqualsTheSeparateOnes() {
        let c = Self.chain(203, seed: 5)
        let rep = SpotRepricing(referenceSpot: 5000, strike: c.K, time: c.T, volatility: c.sigma, rate: c.r, dividendYield: c.q, isCall: c.call)
        for m in [-0.1, 0, 0.037] {
            var g = [Double](repeating: 0, count: 203), d = g, g2 = g, d2 = g
            g.withUnsafeMutableBufferPointer { rep.scaledGamma(logMove: m, range: 0..<203, into: $0) }
            d.withUnsafeMutableBufferPointer { rep.delta(logMove: m, range: 0..<203, into: $0) }
            g2.withUnsafeMutableBufferPointer { gp in d2.withUnsafeMutableBufferPointer { dp in
                rep.scaledGammaAndDelta(logMove: m, range: 0..<203, gamma: gp, delta: dp) } }
            XCTAssertEqual(g2, g, "gamma must be bitwise the same")
            for i in 0..<203 { XCTAssertEqual(d2[i], d[i], accuracy: 1e-15, "delta \(i)") }
        }
    }
}
