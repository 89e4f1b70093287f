// Reading: a generated DataShop day (calcs + OI layout) parsed into a day store, plain (1 and 2
// workers) and gzip, beside the time to merely read the same bytes. The size in MB is in each name: MB/s = size / time.
import Archives
import Benchmark
import Foundation
import SyntheticMarket

let quick = ProcessInfo.processInfo.environment["GEX_BENCH_QUICK"] == "1"

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(metrics: [.wallClock, .throughput, .mallocCountTotal], maxDuration: .seconds(quick ? 1 : 4),
                                           maxIterations: quick ? 3 : 50)
    var c = SyntheticDayConfiguration()
    c.contracts = quick ? 3_000 : 21_000
    c.intervalSeconds = quick ? 3600 : 600
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gex-bench-archives").path
    try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    let plain = directory + "/day_\(c.contracts)_\(c.intervalSeconds).csv", gz = plain + ".gz"
    let day = SyntheticDay(c)
    if !FileManager.default.fileExists(atPath: plain) { _ = try? DataShopWriter.write(day, to: plain) }
    if !FileManager.default.fileExists(atPath: gz) { _ = try? DataShopWriter.write(day, to: gz) }
    let megabytes = ((try? FileManager.default.attributesOfItem(atPath: plain)[.size] as? Int) ?? 0) / 1_000_000

    Benchmark("ReadBytesOnly_plain_\(megabytes)MB") { benchmark in
        for _ in benchmark.scaledIterations {
            let stream = try ByteStream(path: plain)
            var buffer = [UInt8](repeating: 0, count: 1 << 20)
            var total = 0
            while case let n = try stream.read(into: &buffer, from: 0), n > 0 { total += n }
            blackHole(total)
        }
    }
    Benchmark("ParseDataShop_plain_\(megabytes)MB") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(try DataShopReader.read(paths: [plain])) }
    }
    // The same file parsed by 2 workers (line ranges in parallel, merged: the same day as above).
    Benchmark("ParseDataShop_plain_2workers_\(megabytes)MB") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(try DataShopReader.read(paths: [plain], workers: 2)) }
    }
    Benchmark("ParseDataShop_gzip_\(megabytes)MB") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(try DataShopReader.read(paths: [gz])) }
    }
}
