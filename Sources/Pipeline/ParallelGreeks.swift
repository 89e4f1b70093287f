import OptionsMath

/// Structure-of-arrays option inputs for the batch kernels (BSM form).
public struct OptionColumns: Sendable {
    /// Spot, strike, years, volatility, rate, dividend yield.
    public var spot: [Double], strike: [Double], time: [Double], volatility: [Double], rate: [Double], dividendYield: [Double]
    /// True for calls.
    public var isCall: [Bool]

    /// Columns of equal length.
    public init(spot: [Double], strike: [Double], time: [Double], volatility: [Double], rate: [Double],
                dividendYield: [Double], isCall: [Bool]) {
        precondition(Set([spot.count, strike.count, time.count, volatility.count, rate.count, dividendYield.count, isCall.count]).count == 1,
                     "option columns must have equal lengths")
        self.spot = spot
        self.strike = strike
        self.time = time
        self.volatility = volatility
        self.rate = rate
        self.dividendYield = dividendYield
        self.isCall = isCall
    }

    /// Number of options.
    public var count: Int { spot.count }
}

/// The eight greek columns of a batch (per share; units of `GreeksKernel`).
public struct GreekColumns: Sendable {
    /// Price, delta, gamma, vega, theta, vanna, charm, rho; empty when not requested.
    public var price, delta, gamma, vega, theta, vanna, charm, rho: [Double]

    init(count: Int, greeks: GreekSet) {
        func column(_ g: GreekSet) -> [Double] { greeks.contains(g) ? [Double](repeating: 0, count: count) : [] }
        price = column(.price); delta = column(.delta); gamma = column(.gamma); vega = column(.vega)
        theta = column(.theta); vanna = column(.vanna); charm = column(.charm); rho = column(.rho)
    }
}

/// Greeks and implied volatilities of large arrays, sharded across `concurrentPerform` workers
/// in fixed chunks (`ParallelBatch`): each chunk runs the same kernel on its own slice, so the
/// results are bit-identical for any worker count.
public enum ParallelGreeks {
    /// Elements per chunk: ~0.3–1 ms of greek work, well above the ~100 µs break-even.
    public static let chunkSize = 32_768

    /// The `greeks` of every option in `options`, on `workers` threads (nil = all cores).
    public static func greeks(_ options: OptionColumns, greeks: GreekSet = .all, workers: Int? = nil,
                              chunkSize: Int = chunkSize) -> GreekColumns {
        var out = GreekColumns(count: options.count, greeks: greeks)
        let n = options.count
        withOutputs(&out) { outputs in
            options.spot.withUnsafeBufferPointer { S in
            options.strike.withUnsafeBufferPointer { K in
            options.time.withUnsafeBufferPointer { T in
            options.volatility.withUnsafeBufferPointer { V in
            options.rate.withUnsafeBufferPointer { R in
            options.dividendYield.withUnsafeBufferPointer { Q in
            options.isCall.withUnsafeBufferPointer { C in
                let inputs = UnsafeInputs(S: S, K: K, T: T, V: V, R: R, Q: Q, C: C)
                ParallelBatch.forEachChunk(count: n, chunkSize: chunkSize, workers: workers) { r in
                    GreeksKernel.blackScholes(
                        spot: inputs.S.slice(r), strike: inputs.K.slice(r), time: inputs.T.slice(r),
                        volatility: inputs.V.slice(r), rate: inputs.R.slice(r), dividendYield: inputs.Q.slice(r),
                        isCall: inputs.C.slice(r), outputs: outputs.slice(r), greeks: greeks)
                }
            }}}}}}}
        }
        return out
    }

    /// Pointers that cross into workers; each worker reads a disjoint slice and the caller waits.
    struct UnsafeInputs: @unchecked Sendable {
        let S, K, T, V, R, Q: UnsafeBufferPointer<Double>
        let C: UnsafeBufferPointer<Bool>
    }

    /// Output columns as sendable pointers.
    struct UnsafeOutputs: @unchecked Sendable {
        let columns: [UnsafeMutableBufferPointer<Double>]

        func slice(_ r: Range<Int>) -> GreeksOutput {
            let s = columns.map { $0.isEmpty ? nil : UnsafeMutableBufferPointer(rebasing: $0[r]) }
            return GreeksOutput(price: s[0], delta: s[1], gamma: s[2], vega: s[3], theta: s[4], vanna: s[5], charm: s[6], rho: s[7])
        }
    }

    static func withOutputs(_ out: inout GreekColumns, _ body: (UnsafeOutputs) -> Void) {
        out.price.withUnsafeMutableBufferPointer { a in
        out.delta.withUnsafeMutableBufferPointer { b in
        out.gamma.withUnsafeMutableBufferPointer { c in
        out.vega.withUnsafeMutableBufferPointer { d in
        out.theta.withUnsafeMutableBufferPointer { e in
        out.vanna.withUnsafeMutableBufferPointer { f in
        out.charm.withUnsafeMutableBufferPointer { g in
        out.rho.withUnsafeMutableBufferPointer { h in
            body(UnsafeOutputs(columns: [a, b, c, d, e, f, g, h]))
        }}}}}}}}
    }
}

extension UnsafeBufferPointer {
    /// The sub-buffer over `r`.
    func slice(_ r: Range<Int>) -> UnsafeBufferPointer<Element> { UnsafeBufferPointer(rebasing: self[r]) }
}
