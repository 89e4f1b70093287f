// DataShopReader.read(paths:limits:workers:) against the one-thread read of the same files: the
// reference is `workers: 1` (the streaming LineReader path, untouched by the range split). Every
// store column is compared bit for bit, with rows read, every defect tally and the file:line of
// each first defect. Each worker count is read with piece cuts moved to the next quote time (the
// default) and with cuts at any line. Successful reads go through `readWithoutRetry` (internal): a parallel read that
// failed and was silently redone on one thread would otherwise pass. Worker counts run well past the number of lines, so the range cuts land on
// every kind of line (defects, duplicates, blank lines, CRLF, lone CR, the second underlying).
@testable import Archives
import Foundation
import MarketModel
import SyntheticMarket
import XCTest

final class ParallelDataShopReadTests: XCTestCase {
    static let workerCounts = [2, 3, 4, 5, 7, 8, 13, 40]

    func temporaryFile(_ name: String, _ bytes: [UInt8]) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("gex-parallel-\(UUID().uuidString)-\(name)")
        try Data(bytes).write(to: url)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url.path
    }

    /// Reads `paths` with each worker count and requires the one-thread result every time.
    func assertSameForEveryWorkerCount(_ paths: [String], limits: ArchiveLimits = .default, counts: [Int] = workerCounts,
                                       line: UInt = #line) throws -> ArchiveDay {
        let reference = try DataShopReader.read(paths: paths, limits: limits)
        XCTAssertEqual(ArchiveDayComparison.differences(reference, try DataShopReader.read(paths: paths, limits: limits, workers: 1)), [],
                       line: line)
        for workers in counts {
            for aligned in [true, false] {  // cuts moved to the next quote time, and cuts at any line
                let parallel = try DataShopReader.readWithoutRetry(paths, limits: limits, workers: workers, alignToSnapshots: aligned)
                XCTAssertEqual(ArchiveDayComparison.differences(reference, parallel), [], "workers \(workers), aligned \(aligned)",
                               line: line)
            }
        }
        return reference
    }

    /// (a) A generated multi-snapshot day with the writer's defects (crossed, missing, NaN, duplicate,
    /// swapped rows, expired, bad root, truncated last row) scattered through it.
    func testGeneratedDayWithDefects() throws {
        var c = SyntheticDayConfiguration()
        c.contracts = 400
        c.intervalSeconds = 1800
        c.defectRate = 0.02
        c.seed = 11
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("gex-parallel-\(UUID().uuidString).csv").path
        addTeardownBlock { try? FileManager.default.removeItem(atPath: path) }
        let written = try DataShopWriter.write(SyntheticDay(c), to: path)
        let day = try assertSameForEveryWorkerCount([path], counts: [2, 3, 7, 16, 101])
        XCTAssertGreaterThan(day.rowsRead, written.rows / 2)
        XCTAssertGreaterThan(day.stores[0].snapshotCount, 10)
        XCTAssertGreaterThan(day.defects.total, 20, "defects to place on range boundaries")
        XCTAssertNotNil(day.defects.entries["duplicate row (same contract and time)"])
    }

    /// A clean generated day, CRLF copy and gzip copy: the same store whatever the container and cut.
    func testGeneratedDayPlainCRLFAndGzip() throws {
        var c = SyntheticDayConfiguration()
        c.contracts = 300
        c.intervalSeconds = 3600
        let day = SyntheticDay(c)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gex-parallel-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: directory) }
        let plain = directory.appendingPathComponent("day.csv").path, gz = plain + ".gz"
        _ = try DataShopWriter.write(day, to: plain)
        _ = try DataShopWriter.write(day, to: gz)
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: plain)))
        let crlf = try temporaryFile("crlf.csv", bytes.flatMap { $0 == 0x0A ? [0x0D, 0x0A] : [$0] })
        let fromPlain = try assertSameForEveryWorkerCount([plain], counts: [2, 3, 7])
        let fromCRLF = try assertSameForEveryWorkerCount([crlf], counts: [2, 3, 7])
        let fromGzip = try DataShopReader.readWithoutRetry([gz], limits: .default, workers: 2)
        for other in [fromCRLF, fromGzip] {
            XCTAssertEqual(fromPlain.rowsRead, other.rowsRead)
            XCTAssertEqual(ArchiveDayComparison.storeDifferences(fromPlain, other), [])
        }
        // Several files, plain and gzip mixed, merged into one store per underlying.
        _ = try assertSameForEveryWorkerCount([gz, crlf], counts: [2, 5])
    }

    static let header = "underlying_symbol,quote_datetime,root,expiration,strike,option_type,open,high,low,close,trade_volume,bid_size,bid,ask_size,ask,underlying_bid,underlying_ask,active_underlying_price,implied_volatility,gamma,open_interest"

    static func row(_ symbol: String = "SPX", minute: Int, root: String = "SPXW", expiry: String = "2024-01-19", strike: Int,
                    right: String = "C", bid: String = "12.5",
                    ask: String = "13.0", oi: String = "100", spot: (String, String) = ("4701.0", "4702.0")) -> String {
        "\(symbol),2024-01-19 10:\(minute < 10 ? "0" : "")\(minute):00,\(root),\(expiry),\(strike).000,\(right),0,0,0,0,0,10,\(bid),10,\(ask),\(spot.0),\(spot.1),4701.5,0.15,0.01,\(oi)"
    }

    /// (b) Hand-made defects, two underlyings, duplicates far apart, OI and spot first known late,
    /// blank lines, CRLF and lone-CR endings, a byte-order mark and a last line without terminator.
    static var defectLines: [String] {
        var lines: [String] = []
        for minute in 0..<4 {
            for k in 0..<6 {
                let strike = 4700 + 5 * k
                switch (minute * 6 + k) % 11 {
                case 0: lines.append(row(minute: minute, strike: strike, bid: "14", ask: "13"))  // crossed: quote dropped, row kept
                case 1: lines.append(row(minute: minute, strike: strike, bid: "x"))  // non-numeric
                case 2: lines.append(row(minute: minute, strike: strike, right: "X"))
                case 3: lines.append(",,,,")  // blank row
                case 4: lines.append("")
                case 5: lines.append(row("^VIX", minute: minute, root: "VIX", expiry: "2024-02-14", strike: 15 + k, oi: minute == 0 ? "" : "77"))
                case 6: lines.append(row(minute: minute, strike: strike, oi: minute < 2 ? "" : "\(minute)"))  // OI first known later
                case 7: lines.append(row(minute: minute, strike: 4700, spot: ("0", "0")))  // spot missing here, known elsewhere
                case 8: lines.append("SPX,2024-01-19 10:0\(minute):00,SPXW")  // short row
                default: lines.append(row(minute: minute, strike: strike))
                }
            }
            lines.append(row(minute: 0, strike: 4700 + 5 * minute))  // a duplicate of a minute-0 row, further and further away
            lines.append(row(minute: minute, root: "SP-X", strike: 4800))  // bad root
        }
        return lines
    }

    func testHandMadeDefectsAtEveryCut() throws {
        let lines = Self.defectLines
        // LF, CRLF, and a mix with lone CRs, with a BOM; the last line without a terminator.
        let lf = Array(([Self.header] + lines).joined(separator: "\n").utf8)
        let crlf = Array(([Self.header] + lines).joined(separator: "\r\n").utf8) + [0x0D, 0x0A]
        var mixed: [UInt8] = [0xEF, 0xBB, 0xBF] + Array(Self.header.utf8) + [0x0D, 0x0A]
        for (k, line) in lines.enumerated() { mixed += Array(line.utf8) + (k % 3 == 0 ? [0x0D] : k % 3 == 1 ? [0x0A] : [0x0D, 0x0A]) }
        for (name, bytes) in [("lf", lf), ("crlf", crlf), ("mixed", mixed)] {
            let path = try temporaryFile("\(name).csv", bytes)
            let day = try assertSameForEveryWorkerCount([path], counts: Array(2...12) + [40, 200])
            XCTAssertEqual(day.stores.map(\.underlying), ["SPX", "^VIX"], name)
            let e = day.defects.entries
            XCTAssertGreaterThanOrEqual(e["duplicate row (same contract and time)"]?.count ?? 0, 2, name)
            XCTAssertNotNil(e["crossed quote (bid > ask): quote dropped, row kept"], name)
            XCTAssertNotNil(e["root is not ASCII letters and digits"], name)
            XCTAssertEqual(e["option_type is not C or P"]?.firstLine, 4, "\(name): line of the first defect")
        }
    }

    /// Compressed files on two threads (decompression beside parsing), with blocks of 1 to 4096 bytes
    /// so that block edges fall inside lines, CRLF pairs and the byte-order mark.
    func testCompressedFilesInTinyBlocks() throws {
        let lines = Self.defectLines
        var mixed: [UInt8] = [0xEF, 0xBB, 0xBF] + Array(Self.header.utf8) + [0x0D, 0x0A]
        for (k, line) in lines.enumerated() { mixed += Array(line.utf8) + (k % 3 == 0 ? [0x0D] : k % 3 == 1 ? [0x0A] : [0x0D, 0x0A]) }
        let crlf = Array(([Self.header] + lines).joined(separator: "\r\n").utf8)
        for (name, bytes) in [("mixed", mixed), ("crlf", crlf)] {
            let plain = try temporaryFile("\(name).csv", bytes)
            let gz = plain + ".gz"
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/bin/sh")
            p.arguments = ["-c", "gzip -c '\(plain)' > '\(gz)'"]
            try p.run()
            p.waitUntilExit()
            addTeardownBlock { try? FileManager.default.removeItem(atPath: gz) }
            let reference = try DataShopReader.read(paths: [gz])
            for block in [1, 2, 3, 5, 64, 233, 4096] {
                let piped = try DataShopReader.readWithoutRetry([gz], limits: .default, workers: 2, pipelineBlockBytes: block)
                XCTAssertEqual(ArchiveDayComparison.differences(reference, piped), [], "\(name), blocks of \(block) bytes")
            }
        }
    }

    /// Files with fewer lines than workers, a header and one row, a file without its last newline.
    func testTinyFiles() throws {
        let one = try temporaryFile("one.csv", Array((Self.header + "\n" + Self.row(minute: 0, strike: 4700) + "\n").utf8))
        let unterminated = try temporaryFile("open.csv", Array((Self.header + "\n" + Self.row(minute: 0, strike: 4700)).utf8))
        let two = try temporaryFile("two.csv", Array((Self.header + "\r\n" + Self.row(minute: 0, strike: 4700) + "\r\n"
                                                        + Self.row(minute: 0, strike: 4700, bid: "-1")).utf8))
        for path in [one, unterminated, two] {
            let day = try assertSameForEveryWorkerCount([path], counts: [2, 3, 7, 64])
            XCTAssertEqual(day.stores.first?.contractCount, 1)
        }
    }

    /// Failures are the one-thread read's: same kind, file, line and message, for every worker count.
    func testErrorsAreTheSequentialOnes() throws {
        let rows = (0..<600).map { Self.row(minute: $0 % 60, strike: 4000 + 5 * ($0 / 60)) }
        let body = Array(([Self.header] + rows).joined(separator: "\n").utf8) + [0x0A]
        let path = try temporaryFile("caps.csv", body)
        let long = try temporaryFile("long.csv", Array(([Self.header] + rows.prefix(300) + [rows[300] + String(repeating: " ", count: 400)]
                                                        + rows.suffix(299)).joined(separator: "\n").utf8))
        let headerOnly = try temporaryFile("header.csv", Array((Self.header + "\n").utf8))
        let badHeader = try temporaryFile("bad.csv", Array(("underlying_symbol,quote_datetime\n" + rows[0] + "\n").utf8))
        let skipped = try temporaryFile("skipped.csv", Array(([Self.header] + (0..<50).map { _ in "SPX,x" }).joined(separator: "\n").utf8))
        let cases: [(String, ArchiveLimits)] = [
            (path, ArchiveLimits(maximumContracts: 5, maximumSnapshots: 1000, maximumLineBytes: 1 << 20, maximumInputBytes: 1 << 30)),
            (path, ArchiveLimits(maximumContracts: 1000, maximumSnapshots: 30, maximumLineBytes: 1 << 20, maximumInputBytes: 1 << 30)),
            (path, ArchiveLimits(maximumContracts: 1000, maximumSnapshots: 1000, maximumLineBytes: 1 << 20, maximumInputBytes: 1000)),
            (long, ArchiveLimits(maximumContracts: 1000, maximumSnapshots: 1000, maximumLineBytes: 300, maximumInputBytes: 1 << 30)),
            (headerOnly, .default), (badHeader, .default), (skipped, .default),
        ]
        for (file, limits) in cases {
            let expected: String
            do { _ = try DataShopReader.read(paths: [file], limits: limits); XCTFail("\(file) should fail"); continue } catch {
                expected = "\(error)"
            }
            for workers in [2, 3, 7, 50] {
                XCTAssertThrowsError(try DataShopReader.read(paths: [file], limits: limits, workers: workers)) {
                    XCTAssertEqual("\($0)", expected, "workers \(workers)")
                }
            }
        }
        // A line just under the cap is accepted by both reads (the parallel one hands it back to one thread).
        let limits = ArchiveLimits(maximumContracts: 1000, maximumSnapshots: 1000, maximumLineBytes: 900, maximumInputBytes: 1 << 30)
        _ = try assertSameForEveryWorkerCount([long], limits: limits, counts: [2, 3])
    }
}
