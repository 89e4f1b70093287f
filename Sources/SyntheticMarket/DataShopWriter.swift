import Foundation
import MarketModel
import OptionsMath

/// Writes a `SyntheticDay` as a Cboe DataShop Option Quote Intervals file, calcs + OI layout
/// (26 columns), snapshot-major, US/Eastern `quote_datetime` labelling each interval's end, with
/// optional defects injected at `defectRate` per row (crossed quote, zero bid, missing field, NaN,
/// duplicate row, swapped row order, expired contract, bad root; and a truncated last row).
public enum DataShopWriter {
    /// Defect kinds, counted in `Result.defects`.
    public enum Defect: String, CaseIterable, Sendable {
        case crossedQuote = "crossed-quote", zeroBid = "zero-bid", missingField = "missing-field", nanPrice = "nan-price"
        case duplicateRow = "duplicate-row", swappedOrder = "swapped-order", expiredContract = "expired-contract"
        case badRoot = "bad-root", truncatedLastRow = "truncated-last-row"
    }

    /// What was written.
    public struct Result: Sendable {
        /// Data rows written.
        public let rows: Int
        /// Uncompressed bytes.
        public let bytes: Int
        /// Defects injected, by kind.
        public let defects: [Defect: Int]
    }

    /// The header written.
    public static let header = "underlying_symbol,quote_datetime,root,expiration,strike,option_type,open,high,low,close,trade_volume,bid_size,bid,ask_size,ask,underlying_bid,underlying_ask,implied_underlying_price,active_underlying_price,implied_volatility,delta,gamma,theta,vega,rho,open_interest"

    /// Writes `day` to `path` (`.gz` → gzip), atomically (temp file, then rename).
    public static func write(_ day: SyntheticDay, to path: String) throws -> Result {
        let sink = try ByteSink(path: path)
        let c = day.configuration
        var random = SeededGenerator(seed: c.seed ^ 0xDA7A_5409)
        var defects: [Defect: Int] = [:]
        var rows = 0
        sink.append(header)
        sink.append(byte: 0x0A)
        let symbol = c.underlying
        var held: [UInt8]? = nil  // a row held back to swap order
        for t in day.times.indices {
            let (date, second) = EasternTime.wallClock(of: day.times[t])
            let stamp = "\(date) \(two(second / 3600)):\(two(second / 60 % 60)):\(two(second % 60))"
            let s = day.spot[t]
            for i in day.contracts.indices where day.years(contract: i, snapshot: t) > 0 {
                let q = day.quote(contract: i, snapshot: t)
                let key = day.contracts[i]
                var defect: Defect? = nil
                if c.defectRate > 0, random.uniform() < c.defectRate {
                    defect = Defect.allCases[Int(random.uniform() * Double(Defect.allCases.count - 1))]
                    defects[defect!, default: 0] += 1
                }
                var bid = q.bid, ask = q.ask
                if defect == .crossedQuote { (bid, ask) = (ask + 0.1, bid) }
                if defect == .zeroBid { bid = 0 }
                let row = ByteRow()
                row.text(symbol); row.comma(); row.text(stamp); row.comma()
                row.text(defect == .badRoot ? key.root + "#" : key.root); row.comma()
                row.text((defect == .expiredContract ? date.adding(days: -1) : key.expiry).description); row.comma()
                row.number(key.strike, 3); row.comma(); row.text(key.right == .call ? "C" : "P"); row.comma()
                let volume = Int(max(0, random.normal() * 3 + 2 * exp(-abs(log(key.strike / s)) * 20)))
                let last = volume > 0 ? ((bid + (ask - bid) * random.uniform()) * 20).rounded() / 20 : 0
                for value in [last, max(last, ask), volume > 0 ? min(last, bid) : 0, last] { row.number(value, 4); row.comma() }
                row.int(volume); row.comma(); row.int(q.bidSize); row.comma()
                if defect == .nanPrice { row.text("NaN") } else { row.number(bid, 4) }
                row.comma(); row.int(q.askSize); row.comma(); row.number(ask, 4); row.comma()
                row.number(s - 0.25, 4); row.comma(); row.number(s + 0.25, 4); row.comma()
                let tau = day.years(contract: i, snapshot: t)
                row.number(s * exp((c.rate - c.dividendYield) * tau), 4); row.comma(); row.number(s, 4); row.comma()
                row.number(q.sigma, 4); row.comma(); row.number(q.greeks.delta, 4); row.comma(); row.number(q.greeks.gamma, 4); row.comma()
                row.number(q.greeks.theta / 365, 4); row.comma(); row.number(q.greeks.vega / 100, 4); row.comma()
                row.number(q.greeks.rho, 4)
                if defect != .missingField { row.comma(); row.int(Int(day.openInterest[i])) }
                row.newline()
                if defect == .swappedOrder { held = row.bytes; continue }
                sink.append(bytes: row.bytes)
                rows += 1
                if defect == .duplicateRow { sink.append(bytes: row.bytes); rows += 1 }
                if let h = held { sink.append(bytes: h); rows += 1; held = nil }
            }
        }
        if let h = held { sink.append(bytes: h); rows += 1 }
        if c.defectRate > 0 {
            sink.dropLast(40)  // the file ends mid-row, as a cut-off download does
            defects[.truncatedLastRow] = 1
        }
        try sink.close()
        return Result(rows: rows, bytes: sink.bytesWritten, defects: defects)
    }

    static func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
}

/// One CSV row being assembled.
final class ByteRow {
    var bytes: [UInt8] = []
    init() { bytes.reserveCapacity(256) }
    func comma() { bytes.append(0x2C) }
    func newline() { bytes.append(0x0A) }
    func text(_ s: String) { bytes.append(contentsOf: s.utf8) }
    func int(_ v: Int) { bytes.append(contentsOf: String(v).utf8) }
    /// Fixed decimals, rounded half away from zero; NaN as "NaN".
    func number(_ v: Double, _ decimals: Int) {
        guard v.isFinite else { text("NaN"); return }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = Int64((abs(v) * scale).rounded())
        if v < 0, scaled != 0 { bytes.append(0x2D) }
        let p = Int64(scale)
        bytes.append(contentsOf: String(scaled / p).utf8)
        if decimals > 0 {
            bytes.append(0x2E)
            let f = String(scaled % p)
            bytes.append(contentsOf: repeatElement(UInt8(48), count: decimals - f.utf8.count))
            bytes.append(contentsOf: f.utf8)
        }
    }
}
