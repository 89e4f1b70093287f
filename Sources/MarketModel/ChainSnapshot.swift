/// One option chain at one instant, structure of arrays: element `i` of every column describes
/// contract `keys[i]`. Contracts are sorted by `ContractKey` order (expiry contiguous, call/put
/// pairs adjacent).
///
/// Units: prices in the underlying's price units per share; `impliedVolatility` per unit
/// (0.20 = 20 %, NaN when the source gave none); `vendorGamma` per share per 1 point (NaN when
/// absent); `openInterest` in contracts.
public struct ChainSnapshot: Sendable {
    /// Underlying symbol or name as the source wrote it (e.g. "SPX").
    public var underlying: String
    /// The valuation instant (the source's as-of time).
    public var asOf: Instant
    /// Spot price of the underlying at `asOf`.
    public var spot: Double
    /// Contract identities, sorted.
    public var keys: [ContractKey]
    /// Contract multiplier (shares per contract), 100 for index and equity options.
    public var multiplier: [Double]
    /// Open interest in contracts (start of day).
    public var openInterest: [Double]
    /// Vendor implied volatility, per unit; NaN when missing.
    public var impliedVolatility: [Double]
    /// Vendor gamma per share; NaN when missing.
    public var vendorGamma: [Double]
    /// Best bid; NaN when missing.
    public var bid: [Double]
    /// Best ask; NaN when missing.
    public var ask: [Double]

    /// An empty chain for an underlying at an instant.
    public init(underlying: String, asOf: Instant, spot: Double) {
        self.underlying = underlying
        self.asOf = asOf
        self.spot = spot
        keys = []
        multiplier = []
        openInterest = []
        impliedVolatility = []
        vendorGamma = []
        bid = []
        ask = []
    }

    /// Number of contracts.
    public var count: Int { keys.count }

    /// Appends one contract; callers sort afterwards with `sortByKey()`.
    public mutating func append(key: ContractKey, multiplier m: Double = 100, openInterest oi: Double,
                                impliedVolatility iv: Double, vendorGamma g: Double,
                                bid b: Double = .nan, ask a: Double = .nan) {
        keys.append(key)
        multiplier.append(m)
        openInterest.append(oi)
        impliedVolatility.append(iv)
        vendorGamma.append(g)
        bid.append(b)
        ask.append(a)
    }

    /// Sorts every column into `ContractKey` order (stable).
    public mutating func sortByKey() {
        let order = keys.indices.sorted { keys[$0] < keys[$1] || (keys[$0] == keys[$1] && $0 < $1) }
        func permute<T>(_ column: [T]) -> [T] { order.map { column[$0] } }
        keys = permute(keys)
        multiplier = permute(multiplier)
        openInterest = permute(openInterest)
        impliedVolatility = permute(impliedVolatility)
        vendorGamma = permute(vendorGamma)
        bid = permute(bid)
        ask = permute(ask)
    }

    /// Distinct expiry dates, ascending.
    public var expiries: [CivilDate] { Array(Set(keys.map(\.expiry))).sorted() }
}
