import Archives
import FuzzSupport
import MarketModel

/// libFuzzer entry: any bytes through the DataShop intervals reader (`gex run`, `gex inspect`),
/// plain or compressed. Invariants on success: every store's grid is contracts × snapshots, times
/// strictly ascending, contracts strictly sorted, the caps respected; and the read on 3 workers (pieces
/// of whole snapshots for plain files, decompression beside the parse for .gz/.zip) gives the same day,
/// bit for bit, or fails too.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDataShop(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let path = FuzzInput.file(data, size)
    let parallel = try? DataShopReader.read(paths: [path], limits: FuzzInput.limits, workers: 3)
    guard let day = try? DataShopReader.read(paths: [path], limits: FuzzInput.limits) else {
        FuzzInput.require(parallel == nil, "the parallel read succeeded where one worker failed")
        return 0
    }
    guard let parallel else { FuzzInput.require(false, "the parallel read failed where one worker succeeded"); return 0 }
    FuzzInput.require(sameDay(day, parallel), "the parallel read gave a different day")
    FuzzInput.require(!day.stores.isEmpty, "no store and no error")
    for store in day.stores {
        let cells = store.contractCount * store.snapshotCount
        FuzzInput.require(store.bid.count == cells && store.ask.count == cells && store.bidSize.count == cells, "grid size")
        FuzzInput.require(store.spot.count == store.snapshotCount, "spot column size")
        FuzzInput.require(zip(store.times, store.times.dropFirst()).allSatisfy { $0 < $1 }, "times not ascending")
        FuzzInput.require(zip(store.contracts, store.contracts.dropFirst()).allSatisfy { $0 < $1 }, "contracts not sorted")
        FuzzInput.require(store.contractCount <= FuzzInput.limits.maximumContracts + 256, "contract cap ignored")
    }
    return 0
}

/// Rows, defects and every store column compared bit for bit (NaN equal to NaN).
func sameDay(_ a: ArchiveDay, _ b: ArchiveDay) -> Bool {
    func same(_ x: [Double], _ y: [Double]) -> Bool { x.map(\.bitPattern) == y.map(\.bitPattern) }
    func same(_ x: [Float], _ y: [Float]) -> Bool { x.map(\.bitPattern) == y.map(\.bitPattern) }
    guard a.rowsRead == b.rowsRead, a.defects.total == b.defects.total, a.stores.count == b.stores.count else { return false }
    for (s, t) in zip(a.stores, b.stores) {
        guard s.contracts == t.contracts, s.times == t.times, same(s.bid, t.bid), same(s.ask, t.ask),
              same(s.bidSize, t.bidSize), same(s.askSize, t.askSize), same(s.spot, t.spot), same(s.openInterest, t.openInterest)
        else { return false }
    }
    return true
}

