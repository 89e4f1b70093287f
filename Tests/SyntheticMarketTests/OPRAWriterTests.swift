// The OPRA output of the generator read back by the Databento OPRA reader.
//
// | check                                         | reference                                       |
// |-----------------------------------------------|-------------------------------------------------|
// | open interest per contract                    | the generator's OI                              |
// | sampled bid/ask at every snapshot             | the generator's quote for (contract, snapshot)  |
// | quote age at the snapshot                     | 0 … 60 s by construction                        |
// | trades: count, at-ask / at-bid / inside split | the generator's truth (`OPRAWriter.Result`)     |
// | same seed → same bytes                        | file bytes                                      |
import Archives
import Foundation
import MarketModel
import SyntheticMarket
import XCTest

final class OPRAWriterTests: XCTestCase {
    func testReadBackThroughTheOPRAReader() throws {
        var c = SyntheticDayConfiguration()
        c.contracts = 400
        c.intervalSeconds = 3600
        c.seed = 5
        let day = SyntheticDay(c)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gex-opra-\(UUID().uuidString)").path
        let again = folder + "-again"
        defer { try? FileManager.default.removeItem(atPath: folder); try? FileManager.default.removeItem(atPath: again) }
        let written = try OPRAWriter.write(day, to: folder)
        _ = try OPRAWriter.write(SyntheticDay(c), to: again)
        for file in written.files {
            let name = (file as NSString).lastPathComponent
            XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: file)),
                           try Data(contentsOf: URL(fileURLWithPath: (again as NSString).appendingPathComponent(name))), name)
        }

        let read = try OPRAReader.read(paths: written.files, intervalSeconds: 3600)
        XCTAssertEqual(read.defects.total, 0)
        XCTAssertEqual(read.stores.count, 1)
        let store = read.stores[0]
        XCTAssertEqual(store.times, day.times)
        let generated = Dictionary(uniqueKeysWithValues: day.contracts.enumerated().map { ($1, $0) })
        var compared = 0
        for (c, key) in store.contracts.enumerated() {
            let i = try XCTUnwrap(generated[key])
            XCTAssertEqual(store.openInterest[c], day.openInterest[i])
            for t in day.times.indices where day.years(contract: i, snapshot: t) > 0 {
                let q = day.quote(contract: i, snapshot: t), k = t * store.contractCount + c
                XCTAssertEqual(store.bid[k], q.bid, accuracy: 1e-9)
                XCTAssertEqual(store.ask[k], q.ask, accuracy: 1e-9)
                let age = try XCTUnwrap(store.quoteAge)[k]
                XCTAssertTrue(age >= 0 && age <= 60, "quote age \(age)")
                compared += 1
            }
        }
        XCTAssertEqual(compared, written.quotes)
        let trades = try XCTUnwrap(store.trades)
        XCTAssertEqual(trades.count, written.buys + written.sells + written.inside)
        XCTAssertEqual((0..<trades.count).filter { trades.price[$0] == trades.ask[$0] && trades.bid[$0] < trades.ask[$0] }.count, written.buys)
        XCTAssertEqual((0..<trades.count).filter { trades.price[$0] == trades.bid[$0] && trades.bid[$0] < trades.ask[$0] }.count, written.sells)
    }
}
