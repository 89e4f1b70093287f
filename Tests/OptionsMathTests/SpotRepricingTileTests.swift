// SpotRepricingTileTests: the whole-tile pass of exposure profiles.
//
// | check                                             | reference source                            | tolerance      |
// |---------------------------------------------------|---------------------------------------------|----------------|
// | fillTile (Γ only, Γ + Δ), unaligned ranges, tails,| scaledGammaAndDelta level by level          | bitwise        |
// | padded row stride                                 |                                             |                |
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
}
