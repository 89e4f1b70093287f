/// Column positions of a Cboe DataShop Option Quote Intervals (or EOD Summary) header, by name.
///
/// Variants: basic (17 columns), with calcs (IV, greeks), with OI, calcs + OI (26 columns), and the
/// EOD Summary, whose quote columns carry a `_1545` suffix and whose date column is `quote_date`
/// (read as one snapshot at 15:45 US/Eastern).
struct DataShopColumns {
    let underlying, time, root, expiration, strike, optionType, bid, ask: Int
    let bidSize, askSize, underlyingBid, underlyingAsk, activeUnderlying, impliedVolatility, gamma, openInterest: Int?
    /// True for the EOD Summary layout (time = quote_date at 15:45 ET).
    let endOfDay: Bool
    /// Header names this reader does not use (reported, not an error).
    let unknown: [String]
    let count: Int

    static let known: Set<String> = [
        "underlying_symbol", "quote_datetime", "quote_date", "root", "expiration", "strike", "option_type", "open", "high",
        "low", "close", "trade_volume", "bid_size", "bid", "ask_size", "ask", "underlying_bid", "underlying_ask",
        "implied_underlying_price", "active_underlying_price", "implied_volatility", "delta", "gamma", "theta", "vega",
        "rho", "open_interest", "vwap", "delivery_code",
    ]

    init(header: [String], file: String, line: Int) throws(ArchiveError) {
        let names = header.map { $0.trimmingWhitespace.lowercased() }
        func find(_ name: String) -> Int? {
            names.firstIndex(of: name) ?? names.firstIndex(of: name + "_1545")
        }
        func require(_ name: String) throws(ArchiveError) -> Int {
            guard let i = find(name) else {
                throw ArchiveError(.badData, file: file, line: line,
                    reason: "DataShop header has no '\(name)' column (found: \(names.prefix(30).joined(separator: ",")))")
            }
            return i
        }
        underlying = try require("underlying_symbol")
        if let t = names.firstIndex(of: "quote_datetime") {
            time = t
            endOfDay = false
        } else {
            time = try require("quote_date")
            endOfDay = true
        }
        root = try require("root")
        expiration = try require("expiration")
        strike = try require("strike")
        optionType = try require("option_type")
        bid = try require("bid")
        ask = try require("ask")
        bidSize = find("bid_size")
        askSize = find("ask_size")
        underlyingBid = find("underlying_bid")
        underlyingAsk = find("underlying_ask")
        activeUnderlying = find("active_underlying_price")
        impliedVolatility = find("implied_volatility")
        gamma = find("gamma")
        openInterest = find("open_interest")
        unknown = names.filter { name in
            !Self.known.contains(name) && !(name.hasSuffix("_1545") && Self.known.contains(String(name.dropLast(5))))
                && !name.hasSuffix("_eod")
        }
        count = names.count
    }
}
