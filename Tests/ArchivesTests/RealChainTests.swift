// Every real Cboe chain parses, with the counts that ../shared/data/real/SOURCES.md states.
//
// | reference                            | checked                                                      |
// |--------------------------------------|--------------------------------------------------------------|
// | SOURCES.md §1 (pandas counts)        | spot, as-of, rows, contracts = rows × 2, rows per root,       |
// |                                      | expiries, strikes, OI total — exact                           |
// | data/spx_quotedata_2023-09-14.csv    | always present (committed); the rest skip without ../shared  |
import Archives
import Foundation
import MarketModel
import XCTest

final class RealChainTests: XCTestCase {
    struct Expected {
        let file: String, spot: Double, asOfUTC: String, rows: Int, rowsByRoot: [String: Int]
        let expiries: Int, strikes: Int, openInterest: Double, expiredDropped: Int
        var crossedLine: Int? = nil  // the one crossed quote (bid > ask) in the file, found by hand
    }

    static let expected: [Expected] = [
        .init(file: "phammings_spx_quotedata_2022-06-11.csv", spot: 3900.8601, asOfUTC: "2022-06-12T00:47:00Z", rows: 9835,
              rowsByRoot: ["SPXW": 6382, "SPX": 3453], expiries: 44, strikes: 532, openInterest: 17_617_884, expiredDropped: 450),
        .init(file: "Luca-Castelli_spx_quotedata_2022-02-05.csv", spot: 4500.5298, asOfUTC: "2022-02-06T01:09:00Z", rows: 10257,
              rowsByRoot: ["SPXW": 6489, "SPX": 3768], expiries: 40, strikes: 499, openInterest: 13_548_286, expiredDropped: 0,
              crossedLine: 10259),
        .init(file: "Luca-Castelli_ndx_quotedata_2022-02-05.csv", spot: 14694.3506, asOfUTC: "2022-02-06T01:26:00Z", rows: 9193,
              rowsByRoot: ["NDXP": 5076, "NDX": 4117], expiries: 34, strikes: 691, openInterest: 106_466, expiredDropped: 0),
        .init(file: "carlosjimenezdiaz_spx_quotedata_2023-09-14.csv", spot: 4505.1001, asOfUTC: "2023-09-14T20:31:00Z", rows: 9960,
              rowsByRoot: ["SPXW": 6817, "SPX": 3143], expiries: 53, strikes: 451, openInterest: 20_386_854, expiredDropped: 296,
              crossedLine: 9928),
        .init(file: "carlosjimenezdiaz_xsp_quotedata_2023-09-14.csv", spot: 450.51, asOfUTC: "2023-09-14T20:30:00Z", rows: 5441,
              rowsByRoot: ["XSP": 5441], expiries: 51, strikes: 257, openInterest: 504_532, expiredDropped: 280),
        .init(file: "AyourElwazani97_spx_quotedata_2023-06-09.csv", spot: 4300.0098, asOfUTC: "2023-06-09T17:40:00Z", rows: 8894,
              rowsByRoot: ["SPXW": 6098, "SPX": 2796], expiries: 49, strikes: 433, openInterest: 20_105_007, expiredDropped: 0),
        .init(file: "nickkxsper_spx_quotedata_2022-07-12.csv", spot: 3856.28, asOfUTC: "2022-07-12T15:55:00Z", rows: 9689,
              rowsByRoot: ["SPXW": 6097, "SPX": 3592], expiries: 47, strikes: 513, openInterest: 15_716_365, expiredDropped: 0),
        .init(file: "seanhelvey_spx_quotedata_2020-09-04.dat", spot: 3426.96, asOfUTC: "2020-09-05T00:49:00Z", rows: 9369,
              rowsByRoot: ["SPXW": 6519, "SPX": 2850], expiries: 36, strikes: 430, openInterest: 14_799_730, expiredDropped: 560),
    ]

    static var packageRoot: URL { URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent() }

    func check(_ e: Expected, path: String) throws {
        let parsed = try CboeChainReader.read(path: path)
        XCTAssertEqual(parsed.chain.spot, e.spot, e.file)
        XCTAssertEqual(parsed.chain.asOf.iso8601, e.asOfUTC, e.file)
        XCTAssertEqual(parsed.rowsRead, e.rows, e.file)
        XCTAssertEqual(parsed.listed.contracts, 2 * e.rows, e.file)
        XCTAssertEqual(parsed.listed.contractsByRoot, e.rowsByRoot.mapValues { 2 * $0 }, e.file)
        XCTAssertEqual(parsed.listed.expiries, e.expiries, e.file)
        XCTAssertEqual(parsed.listed.strikes, e.strikes, e.file)
        XCTAssertEqual(parsed.listed.openInterest, e.openInterest, e.file)
        XCTAssertEqual(parsed.expiredDropped, e.expiredDropped, e.file)
        XCTAssertEqual(parsed.chain.count + parsed.expiredDropped, 2 * e.rows, e.file)
        let crossed = parsed.skipped["crossed quote (bid > ask): quote dropped, contract kept"]
        XCTAssertEqual(crossed?.firstLine, e.crossedLine, e.file)
        XCTAssertEqual(parsed.skipped.count, e.crossedLine == nil ? 0 : 1, "\(e.file): \(parsed.skipped)")
        XCTAssertTrue(parsed.chain.keys.allSatisfy { $0.settlementInstant > parsed.chain.asOf }, e.file)
        XCTAssertEqual(parsed.chain.keys, parsed.chain.keys.sorted(), e.file)
    }

    func testCommittedChain() throws {
        let e = Self.expected.first { $0.file.hasPrefix("carlosjimenezdiaz_spx") }!
        try check(e, path: Self.packageRoot.appendingPathComponent("data/spx_quotedata_2023-09-14.csv").path)
        let parsed = try CboeChainReader.read(path: Self.packageRoot.appendingPathComponent("data/spx_quotedata_2023-09-14.csv").path)
        XCTAssertEqual(parsed.chain.underlying, "SPX")
        XCTAssertEqual(parsed.layout, .current)
        XCTAssertEqual(parsed.expiredExpiries, [CivilDate(year: 2023, month: 9, day: 14)!], "same-day SPXW settled at 16:00")
    }

    func testEveryRealChainInShared() throws {
        let directory = Self.packageRoot.deletingLastPathComponent().appendingPathComponent("shared/data/real")
        guard FileManager.default.fileExists(atPath: directory.path) else {
            throw XCTSkip("../shared/data/real is not present (a user's clone has none); the committed chain is tested above")
        }
        for e in Self.expected { try check(e, path: directory.appendingPathComponent(e.file).path) }
    }
}
