import MarketModel

/// Which side initiated a trade, from the NBBO prevailing when it printed.
public enum TradeSide: Int8, Sendable, CaseIterable {
    /// A customer bought (lifted the offer): the dealer sold.
    case customerBuy = 1
    /// A customer sold (hit the bid): the dealer bought.
    case customerSell = -1
    /// Neither the quote nor the tick rule could tell.
    case unclassified = 0
}

/// How each print was classified, with counts per rule.
public struct TradeClassification: Sendable {
    /// Side per print, in the order of `TradePrints`.
    public let sides: [TradeSide]
    /// Prints at or above the ask (customer buys) or at or below the bid (customer sells).
    public let atQuote: Int
    /// Prints inside the spread classified by the quote rule (above or below the midpoint).
    public let quoteRule: Int
    /// Prints at the midpoint (or without a quote) classified by the tick rule.
    public let tickRule: Int
    /// Prints left unclassified.
    public let unclassified: Int
}

/// Lee–Ready style classification against the NBBO prevailing at trade time:
/// price ≥ ask → customer buy; price ≤ bid → customer sell; strictly inside → quote rule (above the
/// mid → buy, below → sell); at the mid or with no valid quote → tick rule against the previous
/// print of the same contract (uptick → buy, downtick → sell, zero tick → the previous print's
/// side); otherwise unclassified. A crossed or one-sided quote counts as no quote.
public enum TradeClassifier {
    /// Classifies every print in `trades` (which must be in time order).
    public static func classify(_ trades: TradePrints) -> TradeClassification {
        var sides = [TradeSide](repeating: .unclassified, count: trades.count)
        var last: [Int32: (price: Double, side: TradeSide)] = [:]
        var atQuote = 0, quoteRule = 0, tickRule = 0, unclassified = 0
        for i in 0..<trades.count {
            let p = trades.price[i], b = trades.bid[i], a = trades.ask[i], c = trades.contract[i]
            var side = TradeSide.unclassified
            let validQuote = b > 0 && a > 0 && a >= b
            if validQuote && p >= a { side = .customerBuy; atQuote += 1 }
            else if validQuote && p <= b { side = .customerSell; atQuote += 1 }
            else if validQuote && p != 0.5 * (a + b) { side = p > 0.5 * (a + b) ? .customerBuy : .customerSell; quoteRule += 1 }
            else if let previous = last[c] {
                side = p > previous.price ? .customerBuy : (p < previous.price ? .customerSell : previous.side)
                if side == .unclassified { unclassified += 1 } else { tickRule += 1 }
            } else {
                unclassified += 1
            }
            sides[i] = side
            last[c] = (p, side)
        }
        return TradeClassification(sides: sides, atQuote: atQuote, quoteRule: quoteRule, tickRule: tickRule, unclassified: unclassified)
    }
}
