import MarketModel

/// A Cboe delayed-quote chain (`quotedata.csv` / legacy `.dat`) as read, with everything the
/// reader noticed about it.
public struct CboeChainFile: Sendable {
    /// Which of Cboe's two layouts the file uses.
    public enum Layout: String, Sendable, Codable {
        /// 2021– layout: `Last:` line and `Date:` line in the preamble.
        case current
        /// 2019–2020 `.dat` layout: spot in line 1, `Mon DD YYYY @ HH:MM ET` in line 2.
        case legacy
    }

    /// The live contracts (settlement after the as-of instant), sorted.
    public let chain: ChainSnapshot
    /// Detected layout.
    public let layout: Layout
    /// The as-of text as found in the file (empty when `--asof` was given).
    public let asOfText: String
    /// Where the as-of instant came from: "file", "file (US/Eastern assumed)" or "--asof".
    public let asOfSource: String
    /// Data rows read (each gives a call and a put).
    public let rowsRead: Int
    /// Contracts dropped because they had settled by the as-of instant.
    public let expiredDropped: Int
    /// The expiry dates those dropped contracts belonged to.
    public let expiredExpiries: [CivilDate]
    /// Rows or contracts skipped, by reason (with the first line number seen for each).
    public let skipped: [String: (count: Int, firstLine: Int)]
    /// What the file lists, before the expired contracts are dropped.
    public let listed: ListingSummary
    /// "full chain" or a description of the filter the download appears to carry.
    public let coverage: String
}

/// Counts over every contract a file lists (expired ones included): for reconciling with the
/// source and for the coverage note.
public struct ListingSummary: Sendable, Equatable {
    /// Contracts parsed (calls + puts).
    public let contracts: Int
    /// Distinct expiry dates.
    public let expiries: Int
    /// Distinct strikes.
    public let strikes: Int
    /// Σ open interest (contracts).
    public let openInterest: Double
    /// Contracts per option root.
    public let contractsByRoot: [String: Int]
}
