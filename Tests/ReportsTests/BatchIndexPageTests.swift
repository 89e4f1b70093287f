// The batch index page (ROOT/index.html of `gex batch`): one row and one link per completed day in
// ticker then date order, whatever order the markers came in; one chart per ticker; hostile ticker
// text escaped; missing or non-finite numbers read "n/a"; well-formed XHTML; no external reference.
import Foundation
@testable import Reports
import XCTest

final class BatchIndexPageTests: XCTestCase {
    static func row(_ ticker: String, _ date: String, spot: Double?, zeroGamma: Double?, report: Bool = true) -> BatchIndexPage.Row {
        BatchIndexPage.Row(ticker: ticker, date: date, snapshots: 390, closeSpot: spot, closeZeroGamma: zeroGamma,
                           closeCallWall: 4800, closePutWall: 4700, closeNetGEX: -3.241e10, minNetGEX: -5e10, maxNetGEX: 2.5e9,
                           reportPath: report ? "ticker=\(ticker)/date=\(date)/report.html" : nil)
    }

    func testRowsLinksChartsAndEscaping() throws {
        let rows = [Self.row("SPX", "2024-01-19", spot: 4839.81, zeroGamma: nil),
                    Self.row("<A&B>", "2024-01-18", spot: .nan, zeroGamma: 101.5, report: false),
                    Self.row("SPX", "2024-01-17", spot: 4739.2, zeroGamma: 4750)]
        let page = BatchIndexPage.render(rows: rows, gexUnit: "USD per 1% move")
        let counts = try XMLWellFormedness.check(page)
        XCTAssertEqual(counts["svg"], 2, "one chart per ticker")
        XCTAssertEqual(counts["tr"], 4, "a header row and one row per day")
        // Ticker then date order: <A&B> sorts before SPX, and SPX's 17th before its 19th.
        let order = ["&lt;A&amp;B&gt;</td><td>2024-01-18", "SPX</td><td>2024-01-17", "SPX</td><td>2024-01-19"]
            .map { page.range(of: $0)?.lowerBound }
        XCTAssertTrue(order.allSatisfy { $0 != nil }, "a day row is missing")
        XCTAssertTrue(zip(order, order.dropFirst()).allSatisfy { $0! < $1! }, "rows out of order")
        XCTAssertFalse(page.contains("<A&B>"), "ticker text not escaped")
        XCTAssertTrue(page.contains("<a href=\"ticker=SPX/date=2024-01-19/report.html\">report</a>"))
        XCTAssertEqual(page.components(separatedBy: "<a href=").count - 1, 2, "a link only where the report exists")
        XCTAssertTrue(page.contains("<td>4839.81</td>"), "close spot shown as a level")
        XCTAssertTrue(page.contains("-32.41B"), "net GEX with its scale suffix")
        let regex = try NSRegularExpression(pattern: "(?<![A-Za-z])[-+]?(nan|inf|infinity)(?![A-Za-z])", options: [.caseInsensitive])
        XCTAssertEqual(regex.numberOfMatches(in: page, range: NSRange(page.startIndex..., in: page)), 0, "a non-finite number leaked")
        XCTAssertTrue(page.contains("<td>n/a</td>"))
        XCTAssertFalse(page.lowercased().contains("<script") || page.contains(" src=") || page.contains("url("))
        XCTAssertTrue(page.contains("Content-Security-Policy\" content=\"default-src 'none'"))
        XCTAssertEqual(page, BatchIndexPage.render(rows: rows.reversed(), gexUnit: "USD per 1% move"), "input order changed the page")
    }

    func testEmptyAndSingleDay() throws {
        _ = try XMLWellFormedness.check(BatchIndexPage.render(rows: [], gexUnit: "USD per 1% move"))
        let one = BatchIndexPage.render(rows: [Self.row("SPX", "2024-01-19", spot: nil, zeroGamma: nil)], gexUnit: "USD per 1% move")
        XCTAssertEqual(try XMLWellFormedness.check(one)["svg"], 1)
    }
}
