// Trade-side classification on constructed sequences, and flow positions.
//
// | sequence (bid/ask, price)                      | expected side, rule                      |
// |------------------------------------------------|------------------------------------------|
// | 1.0/1.2 @1.2, @1.3 / @1.0, @0.9                 | buy, buy / sell, sell (at quote)         |
// | 1.0/1.2 @1.15 / @1.05                           | buy / sell (quote rule)                  |
// | mid prints: up-tick, down-tick, zero-tick       | buy, sell, previous side (tick rule)     |
// | first print at mid, no history; no quote        | unclassified                              |
@testable import Exposure
import MarketModel
import XCTest

final class TradeClassifierTests: XCTestCase {
    func prints(_ rows: [(Int32, Double, Double, Double)]) -> TradePrints {
        var t = TradePrints()
        for (i, r) in rows.enumerated() { t.append(contract: r.0, nanoseconds: Int64(i), price: r.1, size: 10, bid: r.2, ask: r.3) }
        return t
    }

    func testRules() {
        let t = prints([
            (0, 1.2, 1.0, 1.2), (0, 1.3, 1.0, 1.2), (0, 1.0, 1.0, 1.2), (0, 0.9, 1.0, 1.2),
            (0, 1.15, 1.0, 1.2), (0, 1.05, 1.0, 1.2),
            (1, 1.1, 1.0, 1.2),  // first print of contract 1 at the mid: unclassified
            (1, 1.1, .nan, .nan),  // zero tick after an unclassified print: still unclassified
            (0, 1.1, 1.0, 1.2),  // mid, previous 1.05 → uptick → buy
            (0, 1.1, 1.0, 1.2),  // zero tick → previous side (buy)
            (0, 1.08, 1.2, 1.0),  // crossed quote = no quote; downtick → sell
        ])
        let c = TradeClassifier.classify(t)
        XCTAssertEqual(c.sides, [.customerBuy, .customerBuy, .customerSell, .customerSell, .customerBuy, .customerSell,
                                 .unclassified, .unclassified, .customerBuy, .customerBuy, .customerSell])
        XCTAssertEqual(c.atQuote, 4)
        XCTAssertEqual(c.quoteRule, 2)
        XCTAssertEqual(c.tickRule, 3)
        XCTAssertEqual(c.unclassified, 2)
    }

    func testFlowPositionsAccumulateOnOpeningOI() {
        let day = CivilDate(year: 2024, month: 1, day: 19)!
        let keys = [ContractKey(root: "SPXW", expiry: day, strikeMilli: 4_700_000, right: .call),
                    ContractKey(root: "SPXW", expiry: day, strikeMilli: 4_700_000, right: .put)]
        let times = [EasternTime.instant(date: day, hour: 10, minute: 0)!, EasternTime.instant(date: day, hour: 11, minute: 0)!]
        var trades = TradePrints()
        let t0 = times[0].secondsSinceEpoch * 1_000_000_000
        trades.append(contract: 0, nanoseconds: t0 - 5, price: 2.0, size: 30, bid: 1.8, ask: 2.0)  // customer buys 30 calls
        trades.append(contract: 1, nanoseconds: t0 + 5, price: 1.0, size: 20, bid: 1.0, ask: 1.2)  // customer sells 20 puts, after 10:00
        let nan = [Double](repeating: .nan, count: 4), size = [Float](repeating: 1, count: 4)
        let store = DayStore(underlying: "SPX", contracts: keys, multiplier: [100, 100], openInterest: [1000, 500], times: times,
                             bid: nan, ask: nan, bidSize: size, askSize: size, spot: [4700, 4700], spotSource: [.last, .last],
                             vendorIV: nil, vendorGamma: nil, trades: trades)
        let classic = DealerPositions(store: store, model: .preset(.classic))
        XCTAssertEqual(classic.positions(at: times[1]), [1000, -500])
        let flow = DealerPositions(store: store, model: .flow(base: .classic))
        XCTAssertEqual(flow.positions(at: times[0]), [970, -500])
        XCTAssertEqual(flow.positions(at: times[1]), [970, -480])
        XCTAssertEqual(flow.model.name, "flow(classic)")
    }
}
