import MarketModel

/// Reads Databento OPRA CSVs (consolidated `cbbo-*`/`bbo-*` quotes, per-venue `mbp-1` books,
/// `tbbo` and `trades` prints, `statistics` for open interest, `definition` for instrument ids)
/// into one day store per underlying, sampling quotes into snapshots.
///
/// - Snapshots: every `intervalSeconds` from 09:30 + interval to 16:15 US/Eastern on the trade date
///   (the first record's date); each holds the last NBBO received at or before the instant, with
///   its age in seconds. `mbp-1` (one book per venue) is consolidated: best bid and best ask across
///   venues.
/// - Trades keep the NBBO prevailing when they printed: inline for `tbbo`; for `trades` files the
///   quote stream is not joined (bid/ask NaN; classification then falls back to the tick rule).
/// - Open interest: `statistics` records with `stat_type` 9 (the first per instrument is kept; OI is
///   a start-of-day quantity).
/// - Symbols: the `symbol` column (padded or unpadded OSI) or, without it, a `definition` file.
/// Files are processed statistics → definitions → quotes → trades; each must be in time order
/// (as Databento writes them); a record out of order is counted and skipped.
public enum OPRAReader {
    /// Reads the files (any mix of schemas, detected from each header), refusing inputs over `limits`.
    public static func read(paths: [String], intervalSeconds: Int = 60, limits: ArchiveLimits = .default) throws(ArchiveError) -> ArchiveDay {
        var kinds: [(OPRASchema, String)] = []
        for path in paths {
            let header = try ArchiveReader.firstLine(of: path, limits: limits).map { CSVLine.cells(Substring($0)).map(String.init) } ?? []
            guard let schema = OPRASchema(header: header) else {
                throw ArchiveError(.badData, file: path, line: 1, reason: "not a Databento OPRA CSV header (unknown schema): \(header.prefix(8).joined(separator: ","))")
            }
            kinds.append((schema, path))
        }
        var state = OPRASampler(intervalSeconds: intervalSeconds, limits: limits)
        for (schema, path) in kinds.sorted(by: { $0.0.order < $1.0.order }) {
            try state.consume(path: path, schema: schema)
        }
        return state.finish(files: paths)
    }
}

/// The Databento schemas this reader understands, from their CSV headers.
enum OPRASchema {
    /// `statistics` (open interest is stat_type 9).
    case statistics
    /// `definition` (instrument id → raw symbol).
    case definition
    /// `cbbo-*` / `bbo-*`: one consolidated BBO per record.
    case consolidatedQuotes
    /// `mbp-1` and `tbbo`: per-venue top of book; records with action `T` are trades carrying the BBO.
    case booksAndTrades
    /// `trades`: prints without quotes.
    case trades

    init?(header: [String]) {
        let names = Set(header)
        if names.contains("stat_type") { self = .statistics }
        else if names.contains("raw_symbol"), names.contains("strike_price") { self = .definition }
        else if names.contains("bid_px_00"), names.contains("action") { self = .booksAndTrades }
        else if names.contains("bid_px_00") { self = .consolidatedQuotes }
        else if names.contains("action"), names.contains("price"), names.contains("size") { self = .trades }
        else { return nil }
    }

    /// Processing order: OI and symbols before the streams that need them.
    var order: Int {
        switch self {
        case .statistics: return 0
        case .definition: return 1
        case .consolidatedQuotes, .booksAndTrades: return 2
        case .trades: return 3
        }
    }
}
