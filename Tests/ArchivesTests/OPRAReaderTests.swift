// Databento OPRA CSVs (the real test excerpts in ../shared) sampled into snapshots.
//
// | reference (SOURCES.md §3, the files themselves)                     | checked                           |
// |----------------------------------------------------------------------|-----------------------------------|
// | cbbo-1m: BBO .32/.34 at 14:31:00Z, .43/.45 at 14:32, .34/.36 at 14:33 | bid/ask per snapshot, quote age   |
// | statistics: stat_type 9, quantity 57,924 (4 venues)                 | open interest kept once           |
// | tbbo: 4 prints with their BBO; mbp-1: 4 venue books with no prices  | trades with NBBO; no quotes        |
import Archives
import Foundation
import MarketModel
import XCTest

final class OPRAReaderTests: XCTestCase {
    func path(_ schema: String) throws -> String {
        let p = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("shared/data/real/databento-python_OPRA.PILLAR_test_data.\(schema).transcoded.csv").path
        guard FileManager.default.fileExists(atPath: p) else { throw XCTSkip("../shared/data/real not present") }
        return p
    }

    func testQuotesOpenInterestAndTrades() throws {
        let day = try OPRAReader.read(paths: [try path("cbbo-1m"), try path("statistics"), try path("tbbo"), try path("definition")])
        XCTAssertEqual(day.defects.total, 0, "\(day.defects.entries)")
        let store = try XCTUnwrap(day.stores.first)
        XCTAssertEqual(store.underlying, "AAPL")
        XCTAssertEqual(store.contracts.map(\.osiSymbol), ["AAPL250221C00250000"])
        XCTAssertEqual(store.openInterest, [57_924])
        XCTAssertEqual(store.times.count, 405)
        XCTAssertEqual(store.times.first?.iso8601, "2025-02-20T14:31:00Z")
        XCTAssertEqual(store.bid[0], 0.32, accuracy: 1e-12)
        XCTAssertEqual(store.ask[0], 0.34, accuracy: 1e-12)
        XCTAssertEqual(store.bid[1], 0.43, accuracy: 1e-12)
        XCTAssertEqual(store.ask[2], 0.36, accuracy: 1e-12)
        XCTAssertEqual(store.bid[404], 0.34, accuracy: 1e-12, "the last NBBO carries forward")
        XCTAssertEqual(try XCTUnwrap(store.quoteAge)[0], 0)
        XCTAssertEqual(try XCTUnwrap(store.quoteAge)[5], 180, "09:36 snapshot, last quote received 14:33:00Z")
        let trades = try XCTUnwrap(store.trades)
        XCTAssertEqual(trades.count, 4)
        XCTAssertEqual(trades.price, [0.24, 0.20, 0.19, 0.19])
        XCTAssertEqual(trades.bid[1], 0.18, accuracy: 1e-12)
        XCTAssertEqual(trades.ask[1], 0.22, accuracy: 1e-12)
        XCTAssertEqual(trades.size, [1, 2, 1, 4])
    }

    func testVenueBooksWithoutPricesGiveNoQuotes() throws {
        let day = try OPRAReader.read(paths: [try path("mbp-1")])
        XCTAssertEqual(day.stores.first?.contractCount ?? 0, 0)
    }

    func testUnknownHeaderIsAnError() throws {
        XCTAssertThrowsError(try OPRAReader.read(paths: [try path("ohlcv-1m")])) {
            XCTAssertEqual(($0 as? ArchiveError)?.line, 1)
        }
    }
}
