import Dispatch
import Exposure
import Foundation
import LinearAlgebra
import MarketModel

/// What a day run produced.
public struct DayRunResult: Sendable {
    /// levels, by_strike, by_expiry, surface, profiles — long format, snapshot order, underlyings in order.
    public let tables: [OutputTable]
    /// Counts per reason: quote rejections, IV failures, forward fallbacks (summed over snapshots).
    public let counts: [String: Int]
    /// Ours − vendor IV differences (when the archive carries vendor IV): percentiles.
    public let vendorIVDifference: [String: Double]
    /// Seconds per stage (forwards pre-pass, snapshots, total).
    public let timings: [String: Double]
    /// The last computed snapshot of each underlying (for reports).
    public let lastSnapshots: [SnapshotResult]
}

/// Runs the exposure engine over every snapshot (or every `every`-th) of each day store, sharded
/// across `DispatchQueue.concurrentPerform` workers.
///
/// Determinism: forwards are estimated in a sequential pre-pass (each expiry may fall back to its
/// previous snapshot's forward), after which every snapshot is priced independently; results are
/// gathered into slots by snapshot index and appended in snapshot order. BLAS runs single-threaded
/// inside the parallel region. Output bits therefore do not depend on the worker count or batch size.
public enum DayRun {
    /// Snapshots computed per parallel region (each ≥ ~10 ms of work on an SPX chain).
    /// (Results are merged in order as they finish, so a region only bounds how often all workers wait
    /// for its slowest snapshot: 64 keeps that to a few waits per day.)
    public static let batchSize = 64

    /// Runs the day. `progress(done, total)` is called once per snapshot, in snapshot order, from
    /// whichever thread merges that snapshot's results (never two calls at once).
    /// `batchSize` snapshots form one parallel region, split into chunks of `chunkSize` snapshots per
    /// worker task; neither changes any output bit (tests run 1, 2, 3 and 7).
    public static func run(stores: [DayStore], configuration: SnapshotConfiguration, every: Int = 1, workers: Int? = nil,
                           batchSize: Int = batchSize, chunkSize: Int = 1, progress: ((Int, Int) -> Void)? = nil) -> DayRunResult {
        precondition(batchSize > 0 && chunkSize > 0, "batch and chunk sizes must be positive")
        let clock = ContinuousClock()
        let start = clock.now
        var tables = DayTables(unit: configuration.unit.rawValue)
        var counts: [String: Int] = [:]
        var differences: [Double] = []
        var forwardSeconds = 0.0
        var last: [SnapshotResult] = []
        var lastResult: SnapshotResult?
        let previousThreads = BLAS.threadCount
        BLAS.setThreadCount(1)
        defer { BLAS.setThreadCount(previousThreads) }
        let total = stores.map { ($0.snapshotCount + every - 1) / every }.reduce(0, +)
        var done = 0
        for store in stores {
            let snapshots = Array(stride(from: 0, to: store.snapshotCount, by: every))
            let positions = DealerPositions(store: store, model: configuration.positions)
            if let c = positions.classification {
                counts["trades classified at the quote"] = c.atQuote
                counts["trades classified by the quote rule"] = c.quoteRule
                counts["trades classified by the tick rule"] = c.tickRule
                counts["trades unclassified"] = c.unclassified
            }
            let forwardStart = clock.now
            let forwards = Self.forwards(store: store, every: every, configuration: configuration, workers: workers)
            forwardSeconds += (clock.now - forwardStart).seconds
            // Merged in snapshot order by whichever worker finds the next result ready (see OrderedMerge),
            // so the tables grow while the other workers compute.
            let merger = OrderedMerge { index, item in
                let result = item.result
                // The first snapshot of a store sizes the day's columns for all of its snapshots.
                tables.absorb(item.rows, expectedCopies: index == 0 ? snapshots.count - 1 : 0)
                for (reason, n) in result.pricing.rejections { counts["quote rejected: \(reason.rawValue)", default: 0] += n }
                for (status, n) in result.pricing.ivFailures { counts["no implied volatility: \(status.reason)", default: 0] += n }
                for f in result.pricing.forwards where f.source != .parity { counts["forward fallback: \(f.source.rawValue)", default: 0] += 1 }
                counts["contracts without volatility (gamma 0)", default: 0] += result.pricing.withoutVolatility
                counts["contracts smile-filled", default: 0] += result.pricing.smileFilled
                counts["quote rows of already-settled contracts (dropped)", default: 0] += result.pricing.settledDropped
                if result.status != .ok { counts["snapshots \(result.status.rawValue)", default: 0] += 1 }
                differences += result.pricing.vendorDifferences
                lastResult = result
                done += 1
                progress?(done, total)
            }
            var batchStart = 0
            while batchStart < snapshots.count {
                let batch = Array(snapshots[batchStart..<min(snapshots.count, batchStart + batchSize)])
                let work = SnapshotWork(store: store, batch: batch, forwards: forwards, positions: positions, configuration: configuration)
                let offset = batchStart
                ParallelBatch.forEachChunk(count: batch.count, chunkSize: chunkSize, workers: workers) { range in
                    for k in range {
                        // Each worker also lays out its snapshot's table rows: merging only concatenates.
                        let result = work.compute(k)
                        var rows = DayTables(unit: configuration.unit.rawValue)
                        rows.append(result, underlying: store.underlying)
                        merger.deliver(offset + k, (result, rows))
                    }
                }
                batchStart += batch.count
            }
            precondition(merger.mergedCount == snapshots.count, "DayRun: a snapshot result was not merged")
            if let final = lastResult { last.append(final) }
            lastResult = nil
        }
        let elapsed = (clock.now - start).seconds
        return DayRunResult(tables: tables.tables(), counts: counts, vendorIVDifference: percentiles(differences),
                            timings: ["forwards_seconds": forwardSeconds, "snapshots_seconds": elapsed - forwardSeconds, "total_seconds": elapsed],
                            lastSnapshots: last)
    }

    static func percentiles(_ values: [Double]) -> [String: Double] {
        guard !values.isEmpty else { return [:] }
        var scratch = values
        func q(_ p: Double) -> Double { OrderStatistics.select(Int(p * Double(values.count - 1)), in: &scratch) }
        return ["count": Double(values.count), "p05": q(0.05), "p25": q(0.25), "median": q(0.5), "p75": q(0.75), "p95": q(0.95),
                "max_abs": values.reduce(0) { max($0, abs($1)) }]
    }

    /// Spot and forwards of every `every`-th snapshot of `store`. The parity fits run in parallel
    /// (each snapshot on its own); the carry-over of the last parity forward into snapshots where
    /// parity fails is then applied in time order — the same result as one sequential pass.
    static func forwards(store: DayStore, every: Int, configuration: SnapshotConfiguration,
                         workers: Int?) -> [Int: (spot: Double, spotSource: String, forwards: [Instant: ForwardEstimate])] {
        typealias Fit = (spot: Double, spotSource: String, forwards: [Instant: ForwardEstimate])
        var fits = [Fit?](repeating: nil, count: store.snapshotCount)
        fits.withUnsafeMutableBufferPointer { buffer in
            let out = SendablePointer(buffer.baseAddress!)
            let work = ForwardWork(store: store, configuration: configuration)
            ParallelBatch.forEachChunk(count: store.snapshotCount, chunkSize: 8, workers: workers) { range in
                for t in range { out.base[t] = work.fit(t) }
            }
        }
        var previous: [Instant: ForwardEstimate] = [:]
        var result: [Int: Fit] = [:]
        for t in 0..<store.snapshotCount {
            var fit = fits[t]!
            for (settlement, estimate) in fit.forwards {
                let resolved = ForwardEstimator.resolvingFallback(estimate, previous: previous[settlement])
                fit.forwards[settlement] = resolved
            }
            for (k, v) in fit.forwards where v.source == .parity { previous[k] = v }
            if t % every == 0 { result[t] = fit }
        }
        return result
    }
}

/// The inputs of the parallel forwards pass, shared read-only by its workers.
struct ForwardWork: @unchecked Sendable {
    let store: DayStore
    let configuration: SnapshotConfiguration

    func fit(_ t: Int) -> (spot: Double, spotSource: String, forwards: [Instant: ForwardEstimate]) {
        SnapshotPricing.forwards(store: store, snapshot: t, configuration: configuration, previous: [:])
    }
}

/// The per-snapshot work, shared read-only by the workers.
struct SnapshotWork: @unchecked Sendable {
    let store: DayStore
    let batch: [Int]
    let forwards: [Int: (spot: Double, spotSource: String, forwards: [Instant: ForwardEstimate])]
    let positions: DealerPositions
    let configuration: SnapshotConfiguration

    func compute(_ k: Int) -> SnapshotResult {
        let t = batch[k]
        let f = forwards[t]!
        let priced = SnapshotPricing.price(store: store, snapshot: t, positions: positions.positions(at: store.times[t]),
                                           configuration: configuration, spot: f.spot, spotSource: f.spotSource, forwards: f.forwards)
        return SnapshotAnalytics.compute(store: store, priced: priced, time: store.times[t], configuration: configuration)
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) * 1e-18 }
}
