import Archives
import FuzzSupport
import MarketModel

/// libFuzzer entry: any bytes through the Databento OPRA reader. The first input byte picks the
/// snapshot interval (60 s … 3600 s, as `gex run --interval` allows); the rest is the file.
/// Invariants on success: grids sized contracts × snapshots, quote ages finite where a quote exists.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOPRA(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let interval = [60, 300, 1800, 3600][Int(data[0] & 3)]
    let path = FuzzInput.file(data + 1, size - 1)
    guard let day = try? OPRAReader.read(paths: [path], intervalSeconds: interval, limits: FuzzInput.limits) else { return 0 }
    for store in day.stores {
        let cells = store.contractCount * store.snapshotCount
        FuzzInput.require(store.bid.count == cells && store.ask.count == cells, "grid size")
        FuzzInput.require(zip(store.times, store.times.dropFirst()).allSatisfy { $0 < $1 }, "times not ascending")
        if let age = store.quoteAge {
            for k in 0..<cells where !store.bidSize[k].isNaN { FuzzInput.require(age[k].isFinite, "quote without a finite age") }
        }
        if let trades = store.trades {
            FuzzInput.require(trades.contract.allSatisfy { Int($0) < store.contractCount }, "trade points past the contracts")
        }
    }
    return 0
}
