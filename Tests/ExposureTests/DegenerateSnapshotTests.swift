// Degenerate snapshots of a day store: flagged with a status and finite, never NaN.
//
// | snapshot                                            | expected                                                  |
// |-----------------------------------------------------|-----------------------------------------------------------|
// | spot missing, a call/put pair quoted                | spot from parity (4500 … 4505), "parity-forward", ok      |
// | spot missing, only one side quoted (no parity)      | status "skipped: no spot", no levels, all numbers finite   |
// | after a 0DTE contract's 16:00 settlement            | the contract is dropped and counted, the rest priced       |
// | every quote row of the snapshot already settled    | status "skipped: no live contracts"                        |
// | no open interest anywhere                           | status "no open interest: exposures zero", GEX exactly 0  |
@testable import Exposure
import MarketModel
import OptionsMath
import XCTest

final class DegenerateSnapshotTests: XCTestCase {
    static let day = CivilDate(year: 2023, month: 9, day: 14)!
    static func at(_ h: Int, _ m: Int) -> Instant { EasternTime.instant(date: day, hour: h, minute: m)! }

    /// Contracts: Oct-20 4500 call and put, a 0DTE (Sep-14 PM) 4500 call. Snapshots: 10:00 (spot 4500),
    /// 11:00 (no spot, pair quoted), 12:00 (no spot, call only), 16:15 (after the 0DTE settled; only it quoted).
    static func store(openInterest: Double = 1000) -> DayStore {
        let contracts = ["SPXW230914C04500000", "SPXW231020C04500000", "SPXW231020P04500000"]
            .map { ContractKey(osiSymbol: Substring($0))! }.sorted()
        let times = [at(10, 0), at(11, 0), at(12, 0), at(16, 15)]
        let n = contracts.count
        var bid = [Double](repeating: .nan, count: n * times.count), ask = bid
        var size = [Float](repeating: .nan, count: n * times.count)
        func quote(_ t: Int, _ symbol: String, _ b: Double, _ a: Double) {
            let c = contracts.firstIndex(of: ContractKey(osiSymbol: Substring(symbol))!)!
            bid[t * n + c] = b; ask[t * n + c] = a; size[t * n + c] = 10
        }
        for t in 0..<2 {
            quote(t, "SPXW230914C04500000", 10, 11)
            quote(t, "SPXW231020C04500000", 60, 61)
            quote(t, "SPXW231020P04500000", 55, 56)
        }
        quote(2, "SPXW231020C04500000", 60, 61)
        quote(3, "SPXW230914C04500000", 0, 0.05)
        return DayStore(underlying: "SPX", contracts: contracts, multiplier: [100, 100, 100],
                        openInterest: [Double](repeating: openInterest, count: n), times: times,
                        bid: bid, ask: ask, bidSize: size, askSize: size,
                        spot: [4500, .nan, .nan, .nan], spotSource: [.underlyingMid, .missing, .missing, .missing],
                        vendorIV: nil, vendorGamma: nil)
    }

    func run(_ store: DayStore, _ t: Int) -> SnapshotResult {
        let c = SnapshotConfiguration()
        let positions = DealerPositions(store: store, model: c.positions).positions(at: store.times[t])
        let priced = SnapshotPricing.price(store: store, snapshot: t, positions: positions, configuration: c, previous: [:])
        return SnapshotAnalytics.compute(store: store, priced: priced, time: store.times[t], configuration: c)
    }

    func assertFinite(_ r: SnapshotResult, file: StaticString = #filePath, line: UInt = #line) {
        let numbers = [r.netGEX, r.callGEX, r.putGEX, r.netDEX, r.netVEX, r.netCEX, r.profileAtSpot, r.gammaNotional, r.gammaTilt,
                       r.vannaFlowPerVolPoint, r.charmFlowToClose, r.zeroDTECharmPerHour]
            + r.zeroGammas + r.dexProfile + (r.profile?.values.storage ?? []) + r.flows.flatMap { [$0.exact, $0.linear] }
            + r.byStrike.flatMap { [$0.callGEX, $0.putGEX, $0.dex, $0.vex, $0.cex] }
        XCTAssertTrue(numbers.allSatisfy(\.isFinite), "NaN or infinity in \(numbers)", file: file, line: line)
        if let z = r.zeroGamma { XCTAssertTrue(z.isFinite, file: file, line: line) }
        if let d = r.deltaNeutral { XCTAssertTrue(d.isFinite, file: file, line: line) }
    }

    func testSpotFromParityWhenTheArchiveHasNone() {
        let r = run(Self.store(), 1)
        XCTAssertEqual(r.status, .ok)
        XCTAssertEqual(r.spotSource, "parity-forward")
        XCTAssertEqual(r.spot, 4502.5, accuracy: 2.5, "between the pair's strike (one pair: fallback) and K + (C − P) = 4505")
        assertFinite(r)
    }

    func testSnapshotWithoutSpotIsFlaggedNotNaN() {
        let r = run(Self.store(), 2)
        XCTAssertEqual(r.status, .noSpot)
        XCTAssertEqual(r.status.rawValue, "skipped: no spot")
        XCTAssertNil(r.zeroGamma)
        XCTAssertNil(r.walls)
        XCTAssertTrue(r.byStrike.isEmpty)
        assertFinite(r)
    }

    func testZeroDTEAfterSettlementIsDroppedAndCounted() {
        let before = run(Self.store(), 0)
        XCTAssertEqual(before.status, .ok)
        XCTAssertEqual(before.pricing.count, 3)
        XCTAssertEqual(before.pricing.settledDropped, 0)
        assertFinite(before)
        let after = run(Self.store(), 3)
        XCTAssertEqual(after.pricing.settledDropped, 1, "the 0DTE call settled at 16:00")
        XCTAssertEqual(after.status, .noContracts)
        XCTAssertEqual(after.status.rawValue, "skipped: no live contracts")
        assertFinite(after)
    }

    func testNoOpenInterestGivesZeroExposuresAndAStatus() {
        let r = run(Self.store(openInterest: 0), 0)
        XCTAssertEqual(r.status, .noOpenInterest)
        XCTAssertEqual(r.netGEX, 0)
        XCTAssertEqual(r.profileAtSpot, 0)
        XCTAssertNil(r.zeroGamma)
        XCTAssertEqual(r.zeroGammaNote, "profile identically zero (no open interest or no gamma): no zero gamma")
        assertFinite(r)
    }
}
