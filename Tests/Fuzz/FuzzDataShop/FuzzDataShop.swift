import Archives
import FuzzSupport
import MarketModel

/// libFuzzer entry: any bytes through the DataShop intervals reader (`gex run`, `gex inspect`),
/// plain or compressed. Invariants on success: every store's grid is contracts × snapshots, times
/// strictly ascending, contracts strictly sorted, the caps respected.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDataShop(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let path = FuzzInput.file(data, size)
    guard let day = try? DataShopReader.read(paths: [path], limits: FuzzInput.limits) else { return 0 }
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
