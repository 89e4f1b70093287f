// The bad-input corpus: every file under Fixtures/bad (made by scripts/make-bad-corpus.py) gets
// the outcome its row in Fixtures/bad/expected.tsv states — an ArchiveError whose message holds
// the stated phrase (and line, where one is given), or success with the stated per-reason skip
// counts and contracts kept, or success with no defects. Never a crash. A 10 MB line is made here.
import Archives
import Foundation
import MarketModel
import XCTest

final class BadInputCorpusTests: XCTestCase {
    struct Case { let file, reader, outcome, detail, extra: String }

    func cases() throws -> (URL, [Case]) {
        let manifest = try XCTUnwrap(Bundle.module.url(forResource: "expected", withExtension: "tsv", subdirectory: "Fixtures/bad"))
        let rows = try String(contentsOf: manifest, encoding: .utf8).split(separator: "\n").dropFirst()
        return (manifest.deletingLastPathComponent(), rows.map { line in
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            return Case(file: f[0], reader: f[1], outcome: f[2], detail: f[3], extra: f[4])
        })
    }

    /// Runs one reader: (contracts kept, skip counts by reason) or the error.
    func run(_ c: Case, path: String) -> Result<(Int, [String: Int]), ArchiveError> {
        do {
            if c.reader == "chain" {
                let f = try CboeChainReader.read(path: path)
                return .success((f.chain.count, f.skipped.mapValues(\.count)))
            }
            let day = try DataShopReader.read(paths: [path])
            return .success((day.stores.map(\.contractCount).reduce(0, +), day.defects.entries.mapValues(\.count)))
        } catch {
            return .failure(error)
        }
    }

    func testEveryFixtureHasItsExpectedOutcome() throws {
        let (directory, all) = try cases()
        XCTAssertGreaterThanOrEqual(all.count, 30)
        for c in all {
            let path = directory.appendingPathComponent(c.file).path
            switch (c.outcome, run(c, path: path)) {
            case ("error", .failure(let e)):
                XCTAssertTrue(e.description.contains(c.detail), "\(c.file): '\(e.description)' lacks '\(c.detail)'")
                XCTAssertTrue(e.file.contains(c.file), "\(c.file): the error must name the file")
                if let line = Int(c.extra) { XCTAssertEqual(e.line, line, c.file) }
            case ("skip", .success(let (kept, skipped))):
                let expected = Dictionary(uniqueKeysWithValues: c.detail.split(separator: ";").map { pair -> (String, Int) in
                    let parts = pair.split(separator: "=")
                    return (String(parts[0]), Int(parts[1])!)
                })
                XCTAssertEqual(skipped, expected, c.file)
                XCTAssertEqual(kept, Int(c.extra), c.file)
            case ("ok", .success(let (kept, skipped))):
                XCTAssertEqual(skipped, [:], c.file)
                XCTAssertEqual(kept, Int(c.extra), c.file)
            case (let outcome, let result):
                XCTFail("\(c.file): expected \(outcome), got \(result)")
            }
        }
    }

    func testTenMegabyteLineIsSkippedNotFatal() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("gex-long-\(UUID().uuidString).csv")
        defer { try? FileManager.default.removeItem(at: url) }
        let header = "underlying_symbol,quote_datetime,root,expiration,strike,option_type,open,high,low,close,trade_volume,bid_size,bid,ask_size,ask,underlying_bid,underlying_ask"
        let good = "SPX,2024-01-19 10:00:00,SPXW,2024-01-19,4700.000,C,0,0,0,0,0,10,12.5,10,13.0,4701.0,4702.0"
        try (header + "\n" + String(repeating: "x", count: 10 << 20) + "\n" + good + "\n").write(to: url, atomically: true, encoding: .utf8)
        let day = try DataShopReader.read(paths: [url.path])
        XCTAssertEqual(day.defects.entries["row has 1 fields, header has 17"]?.firstLine, 2)
        XCTAssertEqual(day.stores.first?.contractCount, 1)
    }
}
