// Each cap of ArchiveLimits set low refuses its input with a badData error that names the file,
// the limit and how to raise it (option and environment variable) — instead of reading on.
import Archives
import Foundation
import XCTest

final class LimitsTests: XCTestCase {
    let header = "underlying_symbol,quote_datetime,root,expiration,strike,option_type,open,high,low,close,trade_volume,bid_size,bid,ask_size,ask,underlying_bid,underlying_ask"
    func row(strike: Int, minute: Int = 0) -> String {
        "SPX,2024-01-19 10:\(String(format: "%02d", minute)):00,SPXW,2024-01-19,\(strike).000,C,0,0,0,0,0,10,12.5,10,13.0,4701.0,4702.0"
    }

    func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("gex-limits-\(UUID().uuidString)-\(name)")
        try Data(bytes).write(to: url)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url.path
    }

    func dataShop(_ rows: [String]) throws -> String { try write("day.csv", Array(([header] + rows).joined(separator: "\n").utf8) + [0x0A]) }

    func assertLimit(_ body: @autoclosure () throws -> Any, file path: String, option: String, variable: String,
                     line: UInt = #line) {
        XCTAssertThrowsError(try body(), line: line) { error in
            guard let e = error as? ArchiveError else { return XCTFail("\(error)", line: line) }
            XCTAssertEqual(e.kind, .badData, line: line)
            XCTAssertEqual(e.file, path, line: line)
            XCTAssertTrue(e.reason.contains("exceeds the limit"), e.reason, line: line)
            XCTAssertTrue(e.reason.contains(option) && e.reason.contains(variable), e.reason, line: line)
        }
    }

    func limits(contracts: Int = 1_000, snapshots: Int = 1_000, line: Int = 1 << 20, input: Int = 1 << 30) -> ArchiveLimits {
        ArchiveLimits(maximumContracts: contracts, maximumSnapshots: snapshots, maximumLineBytes: line, maximumInputBytes: input)
    }

    func testContractCap() throws {
        let path = try dataShop((0..<3).map { row(strike: 4700 + 5 * $0) })
        XCTAssertEqual(try DataShopReader.read(paths: [path], limits: limits(contracts: 3)).stores[0].contractCount, 3)
        assertLimit(try DataShopReader.read(paths: [path], limits: limits(contracts: 2)), file: path,
                    option: "--max-contracts", variable: "GEX_MAX_CONTRACTS")
    }

    func testSnapshotCap() throws {
        let path = try dataShop((0..<4).map { row(strike: 4700, minute: $0) })
        assertLimit(try DataShopReader.read(paths: [path], limits: limits(snapshots: 3)), file: path,
                    option: "--max-snapshots", variable: "GEX_MAX_SNAPSHOTS")
    }

    func testLineCap() throws {
        let path = try dataShop([row(strike: 4700), row(strike: 4705) + String(repeating: " ", count: 500)])
        XCTAssertThrowsError(try DataShopReader.read(paths: [path], limits: limits(line: 300))) { error in
            XCTAssertEqual((error as? ArchiveError)?.line, 3, "the long line is named")
        }
        assertLimit(try DataShopReader.read(paths: [path], limits: limits(line: 300)), file: path,
                    option: "--max-line-bytes", variable: "GEX_MAX_LINE_BYTES")
        XCTAssertNoThrow(try DataShopReader.read(paths: [path], limits: limits(line: 700)))
    }

    func testDecompressedInputCapStopsAGzipBomb() throws {
        // 4 MB of one repeated row compresses to a few kB: the cap counts bytes after decompression.
        let plain = try dataShop([String](repeating: row(strike: 4700), count: 30_000))
        let gz = plain + ".gz"
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        gzip.arguments = ["sh", "-c", "gzip -c '\(plain)' > '\(gz)'"]
        try gzip.run()
        gzip.waitUntilExit()
        addTeardownBlock { try? FileManager.default.removeItem(atPath: gz) }
        let onDisk = try XCTUnwrap(FileManager.default.attributesOfItem(atPath: gz)[.size] as? Int)
        XCTAssertLessThan(onDisk, 100_000)
        assertLimit(try DataShopReader.read(paths: [gz], limits: limits(input: 1 << 20)), file: gz,
                    option: "--max-input-bytes", variable: "GEX_MAX_INPUT_BYTES")
        XCTAssertNoThrow(try DataShopReader.read(paths: [gz], limits: limits(input: 1 << 23)))
    }

    func testChainReaderInputAndLineCaps() throws {
        let chain = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("data/spx_quotedata_2023-09-14.csv").path
        assertLimit(try CboeChainReader.read(path: chain, limits: limits(input: 100_000)), file: chain,
                    option: "--max-input-bytes", variable: "GEX_MAX_INPUT_BYTES")
        assertLimit(try CboeChainReader.read(path: chain, limits: limits(line: 40)), file: chain,
                    option: "--max-line-bytes", variable: "GEX_MAX_LINE_BYTES")
    }

    func testEnvironmentOverridesDefaults() {
        let l = ArchiveLimits.fromEnvironment(["GEX_MAX_CONTRACTS": "5", "GEX_MAX_SNAPSHOTS": " 7 ", "GEX_MAX_LINE_BYTES": "junk",
                                               "GEX_MAX_INPUT_BYTES": "-3"])
        XCTAssertEqual(l.maximumContracts, 5)
        XCTAssertEqual(l.maximumSnapshots, 7)
        XCTAssertEqual(l.maximumLineBytes, ArchiveLimits.default.maximumLineBytes, "unparsable values are ignored")
        XCTAssertEqual(l.maximumInputBytes, ArchiveLimits.default.maximumInputBytes)
    }
}
