import Foundation
import MarketModel
import OptionsMath

/// Reads Cboe delayed-quote chain downloads (`quotedata.csv`, current and legacy `.dat` layouts).
///
/// Parsing is by content, never by line position: the header is the first line whose first
/// cell is `Expiration Date`; spot is the number after `Last:` (legacy: line 1, field 2); the
/// as-of time is the `Date:` text (legacy: line 2, field 1), read by `AsOfParser`. Columns are
/// found by header name (first occurrence → call side, second → put side).
///
/// Row defects are skipped and counted by reason; structural defects (no header, a missing
/// column, no spot, an unreadable as-of time without an override) throw `ArchiveError` naming
/// the file and line. Contracts that settled at or before the as-of instant are dropped and
/// counted (a weekend file still lists Friday).
public enum CboeChainReader {
    /// Largest chain file accepted, in (decompressed) bytes: a full SPX chain is ~1.5 MB, so a
    /// larger input is refused rather than read into memory.
    public static let maximumBytes = ArchiveLimits.chainBytesCeiling

    /// Reads and parses a file (plain, `.gz` or single-member `.zip`). `asOf` overrides the
    /// file's as-of time. The file may hold at most min(`maximumBytes`, `limits.maximumInputBytes`)
    /// bytes after decompression and lines of at most `limits.maximumLineBytes`.
    public static func read(path: String, asOf override: Instant? = nil, limits: ArchiveLimits = .default) throws(ArchiveError) -> CboeChainFile {
        let cap = min(maximumBytes, limits.maximumInputBytes)
        let stream = try ByteStream(path: path, maximumBytes: cap + 1)
        var bytes = [UInt8](repeating: 0, count: min(1 << 21, cap + 1))
        var count = 0
        while true {
            if count == bytes.count {
                guard bytes.count <= cap else {
                    throw ArchiveLimits.exceeded(file: path, what: "input size (bytes after decompression; a chain download is ~1.5 MB)",
                                                 limit: cap, option: "--max-input-bytes (at most \(maximumBytes))", variable: "GEX_MAX_INPUT_BYTES")
                }
                bytes.append(contentsOf: repeatElement(0, count: min(bytes.count, cap + 1 - bytes.count)))
            }
            let n = try stream.read(into: &bytes, from: count)
            if n == 0 { break }
            count += n
        }
        bytes.removeSubrange(count...)
        return try parse(bytes: bytes, file: path, asOf: override, maximumLineBytes: limits.maximumLineBytes)
    }

    /// Parses the text of a chain file; `file` names it in errors.
    public static func parse(text: String, file: String, asOf override: Instant? = nil) throws(ArchiveError) -> CboeChainFile {
        try parse(bytes: Array(text.utf8), file: file, asOf: override)
    }

    /// Parses the bytes of a chain file (UTF-8 or ASCII; a BOM is skipped); `file` names it in errors.
    /// Lines longer than `maximumLineBytes` are refused.
    public static func parse(bytes: [UInt8], file: String, asOf override: Instant? = nil,
                             maximumLineBytes: Int = ArchiveLimits.default.maximumLineBytes) throws(ArchiveError) -> CboeChainFile {
        let lines = LineRanges(bytes)
        if let long = lines.ranges.firstIndex(where: { $0.count > maximumLineBytes }) {
            throw ArchiveLimits.exceeded(file: file, line: long + 1, what: "line length in bytes", limit: maximumLineBytes,
                                         option: "--max-line-bytes", variable: "GEX_MAX_LINE_BYTES")
        }
        func text(_ k: Int) -> Substring { Substring(String(decoding: bytes[lines.ranges[k]], as: UTF8.self)) }
        guard let headerIndex = lines.ranges.indices.first(where: { k in
            CSVLine.cells(text(k).prefix(40)).first?.trimmingWhitespace == "Expiration Date"
        }) else {
            throw ArchiveError(.badData, file: file, reason: "no header line starting with 'Expiration Date': not a Cboe chain download")
        }
        let columns = try ChainColumns(header: CSVLine.cells(text(headerIndex)), file: file, line: headerIndex + 1)
        let preamble = try ChainPreamble(lines: (0..<headerIndex).map(text), file: file)

        let asOf: Instant
        let asOfSource: String
        if let override {
            asOf = override
            asOfSource = "--asof"
        } else if let parsed = AsOfParser.parse(preamble.asOfText) {
            asOf = parsed.instant
            asOfSource = parsed.assumedEastern ? "file (no time zone given: US/Eastern assumed)" : "file"
        } else {
            throw ArchiveError(.badData, file: file, line: preamble.asOfLine,
                reason: "cannot read the as-of time '\(preamble.asOfText)'; pass it with --asof YYYY-MM-DDTHH:MM (US/Eastern) or with an offset, e.g. 2023-09-14T16:31-04:00")
        }

        var rows = ChainRows(columns: columns)
        bytes.withUnsafeBufferPointer { all in
            for index in (headerIndex + 1)..<lines.ranges.count {
                rows.add(line: UnsafeBufferPointer(rebasing: all[lines.ranges[index]]), number: index + 1)
            }
        }
        var chain = ChainSnapshot(underlying: preamble.underlying, asOf: asOf, spot: preamble.spot)
        var expiredDropped = 0
        var expiredExpiries = Set<CivilDate>()
        for contract in rows.contracts {
            if contract.key.settlementInstant <= asOf {
                expiredDropped += 1
                expiredExpiries.insert(contract.key.expiry)
                continue
            }
            chain.append(key: contract.key, openInterest: contract.openInterest,
                         impliedVolatility: contract.impliedVolatility, vendorGamma: contract.gamma,
                         bid: contract.bid, ask: contract.ask)
        }
        chain.sortByKey()
        if let symbol = preamble.tickerHint ?? ChainPreamble.ticker(fromRoots: chain.keys.map(\.root)) {
            chain.underlying = symbol
        }
        if chain.count == 0 {
            let reasons = rows.skipped.sorted { $0.key < $1.key }.map { "\($0.value.count) × \($0.key)" }.joined(separator: "; ")
            throw ArchiveError(.badData, file: file,
                reason: rows.rowCount == 0 ? "no data rows after the header"
                    : rows.contracts.isEmpty ? "no usable contract: every row was skipped (\(reasons))"
                    : "every contract had settled by the as-of time \(EasternTime.iso8601(asOf)): nothing to compute")
        }
        return CboeChainFile(
            chain: chain, layout: preamble.layout, asOfText: override == nil ? preamble.asOfText : "",
            asOfSource: asOfSource, rowsRead: rows.rowCount, expiredDropped: expiredDropped,
            expiredExpiries: expiredExpiries.sorted(), skipped: rows.skipped, listed: listing(rows.contracts),
            coverage: coverage(of: chain))
    }

    static func listing(_ contracts: [ChainRows.Contract]) -> ListingSummary {
        var byRoot: [String: Int] = [:]
        var openInterest = 0.0
        for c in contracts {
            byRoot[c.key.root, default: 0] += 1
            openInterest += c.openInterest
        }
        return ListingSummary(
            contracts: contracts.count, expiries: Set(contracts.map(\.key.expiry)).count,
            strikes: Set(contracts.map(\.key.strikeMilli)).count, openInterest: openInterest, contractsByRoot: byRoot)
    }

    /// A plain-words guess at whether the download was filtered on Cboe's page (by expiry or by
    /// strike range); labelled as a heuristic wherever it is printed.
    static func coverage(of chain: ChainSnapshot) -> String {
        let expiries = chain.expiries.count
        let strikes = chain.keys.map(\.strike)
        let low = strikes.min() ?? 0, high = strikes.max() ?? 0
        let narrow = chain.spot > 0 && (high - low) < 0.3 * chain.spot
        if expiries >= 8 && !narrow { return "full chain (\(expiries) expiries, strikes \(low)–\(high))" }
        return "filtered download (\(expiries) expiries, strikes \(low)–\(high)): levels cover only these contracts"
    }
}
