import ArgumentParser
import Archives
import Exposure
import Foundation
import MarketModel
import Pipeline
import Reports

extension VolatilitySource: ExpressibleByArgument {}

/// `gex run ARCHIVE… --out DIR`: every snapshot of a day, sharded across cores.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Exposure surfaces and levels for every snapshot of a day archive (DataShop intervals or Databento OPRA).",
        discussion: """
            Writes into DIR (published atomically): levels, by_strike, by_expiry, surface, profiles (.parquet, or .csv) and
            metadata.json (inputs with SHA-256, conventions, units of every column, counts by reason, timings).
            Examples:
              gex run UnderlyingOptionsIntervals_60sec_calcs_oi_2024-01-19.csv.gz --out out/2024-01-19
              gex run day.csv --every 5 --positions flow --sign classic --workers 2 --json
            """)

    @Argument(help: "Archive files of one day (several files merge; plain, .gz or .zip).")
    var archives: [String]

    @Option(help: "Output directory.")
    var out: String

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

    @Flag(help: "Print a JSON summary on stdout.")
    var json = false

    @Flag(help: "No progress bar.")
    var quiet = false

    func validate() throws {
        guard every >= 1 else { throw ValidationError("--every must be at least 1") }
        if let workers, workers < 1 { throw ValidationError("--workers must be at least 1") }
        guard ["preset", "flow"].contains(positions) else { throw ValidationError("--positions must be preset or flow") }
        guard levels >= 2, range > 0, range < 1 else { throw ValidationError("--levels ≥ 2 and 0 < --range < 1") }
        guard wallBand == "all" || (Double(wallBand) ?? 0) > 0 else { throw ValidationError("--wall-band must be a positive fraction or 'all'") }
        guard (60...3600).contains(interval) else { throw ValidationError("--interval must be 60 … 3600 seconds") }
        guard ["parquet", "csv"].contains(tableFormat) else { throw ValidationError("--format must be parquet or csv") }
    }

    func run() throws {
        do {
            let started = Date()
            let (format, day) = try ArchiveReader.read(paths: archives, intervalSeconds: interval)
            let readSeconds = Date().timeIntervalSince(started)
            var c = SnapshotConfiguration()
            c.positions = positions == "flow" ? .flow(base: sign) : .preset(sign)
            c.volatilitySource = volSource
            c.gridPoints = levels
            c.gridHalfWidth = range
            c.wallBand = wallBand == "all" ? nil : Double(wallBand)
            c.wallMaximumDays = wallMaxDays
            let bar = ProgressBar(enabled: !quiet)
            let result = DayRun.run(stores: day.stores, configuration: c, every: every, workers: workers) { done, total in bar.update(done, total) }
            bar.finish()
            let directory = try AtomicDirectory(path: out)
            for table in result.tables {
                if tableFormat == "csv" {
                    try TableCSV.write(table, to: directory.file(table.name + ".csv"))
                } else {
                    do {
                        try TableParquet.write(table, to: directory.file(table.name + ".parquet"),
                                               extra: ["gex.positions": c.positions.name, "gex.gex_unit": c.unit.rawValue],
                                               version: GexCommand.version)
                    } catch let error as OutputError {
                        throw error
                    } catch {
                        throw OutputError(path: directory.file(table.name + ".parquet"), reason: "\(error)")
                    }
                }
            }
            let summary = DayRunSummary(tables: result.tables, counts: result.counts, vendorIVDifference: result.vendorIVDifference,
                                        timings: result.timings)
            let inputs = RunMetadata.Inputs(
                paths: archives, format: format.rawValue, rowsRead: day.rowsRead,
                defects: day.defects.entries.mapValues { ($0.count, $0.firstFile, $0.firstLine) },
                stores: day.stores.map { ($0.underlying, $0.contractCount, $0.snapshotCount) })
            let metadata = RunMetadata.object(inputs: inputs, result: summary, configuration: c, every: every, workers: workers,
                                              readSeconds: readSeconds, version: GexCommand.version)
            try AtomicFile.write(RunMetadata.encode(metadata), to: directory.file("metadata.json"))
            try directory.commit()
            if json { print(RunMetadata.encode(RunMetadata.summary(metadata, result: summary)), terminator: "") }
        } catch {
            throw ExitStatus.report(error)
        }
    }
}
