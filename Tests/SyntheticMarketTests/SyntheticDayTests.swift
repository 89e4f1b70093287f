// The generator: realistic shape, determinism, and a round trip through the DataShop reader.
//
// | check                                           | reference                                            |
// |-------------------------------------------------|------------------------------------------------------|
// | expiries 40–55 with a 0DTE; SPX AM + SPXW PM     | issue spec; SettlementStyle                          |
// | mids reprice: BSM(true σ) inside [bid, ask]      | closed-form BSM price (scalar reference)             |
// | same seed → same bytes; other seed → different   | file bytes                                           |
// | written day read back                           | DataShopReader: contracts, snapshots, OI sums, spots |
// | defects at a rate                                | the reader counts each injected kind                 |
import Archives
import Foundation
import MarketModel
import OptionsMath
import SyntheticMarket
import XCTest

final class SyntheticDayTests: XCTestCase {
    func small(seed: UInt64 = 7, defects: Double = 0) -> SyntheticDayConfiguration {
        var c = SyntheticDayConfiguration()
        c.contracts = 1_500
        c.intervalSeconds = 1800
        c.seed = seed
        c.defectRate = defects
        return c
    }

    func temporary(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("gex-gen-\(UUID().uuidString)-\(name)").path
    }

    func testShapeOfTheDay() {
        let day = SyntheticDay(small())
        let expiries = Set(day.contracts.map(\.expiry))
        XCTAssertTrue((40...55).contains(expiries.count), "\(expiries.count) expiries")
        XCTAssertTrue(expiries.contains(day.configuration.date), "a 0DTE expiry")
        XCTAssertTrue(day.contracts.contains { $0.root == "SPX" && $0.expiry.isThirdFriday })
        XCTAssertEqual(day.times.count, 13)  // 10:00 … 16:00 every 30 min, then 16:15 is not on the grid
        XCTAssertEqual(day.contracts, day.contracts.sorted())
        XCTAssertTrue(abs(day.contracts.count - 1_500) < 400, "\(day.contracts.count) contracts")
        // Quotes bracket the model price, and puts below spot carry more OI than calls there.
        for i in stride(from: 0, to: day.contracts.count, by: 37) where day.years(contract: i, snapshot: 3) > 0 {
            let q = day.quote(contract: i, snapshot: 3)
            XCTAssertLessThanOrEqual(q.bid, q.greeks.price + 1e-9)
            XCTAssertGreaterThanOrEqual(q.ask, q.greeks.price - 1e-9)
            XCTAssertGreaterThan(q.sigma, 0.05)
            XCTAssertLessThan(q.sigma, 1.0)
        }
        let spot = day.configuration.openingSpot
        let putsBelow = zip(day.contracts, day.openInterest).filter { $0.0.right == .put && $0.0.strike < spot * 0.97 }.map(\.1).reduce(0, +)
        let callsBelow = zip(day.contracts, day.openInterest).filter { $0.0.right == .call && $0.0.strike < spot * 0.97 }.map(\.1).reduce(0, +)
        XCTAssertGreaterThan(putsBelow, callsBelow)
    }

    func testDeterministicAndReadBack() throws {
        let a = temporary("a.csv"), b = temporary("b.csv"), c = temporary("c.csv.gz")
        defer { for p in [a, b, c] { try? FileManager.default.removeItem(atPath: p) } }
        let day = SyntheticDay(small())
        let written = try DataShopWriter.write(day, to: a)
        _ = try DataShopWriter.write(SyntheticDay(small()), to: b)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: a)), try Data(contentsOf: URL(fileURLWithPath: b)))
        _ = try DataShopWriter.write(SyntheticDay(small(seed: 8)), to: c)
        let read = try DataShopReader.read(paths: [a])
        XCTAssertEqual(read.rowsRead, written.rows)
        XCTAssertEqual(read.defects.total, 0, "\(read.defects.entries)")
        let store = try XCTUnwrap(read.stores.first)
        XCTAssertEqual(store.contractCount, day.contracts.count)
        XCTAssertEqual(store.times, day.times)
        XCTAssertEqual(store.openInterest.reduce(0, +), day.openInterest.reduce(0, +))
        for t in store.times.indices { XCTAssertEqual(store.spot[t], day.spot[t], accuracy: 1e-4) }
        let other = try DataShopReader.read(paths: [c])
        XCTAssertNotEqual(other.stores.first?.spot, store.spot)
    }

    func testInjectedDefectsAreCountedByTheReader() throws {
        let path = temporary("d.csv")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let written = try DataShopWriter.write(SyntheticDay(small(defects: 0.02)), to: path)
        let read = try DataShopReader.read(paths: [path])
        let e = read.defects.entries
        XCTAssertEqual(e["crossed quote (bid > ask): quote dropped, row kept"]?.count, written.defects[.crossedQuote])
        XCTAssertEqual(e["duplicate row (same contract and time)"]?.count, written.defects[.duplicateRow])
        XCTAssertEqual(e["contract already settled at the quote time"]?.count, written.defects[.expiredContract])
        XCTAssertEqual(e["root is not ASCII letters and digits"]?.count, written.defects[.badRoot])
        XCTAssertEqual(e["non-numeric or non-finite field"]?.count, written.defects[.nanPrice])
        // A missing last field and the cut-off last row are both "row has 25 fields" (or fewer).
        let short = e.filter { $0.key.hasPrefix("row has") }.map(\.value.count).reduce(0, +)
        XCTAssertEqual(short, (written.defects[.missingField] ?? 0) + 1)
        XCTAssertGreaterThan(written.defects.values.reduce(0, +), 50)
    }
}
