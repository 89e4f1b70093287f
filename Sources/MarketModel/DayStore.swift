/// Where a snapshot's underlying price came from.
public enum SpotSource: UInt8, Sendable, Codable, CaseIterable {
    /// No price: the snapshot cannot be valued until a forward is implied from the options.
    case missing = 0
    /// Mid of the underlying's bid and ask.
    case underlyingMid = 1
    /// The vendor's `active_underlying_price` (DataShop; used when the index bid/ask are zero).
    case activeUnderlying = 2
    /// The last trade / `Last:` value of a chain file.
    case last = 3

    /// Lower-case name for metadata.
    public var name: String {
        switch self {
        case .missing: return "missing"
        case .underlyingMid: return "underlying-mid"
        case .activeUnderlying: return "active-underlying-price"
        case .last: return "last"
        }
    }
}

/// One underlying's trading day: contracts × snapshots, structure of arrays.
///
/// - Contracts are sorted by `ContractKey` (each expiry contiguous, call/put pairs adjacent).
/// - Times are ascending UTC instants (a DataShop `quote_datetime` labels the interval end).
/// - Quote columns are snapshot-major: element `t * contractCount + c` is contract `c` at time `t`;
///   NaN bid/ask where the source had no row or an unusable (crossed) quote; NaN sizes only where
///   it had no row. Prices per share in the underlying's price units; sizes in
///   contracts. Vendor IV/gamma columns are present only when the source carried them (validation).
/// - Open interest is the start-of-day figure, one per contract.
public struct DayStore: Sendable {
    /// Underlying symbol as the source writes it (e.g. "SPX", "^VIX").
    public let underlying: String
    /// Contracts, sorted.
    public let contracts: [ContractKey]
    /// Settlement instant of each contract (`ContractKey.settlementInstant`, computed once per
    /// root and expiry here rather than per contract and snapshot downstream).
    public let settlement: [Instant]
    /// Shares per contract.
    public let multiplier: [Double]
    /// Start-of-day open interest (NaN when the source has none).
    public let openInterest: [Double]
    /// Snapshot instants, ascending.
    public let times: [Instant]
    /// Best bid, snapshot-major.
    public let bid: [Double]
    /// Best ask, snapshot-major.
    public let ask: [Double]
    /// Bid size, snapshot-major.
    public let bidSize: [Float]
    /// Ask size, snapshot-major.
    public let askSize: [Float]
    /// Underlying price per snapshot and where it came from.
    public let spot: [Double]
    /// Source of each `spot`.
    public let spotSource: [SpotSource]
    /// Vendor implied volatility, snapshot-major, when the source has it.
    public let vendorIV: [Double]?
    /// Vendor gamma, snapshot-major, when the source has it.
    public let vendorGamma: [Double]?
    /// Seconds between each quote and its snapshot instant (tick sources), snapshot-major.
    public let quoteAge: [Float]?
    /// Trade prints with their prevailing NBBO (tick sources), time order.
    public let trades: TradePrints?
    /// Distinct strikes of the contracts (strike × 1000), ascending.
    public let strikesMilli: [Int64]
    /// Per contract: its strike's index in `strikesMilli` (dense per-strike sums index by it).
    public let strikeSlot: [Int32]

    /// Number of contracts.
    public var contractCount: Int { contracts.count }
    /// Number of snapshots.
    public var snapshotCount: Int { times.count }

    /// Creates a store; every snapshot-major column must hold `times.count × contracts.count` values.
    public init(underlying: String, contracts: [ContractKey], multiplier: [Double], openInterest: [Double],
                times: [Instant], bid: [Double], ask: [Double], bidSize: [Float], askSize: [Float],
                spot: [Double], spotSource: [SpotSource], vendorIV: [Double]?, vendorGamma: [Double]?,
                quoteAge: [Float]? = nil, trades: TradePrints? = nil) {
        let cells = contracts.count * times.count
        precondition(bid.count == cells && ask.count == cells && bidSize.count == cells && askSize.count == cells,
                     "quote columns must be snapshots × contracts")
        precondition(multiplier.count == contracts.count && openInterest.count == contracts.count)
        precondition(spot.count == times.count && spotSource.count == times.count)
        precondition(vendorIV.map { $0.count == cells } ?? true && vendorGamma.map { $0.count == cells } ?? true)
        precondition(quoteAge.map { $0.count == cells } ?? true)
        self.underlying = underlying
        self.contracts = contracts
        var settlements: [Instant] = []
        settlements.reserveCapacity(contracts.count)
        var last: (root: String, expiry: CivilDate, instant: Instant)?
        for key in contracts {  // sorted: each (root, expiry) is contiguous
            if let l = last, l.expiry == key.expiry, l.root == key.root { settlements.append(l.instant); continue }
            let instant = key.settlementInstant
            last = (key.root, key.expiry, instant)
            settlements.append(instant)
        }
        self.settlement = settlements
        let strikes = Array(Set(contracts.map(\.strikeMilli))).sorted()
        let slotOf = Dictionary(uniqueKeysWithValues: strikes.enumerated().map { ($1, Int32($0)) })
        strikesMilli = strikes
        strikeSlot = contracts.map { slotOf[$0.strikeMilli]! }
        self.multiplier = multiplier
        self.openInterest = openInterest
        self.times = times
        self.bid = bid
        self.ask = ask
        self.bidSize = bidSize
        self.askSize = askSize
        self.spot = spot
        self.spotSource = spotSource
        self.vendorIV = vendorIV
        self.vendorGamma = vendorGamma
        self.quoteAge = quoteAge
        self.trades = trades
    }

    /// The chain at snapshot `t`, for the levels engine: contracts with a row at `t` and
    /// settlement after `times[t]`; vendor IV when present, else NaN.
    public func chain(at t: Int) -> ChainSnapshot {
        var chain = ChainSnapshot(underlying: underlying, asOf: times[t], spot: spot[t])
        let base = t * contractCount
        for c in 0..<contractCount {
            let b = bid[base + c], a = ask[base + c]
            guard !bidSize[base + c].isNaN, settlement[c] > times[t] else { continue }
            chain.append(key: contracts[c], multiplier: multiplier[c],
                         openInterest: openInterest[c].isNaN ? 0 : openInterest[c],
                         impliedVolatility: vendorIV?[base + c] ?? .nan, vendorGamma: vendorGamma?[base + c] ?? .nan,
                         bid: b, ask: a)
        }
        return chain
    }
}

extension DayStore {
    /// This store with its open interest replaced by `openInterest(key)` wherever that gives a value
    /// (a separate start-of-day OI file); contracts it has no value for keep theirs.
    /// Returns the new store and how many contracts took a value.
    public func replacingOpenInterest(_ openInterest: (ContractKey) -> Double?) -> (store: DayStore, matched: Int) {
        var oi = self.openInterest
        var matched = 0
        for (c, key) in contracts.enumerated() {
            if let value = openInterest(key) { oi[c] = value; matched += 1 }
        }
        let store = DayStore(underlying: underlying, contracts: contracts, multiplier: multiplier, openInterest: oi, times: times,
                             bid: bid, ask: ask, bidSize: bidSize, askSize: askSize, spot: spot, spotSource: spotSource,
                             vendorIV: vendorIV, vendorGamma: vendorGamma, quoteAge: quoteAge, trades: trades)
        return (store, matched)
    }
}
