// Writers: atomic files, CSV tables and the JSON document of a levels report.
//
// | check                         | reference                                                     |
// |-------------------------------|---------------------------------------------------------------|
// | atomic write                  | the destination holds either the old or the new bytes; no temp |
// | CSV by strike                 | Σ rows = the report's totals (an invariant, 1e-9 relative)     |
// | JSON                          | parses back; no NaN/inf; null for a missing level             |
@testable import Archives
import Exposure
import Foundation
import MarketModel
@testable import Reports
import XCTest

final class ReportsTests: XCTestCase {
    var directory: String!

    override func setUpWithError() throws {
        directory = NSTemporaryDirectory() + "gex-reports-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: directory) }

    func testAtomicWriteReplacesWholeFileAndLeavesNoTemporary() throws {
        let path = directory + "/x.csv"
        try AtomicFile.write("old\n", to: path)
        try AtomicFile.write("new contents\n", to: path)
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "new contents\n")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory), ["x.csv"])
        XCTAssertThrowsError(try AtomicFile.write("x", to: "/proc/gex-cannot-write/x.csv"))
    }

    func sampleReport() throws -> (LevelsReport, LevelsInput) {
        let text = """

            Standard & Poors 500 Index,Last: 4505.10,Change: 1
            "Date: September 14, 2023 at 10:31 AM EDT",Bid: 1,Ask: 2
            Expiration Date,Calls,Last Sale,Net,Bid,Ask,Volume,IV,Delta,Gamma,Open Interest,Strike,Puts,Last Sale,Net,Bid,Ask,Volume,IV,Delta,Gamma,Open Interest
            Fri Sep 15 2023,SPXW230915C04500000,0,0,10,11,0,0.15,0.5,0.004,100,4500.00,SPXW230915P04500000,0,0,9,10,0,0.16,-0.5,0.004,300
            Fri Sep 15 2023,SPXW230915C04600000,0,0,1,2,0,0.13,0.1,0.001,900,4600.00,SPXW230915P04600000,0,0,90,95,0,0.0,-0.9,0.0,0
            Fri Oct 20 2023,SPX231020C04400000,0,0,150,155,0,0.14,0.7,0.0009,50,4400.00,SPX231020P04400000,0,0,40,41,0,0.17,-0.3,0.0009,700
            """
        let parsed = try CboeChainReader.parse(text: text, file: "sample.csv")
        let report = LevelsEngine.compute(chain: parsed.chain, configuration: .exact)
        let input = LevelsInput(path: "sample.csv", layout: "current", asOfText: parsed.asOfText, asOfSource: parsed.asOfSource,
                                rowsRead: parsed.rowsRead, expiredDropped: 0, expiredExpiries: [], skipped: parsed.skipped,
                                coverage: parsed.coverage)
        return (report, input)
    }

    func testCSVTablesSumToTheTotals() throws {
        let (report, _) = try sampleReport()
        let rows = LevelsCSV.byStrike(report).split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        XCTAssertEqual(rows.count, 3)
        let net = rows.map { Double($0[3])! }.reduce(0, +)
        XCTAssertEqual(net, report.netGEX, accuracy: 1e-9 * abs(report.netGEX))
        let profileLines = LevelsCSV.profile(report).split(separator: "\n")
        XCTAssertEqual(profileLines.first, "spot,all,ex-next-expiry,ex-next-monthly,0dte,dte-1-7,dte-8-30,dte-31-90,dte-91-plus")
        XCTAssertEqual(profileLines.count, 1 + report.configuration.gridPoints)
    }

    func testJSONDocumentHasNoNaNAndStatesUnits() throws {
        let (report, input) = try sampleReport()
        let text = LevelsJSON.encode(LevelsJSON.object(report: report, input: input, version: "test"))
        XCTAssertFalse(text.contains("nan") || text.contains("NaN") || text.contains("inf"))
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        for key in ["asof", "spot", "net_gex", "zero_gamma", "zero_gammas", "regime", "call_wall", "put_wall",
                    "abs_gamma_strike", "convention", "sign", "units"] {
            XCTAssertNotNil(object[key], key)
        }
        XCTAssertEqual((object["units"] as? [String: String])?["net_gex"], "USD per 1% move")
        XCTAssertEqual(object["missing_volatility"] as? Int, 1)
    }

    func testWriteDirectory() throws {
        let (report, input) = try sampleReport()
        let out = directory + "/levels"
        try LevelsCSV.write(report: report, metadata: LevelsJSON.encode(LevelsJSON.object(report: report, input: input, version: "t")), to: out)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: out).sorted(),
                       ["by_expiry.csv", "by_strike.csv", "metadata.json", "profile.csv"])
    }
}
