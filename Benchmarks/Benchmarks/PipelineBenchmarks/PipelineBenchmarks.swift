// A generated day end to end, as `gex run` does it: read a DataShop CSV (written once in setup with
// SyntheticMarket: SPX-like, 21,000 contracts every 30 min ≈ 14 snapshots; GEX_BENCH_QUICK=1 → 3,000
// contracts hourly), run every snapshot through DayRun, write the tables (Parquet), metadata.json and
// report.html. Beside the whole (ReadRunWrite) are its compute part (DayRun, the day already in memory)
// and its write part (WriteOutputs); the read part alone is ArchivesBenchmarks' ParseDataShop.
import Archives
import Benchmark
import Exposure
import Foundation
import Pipeline
import SyntheticMarket

let quick = ProcessInfo.processInfo.environment["GEX_BENCH_QUICK"] == "1"

/// The generated archive: cached in the temporary directory by configuration (written to a
/// temporary name, then renamed, so that an interrupted setup never leaves a partial file).
func generatedArchive(_ c: SyntheticDayConfiguration) -> String {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gex-bench-pipeline").path
    try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    let path = directory + "/\(c.underlying)_\(c.date)_\(c.contracts)_\(c.intervalSeconds)s_seed\(c.seed).csv"
    if !FileManager.default.fileExists(atPath: path) {
        let partial = path + ".partial-\(ProcessInfo.processInfo.processIdentifier)"
        guard (try? DataShopWriter.write(SyntheticDay(c), to: partial)) != nil, rename(partial, path) == 0 else {
            fatalError("cannot write the generated day to \(path)")
        }
    }
    return path
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(metrics: [.wallClock, .throughput, .mallocCountTotal],
                                           maxDuration: .seconds(quick ? 1 : 10), maxIterations: quick ? 2 : 20)
    var c = SyntheticDayConfiguration()
    c.contracts = quick ? 3_000 : 21_000
    c.intervalSeconds = quick ? 3600 : 1800
    let archive = generatedArchive(c)
    let outputs = FileManager.default.temporaryDirectory.appendingPathComponent("gex-bench-pipeline/out-\(getpid())").path
    guard let read = try? ArchiveReader.read(paths: [archive]) else { fatalError("cannot read \(archive)") }
    let (format, day) = read
    let configuration = SnapshotConfiguration()
    let result = DayRun.run(stores: day.stores, configuration: configuration, workers: 1)

    for workers in [1, 2] {
        let name = workers == 1 ? "1worker" : "\(workers)workers"
        Benchmark("DayRun_\(name)") { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(DayRun.run(stores: day.stores, configuration: configuration, workers: workers))
            }
        }
        Benchmark("ReadRunWrite_\(name)") { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(try DayOutputs.readRunWrite(archive: archive, workers: workers, out: outputs + "-\(workers)"))
            }
            try? FileManager.default.removeItem(atPath: outputs + "-\(workers)")
        }
    }
    Benchmark("WriteOutputs") { benchmark in
        for _ in benchmark.scaledIterations {
            try DayOutputs.publish(result, day: day, archive: archive, format: format, configuration: configuration, workers: 1,
                                   readSeconds: 0, to: outputs + "-write")
        }
        try? FileManager.default.removeItem(atPath: outputs + "-write")
    }
}
