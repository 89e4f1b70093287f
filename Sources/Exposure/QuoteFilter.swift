import MarketModel

/// Why a contract's quote was not used for implied volatility.
public enum QuoteRejection: String, Sendable, CaseIterable, Codable {
    /// No row, or the reader dropped the quote (crossed).
    case noQuote = "no-quote"
    /// Bid of zero: the mid is not a price anyone trades at.
    case zeroBid = "zero-bid"
    /// Spread wider than the filter allows relative to the mid.
    case tooWide = "too-wide"
    /// Quote older than the filter allows (tick sources).
    case stale
}

/// Quote filters applied before implied volatility: a quote is usable when it is two-sided
/// (0 < bid ≤ ask), its spread is at most `maximumRelativeSpread` × mid (or at most
/// `alwaysAcceptedSpread`, for cheap options quoted a tick or two wide), and — where quote ages
/// are known — it is at most `maximumAgeSeconds` old.
public struct QuoteFilter: Sendable, Codable, Equatable {
    /// Largest spread relative to the mid.
    public var maximumRelativeSpread = 0.5
    /// Spreads up to this (in price units) always pass.
    public var alwaysAcceptedSpread = 0.2
    /// Oldest accepted quote, seconds.
    public var maximumAgeSeconds: Float = 300

    /// The default filter.
    public init() {}

    /// nil when usable, else the first reason it is not.
    public func rejection(bid: Double, ask: Double, age: Float?) -> QuoteRejection? {
        guard bid.isFinite, ask.isFinite, ask >= bid else { return .noQuote }
        guard bid > 0 else { return .zeroBid }
        let spread = ask - bid, mid = 0.5 * (bid + ask)
        if spread > alwaysAcceptedSpread, spread > maximumRelativeSpread * mid { return .tooWide }
        if let age, age > maximumAgeSeconds { return .stale }
        return nil
    }
}
