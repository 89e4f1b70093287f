import ArgumentParser
import Archives
import Exposure
import Foundation
import MarketModel
import Pipeline
import Reports

extension VolatilitySource: ExpressibleByArgument {}

/// Options shared by `gex run` and `gex batch`.
struct RunOptions: ParsableArguments {
    @Option(help: "Every N-th snapshot (1 = all).")
    var every = 1

    @Option(help: "Worker threads (default: all cores).")
    var workers: Int?

    @Option(help: "Dealer sign preset: classic, customers-long, short-both (the base preset under --positions flow).")
    var sign: DealerSign = .classic

    @Option(help: "Positions: preset (the sign preset on opening OI) or flow (plus classified trades through the day).")
    var positions = "preset"

    @Option(name: .customLong("vol-source"), help: "Volatility: mid (implied from mid quotes) or vendor (the archive's IV column).")
    var volSource: VolatilitySource = .mid

    @Option(help: "Profile levels (default 201).")
    var levels = 201

    @Option(help: "Profile half-width as a fraction of spot (default 0.10).")
    var range = 0.10

    @Option(name: .customLong("wall-band"), help: "Walls within this fraction of spot, or 'all' (default 0.1).")
    var wallBand = "0.1"

    @Option(name: .customLong("wall-max-days"), help: "Walls only from expiries within this many days.")
    var wallMaxDays: Int?

    @Option(help: "Snapshot interval in seconds for tick (OPRA) archives.")
    var interval = 60

    @Option(name: .customLong("format"), help: "Table format: parquet (ZSTD, units in the key-value metadata) or csv.")
    var tableFormat = "parquet"

    @Option(name: .customLong("open-interest"),
            help: "Start-of-day open interest from this CSV (root,expiration,strike,option_type,open_interest or symbol,open_interest); overrides the archive's OI for the contracts it lists.")
    var openInterestFile: String?

    @OptionGroup var limits: LimitOptions

    /// Testing aid (hidden): snapshots per parallel region and per worker chunk (default `DayRun.batchSize`
    /// and 1). Outputs are bit-identical for every value; `make test-tiny` checks 1, 2, 3 and 7.
    @Option(name: .customLong("chunk-size"), help: ArgumentHelp("Snapshots per parallel batch and per worker chunk (testing).", visibility: .hidden))
    var chunkSize: Int?

    func validate() throws {
        guard every >= 1 else { throw ValidationError("--every must be at least 1") }
        if let workers, workers < 1 { throw ValidationError("--workers must be at least 1") }
        guard ["preset", "flow"].contains(positions) else { throw ValidationError("--positions must be preset or flow") }
        guard levels >= 2, range > 0, range < 1 else { throw ValidationError("--levels ≥ 2 and 0 < --range < 1") }
        guard wallBand == "all" || (Double(wallBand) ?? 0) > 0 else { throw ValidationError("--wall-band must be a positive fraction or 'all'") }
        guard (60...3600).contains(interval) else { throw ValidationError("--interval must be 60 … 3600 seconds") }
        guard ["parquet", "csv"].contains(tableFormat) else { throw ValidationError("--format must be parquet or csv") }
        if let chunkSize, chunkSize < 1 { throw ValidationError("--chunk-size must be at least 1") }
    }

    var snapshotConfiguration: SnapshotConfiguration {
        var c = SnapshotConfiguration()
        c.positions = positions == "flow" ? .flow(base: sign) : .preset(sign)
        c.volatilitySource = volSource
        c.gridPoints = levels
        c.gridHalfWidth = range
        c.wallBand = wallBand == "all" ? nil : Double(wallBand)
        c.wallMaximumDays = wallMaxDays
        return c
    }
}

/// Runs one day (one archive group) and publishes its outputs.
enum DayExecution {
    /// Where outputs go: one directory with rows for every underlying, or one directory per underlying.
    enum Layout {
        case combined(String)
        case perUnderlying((String) -> String)
    }

    /// One published output directory.
    struct Written {
        let path: String
        let stores: [DayStore]
        let result: DayRunResult
    }

    /// Reads `archives`, runs the day and publishes per `layout`.
    static func execute(archives: [String], options o: RunOptions, quiet: Bool, layout: Layout) throws -> [Written] {
        let started = Date()
        let digests = InputDigests(paths: archives)
        var (format, day) = try ArchiveReader.read(paths: archives, intervalSeconds: o.interval, limits: o.limits.limits,
                                                   workers: o.workers ?? ProcessInfo.processInfo.activeProcessorCount)
        var openInterestNote = "archive column"
        if let path = o.openInterestFile {
            let file = try OpenInterestReader.read(path: path)
            var matched = 0, contracts = 0
            day = day.mapStores { store in
                let replaced = store.replacingOpenInterest { file.openInterest[$0] }
                matched += replaced.matched
                contracts += store.contractCount
                return replaced.store
            }
            let skipped = file.defects.entries.sorted { $0.key < $1.key }.map { "\($0.value.count) × \($0.key) (first line \($0.value.firstLine))" }
            openInterestNote = "file \(path): \(file.openInterest.count) contracts in \(file.rowsRead) rows; \(matched) of \(contracts) archive contracts took it"
                + (skipped.isEmpty ? "" : "; skipped: " + skipped.joined(separator: "; "))
        }
        let readSeconds = Date().timeIntervalSince(started)
        MemoryPolicy.reuseWorkingBlocks()
        let groups: [(String, [DayStore])]
        switch layout {
        case .combined(let path): groups = [(path, day.stores)]
        case .perUnderlying(let name): groups = day.stores.map { (name($0.underlying), [$0]) }
        }
        var written: [Written] = []
        for (path, stores) in groups {
            let bar = ProgressBar(enabled: !quiet)
            let c = o.snapshotConfiguration
            let result = DayRun.run(stores: stores, configuration: c, every: o.every, workers: o.workers,
                                    batchSize: o.chunkSize ?? DayRun.batchSize, chunkSize: o.chunkSize ?? 1) { done, total in bar.update(done, total) }
            bar.finish()
            let out = try AtomicDirectory(path: path)
            let writeStart = Date()
            for table in result.tables { try write(table, into: out, options: o, configuration: c) }
            let timings = result.timings.merging(["write_tables": Date().timeIntervalSince(writeStart)]) { a, _ in a }
            let summary = DayRunSummary(tables: result.tables, counts: result.counts, vendorIVDifference: result.vendorIVDifference, timings: timings)
            let inputs = RunMetadata.Inputs(
                paths: archives, format: format.rawValue, rowsRead: day.rowsRead,
                defects: day.defects.entries.mapValues { ($0.count, $0.firstFile, $0.firstLine) },
                stores: stores.map { ($0.underlying, $0.contractCount, $0.snapshotCount) }, openInterest: openInterestNote,
                digests: digests.wait())
            let metadata = RunMetadata.object(inputs: inputs, result: summary, configuration: c, every: o.every, workers: o.workers,
                                              readSeconds: readSeconds, version: GexCommand.version)
            try AtomicFile.write(RunMetadata.encode(metadata), to: out.file("metadata.json"))
            let pages = report(stores: stores, result: result, metadata: metadata, day: day)
            if pages.count == 1 {
                try AtomicFile.write(pages[0].html, to: out.file("report.html"))
            } else {
                var index = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>GammaSurface reports</title></head><body><h1>Reports</h1><ul>"
                for page in pages {
                    let name = "report_" + page.underlying.filter { $0.isLetter || $0.isNumber } + ".html"
                    try AtomicFile.write(page.html, to: out.file(name))
                    index += "<li><a href=\"\(name)\">\(page.underlying.filter { $0.isLetter || $0.isNumber || $0 == "^" })</a></li>"
                }
                try AtomicFile.write(index + "</ul></body></html>\n", to: out.file("report.html"))
            }
            try out.commit()
            written.append(Written(path: path, stores: stores, result: result))
        }
        return written
    }

    /// The HTML report of each underlying (conventions from the metadata, rejected rows and counts as warnings);
    /// with several underlyings report.html is an index of report_<SYMBOL>.html pages.
    static func report(stores: [DayStore], result: DayRunResult, metadata: [String: Any], day: ArchiveDay) -> [(underlying: String, html: String)] {
        let conventions = ((metadata["conventions"] as? [String: Any]) ?? [:]).sorted { $0.key < $1.key }.map { ($0.key, text($0.value)) }
        let warnings = day.defects.entries.sorted { $0.key < $1.key }.map { "\($0.value.count) × \($0.key) (first: \($0.value.firstFile):\($0.value.firstLine))" }
            + result.counts.filter { $0.value > 0 }.sorted { $0.key < $1.key }.map { "\($0.value) × \($0.key)" }
        return zip(stores, result.lastSnapshots).map { store, last in
            (store.underlying, HTMLReport.render(DayReportBuilder.make(underlying: store.underlying, tables: result.tables, last: last,
                                                                       conventions: conventions, warnings: warnings)))
        }
    }

    /// A metadata value in words, nested dictionaries with their keys sorted: `"\(dictionary)"` follows the
    /// per-process hash seed, which made report.html differ between identical runs.
    static func text(_ value: Any) -> String {
        if let d = value as? [String: Any] { return "[" + d.keys.sorted().map { "\"\($0)\": \(text(d[$0]!))" }.joined(separator: ", ") + "]" }
        if let a = value as? [Any] { return "[" + a.map(text).joined(separator: ", ") + "]" }
        return "\(value)"
    }

    static func write(_ table: OutputTable, into out: AtomicDirectory, options o: RunOptions, configuration c: SnapshotConfiguration) throws {
        if o.tableFormat == "csv" {
            try TableCSV.write(table, to: out.file(table.name + ".csv"))
            return
        }
        do {
            try TableParquet.write(table, to: out.file(table.name + ".parquet"),
                                   extra: ["gex.positions": c.positions.name, "gex.gex_unit": c.unit.rawValue], version: GexCommand.version,
                                   workers: o.workers)
        } catch let error as OutputError {
            throw error
        } catch {
            throw OutputError(path: out.file(table.name + ".parquet"), reason: "\(error)")
        }
    }
}
