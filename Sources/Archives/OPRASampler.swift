import MarketModel

/// The state of an OPRA read: symbols, open interest, per-underlying builders, and the snapshot grid.
struct OPRASampler {
    let intervalSeconds: Int
    let limits: ArchiveLimits
    private var builders: [String: DayStoreBuilder] = [:]
    private var symbols: [Int64: ContractKey] = [:]
    private var defects = DefectCounts()
    private var rows = 0
    private var grid: [Instant] = []

    init(intervalSeconds: Int, limits: ArchiveLimits = .default) {
        self.intervalSeconds = intervalSeconds
        self.limits = limits
    }

    /// Latest quote of one contract in one file (per venue for books).
    struct QuoteState {
        var bid = Double.nan, ask = Double.nan, bidSize = Float(0), askSize = Float(0), nanoseconds: Int64 = 0
        var venues: [Int: (bid: Double, ask: Double, bidSize: Double, askSize: Double)] = [:]
    }

    private mutating func builder(for key: ContractKey) -> String {
        let symbol = key.underlyingSymbol
        if builders[symbol] == nil { builders[symbol] = DayStoreBuilder(underlying: symbol, hasVendorGreeks: false, hasQuoteAge: true) }
        return symbol
    }

    /// The snapshot instants of the trade date of `nanoseconds` (US/Eastern), made once.
    private mutating func ensureGrid(from nanoseconds: Int64) {
        guard grid.isEmpty else { return }
        let date = EasternTime.wallClock(of: Instant(secondsSinceEpoch: nanoseconds / 1_000_000_000)).date
        let open = EasternTime.instant(date: date, hour: 9, minute: 30)!, last = EasternTime.instant(date: date, hour: 16, minute: 15)!
        var t = open.adding(seconds: Int64(intervalSeconds))
        while t <= last { grid.append(t); t = t.adding(seconds: Int64(intervalSeconds)) }
    }

    mutating func consume(path: String, schema: OPRASchema) throws(ArchiveError) {
        var reader = LineReader(source: try ByteStream(path: path, maximumBytes: limits.maximumInputBytes),
                                maximumLineLength: limits.maximumLineBytes)
        var columns: [String: Int] = [:]
        var headerCount = 0  // header cells; `columns` may hold fewer when a name repeats
        var cells = ByteCSV()
        var states: [ContractKey: QuoteState] = [:]
        var next = 0, lastTime: Int64 = .min
        func column(_ name: String) -> Int? { columns[name] }
        try reader.forEachLine { line, number throws(ArchiveError) in
            if headerCount == 0 {
                let names = CSVLine.cells(Substring(String(decoding: line, as: UTF8.self)))
                for (i, name) in names.enumerated() where columns[String(name)] == nil { columns[String(name)] = i }
                headerCount = names.count
                return
            }
            if cells.isBlank(line) { return }
            rows += 1
            cells.split(line)
            guard cells.count == headerCount else {
                return defects.add("row has \(cells.count) fields, header has \(headerCount)", file: path, line: number)
            }
            func cell(_ name: String) -> UnsafeBufferPointer<UInt8>? { column(name).map { cells.cell($0, of: line) } }
            // Int64(exactly:): an id such as 1e30 or nan would trap in Int64(_:) (found by fuzzing).
            guard let id = cell("instrument_id").flatMap(DecimalParser.parse).flatMap({ Int64(exactly: $0) }) else {
                return defects.add("missing instrument_id", file: path, line: number)
            }
            if schema == .definition {
                guard let raw = cell("raw_symbol"), let key = ContractKey(osiBytes: raw) else {
                    return defects.add("definition with a malformed OSI symbol", file: path, line: number)
                }
                symbols[id] = key
                return
            }
            if symbols[id] == nil, let raw = cell("symbol"), let key = ContractKey(osiBytes: raw) { symbols[id] = key }
            guard let key = symbols[id] else { return defects.add("unknown instrument (no symbol column, no definition)", file: path, line: number) }
            guard let ts = cell("ts_recv").flatMap(DatabentoFields.nanoseconds) else {
                return defects.add("unreadable ts_recv", file: path, line: number)
            }
            let symbol = builder(for: key)
            if builders[symbol]!.contractCount >= limits.maximumContracts {  // the next new contract would pass the cap
                _ = builders[symbol]!.index(of: key)
                try limits.check(builders[symbol]!, file: path, line: number)
            }
            switch schema {
            case .statistics:
                guard cell("stat_type").flatMap(DecimalParser.parse) == 9 else { return }
                guard let oi = cell("quantity").flatMap(DecimalParser.parse), oi >= 0, oi < 1e9 else {
                    return defects.add("unreadable open interest quantity", file: path, line: number)
                }
                builders[symbol]!.setOpenInterest(oi, for: key)
                return
            case .definition:
                return
            case .consolidatedQuotes, .booksAndTrades, .trades:
                break
            }
            guard ts >= lastTime else { return defects.add("record out of time order", file: path, line: number) }
            lastTime = ts
            ensureGrid(from: ts)
            while next < grid.count, ts > grid[next].secondsSinceEpoch * 1_000_000_000 {
                emit(states, snapshot: next)
                next += 1
            }
            let action = cell("action").flatMap { $0.first } ?? 0
            if schema == .trades || action == 0x54 {  // 'T': a trade print
                guard let price = cell("price").flatMap(DatabentoFields.price), price.isFinite, price >= 0,
                      let size = cell("size").flatMap(DecimalParser.parse), size > 0 else {
                    return defects.add("trade with unreadable price or size", file: path, line: number)
                }
                let bid = schema == .trades ? .nan : (cell("bid_px_00").flatMap(DatabentoFields.price) ?? .nan)
                let ask = schema == .trades ? .nan : (cell("ask_px_00").flatMap(DatabentoFields.price) ?? .nan)
                builders[symbol]!.addTrade(contract: key, nanoseconds: cell("ts_event").flatMap(DatabentoFields.nanoseconds) ?? ts,
                                           price: price, size: size, bid: bid, ask: ask)
                return
            }
            guard let bid = cell("bid_px_00").flatMap(DatabentoFields.price), let ask = cell("ask_px_00").flatMap(DatabentoFields.price),
                  let bidSize = cell("bid_sz_00").flatMap(DecimalParser.parse), let askSize = cell("ask_sz_00").flatMap(DecimalParser.parse)
            else { return defects.add("quote with unreadable price or size", file: path, line: number) }
            var state = states[key] ?? QuoteState()
            state.nanoseconds = ts
            if schema == .booksAndTrades {
                let venue = cell("publisher_id").flatMap(DecimalParser.parse).flatMap { Int(exactly: $0) } ?? -1
                state.venues[venue] = (bid, ask, bidSize, askSize)
                let bids = state.venues.values.filter { $0.bid > 0 }, asks = state.venues.values.filter { $0.ask > 0 }
                let best = bids.max { $0.bid < $1.bid }, bestAsk = asks.min { $0.ask < $1.ask }
                state.bid = best?.bid ?? .nan
                state.bidSize = Float(best?.bidSize ?? 0)
                state.ask = bestAsk?.ask ?? .nan
                state.askSize = Float(bestAsk?.askSize ?? 0)
            } else {
                (state.bid, state.ask, state.bidSize, state.askSize) = (bid, ask, Float(bidSize), Float(askSize))
            }
            states[key] = state
        }
        while next < grid.count, !states.isEmpty {
            emit(states, snapshot: next)
            next += 1
        }
    }

    /// Records every quoted contract's last NBBO at snapshot `t`, with its age.
    private mutating func emit(_ states: [ContractKey: QuoteState], snapshot t: Int) {
        let instant = grid[t]
        for (key, s) in states where !(s.bid.isNaN && s.ask.isNaN) {
            var bid = s.bid, ask = s.ask
            if bid > ask { (bid, ask) = (.nan, .nan) }  // crossed NBBO: unusable at this instant
            let age = Float(Double(instant.secondsSinceEpoch * 1_000_000_000 - s.nanoseconds) / 1e9)
            builders[key.underlyingSymbol]!.add(
                contract: key, time: instant,
                quote: DayStoreBuilder.Quote(bid: bid, ask: ask, bidSize: s.bidSize, askSize: s.askSize, age: age),
                spot: .nan, spotSource: .missing, openInterest: .nan)
        }
    }

    mutating func finish(files: [String]) -> ArchiveDay {
        var stores: [DayStore] = []
        for symbol in builders.keys.sorted() {
            var b = builders.removeValue(forKey: symbol)!  // sole owner: finish() frees rows as it goes
            stores.append(b.finish())
        }
        return ArchiveDay(stores: stores, rowsRead: rows, defects: defects, unknownColumns: [:], files: files.map { ($0, 0) })
    }
}
