import MarketModel
import OptionsMath

/// Turns chain data rows into contracts, skipping and counting defective ones by reason.
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

    init(columns: ChainColumns) { self.columns = columns }

    mutating func add(line: Substring, number: Int) {
        let cells = CSVLine.cells(line)
        if cells.allSatisfy({ $0.trimmingWhitespace.isEmpty }) { return }  // blank line
        rowCount += 1
        guard cells.count >= columns.count else {
            skip("row has \(cells.count) fields, header has \(columns.count)", line: number)
            return
        }
        guard let expiry = Self.expirationDate(cells[columns.expiration].trimmingWhitespace) else {
            skip("unreadable expiration date", line: number)
            return
        }
        guard let strike = Double(cells[columns.strike].trimmingWhitespace), strike > 0, strike.isFinite else {
            skip("strike missing, zero or negative", line: number)
            return
        }
        for (side, right) in [(columns.call, OptionRight.call), (columns.put, OptionRight.put)] {
            addContract(cells: cells, side: side, right: right, expiry: expiry, strike: strike, line: number)
        }
    }

    private mutating func addContract(cells: [Substring], side: ChainColumns.Side, right: OptionRight,
                                      expiry: CivilDate, strike: Double, line: Int) {
        guard let key = ContractKey(osiSymbol: Substring(cells[side.symbol].trimmingWhitespace)) else {
            skip("malformed option symbol", line: line)
            return
        }
        guard key.right == right else { return skip("symbol's right disagrees with its column", line: line) }
        guard key.expiry == expiry else { return skip("symbol's expiry disagrees with the Expiration Date column", line: line) }
        guard abs(key.strike - strike) < 5e-4 else { return skip("symbol's strike disagrees with the Strike column", line: line) }
        guard let oi = Self.number(cells[side.openInterest], blank: 0),
              let iv = Self.number(cells[side.iv], blank: .nan),
              let gamma = Self.number(cells[side.gamma], blank: .nan),
              let bid = Self.number(cells[side.bid], blank: .nan),
              let ask = Self.number(cells[side.ask], blank: .nan)
        else { return skip("non-numeric or non-finite field", line: line) }
        guard oi >= 0 else { return skip("negative open interest", line: line) }
        guard seen.insert(key).inserted else { return skip("duplicate contract", line: line) }
        contracts.append(Contract(key: key, openInterest: oi, impliedVolatility: iv, gamma: gamma, bid: bid, ask: ask))
    }

    private mutating func skip(_ reason: String, line: Int) {
        let entry = skipped[reason] ?? (0, line)
        skipped[reason] = (entry.count + 1, entry.firstLine)
    }

    /// A number cell; `blank` for an empty cell; nil for text or a non-finite value.
    static func number(_ cell: Substring, blank: Double) -> Double? {
        let t = cell.trimmingWhitespace
        if t.isEmpty { return blank }
        guard let v = Double(t), v.isFinite else { return nil }
        return v
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
