// Reproducers found by `make fuzz` (Tests/Fuzz), kept as fixtures under Fixtures/fuzz with the outcome
// each must now have (Fixtures/fuzz/expected.tsv): a clean ArchiveError holding a phrase, a success
// (`ok`), or — for the as-of parser — no result (`nil`). Before the fixes each one crashed the process.
//
// | fixture                              | found by     | was                                               |
// |--------------------------------------|--------------|---------------------------------------------------|
// | chain_asof_long_digit_run.csv        | FuzzNumbers  | Int(...)! trap on a 28-digit date part (as-of)    |
// | number_asof_long_digit_run.txt       | FuzzNumbers  | the same, straight into AsOfParser.parse          |
// | number_iso_offset_overflow.txt       | FuzzNumbers  | Int overflow trap: a ±HH:MM offset with 20 digits |
// |                                      |              | (parseISO, i.e. `--asof`)                         |
// | opra_repeated_header_name.csv        | FuzzOPRA     | index out of range: a repeated header name made   |
// |                                      |              | the column map shorter than the rows              |
// | opra_out_of_range_numbers.csv        | review of the | Int64(1e30)/Int64(nan) traps on instrument_id;   |
// |                                      | OPRA finding | a year-9999 ts_recv overflowed Int64 nanoseconds  |
import Archives
import Foundation
import XCTest

final class FuzzRegressionTests: XCTestCase {
    func testEveryReproducerHasItsExpectedOutcome() throws {
        let manifest = try XCTUnwrap(Bundle.module.url(forResource: "expected", withExtension: "tsv", subdirectory: "Fixtures/fuzz"))
        let directory = manifest.deletingLastPathComponent()
        let rows = try String(contentsOf: manifest, encoding: .utf8).split(separator: "\n").dropFirst()
        XCTAssertFalse(rows.isEmpty)
        for row in rows {
            let f = row.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            let file = f[0], reader = f[1], outcome = f[2], detail = f.count > 3 ? f[3] : ""
            let path = directory.appendingPathComponent(file).path
            if reader == "asof" {
                let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
                XCTAssertNil(AsOfParser.parse(text), file)
                XCTAssertNil(AsOfParser.parseISO(text), file)
                continue
            }
            switch Self.read(reader, path) {
            case .success:
                XCTAssertEqual(outcome, "ok", "\(file) was read without the expected error")
            case .failure(let e):
                XCTAssertEqual(outcome, "error", "\(file): \(e.description)")
                XCTAssertTrue(e.description.contains(detail), "\(file): '\(e.description)' lacks '\(detail)'")
                XCTAssertEqual(e.file, path)
            }
        }
    }

    /// Runs one reader on `path`: success or its ArchiveError.
    static func read(_ reader: String, _ path: String) -> Result<Void, ArchiveError> {
        do throws(ArchiveError) {
            switch reader {
            case "chain": _ = try CboeChainReader.read(path: path)
            case "datashop": _ = try DataShopReader.read(paths: [path])
            default: _ = try OPRAReader.read(paths: [path])
            }
            return .success(())
        } catch {
            return .failure(error)
        }
    }

    func testLongDigitRunsAreNoDate() {
        XCTAssertNil(AsOfParser.parse("5555555555555555555555550312-09-1"))
        XCTAssertNil(AsOfParser.parse("September 99999999999999999999999, 2023 10:31 AM"))
        XCTAssertNotNil(AsOfParser.parse("2023-09-14 10:31"), "a normal ISO date still parses")
        XCTAssertNil(AsOfParser.parseISO("2023-09-14T10:31+99999999999999999999:00"))
        XCTAssertNil(AsOfParser.parseISO("2023-09-14T10:31+24:00"))
        XCTAssertEqual(AsOfParser.parseISO("2023-09-14T10:31-04:00"), AsOfParser.parseISO("2023-09-14T14:31Z"))
    }
}
