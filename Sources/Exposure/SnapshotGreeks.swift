import OptionsMath

/// Per-contract greeks of one priced snapshot at its spot: the first stage of `SnapshotAnalytics`.
/// Columns in the contract order of the `PricedSnapshot`, per share (not yet weighted by positions).
public struct SnapshotGreeks: Sendable {
    /// Delta, gamma, vanna and charm (per year) of every live contract.
    public var delta: [Double], gamma: [Double], vanna: [Double], charm: [Double]

    /// The greeks of `p` at `p.spot` from the SIMD kernel, each expiry with the r and q implied by its
    /// parity forward and discount.
    public init(priced p: PricedSnapshot) {
        let n = p.count
        delta = [Double](repeating: 0, count: n)
        gamma = delta
        vanna = delta
        charm = delta
        guard n > 0 else { return }
        let spots = [Double](repeating: p.spot, count: n)
        spots.withUnsafeBufferPointer { Sp in p.strike.withUnsafeBufferPointer { K in p.years.withUnsafeBufferPointer { T in
        p.volatility.withUnsafeBufferPointer { V in p.rate.withUnsafeBufferPointer { R in p.dividendYield.withUnsafeBufferPointer { Q in
        p.isCall.withUnsafeBufferPointer { C in delta.withUnsafeMutableBufferPointer { d in gamma.withUnsafeMutableBufferPointer { g in
        vanna.withUnsafeMutableBufferPointer { v in charm.withUnsafeMutableBufferPointer { ch in
            GreeksKernel.blackScholes(spot: Sp, strike: K, time: T, volatility: V, rate: R, dividendYield: Q, isCall: C,
                                      outputs: GreeksOutput(delta: d, gamma: g, vanna: v, charm: ch),
                                      greeks: [.delta, .gamma, .vanna, .charm])
        }}}}}}}}}}}
    }
}
