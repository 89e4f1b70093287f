// Sharding across concurrentPerform: every index exactly once, and bit-identical reductions
// for any worker count and chunk size (including tiny chunks 1, 2, 3, 7).
import Pipeline
import XCTest

final class ParallelBatchTests: XCTestCase {
    func testEveryIndexOnceForAnyWorkersAndChunks() {
        for count in [0, 1, 7, 1000, 65_537] {
            for chunk in [1, 2, 3, 7, 1024] where count / chunk < 20_000 {
                for workers in [1, 2, 3, 8] {
                    var hits = [Int32](repeating: 0, count: count)
                    hits.withUnsafeMutableBufferPointer { b in
                        guard let base = b.baseAddress else { return }
                        let p = SendablePointer(base)
                        ParallelBatch.forEachChunk(count: count, chunkSize: chunk, workers: workers) { r in
                            for i in r { p.base[i] += 1 }
                        }
                    }
                    XCTAssertTrue(hits.allSatisfy { $0 == 1 }, "count \(count) chunk \(chunk) workers \(workers)")
                }
            }
        }
    }

    func testChunkedSumIsBitIdenticalAcrossWorkers() {
        let values = (0..<100_003).map { i in sin(Double(i)) * 1e6 + 1 / Double(i + 1) }
        for chunk in [1, 2, 3, 7, 4096] {
            let sums = [1, 2, 3, 8].map { workers in
                values.withUnsafeBufferPointer { v in
                    nonisolated(unsafe) let v = v
                    return ParallelBatch.chunkedSum(count: values.count, chunkSize: chunk, workers: workers) { r in
                        var s = 0.0
                        for i in r { s += v[i] }
                        return s
                    }
                }
            }
            XCTAssertEqual(Set(sums.map(\.bitPattern)).count, 1, "chunk \(chunk): \(sums)")
        }
    }
}
