import Foundation
import MarketModel

/// Writes a `SyntheticDay` as Databento OPRA CSVs (the `pretty_ts`/`pretty_px` encodings, padded
/// OSI symbols in the `symbol` column) into a folder:
///
/// - `opra.statistics.csv`: one open-interest record (`stat_type` 9) per contract at 06:30 ET;
/// - `opra.cbbo-1m.csv`: one consolidated BBO per contract per interval, spread through the last
///   minute before each snapshot (contract i of n at (i + 1)/(n + 1) of it), so every quote is 0–60 s
///   old at the snapshot that samples it, in time order;
/// - `opra.tbbo.csv`: trade prints carrying the BBO in force, with the aggressor side: busier near
///   the money and in short expiries; a customer buy prints at the ask (`side` B), a sell at the bid
///   (`side` A), one print in ten inside the spread (`side` N). The truth is returned in `Result`.
///
/// Seeded and deterministic; each file is written atomically.
public enum OPRAWriter {
    /// What was written.
    public struct Result: Sendable {
        /// Files written, in the order statistics, quotes, trades.
        public let files: [String]
        /// Quote records written.
        public let quotes: Int
        /// Trade prints, by aggressor: buys at the ask, sells at the bid, prints inside the spread.
        public let buys: Int, sells: Int, inside: Int
        /// Uncompressed bytes written, all files.
        public let bytes: Int
    }

    /// Headers, as Databento writes them.
    static let statisticsHeader = "ts_recv,ts_event,rtype,publisher_id,instrument_id,ts_ref,price,quantity,sequence,ts_in_delta,stat_type,channel_id,update_action,stat_flags,symbol"
    static let quotesHeader = "ts_recv,ts_event,rtype,publisher_id,instrument_id,side,price,size,flags,bid_px_00,ask_px_00,bid_sz_00,ask_sz_00,bid_pb_00,ask_pb_00,symbol"
    static let tradesHeader = "ts_recv,ts_event,rtype,publisher_id,instrument_id,action,side,depth,price,size,flags,ts_in_delta,sequence,bid_px_00,ask_px_00,bid_sz_00,ask_sz_00,bid_ct_00,ask_ct_00,symbol"

    /// Writes the three files into `folder` (created when missing).
    public static func write(_ day: SyntheticDay, to folder: String) throws -> Result {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let c = day.configuration
        let symbols = day.contracts.map(osiSymbol)
        var bytes = 0

        let statistics = (folder as NSString).appendingPathComponent("opra.statistics.csv")
        let stats = try ByteSink(path: statistics)
        stats.append(statisticsHeader + "\n")
        let morning = EasternTime.instant(date: c.date, hour: 6, minute: 30)!
        let stamp = timestamp(Int64(morning.secondsSinceEpoch) * 1_000_000_000)
        for i in day.contracts.indices {
            stats.append("\(stamp),\(stamp),24,37,\(i + 1),,,\(Int(day.openInterest[i])),\(i + 1),0,9,1,1,0,\(symbols[i])\n")
        }
        try stats.close()
        bytes += stats.bytesWritten

        let quotesPath = (folder as NSString).appendingPathComponent("opra.cbbo-1m.csv")
        let tradesPath = (folder as NSString).appendingPathComponent("opra.tbbo.csv")
        let quotes = try ByteSink(path: quotesPath), trades = try ByteSink(path: tradesPath)
        quotes.append(quotesHeader + "\n")
        trades.append(tradesHeader + "\n")
        var random = SeededGenerator(seed: c.seed ^ 0x0D2A_7DE5)
        var quoteCount = 0, buys = 0, sells = 0, inside = 0, sequence = 0
        let n = day.contracts.count
        // Quotes land in the last minute before each snapshot (liquid contracts requote constantly).
        let window = Int64(min(c.intervalSeconds, 60)) * 1_000_000_000
        for t in day.times.indices {
            let end = Int64(day.times[t].secondsSinceEpoch) * 1_000_000_000
            let s = day.spot[t]
            for i in day.contracts.indices where day.years(contract: i, snapshot: t) > 0 {
                let q = day.quote(contract: i, snapshot: t)
                let at = end - window + window * Int64(i + 1) / Int64(n + 1)
                let ts = timestamp(at)
                quotes.append("\(ts),\(ts),194,30,\(i + 1),N,,0,0,\(price(q.bid)),\(price(q.ask)),\(q.bidSize),\(q.askSize),30,30,\(symbols[i])\n")
                quoteCount += 1
                // A print shortly after the quote, more likely near the money and close to expiry.
                let key = day.contracts[i]
                let years = day.years(contract: i, snapshot: t)
                let activity = 0.25 * exp(-abs(log(key.strike / s)) * 25) * (years < 7.0 / 365 ? 2 : 1)
                guard q.bid > 0, random.uniform() < activity else { continue }
                let draw = random.uniform()
                let (side, fill): (String, Double)
                if draw < 0.1 {
                    side = "N"; fill = ((q.bid + q.ask) / 2 * 100).rounded() / 100; inside += 1
                } else if draw < 0.55 {
                    side = "B"; fill = q.ask; buys += 1
                } else {
                    side = "A"; fill = q.bid; sells += 1
                }
                let printed = timestamp(at + 1_000_000)  // 1 ms after the quote
                sequence += 1
                let size = 1 + Int(random.uniform() * 20)
                trades.append("\(printed),\(printed),1,23,\(i + 1),T,\(side),0,\(price(fill)),\(size),0,0,\(sequence),\(price(q.bid)),\(price(q.ask)),\(q.bidSize),\(q.askSize),1,1,\(symbols[i])\n")
            }
        }
        try quotes.close()
        try trades.close()
        bytes += quotes.bytesWritten + trades.bytesWritten
        return Result(files: [statistics, quotesPath, tradesPath], quotes: quoteCount, buys: buys, sells: sells, inside: inside, bytes: bytes)
    }

    /// Padded OSI: root left-justified in 6, yymmdd, C/P, strike × 1000 in 8 digits.
    static func osiSymbol(_ key: ContractKey) -> String {
        let root = key.root.padding(toLength: 6, withPad: " ", startingAt: 0)
        let y = key.expiry.year % 100, m = key.expiry.month, d = key.expiry.day
        let strike = String(key.strikeMilli)
        return root + two(y) + two(m) + two(d) + (key.right == .call ? "C" : "P")
            + String(repeating: "0", count: max(0, 8 - strike.count)) + strike
    }

    /// `YYYY-MM-DDTHH:MM:SS.nnnnnnnnnZ` (UTC) from nanoseconds since the epoch.
    static func timestamp(_ nanoseconds: Int64) -> String {
        let seconds = nanoseconds / 1_000_000_000, fraction = nanoseconds % 1_000_000_000
        let date = CivilDate(daysSinceEpoch: Int(seconds / 86_400))
        let second = Int(seconds % 86_400)
        let f = String(fraction)
        return "\(date)T\(two(second / 3600)):\(two(second / 60 % 60)):\(two(second % 60))."
            + String(repeating: "0", count: 9 - f.count) + f + "Z"
    }

    /// A price with 9 decimals (Databento's pretty_px); prices here are multiples of 0.01.
    static func price(_ v: Double) -> String {
        let cents = Int64((v * 100).rounded())
        let whole = String(cents / 100), part = String(cents % 100)
        return whole + "." + String(repeating: "0", count: 2 - part.count) + part + "0000000"
    }

    static func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
}
