import MarketModel
import OptionsMath

/// Turns chain data rows into contracts, skipping and counting defective ones by reason.
/// Works on the line's bytes: no per-cell strings, numbers parsed by `DecimalParser`.
struct ChainRows {
    /// One contract as read from a row.
    struct Contract {
        let key: ContractKey
        let openInterest: Double
        let impliedVolatility: Double
        let gamma: Double
        let bid: Double
        let ask: Double
    }

    let columns: ChainColumns
    private(set) var contracts: [Contract] = []
    private(set) var rowCount = 0
    private(set) var skipped: [String: (count: Int, firstLine: Int)] = [:]
    private var seen = Set<ContractKey>()
    private var cells = ByteCSV()
    private var lastExpirationText: [UInt8] = []
    private var lastExpiration: CivilDate?

    /// Listed options expire within ~10 years; a later year is a corrupt row.
    static let latestExpiryYear = 2040

    init(columns: ChainColumns) { self.columns = columns }

    mutating func add(line: UnsafeBufferPointer<UInt8>, number: Int) {
        if cells.isBlank(line) { return }
        rowCount += 1
        cells.split(line)
        guard cells.count >= columns.count else {
            skip("row has \(cells.count) fields, header has \(columns.count)", line: number)
            return
        }
        guard let expiry = expirationDate(cells.cell(columns.expiration, of: line)) else {
            skip("unreadable expiration date", line: number)
            return
        }
        guard let strike = DecimalParser.parse(cells.cell(columns.strike, of: line)), strike > 0, strike.isFinite else {
            skip("strike missing, zero or negative", line: number)
            return
        }
        addContract(line: line, side: columns.call, right: .call, expiry: expiry, strike: strike, number: number)
        addContract(line: line, side: columns.put, right: .put, expiry: expiry, strike: strike, number: number)
    }

    private mutating func addContract(line: UnsafeBufferPointer<UInt8>, side: ChainColumns.Side, right: OptionRight,
                                      expiry: CivilDate, strike: Double, number: Int) {
        guard let key = ContractKey(osiBytes: cells.cell(side.symbol, of: line)) else {
            return skip("malformed option symbol", line: number)
        }
        guard key.right == right else { return skip("symbol's right disagrees with its column", line: number) }
        guard key.expiry == expiry else { return skip("symbol's expiry disagrees with the Expiration Date column", line: number) }
        guard abs(key.strike - strike) < 5e-4 else { return skip("symbol's strike disagrees with the Strike column", line: number) }
        guard let oi = cellNumber(side.openInterest, line, blank: 0),
              let iv = cellNumber(side.iv, line, blank: .nan),
              let gamma = cellNumber(side.gamma, line, blank: .nan),
              let bid = cellNumber(side.bid, line, blank: .nan),
              let ask = cellNumber(side.ask, line, blank: .nan)
        else { return skip("non-numeric or non-finite field", line: number) }
        guard oi >= 0 else { return skip("negative open interest", line: number) }
        guard !(bid < 0), !(ask < 0), !(iv < 0) else { return skip("negative bid, ask or IV", line: number) }
        guard !(bid > 1e7), !(ask > 1e7), !(iv > 100), oi < 1e9 else { return skip("absurd price, IV or open interest", line: number) }
        guard key.expiry.daysSinceEpoch - expiry.daysSinceEpoch == 0,
              key.expiry.year <= Self.latestExpiryYear else { return skip("expiry after \(Self.latestExpiryYear)", line: number) }
        guard seen.insert(key).inserted else { return skip("duplicate contract", line: number) }
        var quoteBid = bid, quoteAsk = ask
        if bid > ask {  // a crossed quote says nothing reliable; OI and vendor IV/gamma stay usable
            skip("crossed quote (bid > ask): quote dropped, contract kept", line: number)
            quoteBid = .nan
            quoteAsk = .nan
        }
        contracts.append(Contract(key: key, openInterest: oi, impliedVolatility: iv, gamma: gamma, bid: quoteBid, ask: quoteAsk))
    }

    private mutating func skip(_ reason: String, line: Int) {
        let entry = skipped[reason] ?? (0, line)
        skipped[reason] = (entry.count + 1, entry.firstLine)
    }

    /// A number cell; `blank` for an empty cell; nil for text or a non-finite value.
    private func cellNumber(_ column: Int, _ line: UnsafeBufferPointer<UInt8>, blank: Double) -> Double? {
        let cell = cells.cell(column, of: line)
        if cell.allSatisfy({ $0 == 0x20 }) { return blank }
        guard let v = DecimalParser.parse(cell), v.isFinite else { return nil }
        return v
    }

    /// The expiry of a row, cached: consecutive rows share it.
    private mutating func expirationDate(_ cell: UnsafeBufferPointer<UInt8>) -> CivilDate? {
        if cell.elementsEqual(lastExpirationText) { return lastExpiration }
        lastExpirationText = Array(cell)
        lastExpiration = Self.expirationDate(String(decoding: cell, as: UTF8.self).trimmingWhitespace)
        return lastExpiration
    }

    /// `Fri Jun 10 2022` (current) or `09/04/2020` (legacy, month first).
    static func expirationDate(_ text: String) -> CivilDate? {
        let slash = text.split(separator: "/")
        if slash.count == 3, let m = Int(slash[0]), let d = Int(slash[1]), let y = Int(slash[2]) {
            return CivilDate(year: y, month: m, day: d)
        }
        let words = text.split(separator: " ")
        guard words.count == 4, let d = Int(words[2]), let y = Int(words[3]),
              let m = MonthNames.month(String(words[1])) else { return nil }
        return CivilDate(year: y, month: m, day: d)
    }
}
