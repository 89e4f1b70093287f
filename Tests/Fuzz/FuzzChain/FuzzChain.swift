import Archives
import FuzzSupport
import MarketModel

/// libFuzzer entry: any bytes through the Cboe chain reader (`gex levels`). Expected outcomes are a
/// parsed chain or an `ArchiveError`; invariants on success: a positive finite spot, at least one
/// contract, sorted keys, no negative or infinite open interest.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzChain(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let path = FuzzInput.file(data, size)
    guard let file = try? CboeChainReader.read(path: path, limits: FuzzInput.limits) else { return 0 }
    let chain = file.chain
    FuzzInput.require(chain.spot.isFinite && chain.spot > 0, "spot \(chain.spot)")
    FuzzInput.require(chain.count > 0, "empty chain accepted")
    FuzzInput.require(zip(chain.keys, chain.keys.dropFirst()).allSatisfy { $0 < $1 }, "keys not strictly sorted")
    FuzzInput.require(chain.openInterest.allSatisfy { $0 >= 0 && $0.isFinite }, "bad open interest")
    FuzzInput.require(chain.keys.allSatisfy { $0.settlementInstant > chain.asOf }, "expired contract kept")
    return 0
}
