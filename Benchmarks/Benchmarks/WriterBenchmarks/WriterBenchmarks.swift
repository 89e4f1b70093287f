// Benchmarks of the writers layer: encoding a 1M-row × 6-double table as Parquet (PLAIN, ZSTD level 3,
// statistics), in memory and to a file (atomic: temporary file, fsync, rename). Throughput counts the
// raw doubles (48 MB), so MB/s = 48 / wall-clock seconds. GEX_BENCH_QUICK=1 → 100k rows (4.8 MB), briefly.
import Benchmark
import Foundation
import Reports

let benchmarks: @Sendable () -> Void = {
    let quick = ProcessInfo.processInfo.environment["GEX_BENCH_QUICK"] == "1"
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .peakMemoryResident, .mallocCountTotal],
        maxDuration: .seconds(quick ? 1 : 5), maxIterations: quick ? 3 : 20)

    // Prices around 4500 with full-precision mantissas (a linear congruential sequence: no RNG package).
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    func next() -> Double {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Double(state >> 11) / Double(1 << 53)
    }
    let table: [(ParquetColumn, ParquetColumnData)] = (0..<6).map { c in
        (.double("c\(c)"), .double((0..<(quick ? 100_000 : 1_000_000)).map { _ in 4_500 * (1 + 0.2 * (next() - 0.5)) }))
    }
    let path = NSTemporaryDirectory() + "gex-bench-\(ProcessInfo.processInfo.processIdentifier).parquet"

    Benchmark("ParquetEncode_1Mx6Doubles") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try? ParquetWriter.encode(columns: table, gexVersion: "bench"))
        }
    }

    Benchmark("ParquetWriteFile_1Mx6Doubles") { benchmark in
        for _ in benchmark.scaledIterations {
            try? ParquetWriter.write(columns: table, gexVersion: "bench", to: path)
        }
        try? FileManager.default.removeItem(atPath: path)
    }
}
