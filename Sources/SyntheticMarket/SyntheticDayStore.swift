import MarketModel

extension SyntheticDay {
    /// The day as a `DayStore` directly (no file round trip): for tests and benchmarks. Spot per
    /// snapshot is the path (source `underlyingMid`); OI is the start-of-day OI; vendor IV is the true σ.
    public func dayStore() -> DayStore {
        var builder = DayStoreBuilder(underlying: configuration.underlying, hasVendorGreeks: true)
        for t in times.indices {
            for i in contracts.indices where years(contract: i, snapshot: t) > 0 {
                let q = quote(contract: i, snapshot: t)
                builder.add(contract: contracts[i], time: times[t],
                            quote: DayStoreBuilder.Quote(bid: q.bid, ask: q.ask, bidSize: Float(q.bidSize), askSize: Float(q.askSize),
                                                         vendorIV: q.sigma, vendorGamma: q.greeks.gamma),
                            spot: spot[t], spotSource: .underlyingMid, openInterest: openInterest[i])
            }
        }
        return builder.finish()
    }
}
