import OptionsMath

/// Implied volatilities of large arrays, sharded like `ParallelGreeks` (fixed chunks, each chunk
/// one batch-kernel call on its own slice): bit-identical for any worker count.
public enum ParallelImpliedVolatility {
    /// Elements per chunk (~1–3 ms of solver work).
    public static let chunkSize = 8_192

    /// σ (NaN where there is none) and `ImpliedVolatilityStatus` raw values for BSM prices.
    public static func blackScholes(price: [Double], options: OptionColumns, workers: Int? = nil,
                                    chunkSize: Int = chunkSize) -> (volatility: [Double], status: [UInt8]) {
        let n = options.count
        precondition(price.count == n, "one price per option")
        var sigma = [Double](repeating: .nan, count: n)
        var status = [UInt8](repeating: 0, count: n)
        sigma.withUnsafeMutableBufferPointer { v in status.withUnsafeMutableBufferPointer { st in
        price.withUnsafeBufferPointer { P in options.spot.withUnsafeBufferPointer { S in options.strike.withUnsafeBufferPointer { K in
        options.time.withUnsafeBufferPointer { T in options.rate.withUnsafeBufferPointer { R in options.dividendYield.withUnsafeBufferPointer { Q in
        options.isCall.withUnsafeBufferPointer { C in
            let io = UnsafeIO(P: P, S: S, K: K, T: T, R: R, Q: Q, C: C, V: v, status: st)
            ParallelBatch.forEachChunk(count: n, chunkSize: chunkSize, workers: workers) { r in
                ImpliedVolatility.blackScholes(
                    price: io.P.slice(r), spot: io.S.slice(r), strike: io.K.slice(r), time: io.T.slice(r), rate: io.R.slice(r),
                    dividendYield: io.Q.slice(r), isCall: io.C.slice(r),
                    volatility: UnsafeMutableBufferPointer(rebasing: io.V[r]), status: UnsafeMutableBufferPointer(rebasing: io.status[r]))
            }
        }}}}}}}}}
        return (sigma, status)
    }

    struct UnsafeIO: @unchecked Sendable {
        let P, S, K, T, R, Q: UnsafeBufferPointer<Double>
        let C: UnsafeBufferPointer<Bool>
        let V: UnsafeMutableBufferPointer<Double>
        let status: UnsafeMutableBufferPointer<UInt8>
    }
}
