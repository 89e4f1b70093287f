// Scalar BSM gamma, delta and vega against mpmath.
//
// | reference                                   | tolerance                                   | measured worst |
// |---------------------------------------------|---------------------------------------------|----------------|
// | Fixtures/bsm_gamma_slice.csv (399 rows of    | rel. error, floor 1e-12 × column max |ref|: | see test log   |
// | ../shared/reference/greeks_dev, mpmath 50 d) | max ≤ 1e-9, median ≤ 1e-14                  |                |
// | closed forms (gamma call = gamma put, T ≤ 0) | exact                                       |                |
import Foundation
import OptionsMath
import XCTest

final class BlackScholesGammaTests: XCTestCase {
    struct Row { let inputs: BlackScholesInputs; let gamma: Double; let delta: Double; let vega: Double }

    func loadSlice() throws -> [Row] {
        let url = try XCTUnwrap(Bundle.module.url(forResource: "bsm_gamma_slice", withExtension: "csv", subdirectory: "Fixtures"))
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").filter { !$0.hasPrefix("#") }
        return lines.dropFirst().map { line in
            let v = line.split(separator: ",").map { Double($0)! }
            return Row(inputs: BlackScholesInputs(spot: v[1], strike: v[2], time: v[3], volatility: v[4], rate: v[5],
                                                  dividendYield: v[6], right: v[7] > 0 ? .call : .put),
                       gamma: v[8], delta: v[9], vega: v[10])
        }
    }

    func relativeErrors(_ ours: [Double], _ reference: [Double]) -> (max: Double, median: Double) {
        let floor = 1e-12 * (reference.map(abs).max() ?? 0)
        let errors = zip(ours, reference).map { abs($0 - $1) / max(abs($1), floor) }.sorted()
        return (errors.last ?? 0, errors[errors.count / 2])
    }

    func testGammaDeltaVegaAgainstMpmath() throws {
        let rows = try loadSlice()
        XCTAssertGreaterThan(rows.count, 300)
        let greeks = rows.map { BlackScholes.greeks($0.inputs) }
        for (name, ours, reference) in [
            ("gamma", greeks.map(\.gamma), rows.map(\.gamma)),
            ("delta", greeks.map(\.delta), rows.map(\.delta)),
            ("vega", greeks.map(\.vega), rows.map(\.vega)),
        ] {
            let e = relativeErrors(ours, reference)
            print("BSM \(name) vs mpmath: max rel \(e.max), median \(e.median)")
            XCTAssertLessThanOrEqual(e.max, 1e-9, name)
            XCTAssertLessThanOrEqual(e.median, 1e-14, name)
        }
        let fastPath = rows.map { BlackScholes.gamma($0.inputs) }
        XCTAssertEqual(fastPath, greeks.map(\.gamma), "gamma(_:) and greeks(_:).gamma must agree bit for bit")
    }

    func testGammaIsTheSameForCallsAndPutsAndVanishesAtExpiry() {
        var o = BlackScholesInputs(spot: 4500, strike: 4450, time: 0.01, volatility: 0.18, rate: 0.04,
                                   dividendYield: 0.013, right: .call)
        let call = BlackScholes.gamma(o)
        o.right = .put
        XCTAssertEqual(BlackScholes.gamma(o), call)
        o.time = 0
        XCTAssertEqual(BlackScholes.gamma(o), 0)
        o.time = 0.01
        o.volatility = 0
        XCTAssertEqual(BlackScholes.gamma(o), 0)
        o.volatility = .nan
        XCTAssertTrue(BlackScholes.gamma(o).isNaN)
    }

    func testPutCallParityOfDeltaAndPrice() {
        // C − P = S e^{−qT} − K e^{−rT} and Δc − Δp = e^{−qT}: an identity independent of N(·).
        for (s, k, t, v) in [(4500.0, 4000.0, 0.5, 0.2), (100.0, 130.0, 2.0, 0.6), (5000.0, 5005.0, 1.0 / 365, 0.12)] {
            let r = 0.04, q = 0.01
            let c = BlackScholes.greeks(.init(spot: s, strike: k, time: t, volatility: v, rate: r, dividendYield: q, right: .call))
            let p = BlackScholes.greeks(.init(spot: s, strike: k, time: t, volatility: v, rate: r, dividendYield: q, right: .put))
            let forwardLegs = s * exp(-q * t) - k * exp(-r * t)
            XCTAssertEqual(c.price - p.price, forwardLegs, accuracy: 1e-11 * s)
            XCTAssertEqual(c.delta - p.delta, exp(-q * t), accuracy: 1e-15)
        }
    }
}
