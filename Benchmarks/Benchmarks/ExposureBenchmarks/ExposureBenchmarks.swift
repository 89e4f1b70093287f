// One SPX-size snapshot (generated: ~21k contracts; GEX_BENCH_QUICK=1 → ~3k) by stage: forwards, pricing
// (quote filters, IV from mids, smile fill), then the analytics stages — greeks (SIMD kernel), exposures
// (per-contract GEX/DEX/VEX/CEX into the by-strike, by-expiry and surface tables), profile (gamma tiles ×
// BLAS over the grid, every variant), levels (Zero Gamma roots, regime, delta-neutral, walls, flows) — and
// the whole analytics beside them (the sum of the four). The profile is also split: gamma only (no DEX
// curves: the workload of the hand-written C gamma-profile kernel) and the BLAS reduction alone (the same
// dgemm calls on tiles of the same shapes), so its share of the profile can be read off. A whole day is in
// PipelineBenchmarks.
import Benchmark
import Exposure
import Foundation
import LinearAlgebra
import MarketModel
import SyntheticMarket

let quick = ProcessInfo.processInfo.environment["GEX_BENCH_QUICK"] == "1"

let benchmarks: @Sendable () -> Void = {
    // One core, as in a day run (DayRun sets the same): OpenBLAS's own threads would otherwise take the
    // second core for the profile's dgemm and blur what one snapshot costs on one core.
    BLAS.setThreadCount(1)
    Benchmark.defaultConfiguration = .init(metrics: [.wallClock, .throughput, .mallocCountTotal],
                                           maxDuration: .seconds(quick ? 1 : 4), maxIterations: quick ? 3 : 100)
    var c = SyntheticDayConfiguration()
    c.contracts = quick ? 3_000 : 21_000
    c.intervalSeconds = quick ? 3600 : 1800
    let store = SyntheticDay(c).dayStore()
    let configuration = SnapshotConfiguration()
    let t = store.snapshotCount / 2, time = store.times[t]
    let positions = DealerPositions(store: store, model: configuration.positions).positions(at: time)
    let forwards = SnapshotPricing.forwards(store: store, snapshot: t, configuration: configuration, previous: [:])
    let priced = SnapshotPricing.price(store: store, snapshot: t, positions: positions, configuration: configuration,
                                       spot: forwards.spot, spotSource: forwards.spotSource, forwards: forwards.forwards)
    let greeks = SnapshotGreeks(priced: priced)
    let (exposures, contractGEX) = SnapshotAnalytics.exposures(store: store, priced: priced, greeks: greeks, time: time,
                                                               configuration: configuration)
    let contracts = priced.contracts
    let profile = SnapshotAnalytics.profile(store: store, priced: priced, contracts: contracts, time: time, configuration: configuration)

    Benchmark("Snapshot_Forwards") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(SnapshotPricing.forwards(store: store, snapshot: t, configuration: configuration, previous: [:]))
        }
    }
    Benchmark("Snapshot_PricingIV") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(SnapshotPricing.price(store: store, snapshot: t, positions: positions, configuration: configuration,
                                            spot: forwards.spot, spotSource: forwards.spotSource, forwards: forwards.forwards))
        }
    }
    Benchmark("Snapshot_Greeks") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(SnapshotGreeks(priced: priced)) }
    }
    Benchmark("Snapshot_Exposures") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(SnapshotAnalytics.exposures(store: store, priced: priced, greeks: greeks, time: time, configuration: configuration))
        }
    }
    Benchmark("Snapshot_Profile") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(SnapshotAnalytics.profile(store: store, priced: priced, contracts: contracts, time: time, configuration: configuration))
        }
    }
    // The profile's inputs, as SnapshotAnalytics.profile builds them.
    let grid = GammaProfile.grid(from: priced.spot * (1 - configuration.gridHalfWidth), to: priced.spot * (1 + configuration.gridHalfWidth),
                                 count: configuration.gridPoints)
    let allMembership = ProfileVariant.membership(keys: priced.contractIndex.map { store.contracts[$0] }, asOf: time)
    let variantCount = allMembership.columns
    let membership = Matrix01(rows: contracts.rows.count, columns: variantCount,
                              flags: contracts.rows.flatMap { allMembership.flags[($0 * variantCount)..<($0 * variantCount + variantCount)] })
    Benchmark("Snapshot_ProfileGammaOnly") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(GammaProfile(contracts: contracts.contracts, repricing: contracts.repricing, membership: membership, levels: grid,
                                   unit: configuration.unit, withDelta: false))
        }
    }
    // Two dgemm per block of contracts (gamma and delta tiles), as in GammaProfile, on fixed tiles.
    let block = GammaProfile.contractBlock
    let blocks = (contracts.rows.count + block - 1) / block
    let tile = (0..<(grid.count * block)).map { Double($0 % 97) * 1e-3 }
    let aggregation = (0..<(variantCount * block)).map { Double($0 % 5) }
    Benchmark("Snapshot_ProfileReductionOnly") { benchmark in
        for _ in benchmark.scaledIterations {
            var result = [Double](repeating: 0, count: variantCount * grid.count)
            tile.withUnsafeBufferPointer { t in aggregation.withUnsafeBufferPointer { a in result.withUnsafeMutableBufferPointer { r in
                for _ in 0..<(2 * blocks) {
                    BLAS.gemm(m: variantCount, n: grid.count, k: block, alpha: 1, a: a.baseAddress, lda: block,
                              b: t.baseAddress, ldb: block, transposeB: true, beta: 1, c: r.baseAddress, ldc: grid.count)
                }
            }}}
            blackHole(result)
        }
    }
    Benchmark("Snapshot_Levels") { benchmark in
        for _ in benchmark.scaledIterations {
            var result = exposures
            SnapshotAnalytics.levels(&result, store: store, priced: priced, contracts: contracts, profile: profile,
                                     contractGEX: contractGEX, configuration: configuration)
            blackHole(result)
        }
    }
    Benchmark("Snapshot_Analytics") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(SnapshotAnalytics.compute(store: store, priced: priced, time: time, configuration: configuration))
        }
    }
}
