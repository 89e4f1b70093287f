// OrderedMerge under real concurrency: items delivered from several threads in scrambled order
// are merged exactly once each, strictly in index order, and never by two threads at once.
import Dispatch
@testable import Exposure
import Foundation
import MarketModel
@testable import Pipeline
import XCTest

final class OrderedMergeTests: XCTestCase {
    func testMergesEveryIndexOnceInOrderFromManyThreads() {
        let count = 2_000
        let log = MergeLog()
        let merger = OrderedMerge { index, item in log.record(index, time: item.result.time) }
        // A fixed scramble: each thread delivers a strided subset, walking it backwards in blocks.
        let threads = 4
        DispatchQueue.concurrentPerform(iterations: threads) { lane in
            let mine = Array(stride(from: lane, to: count, by: threads))
            for block in stride(from: 0, to: mine.count, by: 16).reversed() {
                for index in mine[block..<min(mine.count, block + 16)] {
                    let result = SnapshotResult(time: Instant(secondsSinceEpoch: Int64(index)), pricing: PricedSnapshot())
                    merger.deliver(index, (result, DayTables(unit: "test")))
                }
            }
        }
        XCTAssertEqual(merger.mergedCount, count)
        XCTAssertEqual(log.indices, Array(0..<count), "merged out of order or more than once")
        XCTAssertEqual(log.times, (0..<count).map { Int64($0) }, "an item merged under another index")
        XCTAssertEqual(log.maximumConcurrent, 1, "two threads merged at once")
    }
}

/// What the merge callback saw (guarded by a lock only to detect overlap, which must never happen).
private final class MergeLog: @unchecked Sendable {
    private let lock = NSLock()
    private var active = 0
    private(set) var maximumConcurrent = 0
    private(set) var indices: [Int] = []
    private(set) var times: [Int64] = []

    func record(_ index: Int, time: Instant) {
        lock.lock(); active += 1; maximumConcurrent = max(maximumConcurrent, active); lock.unlock()
        indices.append(index)
        times.append(time.secondsSinceEpoch)
        usleep(index % 97 == 0 ? 200 : 0)  // let other deliveries pile up now and then
        lock.lock(); active -= 1; lock.unlock()
    }
}
