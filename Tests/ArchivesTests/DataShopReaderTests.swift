// The DataShop interval samples read into day stores, with the counts of ../shared/data/real/SOURCES.md §2.
//
// | reference (SOURCES.md §2)                   | checked (exact)                                          |
// |---------------------------------------------|----------------------------------------------------------|
// | 20,160 rows; A 392 series × 13 snapshots     | rows, contracts, snapshots, expiries, strikes per symbol |
// | ^VIX 1,076 series × 14 snapshots (to 16:15)  | time range (US/Eastern → UTC), dense grid                 |
// | OI sums A 16,618; ^VIX 7,324,055 (calcs+OI)  | open interest; vendor IV present only in the calcs file  |
// | gz and CRLF                                  | the same store from a gzipped copy                        |
import Archives
import Foundation
import MarketModel
import XCTest

final class DataShopReaderTests: XCTestCase {
    static var shared: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("shared/data/real")
    }

    func path(_ name: String) throws -> String {
        let p = Self.shared.appendingPathComponent(name).path
        guard FileManager.default.fileExists(atPath: p) else { throw XCTSkip("../shared/data/real not present: \(name)") }
        return p
    }

    func check(_ day: ArchiveDay, hasOI: Bool) {
        XCTAssertEqual(day.rowsRead, 20_160)
        // The calcs+OI copy carries one crossed quote (line 326, found by hand): dropped, row kept.
        XCTAssertEqual(day.defects.total, hasOI ? 1 : 0, "\(day.defects.entries)")
        if hasOI { XCTAssertEqual(day.defects.entries["crossed quote (bid > ask): quote dropped, row kept"]?.firstLine, 326) }
        XCTAssertEqual(day.stores.map(\.underlying), ["A", "^VIX"])
        let a = day.stores[0], vix = day.stores[1]
        XCTAssertEqual(a.contractCount, 392)
        XCTAssertEqual(a.snapshotCount, 13)
        XCTAssertEqual(vix.contractCount, 1076)
        XCTAssertEqual(vix.snapshotCount, 14)
        XCTAssertEqual(Set(a.contracts.map(\.expiry)).count, 6)
        XCTAssertEqual(Set(vix.contracts.map(\.expiry)).count, 12)
        XCTAssertEqual(Set(a.contracts.map(\.strikeMilli)).count, 47)
        XCTAssertEqual(Set(vix.contracts.map(\.strikeMilli)).count, 49)
        XCTAssertEqual(Set(vix.contracts.map(\.root)), ["VIX", "VIXW"])
        XCTAssertEqual(a.times.first?.iso8601, "2021-04-26T14:00:00Z")
        XCTAssertEqual(a.times.last?.iso8601, "2021-04-26T20:00:00Z")
        XCTAssertEqual(vix.times.last?.iso8601, "2021-04-26T20:15:00Z")
        XCTAssertFalse(a.bidSize.contains { $0.isNaN } || vix.bidSize.contains { $0.isNaN }, "dense grid: every series in every snapshot")
        XCTAssertEqual(a.bid.filter(\.isNaN).count + vix.bid.filter(\.isNaN).count, hasOI ? 1 : 0)
        XCTAssertEqual(a.spotSource.filter { $0 == .underlyingMid }.count, 13)
        if hasOI {
            XCTAssertEqual(a.openInterest.reduce(0, +), 16_618)
            XCTAssertEqual(vix.openInterest.reduce(0, +), 7_324_055)
            XCTAssertNotNil(a.vendorIV)
        } else {
            XCTAssertTrue(a.openInterest.allSatisfy(\.isNaN))
            XCTAssertNil(a.vendorIV)
        }
        XCTAssertEqual(a.contracts, a.contracts.sorted())
    }

    func testBasicSample() throws {
        check(try DataShopReader.read(paths: [try path("jackthompsondb_UnderlyingOptionsIntervals_1800sec_2021-04-26.csv")]), hasOI: false)
    }

    func testCalcsOISampleAndItsGzipCopy() throws {
        let plain = try path("webclinic017_UnderlyingOptionsIntervals_1800sec_calcs_oi_2021-04-26.csv")
        check(try DataShopReader.read(paths: [plain]), hasOI: true)
        let gz = FileManager.default.temporaryDirectory.appendingPathComponent("gex-datashop-\(UUID().uuidString).csv.gz").path
        defer { try? FileManager.default.removeItem(atPath: gz) }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", "gzip -c '\(plain)' > '\(gz)'"]
        try p.run()
        p.waitUntilExit()
        let fromGzip = try DataShopReader.read(paths: [gz])
        check(fromGzip, hasOI: true)
        let fromPlain = try DataShopReader.read(paths: [plain])
        XCTAssertEqual(fromGzip.stores[1].ask.map(\.bitPattern), fromPlain.stores[1].ask.map(\.bitPattern))
    }

    func testSplitFilesMergeIntoOneStore() throws {
        let plain = try path("jackthompsondb_UnderlyingOptionsIntervals_1800sec_2021-04-26.csv")
        let lines = try String(contentsOfFile: plain, encoding: .utf8).split(separator: "\n")
        let header = lines[0]
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gex-split-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let vixw = lines.dropFirst().filter { $0.contains(",VIXW,") }, rest = lines.dropFirst().filter { !$0.contains(",VIXW,") }
        try ([header] + vixw).joined(separator: "\n").write(to: dir.appendingPathComponent("vixw.csv"), atomically: true, encoding: .utf8)
        try ([header] + rest).joined(separator: "\n").write(to: dir.appendingPathComponent("rest.csv"), atomically: true, encoding: .utf8)
        let merged = try DataShopReader.read(paths: [dir.appendingPathComponent("vixw.csv").path, dir.appendingPathComponent("rest.csv").path])
        check(merged, hasOI: false)
    }

    func testHeaderAndRowDefects() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gex-ds-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let header = "underlying_symbol,quote_datetime,root,expiration,strike,option_type,open,high,low,close,trade_volume,bid_size,bid,ask_size,ask,underlying_bid,underlying_ask"
        let good = "SPX,2024-01-19 10:00:00,SPXW,2024-01-19,4700.000,C,0,0,0,0,0,10,12.5,10,13.0,4701.0,4702.0"
        let rows = [good,
                    "SPX,2024-01-19 10:00:00,SPXW,2024-01-19,4700.000,C,0,0,0,0,0,10,12.5,10,13.0,4701.0,4702.0",  // duplicate
                    "SPX,2024-01-19 10:00:00,SPXW,2024-01-18,4700.000,C,0,0,0,0,0,10,12.5,10,13.0,4701.0,4702.0",  // expired
                    "SPX,2024-03-10 02:30:00,SPXW,2024-03-15,4700.000,C,0,0,0,0,0,10,12.5,10,13.0,4701.0,4702.0",  // DST gap
                    "SPX,2024-01-19 10:00:00,SPXW,2024-01-19,4700.000,X,0,0,0,0,0,10,12.5,10,13.0,4701.0,4702.0",
                    "SPX,2024-01-19 10:00:00,SPXW,2024-01-19,0,C,0,0,0,0,0,10,12.5,10,13.0,4701.0,4702.0",
                    "SPX,2024-01-19 10:00:00,SPXW,2024-01-19,4710,P,0,0,0,0,0,10,nan,10,13.0,4701.0,4702.0",
                    "SPX,2024-01-19 10:00:00,SPXW,2024-01-19,4720,P,0,0,0,0,0,10,-1,10,13.0,4701.0,4702.0",
                    "SPX,2024-01-19 10:00:00,SPXW"]
        let file = dir.appendingPathComponent("d.csv")
        try ([header] + rows).joined(separator: "\r\n").write(to: file, atomically: true, encoding: .utf8)
        let day = try DataShopReader.read(paths: [file.path])
        XCTAssertEqual(day.stores.first?.contractCount, 1)
        XCTAssertEqual(day.stores.first?.spot, [4701.5])
        let e = day.defects.entries
        XCTAssertEqual(e["duplicate row (same contract and time)"]?.count, 1)
        XCTAssertEqual(e["contract already settled at the quote time"]?.firstLine, 4)
        XCTAssertEqual(e["unreadable or nonexistent quote time"]?.count, 1)
        XCTAssertEqual(e["option_type is not C or P"]?.count, 1)
        XCTAssertEqual(e["strike missing, zero, negative or absurd"]?.count, 1)
        XCTAssertEqual(e["non-numeric or non-finite field"]?.count, 1)
        XCTAssertEqual(e["negative bid or ask"]?.count, 1)
        XCTAssertEqual(e["row has 3 fields, header has 17"]?.count, 1)
        try "underlying_symbol,quote_datetime,root\nSPX,2024-01-19 10:00:00,SPXW\n".write(to: file, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try DataShopReader.read(paths: [file.path])) {
            XCTAssertEqual(($0 as? ArchiveError)?.line, 1)
        }
    }
}
