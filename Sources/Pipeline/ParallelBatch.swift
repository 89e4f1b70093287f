import Dispatch
import Foundation

/// A pointer that may cross into `concurrentPerform` workers. Safe only because every worker
/// writes a disjoint index range and the caller waits for all of them before reading.
public struct SendablePointer<T>: @unchecked Sendable {
    /// The wrapped pointer.
    public let base: UnsafeMutablePointer<T>
    /// Wraps a pointer.
    public init(_ base: UnsafeMutablePointer<T>) { self.base = base }
}

/// Splits `0..<count` into fixed chunks and runs them on `DispatchQueue.concurrentPerform`.
///
/// Determinism: chunk boundaries depend only on `count` and `chunkSize` (never on the worker
/// count), and each chunk writes only its own outputs, so results are bit-identical for any
/// number of workers. Reductions must combine per-chunk partials in chunk order (see
/// `chunkedSum`). Keep chunks ≥ ~100 µs of work and whole regions ≥ ~1 ms (measured break-even
/// on this machine kind); below `serialThreshold` elements everything runs on the caller.
public enum ParallelBatch {
    /// Default elements per chunk for per-option kernels (~0.1–1 ms of work).
    public static let defaultChunkSize = 16_384

    /// Runs `body` over every chunk range of `0..<count`, on up to `workers` threads (nil = all cores).
    public static func forEachChunk(
        count: Int, chunkSize: Int = defaultChunkSize, workers: Int? = nil,
        _ body: @Sendable (Range<Int>) -> Void
    ) {
        precondition(chunkSize > 0, "chunk size must be positive")
        let chunks = (count + chunkSize - 1) / chunkSize
        @Sendable func range(_ c: Int) -> Range<Int> { (c * chunkSize)..<min(count, (c + 1) * chunkSize) }
        let threads = max(1, workers ?? activeProcessorCount)
        if chunks <= 1 || threads == 1 {
            for c in 0..<chunks { body(range(c)) }
            return
        }
        // Give each worker a contiguous run of chunks; the set of chunks run is the same for any
        // worker count, only their placement on threads differs.
        let lanes = min(threads, chunks)
        DispatchQueue.concurrentPerform(iterations: lanes) { lane in
            var c = lane
            while c < chunks {
                body(range(c))
                c += lanes
            }
        }
    }

    /// Σ over chunks of `partial(range)`, added in chunk order: the same bits for any worker count.
    public static func chunkedSum(
        count: Int, chunkSize: Int = defaultChunkSize, workers: Int? = nil,
        _ partial: @Sendable (Range<Int>) -> Double
    ) -> Double {
        let chunks = (count + chunkSize - 1) / chunkSize
        var partials = [Double](repeating: 0, count: chunks)
        partials.withUnsafeMutableBufferPointer { buffer in
            let out = SendablePointer(buffer.baseAddress!)
            forEachChunk(count: chunks, chunkSize: 1, workers: workers) { chunkRange in
                for c in chunkRange {
                    out.base[c] = partial((c * chunkSize)..<min(count, (c + 1) * chunkSize))
                }
            }
        }
        return partials.reduce(0, +)
    }

    /// Cores available to this process.
    public static var activeProcessorCount: Int { ProcessInfo.processInfo.activeProcessorCount }
}
