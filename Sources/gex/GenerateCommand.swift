import ArgumentParser
import Foundation
import MarketModel
import SyntheticMarket

/// `gex generate`: a realistic, seeded synthetic trading day.
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write a realistic synthetic day of option quotes (seeded, deterministic).",
        discussion: """
            The default is an SPX-size day: ~21,000 contracts × 405 one-minute snapshots (~1.5 GB of CSV).
            Examples:
              gex generate --format datashop --out data/generated/spx_2024-01-19.csv.gz
              gex generate --contracts 2000 --interval 1800 --defects 0.01 --out small.csv
              gex generate --format opra --contracts 2000 --out opra_day/   # statistics, cbbo-1m quotes, tbbo trades
            """)

    @Option(help: "Output format: datashop (Option Quote Intervals, calcs + OI) or opra (a folder of Databento OPRA CSVs: statistics for OI, cbbo-1m quotes, tbbo trade prints with sides).")
    var format = "datashop"

    @Option(help: "Output file (.csv, or .csv.gz for gzip); a folder for --format opra.")
    var out: String

    @Option(help: "Underlying symbol.")
    var underlying = "SPX"

    @Option(help: "Trading date, YYYY-MM-DD.")
    var date = "2024-01-19"

    @Option(help: "Approximate number of contracts (calls + puts).")
    var contracts = 21_000

    @Option(help: "Seconds between snapshots (60 … 3600).")
    var interval = 60

    @Option(help: "Seed (same seed → same bytes).")
    var seed: UInt64 = 1

    @Option(help: "Probability of a defect per row (0 … 0.5).")
    var defects = 0.0

    @Option(help: "Opening spot.")
    var spot = 4_750.0

    func validate() throws {
        guard ["datashop", "opra"].contains(format) else { throw ValidationError("--format must be datashop or opra") }
        guard format == "datashop" || defects == 0 else { throw ValidationError("--defects applies to --format datashop only") }
        guard parsedDate != nil else { throw ValidationError("--date must be YYYY-MM-DD") }
        guard ExchangeCalendar.isTradingDay(parsedDate!) else { throw ValidationError("--date \(date) is not a trading day") }
        guard (60...3600).contains(interval) else { throw ValidationError("--interval must be 60 … 3600 seconds") }
        guard (10...200_000).contains(contracts) else { throw ValidationError("--contracts must be 10 … 200000") }
        guard (0...0.5).contains(defects) else { throw ValidationError("--defects must be between 0 and 0.5") }
        guard spot > 0, spot.isFinite else { throw ValidationError("--spot must be positive") }
    }

    var parsedDate: CivilDate? {
        let p = date.split(separator: "-").compactMap { Int($0) }
        return p.count == 3 ? CivilDate(year: p[0], month: p[1], day: p[2]) : nil
    }

    func run() throws {
        var c = SyntheticDayConfiguration()
        c.underlying = underlying
        c.date = parsedDate!
        c.contracts = contracts
        c.intervalSeconds = interval
        c.seed = seed
        c.defectRate = defects
        c.openingSpot = spot
        let day = SyntheticDay(c)
        do {
            if format == "opra" {
                let r = try OPRAWriter.write(day, to: out)
                FileHandle.standardError.write(Data("""
                    wrote \(out): \(r.files.map { ($0 as NSString).lastPathComponent }.joined(separator: ", ")); \(r.quotes) quotes, \
                    \(r.buys + r.sells + r.inside) trades (\(r.buys) at the ask, \(r.sells) at the bid, \(r.inside) inside), \
                    \(day.contracts.count) contracts, \(r.bytes) bytes

                    """.utf8))
                return
            }
            let result = try DataShopWriter.write(day, to: out)
            let summary = result.defects.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.key.rawValue) \($0.value)" }
            FileHandle.standardError.write(Data("""
                wrote \(out): \(result.rows) rows, \(day.contracts.count) contracts, \(day.times.count) snapshots, \
                \(Set(day.contracts.map(\.expiry)).count) expiries, \(result.bytes) bytes uncompressed\
                \(summary.isEmpty ? "" : "; defects: " + summary.joined(separator: ", "))

                """.utf8))
        } catch {
            FileHandle.standardError.write(Data("gex: error: \(out): cannot write (\(error.localizedDescription))\n".utf8))
            throw ExitStatus.ioError
        }
    }
}
