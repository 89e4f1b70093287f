// The one-page HTML day report (HTMLReport.render) and its SVG writer.
//
// | check                     | how                                                                          |
// |---------------------------|------------------------------------------------------------------------------|
// | structure                 | every chart (4 <svg>), the KPI cards, both tables and the warnings are there; |
// |                           | markers (Spot, Zero Γ, Call Wall, Put Wall) are drawn on profile and strikes  |
// | well-formed               | our own tag-balance/entity checker (XMLWellFormedness); xmllint when present; |
// |                           | the browser's XML parser (below)                                             |
// | never "nan"/"inf"         | inputs with NaN/±inf/empty series: no such word in the page, "n/a" instead   |
// | escaping                  | data text with < > & " is escaped, never raw                                 |
// | self-contained            | no <script>, no src/href/url() except url(#id), no http(s) URL but xmlns     |
// | deterministic             | two renders are byte-identical                                               |
// | ticks and numbers         | 1-2-5 steps, B/M/K suffixes, true minus, decimals follow the step             |
// | real browser (Chromium)   | see testRendersInHeadlessChromium                                            |
//
// The browser check uses Debian's `chromium-headless-shell` (Makefile APT_PACKAGES, .ci/run) and is skipped
// with a message when it is not installed. How it decides, and why that is reliable:
//  1. Screenshot `--screenshot --window-size=1400,2400` of report.html, run with `--enable-logging=stderr
//     --v=0`. With logging on, Chromium prints every console message of the page to stderr as
//     `…:INFO:CONSOLE:<line>] "<message>", source: …`. The page has no scripts and declares
//     `Content-Security-Policy: default-src 'none'`, so the only console messages it could produce are CSP
//     violations (any external font, image, script or stylesheet reference) or errors: any `:CONSOLE` line
//     fails the test. (Chromium's own dbus/GPU/sandbox chatter on stderr is not console output and is ignored;
//     missing local files are not logged at --v=0, which is why the static check above also forbids src/href.)
//  2. The PNG is decoded (PNGPixels) and must not be blank: hundreds of distinct colours, and the chart
//     colours themselves (heatmap red and blue, Zero Gamma amber, Call Wall blue, Put Wall red, spot white)
//     each cover many pixels, which only happens when the inline SVG was parsed and painted.
//  3. The same bytes saved as report.xhtml and loaded with `--dump-dom`: Chromium then uses its XML parser,
//     and a well-formedness error shows up as a <parsererror> element in the dumped DOM.
// Set GEX_REPORT_ARTIFACTS=/some/dir to keep report.html and report.png for a look.
import Foundation
@testable import Reports
import XCTest

final class HTMLReportTests: XCTestCase {
    static let page = HTMLReport.render(DayReportFixture.make())

    /// "nan", "inf", "infinity" as words, any case (so "info" or "Infrastructure" do not count).
    func nonFiniteWords(_ text: String) -> [String] {
        let regex = try! NSRegularExpression(pattern: "(?<![A-Za-z])[-+]?(nan|inf|infinity)(?![A-Za-z])", options: [.caseInsensitive])
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).map { (text as NSString).substring(with: $0.range) }
    }

    func count(_ needle: String, in text: String) -> Int { text.components(separatedBy: needle).count - 1 }

    // MARK: Structure

    func testEveryChartTableAndMarkerIsPresent() throws {
        let page = Self.page
        XCTAssertTrue(page.hasPrefix("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\""))
        XCTAssertEqual(count("<svg ", in: page), 4)
        for id in ["kpis", "profile", "by-strike", "heatmap", "levels", "key-numbers", "conventions", "warnings"] {
            XCTAssertTrue(page.contains("id=\"\(id)\""), id)
        }
        for title in ["Gamma profile · 15:59", "GEX by strike · 15:59", "Net GEX by strike over the day", "Levels over the day"] {
            XCTAssertTrue(page.contains(title), title)
        }
        // Profile and by-strike: the four marker tags on each.
        let d = DayReportFixture.make()
        for tag in ["Spot \(ReportFormat.level(d.profileSpot))", "Zero Γ \(ReportFormat.level(d.profileZeroGamma))",
                    "Call Wall 4800", "Put Wall 4700"] {
            XCTAssertEqual(count(">\(tag)<", in: page), 2, tag)
        }
        // Profile curves, legends and axis titles with units.
        for text in ["ex-next-expiry", "ex-next-monthly", "0dte", "Net GEX (USD per 1% move)", "Hypothetical spot", "Strike",
                     "Time (US/Eastern)", "Index level", "net GEX, clipped at ±"] {
            XCTAssertTrue(page.contains(">\(Markup.escape(text))"), text)
        }
        // Heatmap: both colour ends used, and the spot path drawn over it.
        XCTAssertTrue(page.contains(Palette.diverging(1)) && page.contains(Palette.diverging(-1)))
        // Tables: every convention row, and the warnings.
        XCTAssertEqual(count("<tr>", in: page), d.keyNumbers.count + d.conventions.count)
        XCTAssertTrue(page.contains("Warnings (3)"))
    }

    func testNoNaNOrInfinityAnywhereAndMissingNumbersReadNA() {
        XCTAssertEqual(nonFiniteWords(Self.page), [])
        XCTAssertTrue(Self.page.contains(">n/a<"))  // the NaN key number
        // Everything non-finite or empty.
        let nan = Double.nan, inf = Double.infinity
        var d = DayReportFixture.make()
        d.spot = d.spot.map { _ in nan }
        d.netGEX = d.netGEX.map { _ in -inf }
        d.zeroGamma = d.zeroGamma.map { _ in nil }
        d.profileCurves = d.profileCurves.map { .init(name: $0.name, values: $0.values.map { _ in inf }) }
        d.profileSpot = nan
        d.profileCallWall = inf
        d.heatmapValues = d.heatmapValues.map { $0.map { _ in nan } }
        d.callGEXByStrike = d.callGEXByStrike.map { _ in nan }
        let broken = HTMLReport.render(d)
        XCTAssertEqual(nonFiniteWords(broken), [])
        XCTAssertNoThrow(try XMLWellFormedness.check(broken))
        XCTAssertTrue(broken.contains(">n/a<"))
        // And a completely empty day.
        let empty = DayReportData(underlying: "", date: "", timeLabels: [], spot: [], zeroGamma: [], callWall: [], putWall: [],
                                  netGEX: [], profileSnapshotLabel: "", profileLevels: [], profileCurves: [], profileSpot: nan,
                                  profileZeroGamma: nil, profileCallWall: nil, profilePutWall: nil, strikes: [], callGEXByStrike: [],
                                  putGEXByStrike: [], heatmapStrikes: [], heatmapValues: [], keyNumbers: [], conventions: [], warnings: [])
        let blank = HTMLReport.render(empty)
        XCTAssertEqual(nonFiniteWords(blank), [])
        XCTAssertNoThrow(try XMLWellFormedness.check(blank))
        XCTAssertEqual(count("<svg ", in: blank), 4)
        XCTAssertEqual(count(">no data<", in: blank), 4)
    }

    func testDataTextIsEscaped() throws {
        var d = DayReportFixture.make()
        d.underlying = "SPX <b>&amp;\"x\"</b>"
        d.profileCurves[1].name = "ex-next <expiry> & 'co'"
        let page = HTMLReport.render(d)
        XCTAssertFalse(page.contains("<b>"))
        XCTAssertFalse(page.contains("<expiry>"))
        XCTAssertTrue(page.contains("SPX &lt;b&gt;&amp;amp;&quot;x&quot;&lt;/b&gt;"))
        XCTAssertTrue(page.contains("ex-next &lt;expiry&gt; &amp; &#39;co&#39;"))
        // The fixture's own text: "<no model gamma>", "bid > ask", "Rates & dividends", "|K − S| < 10 %".
        XCTAssertTrue(Self.page.contains("&lt;no model gamma&gt;") && Self.page.contains("Rates &amp; dividends"))
        XCTAssertTrue(Self.page.contains("|K − S| &lt; 10 %"))
        XCTAssertNoThrow(try XMLWellFormedness.check(page))
    }

    func testPageIsWellFormedSelfContainedAndDeterministic() throws {
        let page = Self.page
        let counts = try XMLWellFormedness.check(page)
        XCTAssertEqual(counts["svg"], 4)
        XCTAssertEqual(counts["html"], 1)
        XCTAssertEqual(page, HTMLReport.render(DayReportFixture.make()))
        XCTAssertFalse(page.lowercased().contains("<script"))
        XCTAssertFalse(page.contains(" src=") || page.contains(" href=") || page.contains("@import") || page.contains("@font-face"))
        let urls = try NSRegularExpression(pattern: "https?://[^\"' ]+").matches(in: page, range: NSRange(page.startIndex..., in: page))
            .map { (page as NSString).substring(with: $0.range) }
        XCTAssertEqual(Set(urls), ["http://www.w3.org/1999/xhtml", "http://www.w3.org/2000/svg"])
        let cssURLs = try NSRegularExpression(pattern: "url\\((?!#)").numberOfMatches(in: page, range: NSRange(page.startIndex..., in: page))
        XCTAssertEqual(cssURLs, 0)
        XCTAssertTrue(page.contains("Content-Security-Policy\" content=\"default-src 'none'"))
        XCTAssertLessThan(page.utf8.count, 600_000, "a 390-snapshot day stays small")
        // The checker itself catches what it should.
        for bad in ["<a><b></a></b>", "<a x=1/>", "<a>&nbsp;</a>", "<a>x < y</a>", "<a/><b/>", "<a x=\"1\" x=\"2\"/>", "<a>"] {
            XCTAssertThrowsError(try XMLWellFormedness.check(bad), bad)
        }
        if let xmllint = ["/usr/bin/xmllint", "/usr/local/bin/xmllint"].first(where: FileManager.default.isExecutableFile) {
            let path = NSTemporaryDirectory() + "gex-report-\(UUID().uuidString).xhtml"
            try page.write(toFile: path, atomically: true, encoding: .utf8)
            defer { try? FileManager.default.removeItem(atPath: path) }
            let result = try Self.run(xmllint, ["--noout", path], timeout: 60)
            XCTAssertEqual(result.status, 0, result.stderr)
        }
    }

    // MARK: Ticks and numbers

    func testNiceTicksAndNumberFormats() {
        XCTAssertEqual(NiceTicks.values(lo: 4512.5, hi: 4992.5, count: 8).values, [4550, 4600, 4650, 4700, 4750, 4800, 4850, 4900, 4950])
        XCTAssertEqual(NiceTicks.values(lo: -3.7e9, hi: 4.1e9, count: 6).step, 1e9)
        XCTAssertEqual(NiceTicks.values(lo: 0, hi: 0.9, count: 4).values, [0, 0.2, 0.4, 0.6, 0.8])
        XCTAssertEqual(NiceTicks.step(span: 7, count: 7), 1)
        XCTAssertEqual(NiceTicks.step(span: 0.0031, count: 3), 0.001)
        let money = AxisFormat.money(ticks: [-1.5e9, -1e9, -5e8, 0, 5e8], step: 5e8)
        XCTAssertEqual([-1.5e9, -1e9, 0, 5e8].map(money), ["\u{2212}1.5B", "\u{2212}1.0B", "0", "0.5B"])
        XCTAssertEqual(AxisFormat.money(ticks: [0, 2e6, 4e6], step: 2e6)(4e6), "4M")
        XCTAssertEqual(AxisFormat.plain(step: 50)(4750), "4750")
        XCTAssertEqual(AxisFormat.plain(step: 0.5)(4750), "4750.0")
        XCTAssertEqual(ReportFormat.money(-4.1666e9), "\u{2212}4.17B")
        XCTAssertEqual(ReportFormat.money(312.5e6), "312.50M")
        XCTAssertEqual(ReportFormat.money(8000), "8.00K")
        XCTAssertEqual(ReportFormat.money(-0.001), "0.00")
        XCTAssertEqual(ReportFormat.money(.nan), "n/a")
        XCTAssertEqual(ReportFormat.level(-.infinity), "n/a")
        XCTAssertEqual(ReportFormat.level(4720), "4720")
        XCTAssertEqual(ReportFormat.level(4720.257), "4720.26")
        XCTAssertEqual(svgNumber(-0.04), "0.0")
        XCTAssertEqual(Markup.escape("a<b & \"c\" 'd'>"), "a&lt;b &amp; &quot;c&quot; &#39;d&#39;&gt;")
        let labels = DayReportFixture.labels()
        XCTAssertEqual(TimeTicks.indices(labels, maxTicks: 14).map { labels[$0] },
                       ["10:00", "10:30", "11:00", "11:30", "12:00", "12:30", "13:00", "13:30", "14:00", "14:30", "15:00", "15:30", "16:00"])
        XCTAssertEqual(TimeTicks.indices(["a", "b", "c", "d", "e"], maxTicks: 3), [0, 2, 4])
        // 98th percentile of |v| (one huge outlier ignored), rounded up to two significant digits.
        XCTAssertEqual(ReportCharts.symmetricScale((1...99).map { Double($0) * -1.234e7 } + [1e12, .nan]), 1.3e9)
        XCTAssertEqual(ReportCharts.colourBin(-5e9, scaleMax: 1e9), -ReportCharts.heatmapSteps)
    }
}

// MARK: - A real browser

extension HTMLReportTests {
    /// The headless Chromium binary, when installed: $CHROMIUM_HEADLESS_SHELL, then the Debian package's paths.
    static func chromium() -> String? {
        let candidates = [ProcessInfo.processInfo.environment["CHROMIUM_HEADLESS_SHELL"],
                          "/usr/bin/chromium-headless-shell", "/usr/lib/chromium/chromium-headless-shell"]
        return candidates.compactMap { $0 }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Runs a program to completion (killed after `timeout` seconds), collecting stdout and stderr.
    static func run(_ executable: String, _ arguments: [String], timeout: TimeInterval) throws
        -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let directory = NSTemporaryDirectory() + "gex-run-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        // Files rather than pipes: Chromium can write more than a pipe buffer before we would read it.
        let out = directory + "/stdout", err = directory + "/stderr"
        _ = FileManager.default.createFile(atPath: out, contents: nil)
        _ = FileManager.default.createFile(atPath: err, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: out))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: err))
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning, Date() < deadline { usleep(20_000) }
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
            XCTFail("\(executable) did not finish within \(timeout) s")
        }
        process.waitUntilExit()
        return (process.terminationStatus, (try? String(contentsOfFile: out, encoding: .utf8)) ?? "",
                (try? String(contentsOfFile: err, encoding: .utf8)) ?? "")
    }

    func testRendersInHeadlessChromium() throws {
        guard let chromium = Self.chromium() else {
            throw XCTSkip("chromium-headless-shell is not installed (apt-get install chromium-headless-shell); browser render not checked")
        }
        let directory = NSTemporaryDirectory() + "gex-report-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let html = directory + "/report.html", xhtml = directory + "/report.xhtml", png = directory + "/report.png"
        try Self.page.write(toFile: html, atomically: true, encoding: .utf8)
        try Self.page.write(toFile: xhtml, atomically: true, encoding: .utf8)
        let common = ["--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run", "--user-data-dir=\(directory)/profile",
                      "--enable-logging=stderr", "--v=0"]

        // 1. Screenshot; no console message at all.
        let shot = try Self.run(chromium, common + ["--screenshot=\(png)", "--window-size=1400,2400", "file://\(html)"], timeout: 120)
        XCTAssertEqual(shot.status, 0, shot.stderr)
        let console = shot.stderr.split(separator: "\n").filter { $0.contains(":CONSOLE") }
        XCTAssertEqual(console, [], "the page logged to the console")
        if let keep = ProcessInfo.processInfo.environment["GEX_REPORT_ARTIFACTS"] {
            try? FileManager.default.createDirectory(atPath: keep, withIntermediateDirectories: true)
            for name in ["report.html", "report.png"] {
                try? FileManager.default.removeItem(atPath: keep + "/" + name)
                try? FileManager.default.copyItem(atPath: directory + "/" + name, toPath: keep + "/" + name)
            }
        }

        // 2. The screenshot is the page, not a blank or an error page.
        let image = try PNGPixels(data: Data(contentsOf: URL(fileURLWithPath: png)))
        XCTAssertEqual(image.width, 1400)
        XCTAssertEqual(image.height, 2400)
        XCTAssertGreaterThan(image.distinctColours, 500)
        let colours: [(String, (UInt8, UInt8, UInt8), Int)] = [
            ("heatmap blue", (56, 139, 253), 2_000), ("heatmap red", (248, 81, 73), 2_000), ("panel", (22, 27, 34), 200_000),
            ("Zero Gamma amber", (227, 179, 65), 1_000), ("Call Wall blue", (88, 166, 255), 1_000),
            ("Put Wall red", (255, 123, 114), 1_000), ("spot white", (240, 246, 252), 1_000),
        ]
        for (name, rgb, minimum) in colours {
            XCTAssertGreaterThan(image.count(near: rgb, tolerance: 6), minimum, name)
        }
        let bottom = image.lastContentRow(background: (13, 17, 23))
        print("report screenshot: \(image.distinctColours) colours, content down to row \(bottom) of \(image.height)")
        XCTAssertGreaterThan(bottom, 1_500, "the page is laid out down the screen")
        XCTAssertLessThan(bottom, image.height - 1, "the whole page fits in 1400 × 2400")

        // 3. The browser's XML parser accepts the page (XHTML): no <parsererror>, every chart in the DOM.
        let dom = try Self.run(chromium, common + ["--dump-dom", "file://\(xhtml)"], timeout: 120)
        XCTAssertEqual(dom.status, 0, dom.stderr)
        XCTAssertFalse(dom.stdout.contains("parsererror"), String(dom.stdout.prefix(2_000)))
        XCTAssertEqual(count("<svg ", in: dom.stdout), 4)
        XCTAssertTrue(dom.stdout.contains("Warnings (3)"))
    }
}
