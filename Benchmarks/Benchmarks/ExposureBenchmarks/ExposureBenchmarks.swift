// One SPX-size snapshot (generated: ~21k contracts; GEX_BENCH_QUICK=1 → ~3k) by stage: forwards, pricing
// (quote filters, IV from mids, smile fill), then the analytics stages — greeks (SIMD kernel), exposures
// (per-contract GEX/DEX/VEX/CEX into the by-strike, by-expiry and surface tables), profile (gamma tiles ×
// BLAS over the grid, every variant), levels (Zero Gamma roots, regime, delta-neutral, walls, flows) — and
// the whole analytics beside them (the sum of the four). A whole day is in PipelineBenchmarks.
import Benchmark
import Exposure
import Foundation
import MarketModel
import SyntheticMarket

let quick = ProcessInfo.processInfo.environment["GEX_BENCH_QUICK"] == "1"

let benchmarks: @Sendable () -> Void = {
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
