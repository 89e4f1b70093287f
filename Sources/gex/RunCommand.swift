import ArgumentParser
import Foundation
import MarketModel
import Reports

/// `gex run ARCHIVE… --out DIR`: every snapshot of a day, sharded across cores.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Exposure surfaces and levels for every snapshot of a day archive (DataShop intervals or Databento OPRA).",
        discussion: """
            Writes into DIR (published atomically): levels, by_strike, by_expiry, surface, profiles (.parquet, or .csv)
            and metadata.json (inputs with SHA-256, conventions, units of every column, counts by reason, timings).
            An archive with several underlyings gives rows per underlying in the same tables.
            Examples:
              gex run UnderlyingOptionsIntervals_60sec_calcs_oi_2024-01-19.csv.gz --out out/2024-01-19
              gex run day.csv --every 5 --positions flow --sign classic --workers 2 --json
            """)

    @Argument(help: "Archive files of one day (several files merge; plain, .gz or .zip).")
    var archives: [String]

    @Option(help: "Output directory.")
    var out: String

    @OptionGroup var options: RunOptions

    @Flag(help: "Print a JSON summary on stdout.")
    var json = false

    @Flag(help: "No progress bar.")
    var quiet = false

    func run() throws {
        do {
            let written = try DayExecution.execute(archives: archives, options: options, quiet: quiet, layout: .combined(out))
            if !json {
                for w in written {
                    for (store, last) in zip(w.stores, w.result.lastSnapshots) {
                        func level(_ x: Double?) -> String { x.map { String(format: "%.2f", $0) } ?? "none" }
                        print("\(store.underlying) at \(EasternTime.iso8601(last.time)): spot \(level(last.spot)), \(last.regime.rawValue)")
                        print("  Zero Gamma \(level(last.zeroGamma))   Call Wall \(level(last.walls?.callWall))   Put Wall \(level(last.walls?.putWall))"
                              + "   Net GEX \(String(format: "%.3e", last.netGEX)) USD per 1% move")
                    }
                    print("outputs: \(w.path)/ (levels, by_strike, by_expiry, surface, profiles, metadata.json)")
                }
            }
            if json {
                let summary: [[String: Any]] = written.map { w in
                    ["underlyings": w.stores.map(\.underlying), "out": w.path, "snapshots": w.stores.map(\.snapshotCount).reduce(0, +),
                     "contracts": w.stores.map(\.contractCount).reduce(0, +),
                     "tables": w.result.tables.map { ["name": $0.name, "rows": $0.rowCount] }, "timings_seconds": w.result.timings,
                     "counts": w.result.counts]
                }
                print(RunMetadata.encode(["runs": summary, "version": GexCommand.version]), terminator: "")
            }
        } catch {
            throw ExitStatus.report(error)
        }
    }
}
