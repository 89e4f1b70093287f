// What `gex run` writes for a day (Sources/gex/RunOptions.swift, DayExecution), wired here from the
// public Archives, Pipeline and Reports APIs with `gex run`'s defaults: the five tables as Parquet,
// metadata.json (with the inputs' SHA-256) and report.html, published atomically into one directory.
import Archives
import Exposure
import Foundation
import Pipeline
import Reports

/// One day through the pipeline: read, run, write.
enum DayOutputs {
    /// Reads `archive`, runs every snapshot on `workers` threads and publishes the outputs into `out`.
    static func readRunWrite(archive: String, workers: Int, out: String) throws -> DayRunResult {
        let started = Date()
        let (format, day) = try ArchiveReader.read(paths: [archive])
        let readSeconds = Date().timeIntervalSince(started)
        let configuration = SnapshotConfiguration()
        let result = DayRun.run(stores: day.stores, configuration: configuration, workers: workers)
        try publish(result, day: day, archive: archive, format: format, configuration: configuration, workers: workers,
                    readSeconds: readSeconds, to: out)
        return result
    }

    /// Writes the tables, metadata.json and report.html of `result` into `path` (replacing it atomically).
    static func publish(_ result: DayRunResult, day: ArchiveDay, archive: String, format: ArchiveReader.Format,
                        configuration c: SnapshotConfiguration, workers: Int, readSeconds: Double, to path: String) throws {
        let version = "benchmark"
        let out = try AtomicDirectory(path: path)
        for table in result.tables {
            try TableParquet.write(table, to: out.file(table.name + ".parquet"),
                                   extra: ["gex.positions": c.positions.name, "gex.gex_unit": c.unit.rawValue], version: version)
        }
        let summary = DayRunSummary(tables: result.tables, counts: result.counts, vendorIVDifference: result.vendorIVDifference,
                                    timings: result.timings)
        let inputs = RunMetadata.Inputs(
            paths: [archive], format: format.rawValue, rowsRead: day.rowsRead,
            defects: day.defects.entries.mapValues { ($0.count, $0.firstFile, $0.firstLine) },
            stores: day.stores.map { ($0.underlying, $0.contractCount, $0.snapshotCount) })
        let metadata = RunMetadata.object(inputs: inputs, result: summary, configuration: c, every: 1, workers: workers,
                                          readSeconds: readSeconds, version: version)
        try AtomicFile.write(RunMetadata.encode(metadata), to: out.file("metadata.json"))
        let conventions = ((metadata["conventions"] as? [String: Any]) ?? [:]).sorted { $0.key < $1.key }.map { ($0.key, "\($0.value)") }
        let warnings = result.counts.filter { $0.value > 0 }.sorted { $0.key < $1.key }.map { "\($0.value) × \($0.key)" }
        for (store, last) in zip(day.stores, result.lastSnapshots) {
            let data = DayReportBuilder.make(underlying: store.underlying, tables: result.tables, last: last,
                                             conventions: conventions, warnings: warnings)
            let name = day.stores.count == 1 ? "report.html" : "report_\(store.underlying.filter { $0.isLetter || $0.isNumber }).html"
            try AtomicFile.write(HTMLReport.render(data), to: out.file(name))
        }
        try out.commit()
    }
}
