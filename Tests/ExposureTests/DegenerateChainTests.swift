// Degenerate chains through the levels engine give clear, finite results — never NaN, never a crash.
//
// | market                                  | expected (independent of the engine)                               |
// |-----------------------------------------|---------------------------------------------------------------------|
// | no open interest at all                 | GEX 0, profile ≡ 0, no zero gamma, note "identically zero", neutral  |
// | zero volatility everywhere              | no model gamma: counted missing, profile ≡ 0, note, finite           |
// | only long-gamma calls (no root in range) | zero_gamma nil, note "no zero gamma within ±20 % of spot"           |
// | one strike, call OI < put OI            | profile < 0 everywhere, walls at that strike, short gamma            |
// | a single expiry with a put/call flip    | one root, G(root) ≈ 0 by the closed form; ex-next-expiry ≡ 0         |
// | 0DTE at 15:59:59 (T = 1 s)              | net GEX = s·Γ·OI·100·S²·0.01 with Γ = e^{−qT}φ(d1)/(Sσ√T); no roots   |
//                                             from the far levels where Γ underflows to exactly 0
@testable import Exposure
import MarketModel
import OptionsMath
import XCTest

final class DegenerateChainTests: XCTestCase {
    let asOf = EasternTime.instant(date: CivilDate(year: 2023, month: 9, day: 14)!, hour: 10, minute: 0)!

    func chain(_ contracts: [(String, Double, Double)], spot: Double = 4500, at time: Instant? = nil) -> ChainSnapshot {
        var c = ChainSnapshot(underlying: "SPX", asOf: time ?? asOf, spot: spot)
        for (symbol, oi, iv) in contracts {
            c.append(key: ContractKey(osiSymbol: Substring(symbol))!, openInterest: oi, impliedVolatility: iv, vendorGamma: .nan)
        }
        c.sortByKey()
        return c
    }

    /// Every number of the report is finite; levels are nil or finite.
    func assertFinite(_ r: LevelsReport, file: StaticString = #filePath, line: UInt = #line) {
        for x in [r.netGEX, r.callGEX, r.putGEX, r.profileAtSpot] { XCTAssertTrue(x.isFinite, "\(x)", file: file, line: line) }
        XCTAssertTrue(r.profile.values.storage.allSatisfy(\.isFinite), "profile holds NaN/Inf", file: file, line: line)
        XCTAssertTrue(r.zeroGammas.allSatisfy(\.isFinite), file: file, line: line)
        for level in [r.zeroGamma, r.walls.callWall, r.walls.putWall, r.walls.absoluteGammaStrike] {
            if let level { XCTAssertTrue(level.isFinite, file: file, line: line) }
        }
    }

    func independentGamma(s: Double, k: Double, t: Double, v: Double, r: Double, q: Double) -> Double {
        let d1 = (log(s / k) + (r - q + v * v / 2) * t) / (v * sqrt(t))
        return exp(-q * t) * exp(-d1 * d1 / 2) / sqrt(2 * Double.pi) / (s * v * sqrt(t))
    }

    func testNoOpenInterestAtAll() {
        let r = LevelsEngine.compute(chain: chain([("SPXW231020C04500000", 0, 0.15), ("SPXW231020P04400000", 0, 0.18)]),
                                     configuration: .exact)
        assertFinite(r)
        XCTAssertEqual(r.netGEX, 0)
        XCTAssertTrue(r.profile.curve(.all).allSatisfy { $0 == 0 })
        XCTAssertNil(r.zeroGamma)
        XCTAssertEqual(r.zeroGammas, [], "an identically zero profile has no crossing")
        XCTAssertEqual(r.zeroGammaNote, "profile identically zero (no open interest or no gamma): no zero gamma")
        XCTAssertEqual(r.regime, GammaRegime(profileAtSpot: 0))
    }

    func testZeroVolatilityEverywhere() {
        let r = LevelsEngine.compute(chain: chain([("SPXW231020C04500000", 100, 0), ("SPXW231020P04400000", 300, 0)]),
                                     configuration: .exact)
        assertFinite(r)
        XCTAssertEqual(r.missingVolatility, 2)
        XCTAssertEqual(r.netGEX, 0)
        XCTAssertNil(r.zeroGamma)
        XCTAssertNotNil(r.zeroGammaNote)
    }

    func testNoRootWithinTheGrid() {
        let r = LevelsEngine.compute(chain: chain([("SPXW231020C04500000", 1000, 0.15), ("SPXW231117C04600000", 500, 0.14)]),
                                     configuration: .exact)
        assertFinite(r)
        XCTAssertTrue(r.profile.curve(.all).allSatisfy { $0 >= 0 })
        XCTAssertNil(r.zeroGamma)
        XCTAssertEqual(r.zeroGammaNote, "no zero gamma within ±20 % of spot")
        XCTAssertEqual(r.regime, .longGamma)
    }

    func testOneStrikeChain() {
        let r = LevelsEngine.compute(chain: chain([("SPXW231020C04500000", 1000, 0.15), ("SPXW231020P04500000", 3000, 0.15)]),
                                     configuration: .exact)
        assertFinite(r)
        XCTAssertTrue(r.profile.curve(.all).allSatisfy { $0 <= 0 }, "same strike, expiry and vol: the put OI dominates at every level")
        XCTAssertEqual(r.regime, .shortGamma)
        XCTAssertNil(r.zeroGamma)
        XCTAssertEqual(r.walls.callWall, 4500)
        XCTAssertEqual(r.walls.putWall, 4500)
        XCTAssertEqual(r.walls.absoluteGammaStrike, 4500)
    }

    func testSingleExpiryWithAFlip() throws {
        var config = LevelsConfiguration.exact
        config.gridPoints = 201
        let c = chain([("SPXW231020P04300000", 4000, 0.2), ("SPXW231020C04700000", 4000, 0.2)])
        let r = LevelsEngine.compute(chain: c, configuration: config)
        assertFinite(r)
        XCTAssertEqual(r.byExpiry.count, 1)
        XCTAssertTrue(r.profile.curve(.exNextExpiry).allSatisfy { $0 == 0 }, "the only expiry is the next one")
        let root = try XCTUnwrap(r.zeroGamma)
        XCTAssertGreaterThan(root, 4300)
        XCTAssertLessThan(root, 4700)
        let t = Double(asOf.seconds(until: c.keys[0].settlementInstant)) / (365 * 86_400)
        func g(_ s: Double) -> Double {
            independentGamma(s: s, k: 4700, t: t, v: 0.2, r: config.rate, q: config.dividendYield)
                - independentGamma(s: s, k: 4300, t: t, v: 0.2, r: config.rate, q: config.dividendYield)
        }
        XCTAssertEqual(g(root), 0, accuracy: 1e-9 * abs(g(4300)), "the root is a root of the closed form")
    }

    func testZeroDTEOneSecondBeforeTheClose() {
        let close = EasternTime.instant(date: CivilDate(year: 2023, month: 9, day: 15)!, hour: 15, minute: 59, second: 59)!
        let c = chain([("SPXW230915C04500000", 1000, 0.2)], at: close)
        let r = LevelsEngine.compute(chain: c, configuration: .exact)
        assertFinite(r)
        let t = 1.0 / (365 * 86_400)
        let expected = 1000 * 100 * independentGamma(s: 4500, k: 4500, t: t, v: 0.2, r: 0.04, q: 0.013) * 4500 * 4500 * 0.01
        XCTAssertEqual(r.netGEX, expected, accuracy: 1e-9 * expected)
        XCTAssertEqual(r.zeroGammas, [], "levels where gamma underflows to 0 are not crossings")
        XCTAssertEqual(r.zeroGammaNote, "no zero gamma within ±20 % of spot")
    }
}
