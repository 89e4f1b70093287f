// DayStoreBuilder.absorb against one builder fed every row in order (the reference): rows split at
// every position into two builders, and into three, must finish into the same store bit for bit,
// with the same duplicate count — duplicates across the split, open interest and spot first known
// after it, contracts and times first seen after it, and vendor-greek columns missing on one side.
import MarketModel
import XCTest

final class DayStoreBuilderAbsorbTests: XCTestCase {
    struct Row {
        let contract: ContractKey, time: Instant, quote: DayStoreBuilder.Quote
        let spot: Double, source: SpotSource, oi: Double
    }

    /// A seeded mix: 7 contracts (one unpackable strike), 5 times, repeats, NaN open interest and missing spots.
    static func rows(seed: UInt64, count: Int) -> [Row] {
        var state = seed
        func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
        let expiry = CivilDate(year: 2024, month: 1, day: 19)!
        let strikes: [Int64] = [4_700_000, 4_705_000, 4_710_000, 1 << 40, 4_720_000, 4_725_000, 4_730_000]
        return (0..<count).map { k in
            let c = next(strikes.count)
            let key = ContractKey(root: c == 6 ? "SPX" : "SPXW", expiry: expiry, strikeMilli: strikes[c], right: c % 2 == 0 ? .call : .put)
            let time = Instant(secondsSinceEpoch: 1_705_676_400 + 60 * Int64(next(5)))
            let bid = Double(next(1000)) / 8, hasSpot = next(3) > 0
            let quote = DayStoreBuilder.Quote(bid: bid, ask: bid + 0.25, bidSize: Float(next(50)), askSize: Float(k),
                                              vendorIV: Double(next(100)) / 100, vendorGamma: Double(k) * 1e-4)
            return Row(contract: key, time: time, quote: quote, spot: hasSpot ? 4700 + Double(next(100)) / 4 : .nan,
                       source: hasSpot ? .underlyingMid : .missing, oi: next(4) == 0 ? Double(next(900)) : .nan)
        }
    }

    func feed(_ builder: inout DayStoreBuilder, _ rows: ArraySlice<Row>, greeks: Bool = true) {
        for r in rows {
            var q = r.quote
            if !greeks { q.vendorIV = .nan; q.vendorGamma = .nan }
            builder.add(contract: r.contract, time: r.time, quote: q, spot: r.spot, spotSource: r.source, openInterest: r.oi)
        }
    }

    func differences(_ a: DayStore, _ b: DayStore) -> [String] {
        var out: [String] = []
        func check<T: Equatable>(_ name: String, _ x: T, _ y: T) { if x != y { out.append("\(name): \(x) vs \(y)") } }
        check("contracts", a.contracts, b.contracts)
        check("times", a.times, b.times)
        check("openInterest", a.openInterest.map(\.bitPattern), b.openInterest.map(\.bitPattern))
        check("bid", a.bid.map(\.bitPattern), b.bid.map(\.bitPattern))
        check("ask", a.ask.map(\.bitPattern), b.ask.map(\.bitPattern))
        check("bidSize", a.bidSize.map(\.bitPattern), b.bidSize.map(\.bitPattern))
        check("askSize", a.askSize.map(\.bitPattern), b.askSize.map(\.bitPattern))
        check("spot", a.spot.map(\.bitPattern), b.spot.map(\.bitPattern))
        check("spotSource", a.spotSource, b.spotSource)
        check("vendorIV", a.vendorIV?.map(\.bitPattern), b.vendorIV?.map(\.bitPattern))
        check("vendorGamma", a.vendorGamma?.map(\.bitPattern), b.vendorGamma?.map(\.bitPattern))
        check("trades", a.trades?.contract, b.trades?.contract)
        check("tradePrices", a.trades?.price, b.trades?.price)
        return out
    }

    func testTwoWaySplitAtEveryRow() {
        for seed in [1, 2, 3] as [UInt64] {
            let rows = Self.rows(seed: seed, count: 60)
            var whole = DayStoreBuilder(underlying: "SPX", hasVendorGreeks: true)
            feed(&whole, rows[...])
            let duplicates = whole.duplicates
            XCTAssertGreaterThan(duplicates, 5, "the mix must repeat (contract, time) pairs")
            let reference = whole.finish()
            for k in 0...rows.count {
                var first = DayStoreBuilder(underlying: "SPX", hasVendorGreeks: true)
                var second = DayStoreBuilder(underlying: "SPX", hasVendorGreeks: true)
                feed(&first, rows[..<k])
                feed(&second, rows[k...])
                first.absorb(second)
                XCTAssertEqual(first.duplicates, duplicates, "seed \(seed), split \(k)")
                XCTAssertEqual(differences(reference, first.finish()), [], "seed \(seed), split \(k)")
            }
        }
    }

    func testThreeWaySplitsAndAnEmptyFirstBuilder() {
        let rows = Self.rows(seed: 9, count: 40)
        var whole = DayStoreBuilder(underlying: "SPX", hasVendorGreeks: true)
        feed(&whole, rows[...])
        let duplicates = whole.duplicates
        let reference = whole.finish()
        for i in stride(from: 0, through: rows.count, by: 3) {
            for j in stride(from: i, through: rows.count, by: 4) {
                var merged = DayStoreBuilder(underlying: "SPX", hasVendorGreeks: true)
                for part in [rows[..<i], rows[i..<j], rows[j...]] {
                    var piece = DayStoreBuilder(underlying: "SPX", hasVendorGreeks: true)
                    feed(&piece, part)
                    merged.absorb(piece)
                }
                XCTAssertEqual(merged.duplicates, duplicates, "splits \(i), \(j)")
                XCTAssertEqual(differences(reference, merged.finish()), [], "splits \(i), \(j)")
            }
        }
    }

    /// A later builder without vendor greeks: its cells read NaN IV and gamma, as rows without them would.
    func testLaterBuilderWithoutVendorGreeks() {
        let rows = Self.rows(seed: 4, count: 50)
        for k in [0, 10, 25, 50] {
            var whole = DayStoreBuilder(underlying: "SPX", hasVendorGreeks: true)
            feed(&whole, rows[..<k])
            feed(&whole, rows[k...], greeks: false)
            var first = DayStoreBuilder(underlying: "SPX", hasVendorGreeks: true)
            var second = DayStoreBuilder(underlying: "SPX", hasVendorGreeks: false)
            feed(&first, rows[..<k])
            feed(&second, rows[k...])
            first.absorb(second)
            XCTAssertEqual(first.duplicates, whole.duplicates)
            XCTAssertEqual(differences(whole.finish(), first.finish()), [], "split \(k)")
        }
    }

    func testTradesAreAppendedWithRenumberedContracts() {
        let rows = Self.rows(seed: 5, count: 30)
        var whole = DayStoreBuilder(underlying: "SPX", hasVendorGreeks: true)
        var first = DayStoreBuilder(underlying: "SPX", hasVendorGreeks: true)
        var second = DayStoreBuilder(underlying: "SPX", hasVendorGreeks: true)
        for (k, r) in rows.enumerated() {
            whole.addTrade(contract: r.contract, nanoseconds: Int64(k), price: r.quote.bid, size: 1, bid: .nan, ask: .nan)
            if k < 12 { first.addTrade(contract: r.contract, nanoseconds: Int64(k), price: r.quote.bid, size: 1, bid: .nan, ask: .nan) }
            else { second.addTrade(contract: r.contract, nanoseconds: Int64(k), price: r.quote.bid, size: 1, bid: .nan, ask: .nan) }
        }
        feed(&whole, rows[...])
        feed(&first, rows[..<12])
        feed(&second, rows[12...])
        first.absorb(second)
        XCTAssertEqual(differences(whole.finish(), first.finish()), [])
    }
}
