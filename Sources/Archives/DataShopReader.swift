import MarketModel
import OptionsMath

/// What a DataShop read produced: one day store per underlying, and what was skipped.
public struct ArchiveDay: Sendable {
    /// Day stores, by underlying symbol, in symbol order.
    public let stores: [DayStore]
    /// Data rows read (all files).
    public let rowsRead: Int
    /// Skipped rows by reason.
    public let defects: DefectCounts
    /// Header names the reader did not use, per file.
    public let unknownColumns: [String: [String]]
    /// Files read and their on-disk sizes in bytes.
    public let files: [(path: String, bytes: Int)]

    /// The same day with every store transformed by `transform` (e.g. open interest from a separate file).
    public func mapStores(_ transform: (DayStore) throws -> DayStore) rethrows -> ArchiveDay {
        ArchiveDay(stores: try stores.map(transform), rowsRead: rowsRead, defects: defects, unknownColumns: unknownColumns, files: files)
    }
}

/// Reads Cboe DataShop Option Quote Intervals CSVs (any interval; plain or `.gz`; LF or CRLF;
/// basic, calcs, OI, calcs + OI, and the EOD Summary layout) into day stores, streaming.
///
/// `quote_datetime` is US/Eastern wall clock labelling the interval end. The underlying price per
/// snapshot is the mid of `underlying_bid/ask` when both are positive, else
/// `active_underlying_price` when positive (index files without an index licence have zero
/// bid/ask), else missing — the source is recorded per snapshot. Several files (e.g. split by
/// root) merge into one store per underlying. Row defects are skipped and counted by reason;
/// header defects throw `ArchiveError` with file and line.
public enum DataShopReader {
    /// Reads and merges `paths`, refusing inputs over `limits` (contracts and snapshots per
    /// underlying, line length, decompressed bytes per file) with an error naming the file and cap.
    ///
    /// `workers` > 1 parses each plain (uncompressed) file on that many threads, each taking
    /// pieces of whole lines; a `.gz` or `.zip` file is decompressed on one thread while the calling
    /// thread parses (`DataShopPipelinedRead`). The result is
    /// bit-identical to `workers: 1` — stores, rows read, defect counts and the file and line of
    /// each first defect. Any failure of a parallel read (a cap exceeded, a bad header) is
    /// reported by reading again on one thread, so errors (line numbers included) are the same too.
    public static func read(paths: [String], limits: ArchiveLimits = .default, workers: Int = 1) throws(ArchiveError) -> ArchiveDay {
        if workers > 1 {
            do throws(ArchiveError) {
                return try readWithoutRetry(paths, limits: limits, workers: workers)
            } catch {
                // Fall through: the one-thread read fails the same way and names the exact line.
            }
        }
        return try readWithoutRetry(paths, limits: limits, workers: 1)
    }

    /// One attempt at `read(paths:limits:workers:)`: a parallel read that fails is not retried on one
    /// thread (tests use it to check that the parallel path, not the retry, produced a result).
    /// `alignToSnapshots: false` cuts pieces at any line; `pipelineBlockBytes` sets the block size of
    /// compressed reads (tests).
    static func readWithoutRetry(_ paths: [String], limits: ArchiveLimits, workers: Int, alignToSnapshots: Bool = true,
                                 pipelineBlockBytes: Int = DataShopPipelinedRead.defaultBlockBytes) throws(ArchiveError) -> ArchiveDay {
        var state = DataShopReadState()
        for path in paths {
            let source = try ByteStream(path: path, maximumBytes: limits.maximumInputBytes)
            if workers > 1, source.format == .plain, let file = try? MappedFile(path: path), file.count <= limits.maximumInputBytes,
               let plan = DataShopRangePlan(file, maximumLineBytes: limits.maximumLineBytes) {
                try plan.read(file, path: path, limits: limits, workers: workers, alignToSnapshots: alignToSnapshots, into: &state)
            } else if workers > 1, source.format != .plain {
                try DataShopPipelinedRead.read(source, path: path, limits: limits, blockBytes: pipelineBlockBytes, into: &state)
            } else {
                try readStream(source, path: path, limits: limits, into: &state)
            }
        }
        return try state.finish(paths: paths)
    }

    /// One file through `LineReader` on this thread (plain, gzip or zip).
    private static func readStream(_ source: ByteStream, path: String, limits: ArchiveLimits,
                                   into state: inout DataShopReadState) throws(ArchiveError) {
        var reader = LineReader(source: source, maximumLineLength: limits.maximumLineBytes)
        var rows: DataShopRows?
        try reader.forEachLine { line, number throws(ArchiveError) in
            if rows == nil {
                rows = try state.header(line, path: path, line: number, limits: limits)
                return
            }
            try rows!.add(line: line, number: number, into: &state.builders, defects: &state.defects)
        }
        guard let rows else { throw ArchiveError(.badData, file: path, reason: "empty file: no DataShop header") }
        try state.endFile(path: path, rowCount: rows.rowCount, bytes: source.bytesRead, limits: limits)
    }
}

/// What a DataShop read has gathered so far, over the files read.
struct DataShopReadState {
    var builders = DataShopBuilders()
    var defects = DefectCounts()
    var unknown: [String: [String]] = [:]
    var files: [(String, Int)] = []
    var rowsRead = 0

    /// The row parser for a file whose header line is `line`; records the columns it does not use.
    mutating func header(_ line: UnsafeBufferPointer<UInt8>, path: String, line number: Int,
                         limits: ArchiveLimits) throws(ArchiveError) -> DataShopRows {
        let header = CSVLine.cells(Substring(String(decoding: line, as: UTF8.self))).map(String.init)
        let columns = try DataShopColumns(header: header, file: path, line: number)
        unknown[path] = columns.unknown
        return DataShopRows(columns: columns, file: path, limits: limits)
    }

    /// The checks closing a file: caps over everything read so far, and at least one data row.
    mutating func endFile(path: String, rowCount: Int, bytes: Int, limits: ArchiveLimits) throws(ArchiveError) {
        for builder in builders.list { try limits.check(builder, file: path, line: nil) }
        guard rowCount > 0 else { throw ArchiveError(.badData, file: path, line: 2, reason: "no data rows after the header") }
        rowsRead += rowCount
        files.append((path, bytes))
    }

    /// The day: one finished store per underlying, in symbol order, duplicates counted.
    mutating func finish(paths: [String]) throws(ArchiveError) -> ArchiveDay {
        var stores: [DayStore] = []
        for symbol in builders.index.keys.sorted() {
            let slot = builders.index[symbol]!
            // Take sole ownership (a copy left in the list would keep every row alive through finish()).
            var builder = builders.list[slot]
            builders.list[slot] = DayStoreBuilder(underlying: symbol, hasVendorGreeks: false)
            defects.add("duplicate row (same contract and time)", count: builder.duplicates, file: paths.joined(separator: ","))
            stores.append(builder.finish())
        }
        if stores.isEmpty {
            let reasons = defects.entries.sorted { $0.key < $1.key }.map { "\($0.value.count) × \($0.key)" }.joined(separator: "; ")
            throw ArchiveError(.badData, file: paths.joined(separator: ", "), reason: "no usable rows: every data row was skipped (\(reasons))")
        }
        return ArchiveDay(stores: stores, rowsRead: rowsRead, defects: defects, unknownColumns: unknown, files: files)
    }
}
