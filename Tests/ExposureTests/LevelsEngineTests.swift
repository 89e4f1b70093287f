// The levels engine on small constructed chains, against independent closed forms.
//
// | check                                      | reference                                                         |
// |--------------------------------------------|-------------------------------------------------------------------|
// | BLAS tile × aggregation profile            | direct sum with gamma written out here: e^{−qT}φ(d1)/(Sσ√T)        | 1e-12 rel |
// | one call + one put at the same strike, T,σ | classic: profile ≡ 0 when OI equal; sign flips with the preset     | exact     |
// | walls with and without a band              | hand-picked argmax                                                 | exact     |
// | variants                                   | ex-next-expiry drops exactly the first expiry's contribution       | 1e-12 rel |
@testable import Exposure
import MarketModel
import OptionsMath
import XCTest

final class LevelsEngineTests: XCTestCase {
    let asOf = EasternTime.instant(date: CivilDate(year: 2023, month: 9, day: 14)!, hour: 10, minute: 0)!

    func chain(_ contracts: [(String, Double, Double, Double)], spot: Double = 4500) -> ChainSnapshot {
        var c = ChainSnapshot(underlying: "SPX", asOf: asOf, spot: spot)
        for (symbol, oi, iv, gamma) in contracts {
            c.append(key: ContractKey(osiSymbol: Substring(symbol))!, openInterest: oi, impliedVolatility: iv, vendorGamma: gamma)
        }
        c.sortByKey()
        return c
    }

    func independentGamma(s: Double, k: Double, t: Double, v: Double, r: Double, q: Double) -> Double {
        let d1 = (log(s / k) + (r - q + v * v / 2) * t) / (v * sqrt(t))
        return exp(-q * t) * exp(-d1 * d1 / 2) / sqrt(2 * Double.pi) / (s * v * sqrt(t))
    }

    func testProfileMatchesDirectSum() {
        let c = chain([
            ("SPXW230915C04500000", 1200, 0.14, .nan), ("SPXW230915P04400000", 3000, 0.19, .nan),
            ("SPX230915C04600000", 800, 0.12, .nan), ("SPXW231020P04200000", 5000, 0.22, .nan),
            ("SPXW231020C04700000", 2500, 0.13, .nan),
        ])
        var config = LevelsConfiguration.exact
        config.gridPoints = 41
        let report = LevelsEngine.compute(chain: c, configuration: config)
        for (j, level) in report.profile.levels.enumerated() {
            var direct = 0.0
            for i in 0..<c.count {
                let key = c.keys[i]
                let t = Double(asOf.seconds(until: key.settlementInstant)) / (365 * 86_400)
                let sign = key.right == .call ? 1.0 : -1.0
                direct += sign * c.openInterest[i] * 100 * independentGamma(
                    s: level, k: key.strike, t: t, v: c.impliedVolatility[i], r: config.rate, q: config.dividendYield)
            }
            direct *= level * level * 0.01
            XCTAssertEqual(report.profile.values[j, 0], direct, accuracy: 1e-12 * abs(direct) + 1e-6)
        }
        // Net GEX at spot (model gamma) equals the repriced profile at spot.
        XCTAssertEqual(report.netGEX, report.profileAtSpot, accuracy: 1e-9 * abs(report.netGEX))
        // ex-next-expiry removes exactly the 2023-09-15 contracts.
        let later = chain([("SPXW231020P04200000", 5000, 0.22, .nan), ("SPXW231020C04700000", 2500, 0.13, .nan)])
        let laterReport = LevelsEngine.compute(chain: later, configuration: config)
        let exNext = report.profile.curve(.exNextExpiry), laterAll = laterReport.profile.curve(.all)
        for j in exNext.indices { XCTAssertEqual(exNext[j], laterAll[j], accuracy: 1e-9 * abs(laterAll[j]) + 1e-6) }
    }

    func testOffsettingCallAndPutAndSignPresets() {
        let c = chain([("SPXW230915C04500000", 1000, 0.15, 0.002), ("SPXW230915P04500000", 1000, 0.15, 0.002)])
        var config = LevelsConfiguration.exact
        config.gridPoints = 21
        let classic = LevelsEngine.compute(chain: c, configuration: config)
        XCTAssertTrue(classic.profile.curve(.all).allSatisfy { abs($0) < 1e-3 })
        config.dealerSign = .shortBoth
        let short = LevelsEngine.compute(chain: c, configuration: config)
        XCTAssertTrue(short.profile.curve(.all).allSatisfy { $0 <= 0 })
        XCTAssertEqual(short.regime, .shortGamma)
        config.gammaSource = .file
        let fromFile = LevelsEngine.compute(chain: c, configuration: config)
        XCTAssertEqual(fromFile.netGEX, -2 * 0.002 * 1000 * 100 * 4500 * 4500 * 0.01, accuracy: 1e-3)
    }

    func testWallsRespectTheBand() {
        let strikes = [
            StrikeExposure(strike: 4000, call: 1, put: -90, callOpenInterest: 1, putOpenInterest: 900),
            StrikeExposure(strike: 4400, call: 5, put: -40, callOpenInterest: 50, putOpenInterest: 400),
            StrikeExposure(strike: 4500, call: 30, put: -30, callOpenInterest: 300, putOpenInterest: 300),
            StrikeExposure(strike: 4600, call: 45, put: -2, callOpenInterest: 450, putOpenInterest: 20),
            StrikeExposure(strike: 5000, call: 80, put: 0, callOpenInterest: 800, putOpenInterest: 0),
        ]
        let unbounded = Walls(strikes: strikes, spot: 4500, band: nil)
        XCTAssertEqual(unbounded.callWall, 5000)
        XCTAssertEqual(unbounded.putWall, 4000)
        XCTAssertEqual(unbounded.absoluteGammaStrike, 4000)
        let banded = Walls(strikes: strikes, spot: 4500, band: 0.05)
        XCTAssertEqual(banded.callWall, 4600)
        XCTAssertEqual(banded.putWall, 4400)
        XCTAssertEqual(banded.absoluteGammaStrike, 4500)
        XCTAssertEqual(banded.callOpenInterestWall, 4600)
        XCTAssertNil(Walls(strikes: [], spot: 4500, band: 0.05).callWall)
    }
}
