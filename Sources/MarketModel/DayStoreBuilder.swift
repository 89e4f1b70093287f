/// Builds a `DayStore` from quote rows arriving in any order (by contract, by time, or mixed).
///
/// Contracts and times are numbered as they are first seen; each snapshot keeps a row that grows
/// to the contracts seen so far. `finish()` sorts contracts and times and copies each snapshot row
/// into the final snapshot-major grid, releasing it as it goes, so peak memory stays near one grid.
public struct DayStoreBuilder {
    /// One quote row's values.
    public struct Quote: Sendable {
        /// Bid, ask (per share), sizes (contracts).
        public var bid, ask: Double
        /// Sizes in contracts; never NaN in a recorded row (use 0 when the source has none), since
        /// NaN sizes mark a cell with no row.
        public var bidSize, askSize: Float
        /// Vendor IV and gamma (NaN when absent).
        public var vendorIV, vendorGamma: Double
        /// Seconds since the quote was set (NaN when the source has no quote times).
        public var age: Float

        /// Memberwise initialiser.
        public init(bid: Double, ask: Double, bidSize: Float, askSize: Float, vendorIV: Double = .nan, vendorGamma: Double = .nan,
                    age: Float = .nan) {
            self.bid = bid
            self.ask = ask
            self.bidSize = bidSize
            self.askSize = askSize
            self.vendorIV = vendorIV
            self.vendorGamma = vendorGamma
            self.age = age
        }
    }

    /// Underlying symbol.
    public let underlying: String
    /// Whether the source carries vendor IV/gamma columns.
    public let hasVendorGreeks: Bool
    /// Whether the source carries quote times (tick data): the store then has a quote-age column.
    public let hasQuoteAge: Bool
    /// Trade prints, with contract indices in discovery order until `finish()` renumbers them.
    private var trades = TradePrints()
    /// Contract index by packed key (root id, expiry day, strike × 1000, right): an integer hash per row
    /// instead of hashing the root string.
    private var contractIndex: [UInt64: Int] = [:]
    private var rootIds: [String: UInt64] = [:]
    /// Keys outside the packed ranges (hostile input: > 8,192 roots, absurd strikes or dates).
    private var unpackableIndex: [ContractKey: Int] = [:]
    private var lastRoot: (root: String, id: UInt64)?
    private var contracts: [ContractKey] = []
    private var openInterest: [Double] = []
    private var timeIndex: [Instant: Int] = [:]
    private var times: [Instant] = []
    private var rows: [[Quote]] = []
    private var spots: [(value: Double, source: SpotSource)] = []
    /// Rows that repeated a (contract, time) already seen; the first is kept.
    public private(set) var duplicates = 0

    /// Starts an empty day.
    public init(underlying: String, hasVendorGreeks: Bool, hasQuoteAge: Bool = false) {
        self.underlying = underlying
        self.hasVendorGreeks = hasVendorGreeks
        self.hasQuoteAge = hasQuoteAge
    }

    /// The index of `contract`, registering it (with NaN open interest) when new.
    public mutating func index(of contract: ContractKey) -> Int {
        let packed = packedKey(contract)
        if let packed, let known = contractIndex[packed] { return known }
        if packed == nil, let known = unpackableIndex[contract] { return known }
        let c = contracts.count
        if let packed { contractIndex[packed] = c } else { unpackableIndex[contract] = c }
        contracts.append(contract)
        openInterest.append(.nan)
        return c
    }

    /// Sets a contract's start-of-day open interest (the first value given is kept).
    public mutating func setOpenInterest(_ oi: Double, for contract: ContractKey) {
        let c = index(of: contract)
        if openInterest[c].isNaN { openInterest[c] = oi }
    }

    /// Records a trade print (prints must arrive in time order).
    public mutating func addTrade(contract: ContractKey, nanoseconds: Int64, price: Double, size: Double, bid: Double, ask: Double) {
        trades.append(contract: Int32(index(of: contract)), nanoseconds: nanoseconds, price: price, size: size, bid: bid, ask: ask)
    }

    static let empty = Quote(bid: .nan, ask: .nan, bidSize: .nan, askSize: .nan)

    /// Adds one row. `spot` is the underlying price the row carries for its time (the first
    /// non-missing one per snapshot is kept); `openInterest` the contract's start-of-day OI.
    public mutating func add(contract: ContractKey, time: Instant, quote: Quote, spot: Double, spotSource: SpotSource,
                             openInterest oi: Double) {
        let c = index(of: contract)
        if openInterest[c].isNaN, !oi.isNaN { openInterest[c] = oi }
        let t: Int
        if let known = timeIndex[time] {
            t = known
        } else {
            t = times.count
            timeIndex[time] = t
            times.append(time)
            rows.append([])
            spots.append((.nan, .missing))
        }
        if spots[t].source == .missing, spotSource != .missing { spots[t] = (spot, spotSource) }
        if rows[t].count <= c { rows[t].append(contentsOf: repeatElement(Self.empty, count: c + 1 - rows[t].count)) }
        if !rows[t][c].bidSize.isNaN {  // a row was already recorded (sizes are NaN only in empty cells)
            duplicates += 1
            return
        }
        rows[t][c] = quote
    }

    /// Contracts seen so far.
    public var contractCount: Int { contracts.count }
    /// Distinct snapshot times seen so far.
    public var snapshotCount: Int { times.count }

    /// The finished store.
    public mutating func finish() -> DayStore {
        let contractOrder = contracts.indices.sorted { contracts[$0] < contracts[$1] }
        let timeOrder = times.indices.sorted { times[$0] < times[$1] }
        let n = contracts.count, cells = n * times.count
        var bid = [Double](repeating: .nan, count: cells), ask = bid
        var bidSize = [Float](repeating: .nan, count: cells), askSize = bidSize
        var iv: [Double]? = hasVendorGreeks ? bid : nil, gamma: [Double]? = hasVendorGreeks ? bid : nil
        var age: [Float]? = hasQuoteAge ? bidSize : nil
        for (tNew, tOld) in timeOrder.enumerated() {
            let row = rows[tOld]
            for (cNew, cOld) in contractOrder.enumerated() where cOld < row.count {
                let q = row[cOld], k = tNew * n + cNew
                bid[k] = q.bid
                ask[k] = q.ask
                bidSize[k] = q.bidSize
                askSize[k] = q.askSize
                iv?[k] = q.vendorIV
                gamma?[k] = q.vendorGamma
                age?[k] = q.age
            }
            rows[tOld] = []  // release as we go
        }
        return DayStore(
            underlying: underlying, contracts: contractOrder.map { contracts[$0] },
            multiplier: [Double](repeating: 100, count: n), openInterest: contractOrder.map { openInterest[$0] },
            times: timeOrder.map { times[$0] }, bid: bid, ask: ask, bidSize: bidSize, askSize: askSize,
            spot: timeOrder.map { spots[$0].value }, spotSource: timeOrder.map { spots[$0].source },
            vendorIV: iv, vendorGamma: gamma, quoteAge: age, trades: renumberedTrades(contractOrder))
    }

    /// Trades with contract indices mapped to the sorted order; nil when none were recorded.
    private func renumberedTrades(_ contractOrder: [Int]) -> TradePrints? {
        guard trades.count > 0 else { return nil }
        var newIndex = [Int32](repeating: 0, count: contractOrder.count)
        for (new, old) in contractOrder.enumerated() { newIndex[old] = Int32(new) }
        var out = trades
        out.contract = trades.contract.map { newIndex[Int($0)] }
        return out
    }

    /// Root id (13 bits) | expiry days since 1970 (16 bits) | strike × 1000 (34 bits) | right (1 bit);
    /// nil outside those ranges.
    private mutating func packedKey(_ key: ContractKey) -> UInt64? {
        let rootId: UInt64
        if let last = lastRoot, last.root == key.root {
            rootId = last.id
        } else {
            rootId = rootIds[key.root] ?? {
                let id = UInt64(rootIds.count)
                rootIds[key.root] = id
                return id
            }()
            lastRoot = (key.root, rootId)
        }
        let days = key.expiry.daysSinceEpoch
        guard rootId < 1 << 13, key.strikeMilli >= 0, key.strikeMilli < 1 << 34, days >= 0, days < 1 << 16 else { return nil }
        return rootId << 51 | UInt64(days) << 35 | UInt64(key.strikeMilli) << 1 | UInt64(key.right.rawValue)
    }
}
