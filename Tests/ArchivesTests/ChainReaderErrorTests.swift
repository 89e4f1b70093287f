// Structural defects throw ArchiveError naming file and line; row defects are skipped and counted.
import Archives
import MarketModel
import XCTest

final class ChainReaderErrorTests: XCTestCase {
    let header = "Expiration Date,Calls,Last Sale,Net,Bid,Ask,Volume,IV,Delta,Gamma,Open Interest,Strike,Puts,Last Sale,Net,Bid,Ask,Volume,IV,Delta,Gamma,Open Interest"
    let preamble = "\nStandard & Poors 500 Index,Last: 4505.1001,Change:  37.6601\n\"Date: September 14, 2023 at 10:31 AM EDT\",Bid: 4483.25,Ask: 4526.27\n"
    let good = "Fri Sep 15 2023,SPXW230915C04500000,0,0,10,11,0,0.15,0.5,0.004,100,4500.00,SPXW230915P04500000,0,0,9,10,0,0.16,-0.5,0.004,200"

    func parse(_ text: String) throws(ArchiveError) -> CboeChainFile { try CboeChainReader.parse(text: text, file: "t.csv") }

    func error(_ text: String) -> ArchiveError? {
        do { _ = try parse(text); return nil } catch { return error }
    }

    func testGoodFileParses() throws {
        let f = try parse(preamble + header + "\n" + good + "\n")
        XCTAssertEqual(f.chain.count, 2)
        XCTAssertEqual(f.chain.openInterest, [100, 200])
        XCTAssertEqual(f.chain.impliedVolatility, [0.15, 0.16])
        XCTAssertEqual(f.chain.asOf.iso8601, "2023-09-14T14:31:00Z")
    }

    func testCRLFAndBOM() throws {
        let text = "\u{FEFF}" + (preamble + header + "\n" + good + "\n").split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\r\n")
        XCTAssertEqual(try parse(text).chain.count, 2)
    }

    func testStructuralErrorsNameFileAndLine() {
        XCTAssertEqual(error("")?.reason.contains("no header line"), true)
        XCTAssertEqual(error(preamble + header.replacingOccurrences(of: ",Gamma,", with: ",Gama,") + "\n" + good)?.line, 4)
        let unreadable = error("\nX,Last: 4505\n\"Date: someday\",Bid: 1\n" + header + "\n" + good)
        XCTAssertEqual(unreadable?.line, 3)
        XCTAssertEqual(unreadable?.reason.contains("--asof"), true)
        XCTAssertEqual(error("\nX,Last: -3\n\"Date: September 14, 2023 at 10:31 AM EDT\"\n" + header + "\n" + good)?.line, 2)
        XCTAssertEqual(error(preamble + header + "\n")?.reason, "no data rows after the header")
        let allExpired = error(preamble.replacingOccurrences(of: "September 14", with: "September 16") + header + "\n" + good)
        XCTAssertEqual(allExpired?.reason.contains("settled"), true)
    }

    func testAsOfOverride() throws {
        let f = try CboeChainReader.parse(text: "\nX,Last: 4505\n\"Date: someday\"\n" + header + "\n" + good, file: "t.csv",
                                          asOf: AsOfParser.parseISO("2023-09-14T10:00"))
        XCTAssertEqual(f.asOfSource, "--asof")
        XCTAssertEqual(f.chain.count, 2)
    }

    func testRowDefectsAreCountedByReason() throws {
        let rows = [
            good,
            "Fri Sep 15 2023,SPXW230915C0460000,0,0,10,11,0,0.15,0.5,0.004,100,4600.00,SPXW230915P04600000,0,0,9,10,0,0.16,-0.5,0.004,200",
            "Fri Sep 15 2023,SPXW230915C04700000,0,0,10,11,0,abc,0.5,0.004,100,4700.00,SPXW230915P04700000,0,0,9,10,0,0.16,-0.5,0.004,-5",
            "Fri Sep 22 2023,SPXW230915C04800000,0,0,10,11,0,0.1,0.5,0.004,100,4800.00,SPXW230915P04800000,0,0,9,10,0,0.16,-0.5,0.004,5",
            "Fri Sep 15 2023,SPXW230915C04500000",
            good,
        ]
        let f = try parse(preamble + header + "\n" + rows.joined(separator: "\n"))
        XCTAssertEqual(f.chain.count, 3)  // good pair + the 4600 put
        XCTAssertEqual(f.skipped["malformed option symbol"]?.count, 1)
        XCTAssertEqual(f.skipped["malformed option symbol"]?.firstLine, 6)
        XCTAssertEqual(f.skipped["non-numeric or non-finite field"]?.count, 1)
        XCTAssertEqual(f.skipped["negative open interest"]?.count, 1)
        XCTAssertEqual(f.skipped["symbol's expiry disagrees with the Expiration Date column"]?.count, 2)
        XCTAssertEqual(f.skipped["row has 2 fields, header has 22"]?.count, 1)
        XCTAssertEqual(f.skipped["duplicate contract"]?.count, 2)
    }
}
