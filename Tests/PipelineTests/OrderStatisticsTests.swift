// Quickselect against the definition: the k-th element of the sorted array, for every k, on
// inputs with ties, runs, reversed order, signed zeros and a single element.
@testable import Pipeline
import XCTest

final class OrderStatisticsTests: XCTestCase {
    func testEveryRankMatchesTheSortedArray() {
        var generator = SystemRandomNumberGenerator()
        var inputs: [[Double]] = [[3.5], [2, 1], Array(repeating: 7, count: 33), (0..<257).map { Double($0) },
                                  (0..<257).reversed().map { Double($0) }, [0.0, -0.0, 1, -1, 0.0]]
        for count in [5, 64, 1000] {
            inputs.append((0..<count).map { _ in Double(Int.random(in: -20...20, using: &generator)) * 0.25 })
            inputs.append((0..<count).map { _ in Double.random(in: -1e-3...1e-3, using: &generator) })
        }
        for values in inputs {
            let sorted = values.sorted()
            var scratch = values
            for k in values.indices {
                // The same buffer is reused across ranks, as DayRun does for its quantiles.
                XCTAssertEqual(OrderStatistics.select(k, in: &scratch), sorted[k], "rank \(k) of \(values.count)")
            }
            XCTAssertEqual(scratch.sorted(), sorted, "select only permutes its buffer")
        }
    }
}
