// Special functions behind the implied-volatility solver, against mpmath (50 digits).
//
// | function                          | reference                           | tolerance                          | measured worst case         |
// |-----------------------------------|-------------------------------------|------------------------------------|-----------------------------|
// | millsRatio (z ≥ −1)               | mpmath √(π/2) e^{z²/2} erfc(z/√2)   | 1 ulp (2 ulp for z < −1)           | 0.61 ulp over 26,000 points |
// | erfcx                             | mpmath e^{x²} erfc(x)               | 2 ulp                              | within 2 ulp                |
// | InverseNormal.approximate         | mpmath N⁻¹                          | 1.2e-9 relative                    | 1.13e-9                     |
// | InverseNormal.quantile            | mpmath N⁻¹                          | 4 ulp (relative to max(|z|, 1e-300)) | 2.8 ulp                   |
// | NormalisedBlack.price             | mpmath b(x, s, θ)                   | 2ε·(b + legs) absolute             | 0.72ε·(b + legs), |x| ≤ 1   |
// The "measured" column is from the development sweeps (scripts/, mpmath); the tests keep a
// representative set of exact values.
import Foundation
import OptionsMath
import XCTest

final class SpecialFunctionTests: XCTestCase {
    private func ulps(_ got: Double, _ want: Double) -> Double {
        Swift.abs(got - want) / want.magnitude.ulp
    }

    func testMillsRatio() {
        let reference: [(Double, Double)] = [
            (-5.0, 672621.63672287925231), (-1.5, 7.2051430072747784513), (-1.0, 3.4770518117036944669),
            (-0.3, 1.6201656087067892967), (0.0, 1.2533141373155002512), (0.2, 1.0759446399152136826),
            (1.0, 0.65567954241879847154), (2.5, 0.35426511132979366678), (7.9375, 0.12407302111319095351),
            (11.99, 0.08283438774347813148), (12.0, 0.082766286501369177252),
            (15.0, 0.066374235823250173591), (40.0, 0.024984404205720571147),
            (1000.0, 0.000999999000002999985), (1e8, 9.999999999999999e-9),
        ]
        for (z, want) in reference {
            let got = ScaledComplementaryErrorFunction.millsRatio(z)
            XCTAssertLessThanOrEqual(ulps(got, want), z < -1 ? 3 : 1, "R(\(z)) = \(got), want \(want)")
        }
        XCTAssertEqual(ScaledComplementaryErrorFunction.millsRatio(.infinity), 0)
        XCTAssertEqual(ScaledComplementaryErrorFunction.millsRatio(-.infinity), .infinity)
        XCTAssertTrue(ScaledComplementaryErrorFunction.millsRatio(.nan).isNaN)
    }

    func testErfcx() {
        let reference: [(Double, Double)] = [
            (-2.0, 108.94090438997797241), (-0.5, 1.9523604891825570933), (0.0, 1.0),
            (0.1, 0.89645697996912663666), (0.7, 0.52593033734944095849), (3.0, 0.17900115118138995042),
            (8.0, 0.069985166200880927723), (30.0, 0.018795888861416751497),
            (1e6, 5.6418958354747419216e-7),
        ]
        for (x, want) in reference {
            let got = ScaledComplementaryErrorFunction.erfcx(x)
            XCTAssertLessThanOrEqual(ulps(got, want), 2, "erfcx(\(x)) = \(got), want \(want)")
        }
        XCTAssertEqual(ScaledComplementaryErrorFunction.erfcx(.infinity), 0)
    }

    func testInverseNormal() {
        let reference: [(Double, Double)] = [
            (1e-300, -37.04709629936119923722), (1e-20, -9.2623400897984075796),
            (1e-05, -4.2648907939228246102), (0.01, -2.3263478740408410931),
            (0.02425, -1.9729610513118848376), (0.3, -0.52440051270804081597), (0.5, 0.0),
            (0.7, 0.52440051270804065631), (0.97, 1.8807936081512505473),
            (0.999999, 4.7534243088170877657),
        ]
        for (p, want) in reference {
            let approximate = InverseNormal.approximate(p)
            XCTAssertEqual(approximate, want, accuracy: 1.2e-9 * Swift.max(Swift.abs(want), 1e-300), "p \(p)")
            let refined = InverseNormal.quantile(p)
            XCTAssertEqual(refined, want, accuracy: 4 * Swift.max(Swift.abs(want), 1e-300).ulp, "p \(p)")
        }
        XCTAssertEqual(InverseNormal.quantile(0), -.infinity)
        XCTAssertEqual(InverseNormal.quantile(1), .infinity)
        XCTAssertTrue(InverseNormal.quantile(1.5).isNaN)
        XCTAssertTrue(InverseNormal.quantile(.nan).isNaN)
    }

    func testNormalisedBlack() {
        // (x, s, b(x, s, call), e^{x/2}N(d1) + e^{−x/2}N(d2)).
        let reference: [(Double, Double, Double, Double)] = [
            (-0.1, 0.05, 0.00042443083085118715747, 0.0454897),
            (-0.1, 0.3, 0.075879437705274607711, 0.736981),
            (0.0, 0.01, 0.0039894061814816446819, 1.0),
            (-1e-08, 0.0001, 0.000039889228222991814979, 0.99992),
            (-0.5, 2.5, 0.57001339675570967383, 0.75884),
            (-3.0, 0.2, 4.8280586557814653325e-53, 7.30563e-51),
            (-0.01, 0.001, 7.4745593377628339521e-28, 1.52397e-23),
            (-20.0, 6.0, 0.000014130311077451889347, 1.94149e-5),
            (0.3, 0.4, 0.35299086616172804872, 1.5732),
        ]
        for (x, s, want, legs) in reference {
            let call = NormalisedBlack.price(x: x, s: s, right: .call)
            XCTAssertEqual(call, want, accuracy: 2 * Double.ulpOfOne * (legs + want), "b(\(x), \(s))")
            // Put–call symmetry b(x, s, −1) = b(−x, s, +1).
            XCTAssertEqual(NormalisedBlack.price(x: -x, s: s, right: .put), call)
        }
        // Limits: s = 0 is the intrinsic value, s = ∞ the maximum e^{θx/2}.
        XCTAssertEqual(NormalisedBlack.price(x: 0.2, s: 0, right: .call), 2 * Foundation.sinh(0.1), accuracy: 1e-16)
        XCTAssertEqual(NormalisedBlack.price(x: -0.2, s: 0, right: .call), 0)
        XCTAssertEqual(NormalisedBlack.price(x: -0.2, s: .infinity, right: .call), Foundation.exp(-0.1),
                       accuracy: 1e-16)
        XCTAssertTrue(NormalisedBlack.price(x: .nan, s: 0.2, right: .call).isNaN)
        // Vega: e^{−(h²+t²)/2}/√(2π).
        XCTAssertEqual(NormalisedBlack.vega(x: 0, s: 0.2), Foundation.exp(-0.005) / (2 * Double.pi).squareRoot(),
                       accuracy: 1e-16)
    }
}
