// The per-snapshot engine on a generated day whose truth is known (SyntheticMarket).
//
// | invariant                                            | reference                                   | tolerance           |
// |------------------------------------------------------|---------------------------------------------|---------------------|
// | parity forwards recover the generator's r and q       | F = S e^{(r−q)T}, D = e^{−rT}               | 2e-4 S, 1e-3 in D    |
// | IV from mids ≈ true σ near the money                  | the generator's surface                     | 0.01 (tick rounding) |
// | repriced profile at spot = net GEX at spot           | the same sum, two code paths                | 1e-9 relative        |
// | slope of the delta profile = gamma (shares)          | central difference of Σ wΔ(S′)              | 1e-5 relative        |
// | customers-long = −classic                             | sign algebra                                | exact                |
@testable import Exposure
import MarketModel
import OptionsMath
import SyntheticMarket
import XCTest

final class SnapshotEngineTests: XCTestCase {
    static let day: SyntheticDay = {
        var c = SyntheticDayConfiguration()
        c.contracts = 2_000
        c.intervalSeconds = 3600
        c.seed = 11
        return SyntheticDay(c)
    }()
    static let store = day.dayStore()

    func run(_ configuration: SnapshotConfiguration, t: Int = 2) -> SnapshotResult {
        let store = Self.store
        let positions = DealerPositions(store: store, model: configuration.positions).positions(at: store.times[t])
        let priced = SnapshotPricing.price(store: store, snapshot: t, positions: positions, configuration: configuration, previous: [:])
        return SnapshotAnalytics.compute(store: store, priced: priced, time: store.times[t], configuration: configuration)
    }

    func testForwardsAndVolatilitiesRecoverTheGenerator() {
        let r = run(SnapshotConfiguration())
        let g = Self.day.configuration
        XCTAssertEqual(r.spot, Self.day.spot[2], accuracy: 1e-9)
        for row in r.byExpiry where row.days > 5 {
            let years = row.days / 365
            XCTAssertEqual(row.forward.source, .parity, "\(row.expiry)")
            XCTAssertEqual(row.forward.forward, r.spot * exp((g.rate - g.dividendYield) * years), accuracy: 2e-4 * r.spot, "\(row.expiry)")
            XCTAssertEqual(row.forward.discount, exp(-g.rate * years), accuracy: 1e-3, "\(row.expiry)")
        }
        let p = r.pricing
        var checked = 0
        for k in 0..<p.count where abs(p.strike[k] / r.spot - 1) < 0.03 && p.years[k] > 0.02 {
            let truth = Self.day.trueVolatility(contract: p.contractIndex[k], snapshot: 2)
            XCTAssertEqual(p.volatility[k], truth, accuracy: 0.01, "strike \(p.strike[k]) T \(p.years[k])")
            checked += 1
        }
        XCTAssertGreaterThan(checked, 20)
        XCTAssertGreaterThan(p.impliedFromQuotes, p.count / 2)
        XCTAssertEqual(p.impliedFromQuotes + p.smileFilled + p.withoutVolatility, p.count)
    }

    func testProfileAtSpotDeltaSlopeAndSignFlip() {
        let classic = run(SnapshotConfiguration())
        XCTAssertEqual(classic.profileAtSpot, classic.netGEX, accuracy: 1e-9 * abs(classic.netGEX))
        let p = classic.pricing
        let contracts = PricedContracts(strike: p.strike, years: p.years, volatility: p.volatility, weight: p.weight,
                                        isCall: p.isCall, rate: p.rate, dividendYield: p.dividendYield)
        let S = classic.spot, h = 0.01
        let repricing = contracts.repricing(at: S)
        func dex(_ x: Double) -> Double { GammaProfile.dollarDelta(at: x, contracts: contracts, repricing: repricing) / x }
        let slope = (dex(S + h) - dex(S - h)) / (2 * h)
        let gammaShares = classic.netGEX / ExposureUnit.dollarsPerOnePercent.scale(spot: S)
        XCTAssertEqual(slope, gammaShares, accuracy: 1e-5 * abs(gammaShares))
        var flipped = SnapshotConfiguration()
        flipped.positions = .preset(.customersLong)
        let other = run(flipped)
        XCTAssertEqual(other.netGEX, -classic.netGEX, accuracy: 1e-9 * abs(classic.netGEX))
        XCTAssertEqual(other.netDEX, -classic.netDEX, accuracy: 1e-9 * abs(classic.netDEX))
        XCTAssertEqual(other.zeroGammas.count, classic.zeroGammas.count)
        XCTAssertEqual(other.regime == .longGamma, classic.regime == .shortGamma)
        // Flow: small moves agree with the linear estimate; the table is antisymmetric to first order.
        let small = classic.flows.first { $0.move == 0.0025 }!
        XCTAssertEqual(small.exact, small.linear, accuracy: 0.05 * abs(small.linear))
    }
}
