// One SPX-size snapshot (generated: ~21k contracts; GEX_BENCH_QUICK=1 → ~3k) by stage — forwards,
// pricing (quote filters, IV from mids, smile fill), analytics (greeks, tables, profile tiles × BLAS,
// roots, walls, flow) — and a whole generated day through DayRun on 1 and 2 workers.
import Benchmark
import Exposure
import Foundation
import MarketModel
import Pipeline
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
    let t = store.snapshotCount / 2
    let positions = DealerPositions(store: store, model: configuration.positions).positions(at: store.times[t])
    let forwards = SnapshotPricing.forwards(store: store, snapshot: t, configuration: configuration, previous: [:])
    let priced = SnapshotPricing.price(store: store, snapshot: t, positions: positions, configuration: configuration,
                                       spot: forwards.spot, spotSource: forwards.spotSource, forwards: forwards.forwards)

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
    Benchmark("Snapshot_Analytics") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(SnapshotAnalytics.compute(store: store, priced: priced, time: store.times[t], configuration: configuration))
        }
    }
    for workers in [1, 2] {
        Benchmark("DayRun_\(store.snapshotCount)snapshots_\(workers)workers") { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(DayRun.run(stores: [store], configuration: configuration, workers: workers))
            }
        }
    }
}
