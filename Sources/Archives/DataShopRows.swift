#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import MarketModel
import OptionsMath

/// Row parsing for one DataShop file, or one line range of it (a struct, mutated in place by the
/// line loop: no dynamic exclusivity checks in the hot path). Rows of a DataShop file arrive grouped
/// by underlying, time, root and expiry, so the text of those cells is compared with the previous
/// row's bytes and re-parsed only on change.
struct DataShopRows {
    let columns: DataShopColumns
    let file: String
    let limits: ArchiveLimits
    private(set) var rowCount = 0
    private var cells = ByteCSV()
    private var timeCache: [UInt64: Instant] = [:]
    private var dateCache: [UInt64: CivilDate] = [:]
    /// The previous quote-time and expiration cells' bytes and their values (set only for readable cells).
    private var lastTimeCell: (key: CellKey, value: Instant)?
    private var lastDateCell: (key: CellKey, value: CivilDate)?
    /// The previous row's underlying cell bytes and its builder slot.
    private var lastSymbol: (key: CellKey, slot: Int)?
    /// The previous row's root cell bytes (nil: none yet, or too long to key) and the normalised root
    /// (nil: the cell was refused, for `lastRootRefusal`). Separate fields, not an optional tuple:
    /// copying a tuple holding strings went through the runtime's generic tuple copy on every row.
    private var lastRootKey: CellKey?
    private var lastRoot: String?
    private var lastRootRefusal = ""
    /// The previous row's quote time and the days since 1970 of its US/Eastern date.
    private var lastTime: (time: Instant, quoteDay: Int)?
    /// The previous (root, expiry) and its settlement instant.
    private var lastSettlement: (root: String, expiry: CivilDate, instant: Instant)?
    /// Numbers that repeat from row to row: the strike (call and put rows), the underlying's prices (a whole snapshot).
    private var strikeMemo = NumberMemo(), underlyingBidMemo = NumberMemo(), underlyingAskMemo = NumberMemo()
    private var activeMemo = NumberMemo()

    init(columns: DataShopColumns, file: String, limits: ArchiveLimits = .default) {
        self.columns = columns
        self.file = file
        self.limits = limits
    }

    mutating func add(line: UnsafeBufferPointer<UInt8>, number: Int, into builders: inout DataShopBuilders,
                      defects: inout DefectCounts) throws(ArchiveError) {
        if cells.isBlank(line) { return }
        rowCount += 1
        cells.split(line)
        guard cells.count == columns.count else {
            return defects.add("row has \(cells.count) fields, header has \(columns.count)", file: file, line: number)
        }
        guard let time = instant(cells.cell(columns.time, of: line), in: line) else {
            return defects.add("unreadable or nonexistent quote time", file: file, line: number)
        }
        guard let expiry = date(cells.cell(columns.expiration, of: line), in: line) else {
            return defects.add("unreadable expiration date", file: file, line: number)
        }
        guard let strike = strikeMemo.parse(cells.cell(columns.strike, of: line), in: line), strike > 0, strike < 1e7 else {
            return defects.add("strike missing, zero, negative or absurd", file: file, line: number)
        }
        let typeCell = cells.cell(columns.optionType, of: line)
        guard typeCell.count == 1, let right: OptionRight = typeCell[0] == 0x43 || typeCell[0] == 0x63 ? .call
                : (typeCell[0] == 0x50 || typeCell[0] == 0x70 ? .put : nil) else {
            return defects.add("option_type is not C or P", file: file, line: number)
        }
        let parsedRoot = root(cells.cell(columns.root, of: line), in: line)
        guard let rootText = parsedRoot.root else { return defects.add(parsedRoot.refusal, file: file, line: number) }
        let quoteDay: Int
        if let last = lastTime, last.time == time { quoteDay = last.quoteDay } else {
            quoteDay = EasternTime.wallClock(of: time).date.daysSinceEpoch
            lastTime = (time, quoteDay)
        }
        guard expiry.daysSinceEpoch - quoteDay <= 3660 else {
            return defects.add("expiry more than 10 years after the quote date", file: file, line: number)
        }
        let key = ContractKey(root: rootText, expiry: expiry, strikeMilli: Int64((strike * 1000).rounded()), right: right)
        let settlement: Instant
        if let last = lastSettlement, last.expiry == expiry, last.root == rootText { settlement = last.instant } else {
            settlement = key.settlementInstant
            lastSettlement = (rootText, expiry, settlement)
        }
        guard settlement > time else { return defects.add("contract already settled at the quote time", file: file, line: number) }
        // Static helpers given the cells: an instance method here would copy the whole parser per call.
        guard let bid = Self.value(columns.bid, cells, line), let ask = Self.value(columns.ask, cells, line),
              let bidSize = Self.optional(columns.bidSize, cells, line), let askSize = Self.optional(columns.askSize, cells, line),
              let underlyingBid = Self.optional(columns.underlyingBid, cells, line, &underlyingBidMemo),
              let underlyingAsk = Self.optional(columns.underlyingAsk, cells, line, &underlyingAskMemo),
              let active = Self.optional(columns.activeUnderlying, cells, line, &activeMemo),
              let iv = Self.optional(columns.impliedVolatility, cells, line),
              let gamma = Self.optional(columns.gamma, cells, line), let oi = Self.optional(columns.openInterest, cells, line)
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
        let quote = DayStoreBuilder.Quote(bid: quoteBid, ask: quoteAsk,
                                          bidSize: bidSize.isNaN ? 0 : Float(bidSize), askSize: askSize.isNaN ? 0 : Float(askSize),
                                          vendorIV: iv, vendorGamma: gamma)
        let symbolBytes = cells.cell(columns.underlying, of: line)
        let symbolKey = CellKey(symbolBytes, in: line)
        let slot: Int
        if let last = lastSymbol, let symbolKey, last.key == symbolKey { slot = last.slot } else {
            let symbol = String(decoding: symbolBytes, as: UTF8.self).trimmingWhitespace
            slot = builders.slot(for: symbol, hasVendorGreeks: columns.impliedVolatility != nil)
            lastSymbol = symbolKey.map { ($0, slot) }
        }
        builders.list[slot].add(contract: key, time: time, quote: quote, spot: spot, spotSource: source, openInterest: oi)
        // Checked every 256 rows (and after each file): the overshoot is bounded, the hot loop stays cheap.
        if rowCount & 255 == 0 { try limits.check(builders.list[slot], file: file, line: number) }
    }

    /// The upper-cased, trimmed root of a root cell, or nil and the skip reason (empty, longer than
    /// 6 characters, not ASCII letters, digits and spaces); the previous row's answer when the bytes repeat.
    private mutating func root(_ bytes: UnsafeBufferPointer<UInt8>, in line: UnsafeBufferPointer<UInt8>) -> (root: String?, refusal: String) {
        let key = CellKey(bytes, in: line)
        if let key, key == lastRootKey { return (lastRoot, lastRootRefusal) }
        var result: (root: String?, refusal: String)
        if !bytes.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A) || $0 == 0x20 }) {
            result = (nil, "root is not ASCII letters and digits")
        } else {
            let text = String(decoding: bytes, as: UTF8.self).trimmingWhitespace
            result = !text.isEmpty && text.count <= 6 ? (text.uppercased(), "") : (nil, "missing or overlong root")
        }
        (lastRootKey, lastRoot, lastRootRefusal) = (key, result.root, result.refusal)
        return result
    }

    /// A required number (nil when missing or not a finite number).
    private static func value(_ column: Int, _ cells: borrowing ByteCSV, _ line: UnsafeBufferPointer<UInt8>) -> Double? {
        guard let v = DecimalParser.parse(cells.cell(column, of: line)), v.isFinite else { return nil }
        return v
    }

    /// An optional column: NaN when the layout lacks it or the cell is empty; nil when unreadable.
    private static func optional(_ column: Int?, _ cells: borrowing ByteCSV, _ line: UnsafeBufferPointer<UInt8>,
                                 _ memo: inout NumberMemo) -> Double? {
        guard let column else { return .nan }
        let cell = cells.cell(column, of: line)
        if let v = memo.parse(cell, in: line) { return v.isFinite ? v : nil }
        return cell.allSatisfy({ $0 == 0x20 }) ? .nan : nil
    }

    /// `optional` without a memo.
    private static func optional(_ column: Int?, _ cells: borrowing ByteCSV, _ line: UnsafeBufferPointer<UInt8>) -> Double? {
        guard let column else { return .nan }
        let cell = cells.cell(column, of: line)
        if let v = DecimalParser.parse(cell) { return v.isFinite ? v : nil }
        return cell.allSatisfy({ $0 == 0x20 }) ? .nan : nil  // an empty or all-space cell is the only other non-failure
    }

    /// True when `bytes` holds exactly the bytes of `cell`.
    @inline(__always)
    static func same(_ bytes: [UInt8], _ cell: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count == cell.count else { return false }
        guard let c = cell.baseAddress, !bytes.isEmpty else { return true }
        return bytes.withUnsafeBufferPointer { unsafe memcmp($0.baseAddress!, c, bytes.count) } == 0
    }

    /// `YYYY-MM-DD HH:MM:SS` (US/Eastern) → instant; EOD layout: `YYYY-MM-DD` at 15:45.
    private mutating func instant(_ cell: UnsafeBufferPointer<UInt8>, in line: UnsafeBufferPointer<UInt8>) -> Instant? {
        let key = CellKey(cell, in: line)
        if let last = lastTimeCell, let key, last.key == key { return last.value }
        guard let packed = Self.pack(cell) else { return nil }
        if let cached = timeCache[packed] { lastTimeCell = key.map { ($0, cached) }; return cached }
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
        if let result { timeCache[packed] = result; lastTimeCell = key.map { ($0, result) } }
        return result
    }

    private mutating func date(_ cell: UnsafeBufferPointer<UInt8>, in line: UnsafeBufferPointer<UInt8>) -> CivilDate? {
        let key = CellKey(cell, in: line)
        if let last = lastDateCell, let key, last.key == key { return last.value }
        guard let packed = Self.pack(cell) else { return nil }
        if let cached = dateCache[packed] { lastDateCell = key.map { ($0, cached) }; return cached }
        let d = Self.isoDate(Substring(String(decoding: cell, as: UTF8.self).trimmingWhitespace))
        if let d { dateCache[packed] = d; lastDateCell = key.map { ($0, d) } }
        return d
    }

    /// An exact cache key for `YYYY-MM-DD` or `YYYY-MM-DD HH:MM:SS`: the digits as 4-bit nibbles
    /// plus the length (collision-free); nil for any other shape (then parsed and refused uncached).
    static func pack(_ cell: UnsafeBufferPointer<UInt8>) -> UInt64? {
        guard cell.count == 10 || cell.count == 19 else { return nil }
        var key: UInt64 = 0
        for i in 0..<cell.count {
            let b = cell[i]
            if packTemplate.utf8Start[i] == 0x30 {
                guard b >= 0x30 && b <= 0x39 else { return nil }
                key = key << 4 | UInt64(b - 0x30)
            } else if b != packTemplate.utf8Start[i] {
                return nil
            }
        }
        return key << 8 | UInt64(cell.count)
    }

    static let packTemplate: StaticString = "0000-00-00 00:00:00"

    static func isoDate(_ s: Substring) -> CivilDate? {
        let p = s.split(separator: "-")
        guard p.count == 3, p[0].count == 4, let y = Int(p[0]), let m = Int(p[1]), let d = Int(p[2]) else { return nil }
        return CivilDate(year: y, month: m, day: d)
    }
}

/// `DecimalParser.parse` remembering its last cell: the same bytes again give the stored value
/// without parsing. The key is the cell's length and bytes (up to 16), read with two 8-byte loads
/// that end at the cell's end, which needs 8 bytes of the line before that end; other cells are
/// parsed every time.
struct NumberMemo {
    private var key0: UInt64 = 0, key1: UInt64 = 0
    private var count = -1
    private var value: Double?

    /// The value of `cell` (a slice of `line`), as `DecimalParser.parse` gives it.
    @inline(__always)
    mutating func parse(_ cell: UnsafeBufferPointer<UInt8>, in line: UnsafeBufferPointer<UInt8>) -> Double? {
        let n = cell.count
        guard n > 0, n <= 16, let start = cell.baseAddress, let lineStart = line.baseAddress, start + n - lineStart >= 8 else {
            return DecimalParser.parse(cell)
        }
        // SAFETY: [start + n − 8, start + n) and, for n > 8, [start, start + 8) lie inside the line.
        let last = UInt64(littleEndian: unsafe UnsafeRawPointer(start + n - 8).loadUnaligned(as: UInt64.self))
        let k0 = n <= 8 ? last >> UInt64(8 * (8 - n)) : UInt64(littleEndian: unsafe UnsafeRawPointer(start).loadUnaligned(as: UInt64.self))
        let k1 = n <= 8 ? 0 : last
        if n == count, k0 == key0, k1 == key1 { return value }
        let v = DecimalParser.parse(cell)
        (key0, key1, count, value) = (k0, k1, n, v)
        return v
    }
}
