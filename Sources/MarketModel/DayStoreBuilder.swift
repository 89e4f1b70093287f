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
    /// Packed key of each contract index (`UInt64.max` when unpackable), and the index handed out
    /// last: files list contracts in the same order every snapshot, so the next row is usually the
    /// next index, checked with one comparison before any hashing.
    private var packedKeys: [UInt64] = []
    private var lastContract = -1
    private var lastTimeSlot = -1
    private var contracts: [ContractKey] = []
    private var openInterest: [Double] = []
    private var timeIndex: [Instant: Int] = [:]
    private var times: [Instant] = []
    private var rows: [Row] = []

    /// One snapshot's cells in column form (40 bytes per cell with vendor greeks, 24 without):
    /// the same layout as the final grid, so `finish()` moves rows instead of converting them.
    private struct Row {
        var bid: [Double] = [], ask: [Double] = [], bidSize: [Float] = [], askSize: [Float] = []
        var iv: [Double] = [], gamma: [Double] = [], age: [Float] = []
        var count: Int { bid.count }

        init(capacity: Int, vendorGreeks: Bool, quoteAge: Bool) {
            bid.reserveCapacity(capacity); ask.reserveCapacity(capacity)
            bidSize.reserveCapacity(capacity); askSize.reserveCapacity(capacity)
            if vendorGreeks { iv.reserveCapacity(capacity); gamma.reserveCapacity(capacity) }
            if quoteAge { age.reserveCapacity(capacity) }
        }

        /// Extends the row with empty cells (NaN sizes mark a cell without a quote) to `count` cells.
        mutating func grow(to count: Int, vendorGreeks: Bool, quoteAge: Bool) {
            let extra = count - bid.count
            guard extra > 0 else { return }
            bid.append(contentsOf: repeatElement(.nan, count: extra)); ask.append(contentsOf: repeatElement(.nan, count: extra))
            bidSize.append(contentsOf: repeatElement(.nan, count: extra)); askSize.append(contentsOf: repeatElement(.nan, count: extra))
            if vendorGreeks {
                iv.append(contentsOf: repeatElement(.nan, count: extra)); gamma.append(contentsOf: repeatElement(.nan, count: extra))
            }
            if quoteAge { age.append(contentsOf: repeatElement(.nan, count: extra)) }
        }
    }
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
        if let packed {
            let next = lastContract + 1
            if next < packedKeys.count, packedKeys[next] == packed { lastContract = next; return next }
            if let known = contractIndex[packed] { lastContract = known; return known }
        } else if let known = unpackableIndex[contract] {
            return known
        }
        let c = contracts.count
        if let packed { contractIndex[packed] = c } else { unpackableIndex[contract] = c }
        contracts.append(contract)
        packedKeys.append(packed ?? .max)
        openInterest.append(.nan)
        lastContract = c
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


    /// Adds one row. `spot` is the underlying price the row carries for its time (the first
    /// non-missing one per snapshot is kept); `openInterest` the contract's start-of-day OI.
    public mutating func add(contract: ContractKey, time: Instant, quote: Quote, spot: Double, spotSource: SpotSource,
                             openInterest oi: Double) {
        let c = index(of: contract)
        if openInterest[c].isNaN, !oi.isNaN { openInterest[c] = oi }
        let t: Int
        if lastTimeSlot >= 0, times[lastTimeSlot] == time {
            t = lastTimeSlot
        } else if let known = timeIndex[time] {
            t = known
            lastTimeSlot = t
        } else {
            t = times.count
            timeIndex[time] = t
            times.append(time)
            // Every contract known so far: no doubling slack per snapshot.
            rows.append(Row(capacity: contracts.count, vendorGreeks: hasVendorGreeks, quoteAge: hasQuoteAge))
            spots.append((.nan, .missing))
            lastTimeSlot = t
        }
        if spots[t].source == .missing, spotSource != .missing { spots[t] = (spot, spotSource) }
        // To every contract known so far at once (not one cell per row): empty cells are NaN either way.
        if rows[t].count <= c { rows[t].grow(to: contracts.count, vendorGreeks: hasVendorGreeks, quoteAge: hasQuoteAge) }
        if !rows[t].bidSize[c].isNaN {  // a row was already recorded (sizes are NaN only in empty cells)
            duplicates += 1
            return
        }
        rows[t].bid[c] = quote.bid
        rows[t].ask[c] = quote.ask
        rows[t].bidSize[c] = quote.bidSize
        rows[t].askSize[c] = quote.askSize
        if hasVendorGreeks { rows[t].iv[c] = quote.vendorIV; rows[t].gamma[c] = quote.vendorGamma }
        if hasQuoteAge { rows[t].age[c] = quote.age }
    }

    /// Moves the rows of `later` into this builder as if they had been added here after this
    /// builder's own rows, in `later`'s order: the finished store, `duplicates`, open interest (first
    /// known value per contract) and spots (first known per snapshot) come out exactly as from one
    /// builder fed with both row sequences. `later` is re-indexed to this builder's contract and time
    /// numbering; a (contract, time) already filled here counts as a duplicate and `later`'s row is dropped.
    /// Vendor-greek and quote-age columns absent from `later` read as NaN here; extra ones are dropped.
    /// Trade prints are appended (they must come later in time).
    public mutating func absorb(_ later: consuming DayStoreBuilder) {
        var other = later
        if contracts.isEmpty, times.isEmpty, trades.count == 0, duplicates == 0, underlying == other.underlying,
           hasVendorGreeks == other.hasVendorGreeks, hasQuoteAge == other.hasQuoteAge {
            self = other  // nothing here yet: `later` is the answer as it stands
            return
        }
        var contractMap = [Int](repeating: 0, count: other.contracts.count)
        var identity = true
        for (c, key) in other.contracts.enumerated() {
            let mine = index(of: key)
            contractMap[c] = mine
            identity = identity && mine == c
            if openInterest[mine].isNaN, !other.openInterest[c].isNaN { openInterest[mine] = other.openInterest[c] }
        }
        let sameColumns = hasVendorGreeks == other.hasVendorGreeks && hasQuoteAge == other.hasQuoteAge
        for (tOther, time) in other.times.enumerated() {
            var row = other.rows[tOther]
            other.rows[tOther] = Row(capacity: 0, vendorGreeks: false, quoteAge: false)  // `row` is the only owner
            let spot = other.spots[tOther]
            let t: Int
            if let known = timeIndex[time] {
                t = known
                if spots[t].source == .missing, spot.source != .missing { spots[t] = spot }
            } else {
                t = times.count
                timeIndex[time] = t
                times.append(time)
                spots.append(spot)
                if identity, sameColumns {  // same numbering: the row moves as it is
                    rows.append(row)
                    continue
                }
                rows.append(Row(capacity: contracts.count, vendorGreeks: hasVendorGreeks, quoteAge: hasQuoteAge))
            }
            for c in 0..<row.count where !row.bidSize[c].isNaN {
                let mine = contractMap[c]
                if rows[t].count <= mine { rows[t].grow(to: contracts.count, vendorGreeks: hasVendorGreeks, quoteAge: hasQuoteAge) }
                if !rows[t].bidSize[mine].isNaN {
                    duplicates += 1
                    continue
                }
                rows[t].bid[mine] = row.bid[c]
                rows[t].ask[mine] = row.ask[c]
                rows[t].bidSize[mine] = row.bidSize[c]
                rows[t].askSize[mine] = row.askSize[c]
                if hasVendorGreeks {
                    rows[t].iv[mine] = other.hasVendorGreeks ? row.iv[c] : .nan
                    rows[t].gamma[mine] = other.hasVendorGreeks ? row.gamma[c] : .nan
                }
                if hasQuoteAge { rows[t].age[mine] = other.hasQuoteAge ? row.age[c] : .nan }
            }
            row = Row(capacity: 0, vendorGreeks: false, quoteAge: false)
        }
        duplicates += other.duplicates
        for k in 0..<other.trades.count {
            trades.append(contract: Int32(contractMap[Int(other.trades.contract[k])]), nanoseconds: other.trades.nanoseconds[k],
                          price: other.trades.price[k], size: other.trades.size[k], bid: other.trades.bid[k], ask: other.trades.ask[k])
        }
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
        // The grid grows one snapshot row at a time while the builder's rows are released, so peak
        // memory stays near one copy of the day (reserved capacity is not touched until written).
        var bid = [Double](), ask = [Double](), bidSize = [Float](), askSize = [Float]()
        bid.reserveCapacity(cells); ask.reserveCapacity(cells); bidSize.reserveCapacity(cells); askSize.reserveCapacity(cells)
        var iv: [Double]? = hasVendorGreeks ? [] : nil, gamma: [Double]? = hasVendorGreeks ? [] : nil
        var age: [Float]? = hasQuoteAge ? [] : nil
        iv?.reserveCapacity(cells); gamma?.reserveCapacity(cells); age?.reserveCapacity(cells)
        let identity = contractOrder.elementsEqual(contracts.indices)
        for tOld in timeOrder {
            var row = rows[tOld]
            rows[tOld] = Row(capacity: 0, vendorGreeks: false, quoteAge: false)  // release as we go
            row.grow(to: n, vendorGreeks: hasVendorGreeks, quoteAge: hasQuoteAge)
            if identity {  // contracts arrived in sorted order (the usual file layout): move the columns
                bid.append(contentsOf: row.bid); ask.append(contentsOf: row.ask)
                bidSize.append(contentsOf: row.bidSize); askSize.append(contentsOf: row.askSize)
                iv?.append(contentsOf: row.iv); gamma?.append(contentsOf: row.gamma); age?.append(contentsOf: row.age)
            } else {
                for cOld in contractOrder {
                    bid.append(row.bid[cOld]); ask.append(row.ask[cOld])
                    bidSize.append(row.bidSize[cOld]); askSize.append(row.askSize[cOld])
                    if hasVendorGreeks { iv!.append(row.iv[cOld]); gamma!.append(row.gamma[cOld]) }
                    if hasQuoteAge { age!.append(row.age[cOld]) }
                }
            }
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
