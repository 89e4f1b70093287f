import ArgumentParser
import Archives
import Exposure
import Foundation
import MarketModel
import Pipeline
import Reports

/// `gex batch INPUTS… --out ROOT`: many days (and tickers), resumable and shardable.
struct BatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "batch",
        abstract: "Run many days: one Hive-style folder per (ticker, day), resumable, shardable, with a summary across days.",
        discussion: """
            Inputs are grouped by trading day (the first YYYY-MM-DD or YYYYMMDD in the file name, else the first
            quote time in the file). Each (ticker, day) goes to ROOT/ticker=T/date=D/ (DuckDB, polars and Spark read
            the tree as one table). A day is complete when ROOT/_batch/date=D.json exists (written last); completed
            days are skipped, so a killed batch resumes with nothing lost or duplicated. --shard i/n runs every
            n-th day starting at i (0-based) for job arrays. ROOT/summary.parquet has one row per (ticker, day); ROOT/index.html links every day's report.html.
            Examples:
              gex batch data/generated/*.csv.gz --out out/batch
              gex batch /archive/2024-*/*.zip --out /scratch/gex --shard 3/16 --workers 1
            """)

    @Argument(help: "Archive files (any number of days).")
    var inputs: [String]

    @Option(help: "Output root.")
    var out: String

    @Option(help: "i/n: run only the days with index ≡ i (mod n).")
    var shard: String = "0/1"

    @OptionGroup var options: RunOptions

    @Flag(help: "No progress output.")
    var quiet = false

    func validate() throws {
        guard parsedShard != nil else { throw ValidationError("--shard must be i/n with 0 ≤ i < n") }
    }

    var parsedShard: (Int, Int)? {
        let p = shard.split(separator: "/").compactMap { Int($0) }
        guard p.count == 2, p[1] > 0, (0..<p[1]).contains(p[0]) else { return nil }
        return (p[0], p[1])
    }

    func run() throws {
        do {
            let (index, count) = parsedShard!
            var groups: [String: [String]] = [:]
            for path in inputs { groups[try BatchDays.day(of: path), default: []].append(path) }
            let days = groups.keys.sorted()
            let markers = out + "/_batch"
            do { try FileManager.default.createDirectory(atPath: markers, withIntermediateDirectories: true) } catch {
                throw OutputError(path: markers, reason: "cannot create (\(error.localizedDescription))")
            }
            for (k, day) in days.enumerated() where k % count == index {
                let marker = markers + "/date=\(day).json"
                if FileManager.default.fileExists(atPath: marker) {
                    if !quiet { FileHandle.standardError.write(Data("skip \(day): complete\n".utf8)) }
                    continue
                }
                let files = groups[day]!.sorted()
                let written = try DayExecution.execute(archives: files, options: options, quiet: quiet, layout: .perUnderlying { ticker in
                    out + "/ticker=\(BatchDays.folderName(ticker))/date=\(day)"
                })
                let rows = written.flatMap { w in w.stores.map { BatchDays.summaryRow(day: day, underlying: $0.underlying, result: w.result) } }
                try AtomicFile.write(RunMetadata.encode(["date": day, "inputs": files, "rows": rows]), to: marker)
                if !quiet { FileHandle.standardError.write(Data("done \(day): \(written.count) ticker(s)\n".utf8)) }
            }
            try BatchDays.writeSummary(root: out, version: GexCommand.version)
        } catch {
            throw ExitStatus.report(error)
        }
    }
}

/// Day grouping and the cross-day summary of `gex batch`.
enum BatchDays {
    /// The trading day of a file: from its name, else from its first quote time (US/Eastern date).
    static func day(of path: String) throws -> String {
        let name = URL(fileURLWithPath: path).lastPathComponent
        if let r = name.range(of: #"\d{4}-\d{2}-\d{2}"#, options: .regularExpression) { return String(name[r]) }
        if let r = name.range(of: #"(19|20)\d{6}"#, options: .regularExpression) {
            let d = name[r]
            return "\(d.prefix(4))-\(d.dropFirst(4).prefix(2))-\(d.suffix(2))"
        }
        let (_, day) = try ArchiveReader.read(paths: [path])
        guard let first = day.stores.first?.times.first else {
            throw ArchiveError(.badData, file: path, reason: "no snapshot: cannot tell which day the file holds")
        }
        return EasternTime.wallClock(of: first).date.description
    }

    /// A ticker as a folder name (no path separators; a leading ^ of index symbols dropped).
    static func folderName(_ ticker: String) -> String {
        String(ticker.drop(while: { $0 == "^" }).map { $0 == "/" || $0 == "=" ? "_" : $0 })
    }

    /// One summary row: the day's close and range of the key levels.
    static func summaryRow(day: String, underlying: String, result: DayRunResult) -> [String: Any] {
        guard let levels = result.tables.first(where: { $0.name == "levels" }) else { return [:] }
        func column(_ name: String) -> [Double?] {
            guard case .double(let v) = levels.columns.first(where: { $0.name == name })?.values else { return [] }
            return v
        }
        guard case .string(let underlyings) = levels.columns.first(where: { $0.name == "underlying" })?.values else { return [:] }
        let rows = underlyings.indices.filter { underlyings[$0] == underlying }
        guard let last = rows.last else { return ["ticker": underlying, "date": day] }
        let gex = rows.compactMap { column("net_gex")[$0] }
        func value(_ name: String) -> Any { column(name)[last].map { $0 as Any } ?? NSNull() }
        return ["ticker": underlying, "date": day, "snapshots": rows.count, "close_spot": value("spot"),
                "close_zero_gamma": value("zero_gamma"), "close_call_wall": value("call_wall"), "close_put_wall": value("put_wall"),
                "close_net_gex": value("net_gex"), "min_net_gex": gex.min().map { $0 as Any } ?? NSNull(),
                "max_net_gex": gex.max().map { $0 as Any } ?? NSNull()]
    }

    /// ROOT/summary.parquet and the report index ROOT/index.html from every completed day's marker
    /// (this shard's and others').
    static func writeSummary(root: String, version: String) throws {
        let markers = (try? FileManager.default.contentsOfDirectory(atPath: root + "/_batch"))?.filter { $0.hasSuffix(".json") }.sorted() ?? []
        var rows: [[String: Any]] = []
        for m in markers {
            guard let data = FileManager.default.contents(atPath: root + "/_batch/" + m),
                  let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
                  let r = object["rows"] as? [[String: Any]] else { continue }
            rows += r
        }
        func doubles(_ key: String) -> OutputColumnValues { .double(rows.map { (($0[key] as? NSNumber)?.doubleValue).flatMap(OutputTable.finite) }) }
        let table = OutputTable(name: "summary", columns: [
            OutputColumn("ticker", unit: "symbol", .string(rows.map { $0["ticker"] as? String })),
            OutputColumn("date", unit: "trading day", .date(rows.map { ($0["date"] as? String).flatMap(isoDate) })),
            OutputColumn("snapshots", unit: "count", doubles("snapshots")),
            OutputColumn("close_spot", unit: "index points", doubles("close_spot")),
            OutputColumn("close_zero_gamma", unit: "index points", doubles("close_zero_gamma")),
            OutputColumn("close_call_wall", unit: "index points", doubles("close_call_wall")),
            OutputColumn("close_put_wall", unit: "index points", doubles("close_put_wall")),
            OutputColumn("close_net_gex", unit: "USD per 1% move", doubles("close_net_gex")),
            OutputColumn("min_net_gex", unit: "USD per 1% move", doubles("min_net_gex")),
            OutputColumn("max_net_gex", unit: "USD per 1% move", doubles("max_net_gex")),
        ])
        try TableParquet.write(table, to: root + "/summary.parquet", version: version)
        let pages = rows.compactMap { row -> BatchIndexPage.Row? in
            guard let ticker = row["ticker"] as? String, let date = row["date"] as? String else { return nil }
            func number(_ key: String) -> Double? { ((row[key] as? NSNumber)?.doubleValue).flatMap(OutputTable.finite) }
            let report = "ticker=\(folderName(ticker))/date=\(date)/report.html"
            return BatchIndexPage.Row(ticker: ticker, date: date, snapshots: number("snapshots").map { Int($0) },
                                      closeSpot: number("close_spot"), closeZeroGamma: number("close_zero_gamma"),
                                      closeCallWall: number("close_call_wall"), closePutWall: number("close_put_wall"),
                                      closeNetGEX: number("close_net_gex"), minNetGEX: number("min_net_gex"), maxNetGEX: number("max_net_gex"),
                                      reportPath: FileManager.default.fileExists(atPath: root + "/" + report) ? report : nil)
        }
        try AtomicFile.write(BatchIndexPage.render(rows: pages, gexUnit: "USD per 1% move"), to: root + "/index.html")
    }

    static func isoDate(_ s: String) -> CivilDate? {
        let p = s.split(separator: "-").compactMap { Int($0) }
        return p.count == 3 ? CivilDate(year: p[0], month: p[1], day: p[2]) : nil
    }
}
