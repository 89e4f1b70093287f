// SpotRepricingTileTests: the whole-tile pass of exposure profiles and its shorter Mills ratio.
//
// | check                                             | reference source                            | tolerance      |
// |---------------------------------------------------|---------------------------------------------|----------------|
// | fillTile (Γ only, Γ + Δ), unaligned ranges, tails,| scaledGammaAndDelta level by level          | bitwise        |
// | padded row stride                                 |                                             |                |
// | tile Δ = N(d1), d1 ∈ [−40, 40] (profile Mills)   | SIMDMath.normalCDF (pricing Mills ratio)    | 1e-15 absolute |
import OptionsMath
import XCTest

final class SpotRepricingTileTests: XCTestCase {
    func testTileEqualsTheLevelByLevelPasses() {
        let c = SpotRepricingTests.chain(211, seed: 13)
        let rep = SpotRepricing(referenceSpot: 5000, strike: c.K, time: c.T, volatility: c.sigma, rate: c.r, dividendYield: c.q, isCall: c.call)
        let moves = [-0.2, -0.1, -0.013, 0, 0.001, 0.05, 0.2]
        for range in [0..<211, 3..<203, 8..<16, 200..<211, 5..<6] {
            let width = range.count, cells = moves.count * width
            var gamma = [Double](repeating: .nan, count: cells), delta = gamma, gammaOnly = gamma
            var expectedGamma = gamma, expectedDelta = gamma
            gamma.withUnsafeMutableBufferPointer { g in delta.withUnsafeMutableBufferPointer { d in
                rep.fillTile(logMoves: moves, range: range, gamma: g, delta: d) } }
            gammaOnly.withUnsafeMutableBufferPointer { rep.fillTile(logMoves: moves, range: range, gamma: $0, delta: nil) }
            expectedGamma.withUnsafeMutableBufferPointer { g in expectedDelta.withUnsafeMutableBufferPointer { d in
                for (j, m) in moves.enumerated() {
                    let row = (j * width)..<(j * width + width)
                    rep.scaledGammaAndDelta(logMove: m, range: range, gamma: UnsafeMutableBufferPointer(rebasing: g[row]),
                                            delta: UnsafeMutableBufferPointer(rebasing: d[row]))
                }
            }}
            XCTAssertEqual(gamma.map(\.bitPattern), expectedGamma.map(\.bitPattern), "Γ tile, range \(range)")
            XCTAssertEqual(gammaOnly.map(\.bitPattern), expectedGamma.map(\.bitPattern), "Γ-only tile, range \(range)")
            XCTAssertEqual(delta.map(\.bitPattern), expectedDelta.map(\.bitPattern), "Δ tile, range \(range)")
            // A padded row stride moves the rows and leaves the padding cells alone.
            let stride = width + 5
            var padded = [Double](repeating: -1, count: (moves.count - 1) * stride + width)
            padded.withUnsafeMutableBufferPointer { rep.fillTile(logMoves: moves, range: range, gamma: $0, delta: nil, rowStride: stride) }
            for j in moves.indices {
                XCTAssertEqual(padded[(j * stride)..<(j * stride + width)].map(\.bitPattern),
                               expectedGamma[(j * width)..<(j * width + width)].map(\.bitPattern), "strided row \(j), range \(range)")
                if j + 1 < moves.count { XCTAssertEqual(Array(padded[(j * stride + width)..<((j + 1) * stride)]), [Double](repeating: -1, count: 5)) }
            }
        }
    }

    func testProfileDeltaIsTheNormalDistributionToOneEMinus15() {
        // K = S₀, T = σ = 1, r = q = 0: β = 1, α = ½, so d1 = ½ + m exactly for dyadic m.
        let d1s = stride(from: -40.0, through: 40.0, by: 1.0 / 512).map { $0 }
        let n = d1s.count
        let rep = SpotRepricing(referenceSpot: 1, strike: [Double](repeating: 1, count: 2), time: [1, 1], volatility: [1, 1],
                                rate: [0, 0], dividendYield: [0, 0], isCall: [true, false])
        var worst = 0.0
        var gamma = [Double](repeating: 0, count: 2 * n), delta = gamma
        gamma.withUnsafeMutableBufferPointer { g in delta.withUnsafeMutableBufferPointer { d in
            rep.fillTile(logMoves: d1s.map { $0 - 0.5 }, range: 0..<2, gamma: g, delta: d) } }
        for start in stride(from: 0, to: n, by: 8) {
            var x = SIMD8<Double>(repeating: 0)
            for lane in 0..<8 { x[lane] = d1s[min(start + lane, n - 1)] }
            let expected = SIMDMath.normalCDF(x)
            for lane in 0..<8 where start + lane < n {
                let j = start + lane
                worst = max(worst, abs(delta[2 * j] - expected[lane]), abs(delta[2 * j + 1] - (expected[lane] - 1)))
            }
        }
        XCTAssertLessThan(worst, 1e-15, "Δ against N(d1) from the pricing Mills ratio")
        print("profile Mills ratio: max |Δ − N(d1)| over d1 ∈ [−40, 40] = \(worst)")
    }
}
