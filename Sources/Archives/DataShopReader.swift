import MarketModel
import OptionsMath

/// What a DataShop read produced: one day store per underlying, and what was skipped.
public struct ArchiveDay: Sendable {
    /// Day stores, by underlying symbol, in symbol order.
    public let stores: [DayStore]
    /// Data rows read (all files).
    public let rowsRead: Int
    /// Skipped rows by reason.
    public let defects: DefectCounts
    /// Header names the reader did not use, per file.
    public let unknownColumns: [String: [String]]
    /// Files read and their on-disk sizes in bytes.
    public let files: [(path: String, bytes: Int)]
}

/// Reads Cboe DataShop Option Quote Intervals CSVs (any interval; plain or `.gz`; LF or CRLF;
/// basic, calcs, OI, calcs + OI, and the EOD Summary layout) into day stores, streaming.
///
/// `quote_datetime` is US/Eastern wall clock labelling the interval end. The underlying price per
/// snapshot is the mid of `underlying_bid/ask` when both are positive, else
/// `active_underlying_price` when positive (index files without an index licence have zero
/// bid/ask), else missing — the source is recorded per snapshot. Several files (e.g. split by
/// root) merge into one store per underlying. Row defects are skipped and counted by reason;
/// header defects throw `ArchiveError` with file and line.
public enum DataShopReader {
    /// Reads and merges `paths`, refusing inputs over `limits` (contracts and snapshots per
    /// underlying, line length, decompressed bytes per file) with an error naming the file and cap.
    public static func read(paths: [String], limits: ArchiveLimits = .default) throws(ArchiveError) -> ArchiveDay {
        var builders: [String: DayStoreBuilder] = [:]
        var defects = DefectCounts()
        var unknown: [String: [String]] = [:]
        var files: [(String, Int)] = []
        var rowsRead = 0
        for path in paths {
            let source = try ByteStream(path: path, maximumBytes: limits.maximumInputBytes)
            var reader = LineReader(source: source, maximumLineLength: limits.maximumLineBytes)
            var rows: DataShopRows?
            try reader.forEachLine { line, number throws(ArchiveError) in
                if rows == nil {
                    let header = CSVLine.cells(Substring(String(decoding: line, as: UTF8.self))).map(String.init)
                    let columns = try DataShopColumns(header: header, file: path, line: number)
                    unknown[path] = columns.unknown
                    rows = DataShopRows(columns: columns, file: path, limits: limits)
                    return
                }
                try rows!.add(line: line, number: number, into: &builders, defects: &defects)
            }
            guard let rows else { throw ArchiveError(.badData, file: path, reason: "empty file: no DataShop header") }
            for builder in builders.values { try limits.check(builder, file: path, line: nil) }
            guard rows.rowCount > 0 else { throw ArchiveError(.badData, file: path, line: 2, reason: "no data rows after the header") }
            rowsRead += rows.rowCount
            files.append((path, source.bytesRead))
        }
        var stores: [DayStore] = []
        for symbol in builders.keys.sorted() {
            var builder = builders[symbol]!
            defects.add("duplicate row (same contract and time)", count: builder.duplicates, file: paths.joined(separator: ","))
            stores.append(builder.finish())
        }
        if stores.isEmpty {
            let reasons = defects.entries.sorted { $0.key < $1.key }.map { "\($0.value.count) × \($0.key)" }.joined(separator: "; ")
            throw ArchiveError(.badData, file: paths.joined(separator: ", "), reason: "no usable rows: every data row was skipped (\(reasons))")
        }
        return ArchiveDay(stores: stores, rowsRead: rowsRead, defects: defects, unknownColumns: unknown, files: files)
    }
}

/// Row parsing for one DataShop file.
struct DataShopRows {
    let columns: DataShopColumns
    let file: String
    let limits: ArchiveLimits
    private(set) var rowCount = 0
    private var cells = ByteCSV()
    private var timeCache: [UInt64: Instant] = [:]
    private var dateCache: [UInt64: CivilDate] = [:]

    init(columns: DataShopColumns, file: String, limits: ArchiveLimits = .default) {
        self.columns = columns
        self.file = file
        self.limits = limits
    }

    mutating func add(line: UnsafeBufferPointer<UInt8>, number: Int, into builders: inout [String: DayStoreBuilder],
                      defects: inout DefectCounts) throws(ArchiveError) {
        if cells.isBlank(line) { return }
        rowCount += 1
        cells.split(line)
        guard cells.ranges.count == columns.count else {
            return defects.add("row has \(cells.ranges.count) fields, header has \(columns.count)", file: file, line: number)
        }
        guard let time = instant(cells.cell(columns.time, of: line)) else {
            return defects.add("unreadable or nonexistent quote time", file: file, line: number)
        }
        guard let expiry = date(cells.cell(columns.expiration, of: line)) else {
            return defects.add("unreadable expiration date", file: file, line: number)
        }
        guard let strike = DecimalParser.parse(cells.cell(columns.strike, of: line)), strike > 0, strike < 1e7 else {
            return defects.add("strike missing, zero, negative or absurd", file: file, line: number)
        }
        let typeCell = cells.cell(columns.optionType, of: line)
        guard typeCell.count == 1, let right: OptionRight = typeCell[0] == 0x43 || typeCell[0] == 0x63 ? .call
                : (typeCell[0] == 0x50 || typeCell[0] == 0x70 ? .put : nil) else {
            return defects.add("option_type is not C or P", file: file, line: number)
        }
        let rootBytes = cells.cell(columns.root, of: line)
        guard rootBytes.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A) || $0 == 0x20 })
        else { return defects.add("root is not ASCII letters and digits", file: file, line: number) }
        let rootText = String(decoding: rootBytes, as: UTF8.self).trimmingWhitespace
        guard !rootText.isEmpty, rootText.count <= 6 else { return defects.add("missing or overlong root", file: file, line: number) }
        guard expiry.daysSinceEpoch - EasternTime.wallClock(of: time).date.daysSinceEpoch <= 3660 else {
            return defects.add("expiry more than 10 years after the quote date", file: file, line: number)
        }
        let key = ContractKey(root: rootText.uppercased(), expiry: expiry, strikeMilli: Int64((strike * 1000).rounded()), right: right)
        guard key.settlementInstant > time else { return defects.add("contract already settled at the quote time", file: file, line: number) }
        guard let bid = value(columns.bid, line), let ask = value(columns.ask, line),
              let bidSize = optional(columns.bidSize, line), let askSize = optional(columns.askSize, line),
              let underlyingBid = optional(columns.underlyingBid, line), let underlyingAsk = optional(columns.underlyingAsk, line),
              let active = optional(columns.activeUnderlying, line), let iv = optional(columns.impliedVolatility, line),
              let gamma = optional(columns.gamma, line), let oi = optional(columns.openInterest, line)
        else { return defects.add("non-numeric or non-finite field", file: file, line: number) }
        guard bid >= 0, ask >= 0 else { return defects.add("negative bid or ask", file: file, line: number) }
        guard bid < 1e7, ask < 1e7 else { return defects.add("absurd bid or ask (≥ 1e7)", file: file, line: number) }
        var quoteBid = bid, quoteAsk = ask
        if bid > ask {  // crossed (an ask of 0 below a positive bid included): the quote is unusable, the row (OI, presence) is kept
            defects.add("crossed quote (bid > ask): quote dropped, row kept", file: file, line: number)
            quoteBid = .nan
            quoteAsk = .nan
        }
        let (spot, source): (Double, SpotSource) =
            underlyingBid > 0 && underlyingAsk > 0 && underlyingAsk >= underlyingBid ? (0.5 * (underlyingBid + underlyingAsk), .underlyingMid)
            : (active > 0 ? (active, .activeUnderlying) : (.nan, .missing))
        let symbol = String(decoding: cells.cell(columns.underlying, of: line), as: UTF8.self).trimmingWhitespace
        let quote = DayStoreBuilder.Quote(bid: quoteBid, ask: quoteAsk,
                                          bidSize: bidSize.isNaN ? 0 : Float(bidSize), askSize: askSize.isNaN ? 0 : Float(askSize),
                                          vendorIV: iv, vendorGamma: gamma)
        builders[symbol, default: DayStoreBuilder(underlying: symbol, hasVendorGreeks: columns.impliedVolatility != nil)]
            .add(contract: key, time: time, quote: quote, spot: spot, spotSource: source, openInterest: oi)
        // Checked every 256 rows (and after each file): the overshoot is bounded, the hot loop stays cheap.
        if rowCount & 255 == 0 { try limits.check(builders[symbol]!, file: file, line: number) }
    }

    /// A required number (nil when missing or not a finite number).
    private func value(_ column: Int, _ line: UnsafeBufferPointer<UInt8>) -> Double? {
        guard let v = DecimalParser.parse(cells.cell(column, of: line)), v.isFinite else { return nil }
        return v
    }

    /// An optional column: NaN when the layout lacks it or the cell is empty; nil when unreadable.
    private func optional(_ column: Int?, _ line: UnsafeBufferPointer<UInt8>) -> Double? {
        guard let column else { return .nan }
        let cell = cells.cell(column, of: line)
        if cell.allSatisfy({ $0 == 0x20 }) { return .nan }
        return value(column, line)
    }

    /// `YYYY-MM-DD HH:MM:SS` (US/Eastern) → instant; EOD layout: `YYYY-MM-DD` at 15:45.
    private mutating func instant(_ cell: UnsafeBufferPointer<UInt8>) -> Instant? {
        guard let packed = Self.pack(cell) else { return nil }
        if let cached = timeCache[packed] { return cached }
        let text = String(decoding: cell, as: UTF8.self).trimmingWhitespace
        let parts = text.split(separator: " ")
        let result: Instant?
        if columns.endOfDay, parts.count == 1, let d = Self.isoDate(parts[0]) {
            result = EasternTime.instant(date: d, hour: 15, minute: 45)
        } else if parts.count == 2, let d = Self.isoDate(parts[0]) {
            let hms = parts[1].split(separator: ":").compactMap { Int($0) }
            result = hms.count == 3 && (0..<24).contains(hms[0]) && (0..<60).contains(hms[1]) && (0..<60).contains(hms[2])
                ? EasternTime.instant(date: d, hour: hms[0], minute: hms[1], second: hms[2]) : nil
        } else {
            result = nil
        }
        if let result { timeCache[packed] = result }
        return result
    }

    private mutating func date(_ cell: UnsafeBufferPointer<UInt8>) -> CivilDate? {
        guard let packed = Self.pack(cell) else { return nil }
        if let cached = dateCache[packed] { return cached }
        let d = Self.isoDate(Substring(String(decoding: cell, as: UTF8.self).trimmingWhitespace))
        if let d { dateCache[packed] = d }
        return d
    }

    /// An exact cache key for `YYYY-MM-DD` or `YYYY-MM-DD HH:MM:SS`: the digits as 4-bit nibbles
    /// plus the length (collision-free); nil for any other shape (then parsed and refused uncached).
    static func pack(_ cell: UnsafeBufferPointer<UInt8>) -> UInt64? {
        guard cell.count == 10 || cell.count == 19 else { return nil }
        var key: UInt64 = 0
        for (i, b) in cell.enumerated() {
            if packTemplate[i] == 0x30 {
                guard b >= 0x30 && b <= 0x39 else { return nil }
                key = key << 4 | UInt64(b - 0x30)
            } else if b != packTemplate[i] {
                return nil
            }
        }
        return key << 8 | UInt64(cell.count)
    }

    static let packTemplate: [UInt8] = Array("0000-00-00 00:00:00".utf8)

    static func isoDate(_ s: Substring) -> CivilDate? {
        let p = s.split(separator: "-")
        guard p.count == 3, p[0].count == 4, let y = Int(p[0]), let m = Int(p[1]), let d = Int(p[2]) else { return nil }
        return CivilDate(year: y, month: m, day: d)
    }
}
