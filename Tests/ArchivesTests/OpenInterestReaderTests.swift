// OpenInterestReaderTests: both layouts, defects counted by reason, header errors with file and line.
import Archives
import Foundation
import MarketModel
import XCTest

final class OpenInterestReaderTests: XCTestCase {
    func write(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("oi-\(UUID().uuidString).csv").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        addTeardownBlock { try? FileManager.default.removeItem(atPath: path) }
        return path
    }

    func key(_ osi: String) -> ContractKey { ContractKey(osiSymbol: Substring(osi))! }

    func testDataShopColumnsAnyOrderAndCase() throws {
        let path = try write("""
            Open_Interest,underlying_symbol,STRIKE,root,option_type,expiration
            1200,^SPX,4700.000,SPXW,C,2024-01-19
            35,^SPX,4700,spxw,p,2024-01-19
            7,^SPX,4705,SPXW,X,2024-01-19
            -3,^SPX,4710,SPXW,C,2024-01-19
            99,^SPX,4700,SPXW,C,2024-01-19

            """)
        let file = try OpenInterestReader.read(path: path)
        XCTAssertEqual(file.openInterest, [key("SPXW240119C04700000"): 1200, key("SPXW240119P04700000"): 35])
        XCTAssertEqual(file.rowsRead, 5)
        XCTAssertEqual(file.defects.entries["malformed contract (root, expiration, strike, option type or OSI symbol)"]?.firstLine, 4)
        XCTAssertEqual(file.defects.entries["open interest missing, negative or not a number"]?.firstLine, 5)
        XCTAssertEqual(file.defects.entries["contract repeated (first value kept)"]?.firstLine, 6)
    }

    func testOSISymbolsPaddedUnpaddedAndPrefixed() throws {
        let path = try write("symbol,open_interest\nSPXW  240119C04700000,10\nO:SPY240119P00470000,20\nSPX240119C4700,5\n")
        let file = try OpenInterestReader.read(path: path)
        XCTAssertEqual(file.openInterest, [key("SPXW240119C04700000"): 10, key("SPY240119P00470000"): 20])
        XCTAssertEqual(file.defects.total, 1)
    }

    func testHeaderWithoutTheNeededColumnsNamesFileAndLine() throws {
        let path = try write("strike,open_interest\n4700,1\n")
        XCTAssertThrowsError(try OpenInterestReader.read(path: path)) { error in
            let text = "\(error)"
            XCTAssertTrue(text.contains(path) && text.contains(":1") && text.contains("OSI symbol"), text)
        }
        let empty = try write("")
        XCTAssertThrowsError(try OpenInterestReader.read(path: empty))
    }

    func testApplyingToADayStoreReplacesOnlyListedContracts() {
        let a = key("SPXW240119C04700000"), b = key("SPXW240119P04700000")
        let store = DayStore(underlying: "SPX", contracts: [a, b], multiplier: [100, 100], openInterest: [.nan, 8],
                             times: [Instant(secondsSinceEpoch: 1_705_672_800)], bid: [1, 1], ask: [2, 2], bidSize: [1, 1], askSize: [1, 1],
                             spot: [4700], spotSource: [.underlyingMid], vendorIV: nil, vendorGamma: nil)
        let (replaced, matched) = store.replacingOpenInterest { $0 == a ? 1200 : nil }
        XCTAssertEqual(matched, 1)
        XCTAssertEqual(replaced.openInterest, [1200, 8])
    }
}
