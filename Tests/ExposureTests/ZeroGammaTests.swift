// Root finding on constructed profiles with known roots.
//
// | profile                                   | roots (closed form)            | tolerance   |
// |-------------------------------------------|--------------------------------|-------------|
// | (x − 4400)(x − 4650)(x − 4900)            | 4400, 4650, 4900               | 1e-6 points |
// | x − 4300 (one root below spot)            | 4300                           | 1e-6        |
// | 5100 − x (one root above spot, falling)   | 5100                           | 1e-6        |
// | 1 + (x/5000)² (none)                      | —                              | —           |
// | linear between levels (Perfiliev rule)    | interpolation formula by hand  | 1e-12       |
@testable import Exposure
import XCTest

final class ZeroGammaTests: XCTestCase {
    let spot = 4500.0
    var levels: [Double] { GammaProfile.grid(from: 3600, to: 5400, count: 401) }

    func roots(_ f: (Double) -> Double) -> [Double] {
        ZeroGamma.refinedRoots(levels: levels, profile: levels.map(f), tolerance: 1e-9 * spot, function: f)
    }

    func testSeveralRootsAboveAndBelowSpot() {
        let f = { (x: Double) in (x - 4400) * (x - 4650) * (x - 4900) }
        let found = roots(f)
        XCTAssertEqual(found.count, 3)
        for (a, b) in zip(found, [4400.0, 4650, 4900]) { XCTAssertEqual(a, b, accuracy: 1e-6) }
        XCTAssertEqual(ZeroGamma.nearestFirst(found, spot: spot), [found[0], found[1], found[2]])
        XCTAssertEqual(ZeroGamma.nearestFirst(found, spot: 4800).first!, 4900, accuracy: 1e-6)
    }

    func testOneRootBelowAndOneAbove() {
        XCTAssertEqual(roots { $0 - 4300 }.first!, 4300, accuracy: 1e-6)
        XCTAssertEqual(roots { $0 - 4300 }.count, 1)
        let falling = roots { 5100 - $0 }
        XCTAssertEqual(falling.count, 1)
        XCTAssertEqual(falling[0], 5100, accuracy: 1e-6)
    }

    func testNoRoot() {
        XCTAssertTrue(roots { 1 + ($0 / 5000) * ($0 / 5000) }.isEmpty)
        XCTAssertTrue(ZeroGamma.perfilievCrossings(levels: [1, 2, 3], profile: [1, 2, 3]).isEmpty)
    }

    func testRootExactlyOnALevelIsReportedOnce() {
        let f = { (x: Double) in x - 4500 }
        let found = roots(f)
        XCTAssertEqual(found.count, 1)
        XCTAssertEqual(found[0], 4500, accuracy: 1e-6)
    }

    func testRootOfAStiffProfileConverges() {
        // A steep tanh step: regula falsi alone stalls; the bisection safeguard must still converge.
        let found = roots { tanh(($0 - 4777.7) / 0.5) }
        XCTAssertEqual(found.count, 1)
        XCTAssertEqual(found[0], 4777.7, accuracy: 1e-5)
    }

    func testPerfilievInterpolationByHand() {
        let levels = [10.0, 20, 30, 40]
        let profile = [-3.0, -1, 1, -2]
        let crossings = ZeroGamma.perfilievCrossings(levels: levels, profile: profile)
        // first: neg −1 at 20, pos 1 at 30 → 30 − 10·1/(1 − (−1)) = 25
        // second: 1 at 30, −2 at 40 → 40 − 10·(−2)/(−2 − 1) = 40 − 20/3
        XCTAssertEqual(crossings.count, 2)
        XCTAssertEqual(crossings[0], 25, accuracy: 1e-12)
        XCTAssertEqual(crossings[1], 40 - 20.0 / 3, accuracy: 1e-12)
    }
}
