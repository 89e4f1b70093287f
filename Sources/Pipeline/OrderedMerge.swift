import Exposure
import Foundation

/// Merges per-snapshot results into the day's tables and counts in snapshot order while workers
/// keep computing: a worker hands its result to `deliver`, and whichever worker finds the next
/// result in order ready merges it (and any that follow) outside the lock — one merger at a time,
/// so the merge state needs no further locking and the order (hence every output bit) is fixed.
final class OrderedMerge: @unchecked Sendable {
    /// Rows laid out on a worker, plus the result they came from.
    typealias Item = (result: SnapshotResult, rows: DayTables)

    private let lock = NSLock()
    private var pending: [Int: Item] = [:]
    private var next = 0
    private var merging = false
    private let merge: (Int, Item) -> Void

    /// `merge(index, item)` is called once per index, in index order from 0, never concurrently.
    init(merge: @escaping (Int, Item) -> Void) {
        self.merge = merge
    }

    /// Hands over the item of `index`; merges every item now in order if no other thread is merging.
    func deliver(_ index: Int, _ item: Item) {
        lock.lock()
        pending[index] = item
        if merging {
            lock.unlock()
            return
        }
        merging = true
        while let ready = pending.removeValue(forKey: next) {
            let index = next
            next += 1
            lock.unlock()
            merge(index, ready)
            lock.lock()
        }
        merging = false
        lock.unlock()
    }

    /// Items merged so far (call after the parallel region that delivers them has returned).
    var mergedCount: Int {
        lock.lock()
        defer { lock.unlock() }
        return next
    }
}
