import Dispatch
import Foundation

/// Writes flat tables as Apache Parquet files: our own writer, no Parquet library.
///
/// File layout: `PAR1`, then for each row group and each column one column chunk of v1 data pages
/// (PLAIN values, RLE/bit-packed definition levels for nullable columns, ZSTD level 3 per page), then
/// the Thrift-compact FileMetaData, its length as 4 bytes little-endian, and `PAR1` again.
///
/// - Schema: a root group "schema" with one leaf per column (REQUIRED/OPTIONAL, physical type, the
///   logical type and, where one exists, the legacy converted type).
/// - Statistics per page and per column chunk: null_count; min_value/max_value (PLAIN, TYPE_ORDER:
///   unsigned for UINT_n, byte-wise for strings; NaN never included, nan_count written for FLOAT/DOUBLE,
///   zero bounds as -0.0/+0.0); bounds longer than 4096 bytes are left out. column_orders = TYPE_ORDER.
/// - Key-value metadata is written sorted by key (UTF-8 bytes); created_by is
///   "GammaSurface gex version <gexVersion>".
/// - Deterministic: the same input gives the same bytes (for a given libzstd version).
/// - Limits: flat columns only; every page < 2³¹ bytes; 0 rows gives a valid file with no row groups.
///   The whole file is built in memory before it is written.
public enum ParquetWriter {
    /// The 4-byte magic at both ends of a Parquet file.
    public static let magic: [UInt8] = Array("PAR1".utf8)
    /// Default maximum rows per row group (2²⁰).
    public static let defaultRowGroupSize = 1 << 20
    /// Default target size of a data page, in bytes of PLAIN values before compression (1 MiB).
    public static let defaultPageSize = 1 << 20
    /// The ZSTD compression level of every page.
    public static let compressionLevel: Int32 = 3

    /// The created_by string for `gexVersion`, e.g. "GammaSurface gex version 0.4.0".
    public static func createdBy(gexVersion: String) -> String { "GammaSurface gex version \(gexVersion)" }

    /// Encodes `columns` and writes them to `path` atomically (temporary file + rename, see `AtomicFile`).
    ///
    /// - Parameters:
    ///   - columns: (description, values) pairs in file order; names unique and non-empty; all value
    ///     arrays the same length (the row count).
    ///   - keyValueMetadata: file-level key-value metadata (units, conventions, provenance).
    ///   - rowGroupSize: maximum rows per row group (≥ 1).
    ///   - pageSize: target bytes of PLAIN values per data page (≥ 1).
    ///   - gexVersion: the version written into created_by.
    ///   - workers: threads encoding column chunks (nil: all cores); the bytes are the same for any count.
    ///   - path: destination file; replaced whole or left untouched.
    /// - Throws: `ParquetWriteError` for invalid input, `OutputError` when the file cannot be written.
    public static func write(columns: [(ParquetColumn, ParquetColumnData)], keyValueMetadata: [String: String] = [:],
                             rowGroupSize: Int = defaultRowGroupSize, pageSize: Int = defaultPageSize,
                             gexVersion: String, workers: Int? = nil, to path: String) throws {
        let data = try encode(columns: columns, keyValueMetadata: keyValueMetadata, rowGroupSize: rowGroupSize,
                              pageSize: pageSize, gexVersion: gexVersion, workers: workers)
        try AtomicFile.write(data, to: path)
    }

    /// The bytes of the Parquet file `write` would write (same parameters).
    public static func encode(columns: [(ParquetColumn, ParquetColumnData)], keyValueMetadata: [String: String] = [:],
                              rowGroupSize: Int = defaultRowGroupSize, pageSize: Int = defaultPageSize,
                              gexVersion: String, workers: Int? = nil) throws(ParquetWriteError) -> Data {
        let rowCount = try validate(columns, rowGroupSize: rowGroupSize, pageSize: pageSize)
        let groups = stride(from: 0, to: rowCount, by: rowGroupSize).map { $0..<min(rowCount, $0 + rowGroupSize) }
        let chunks = try encodeChunks(columns, groups: groups, pageSize: pageSize,
                                      workers: workers ?? ProcessInfo.processInfo.activeProcessorCount)
        var file = magic
        file.reserveCapacity(magic.count + chunks.reduce(0) { $0 + $1.bytes.count } + 64 * 1024)
        var rowGroups: [ParquetRowGroupMetadata] = []
        for (g, rows) in groups.enumerated() {
            var metadata: [ParquetChunkMetadata] = []
            for (c, (column, _)) in columns.enumerated() {
                let (bytes, chunk) = chunks[g * columns.count + c]
                metadata.append(ParquetChunkMetadata(
                    column: column, numValues: Int64(chunk.numValues),
                    totalUncompressedSize: Int64(chunk.totalUncompressedSize),
                    totalCompressedSize: Int64(chunk.totalCompressedSize), dataPageOffset: Int64(file.count),
                    statistics: chunk.statistics))
                file.append(contentsOf: bytes)
            }
            rowGroups.append(ParquetRowGroupMetadata(chunks: metadata, numRows: Int64(rows.count)))
        }
        let sortedMetadata = keyValueMetadata.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
        let footer = ParquetMetadata.fileMetaData(
            columns: columns.map(\.0), rowGroups: rowGroups, keyValueMetadata: sortedMetadata.map { ($0.key, $0.value) },
            createdBy: createdBy(gexVersion: gexVersion))
        guard footer.count <= Int(UInt32.max) else { throw ParquetWriteError("Parquet footer of \(footer.count) bytes is too large") }
        file.append(contentsOf: footer)
        ParquetEncoding.appendUInt32LE(UInt32(footer.count), to: &file)
        file.append(contentsOf: magic)
        return Data(file)
    }

    /// Every column chunk (row group-major, then column) encoded into its own buffer, in parallel on
    /// up to `workers` threads (one ZSTD context per worker). A chunk's bytes do not depend on where it will
    /// sit in the file, so the concatenation is the same file a sequential pass writes.
    private static func encodeChunks(_ columns: [(ParquetColumn, ParquetColumnData)], groups: [Range<Int>],
                                     pageSize: Int, workers: Int) throws(ParquetWriteError) -> [EncodedChunk] {
        let tasks = groups.count * columns.count
        guard tasks > 0 else { return [] }
        let lanes = min(tasks, max(1, workers))
        var compressors: [ZstdCompressor] = []
        for _ in 0..<lanes { compressors.append(try ZstdCompressor(level: compressionLevel)) }
        let work = ChunkWork(columns: columns, groups: groups, pageSize: pageSize,
                             scratch: compressors.map { ParquetPageScratch(compressor: $0) })
        DispatchQueue.concurrentPerform(iterations: lanes) { lane in
            var task = lane
            while task < tasks {
                work.encode(task, lane: lane)
                task += lanes
            }
        }
        var out: [EncodedChunk] = []
        out.reserveCapacity(tasks)
        for result in work.results {
            switch result {
            case .success(let chunk): out.append(chunk)
            case .failure(let error): throw error
            }
        }
        return out
    }

    /// Checks the whole input before anything is encoded; returns the row count.
    private static func validate(_ columns: [(ParquetColumn, ParquetColumnData)], rowGroupSize: Int,
                                 pageSize: Int) throws(ParquetWriteError) -> Int {
        guard !columns.isEmpty else { throw ParquetWriteError("a Parquet file needs at least one column") }
        guard rowGroupSize >= 1 else { throw ParquetWriteError("rowGroupSize must be ≥ 1 (got \(rowGroupSize))") }
        guard pageSize >= 1 else { throw ParquetWriteError("pageSize must be ≥ 1 (got \(pageSize))") }
        let rowCount = columns[0].1.count
        var seen = Set<String>()
        for (column, data) in columns {
            try column.validate()
            guard seen.insert(column.name).inserted else {
                throw ParquetWriteError("column name \(column.name) appears more than once")
            }
            guard data.count == rowCount else {
                throw ParquetWriteError("column \(column.name) has \(data.count) rows, column \(columns[0].0.name) has \(rowCount)")
            }
            try data.validate(for: column)
        }
        return rowCount
    }
}

/// An encoded column chunk: its bytes (relocatable: no absolute offsets inside) and its summary.
typealias EncodedChunk = (bytes: [UInt8], summary: ParquetChunkSummary)

/// One parallel `encodeChunks` pass: inputs shared read-only, one scratch per lane, one result slot
/// per task (each written by exactly one worker, read after `concurrentPerform` returns).
private final class ChunkWork: @unchecked Sendable {
    let columns: [(ParquetColumn, ParquetColumnData)]
    let groups: [Range<Int>]
    let pageSize: Int
    let scratch: [ParquetPageScratch]
    private let slots: UnsafeMutablePointer<Result<EncodedChunk, ParquetWriteError>?>
    private let tasks: Int

    init(columns: [(ParquetColumn, ParquetColumnData)], groups: [Range<Int>], pageSize: Int, scratch: [ParquetPageScratch]) {
        self.columns = columns
        self.groups = groups
        self.pageSize = pageSize
        self.scratch = scratch
        tasks = groups.count * columns.count
        slots = .allocate(capacity: tasks)
        slots.initialize(repeating: nil, count: tasks)
    }

    deinit {
        slots.deinitialize(count: tasks)
        slots.deallocate()
    }

    /// Encodes task `task` (row group task / columns, column task % columns) with lane `lane`'s scratch.
    func encode(_ task: Int, lane: Int) {
        let (column, data) = columns[task % columns.count]
        var bytes: [UInt8] = []
        do throws(ParquetWriteError) {
            let summary = try ParquetColumnChunk.encode(data, column: column, rows: groups[task / columns.count],
                                                        pageSize: pageSize, scratch: scratch[lane], appendingTo: &bytes)
            slots[task] = .success((bytes, summary))
        } catch {
            slots[task] = .failure(error)
        }
    }

    /// Every task's result in task order (call after all tasks ran).
    var results: [Result<EncodedChunk, ParquetWriteError>] { (0..<tasks).map { slots[$0]! } }
}
