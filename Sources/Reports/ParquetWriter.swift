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
    ///   - path: destination file; replaced whole or left untouched.
    /// - Throws: `ParquetWriteError` for invalid input, `OutputError` when the file cannot be written.
    public static func write(columns: [(ParquetColumn, ParquetColumnData)], keyValueMetadata: [String: String] = [:],
                             rowGroupSize: Int = defaultRowGroupSize, pageSize: Int = defaultPageSize,
                             gexVersion: String, to path: String) throws {
        let data = try encode(columns: columns, keyValueMetadata: keyValueMetadata, rowGroupSize: rowGroupSize,
                              pageSize: pageSize, gexVersion: gexVersion)
        try AtomicFile.write(data, to: path)
    }

    /// The bytes of the Parquet file `write` would write (same parameters).
    public static func encode(columns: [(ParquetColumn, ParquetColumnData)], keyValueMetadata: [String: String] = [:],
                              rowGroupSize: Int = defaultRowGroupSize, pageSize: Int = defaultPageSize,
                              gexVersion: String) throws(ParquetWriteError) -> Data {
        let rowCount = try validate(columns, rowGroupSize: rowGroupSize, pageSize: pageSize)
        let scratch = ParquetPageScratch(compressor: try ZstdCompressor(level: compressionLevel))
        var file = magic
        file.reserveCapacity(estimatedSize(columns, rows: rowCount))
        var rowGroups: [ParquetRowGroupMetadata] = []
        var start = 0
        while start < rowCount {
            let rows = start..<min(rowCount, start + rowGroupSize)
            var chunks: [ParquetChunkMetadata] = []
            for (column, data) in columns {
                let offset = file.count
                let chunk = try ParquetColumnChunk.encode(data, column: column, rows: rows, pageSize: pageSize,
                                                          scratch: scratch, appendingTo: &file)
                chunks.append(ParquetChunkMetadata(
                    column: column, numValues: Int64(chunk.numValues),
                    totalUncompressedSize: Int64(chunk.totalUncompressedSize),
                    totalCompressedSize: Int64(chunk.totalCompressedSize), dataPageOffset: Int64(offset),
                    statistics: chunk.statistics))
            }
            rowGroups.append(ParquetRowGroupMetadata(chunks: chunks, numRows: Int64(rows.count)))
            start = rows.upperBound
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

    /// A capacity for the file buffer: PLAIN sizes of fixed-width columns (compressed pages are rarely
    /// larger), 16 bytes per BYTE_ARRAY value, plus room for headers and the footer.
    private static func estimatedSize(_ columns: [(ParquetColumn, ParquetColumnData)], rows: Int) -> Int {
        let perRow = columns.reduce(0) { sum, pair in
            switch pair.1 {
            case .boolean: return sum + 1
            case .int32, .float: return sum + 4
            case .int64, .double: return sum + 8
            case .string, .bytes: return sum + 16
            }
        }
        return min(perRow * rows + 64 * 1024, 1 << 34)
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
