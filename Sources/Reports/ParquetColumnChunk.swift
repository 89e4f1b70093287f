// One column chunk (one column's rows within one row group) as v1 data pages: each page is
// [definition levels with 4-byte length prefix, optional columns only] + [PLAIN values of the non-null
// rows], compressed with ZSTD, preceded by its Thrift PageHeader. Pages split at ~`pageSize` bytes of
// PLAIN values, always at row boundaries.

/// What encoding one column chunk produced (its bytes were appended to the file buffer).
struct ParquetChunkSummary {
    /// Pages in the chunk.
    var pageCount: Int
    /// Σ (header + uncompressed page) bytes.
    var totalUncompressedSize: Int
    /// Σ (header + compressed page) bytes = bytes appended to the file.
    var totalCompressedSize: Int
    /// Values (rows, nulls included).
    var numValues: Int
    /// Statistics of the whole chunk.
    var statistics: ParquetStatistics
}

/// Buffers reused by every page of a file, so pages do not each allocate (and page-fault) anew.
/// Not thread-safe.
final class ParquetPageScratch {
    /// The page compressor (ZSTD at `ParquetWriter.compressionLevel`).
    let compressor: ZstdCompressor
    /// Uncompressed page: levels + values.
    var payload: [UInt8] = []
    /// Definition levels of the page before encoding (true = value present).
    var defined: [Bool] = []
    /// Encoded definition levels.
    var levels: [UInt8] = []
    /// Compressed page (grown to the worst case once).
    var compressed: [UInt8] = []

    /// Scratch space around `compressor`.
    init(compressor: ZstdCompressor) { self.compressor = compressor }
}

/// Encodes column chunks.
enum ParquetColumnChunk {
    /// Encodes rows `rows` of `data` (already validated against `column`) as pages of about
    /// `pageSize` PLAIN bytes each and appends them to `file`.
    static func encode(_ data: ParquetColumnData, column: ParquetColumn, rows: Range<Int>, pageSize: Int,
                       scratch: ParquetPageScratch, appendingTo file: inout [UInt8]) throws(ParquetWriteError) -> ParquetChunkSummary {
        let unsigned = column.comparesUnsigned
        switch data {
        case .boolean(let v):
            return try encode(v[rows], kind: BooleanKind(), column: column, pageSize: pageSize, scratch: scratch, file: &file)
        case .int32(let v):
            return try encode(v[rows], kind: Int32Kind(unsigned: unsigned), column: column, pageSize: pageSize, scratch: scratch, file: &file)
        case .int64(let v):
            return try encode(v[rows], kind: Int64Kind(unsigned: unsigned), column: column, pageSize: pageSize, scratch: scratch, file: &file)
        case .float(let v):
            return try encode(v[rows], kind: FloatKind(), column: column, pageSize: pageSize, scratch: scratch, file: &file)
        case .double(let v):
            return try encode(v[rows], kind: DoubleKind(), column: column, pageSize: pageSize, scratch: scratch, file: &file)
        case .string(let v):
            return try encode(v[rows], kind: StringKind(), column: column, pageSize: pageSize, scratch: scratch, file: &file)
        case .bytes(let v):
            return try encode(v[rows], kind: BytesKind(), column: column, pageSize: pageSize, scratch: scratch, file: &file)
        }
    }

    /// Row ranges of the pages of `values`: fixed-width kinds take ⌊pageSize·8 / bits⌋ rows per page,
    /// BYTE_ARRAY pages close before the value that would take them past `pageSize` bytes. Every page
    /// holds at least one row; an empty slice has no pages.
    static func pageRanges<Kind: ParquetValueKind>(_ values: ArraySlice<Kind.Value?>, kind: Kind, pageSize: Int) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        if let bits = kind.fixedBits {
            let perPage = max(1, pageSize * 8 / bits)
            var start = values.startIndex
            while start < values.endIndex {
                let end = min(values.endIndex, start + perPage)
                ranges.append(start..<end)
                start = end
            }
        } else {
            var start = values.startIndex
            var bytes = 0
            for i in values.indices {
                let size = values[i].map { kind.plainSize($0) } ?? 0
                if i > start && bytes + size > pageSize {
                    ranges.append(start..<i)
                    start = i
                    bytes = 0
                }
                bytes += size
            }
            if start < values.endIndex { ranges.append(start..<values.endIndex) }
        }
        return ranges
    }

    private static func encode<Kind: ParquetValueKind>(
        _ values: ArraySlice<Kind.Value?>, kind: Kind, column: ParquetColumn, pageSize: Int,
        scratch: ParquetPageScratch, file: inout [UInt8]
    ) throws(ParquetWriteError) -> ParquetChunkSummary {
        var chunkStatistics = TypedStatistics<Kind>()
        var totalUncompressed = 0
        let start = file.count
        let ranges = pageRanges(values, kind: kind, pageSize: pageSize)
        for range in ranges {
            let page = values[range]
            scratch.payload.removeAll(keepingCapacity: true)
            if column.isNullable {
                scratch.defined.removeAll(keepingCapacity: true)
                for value in page { scratch.defined.append(value != nil) }
                scratch.levels.removeAll(keepingCapacity: true)
                ParquetEncoding.appendDefinitionLevels(scratch.defined, to: &scratch.levels)
                ParquetEncoding.appendUInt32LE(UInt32(scratch.levels.count), to: &scratch.payload)
                scratch.payload.append(contentsOf: scratch.levels)
            }
            kind.appendPlain(page, to: &scratch.payload)
            guard scratch.payload.count <= Int(Int32.max) else {
                throw ParquetWriteError("column \(column.name): a page of \(scratch.payload.count) bytes exceeds 2³¹-1")
            }
            let compressedSize = try scratch.compressor.compress(scratch.payload, into: &scratch.compressed)
            guard compressedSize <= Int(Int32.max), page.count <= Int(Int32.max) else {
                throw ParquetWriteError("column \(column.name): a page exceeds the 2³¹-1 limit of a page header")
            }
            let pageStatistics = TypedStatistics(page, kind: kind)
            chunkStatistics.merge(pageStatistics, kind: kind)
            let header = ParquetMetadata.dataPageHeader(
                numValues: page.count, uncompressedSize: scratch.payload.count, compressedSize: compressedSize,
                statistics: pageStatistics.encoded(kind: kind))
            file.append(contentsOf: header)
            scratch.compressed.withUnsafeBufferPointer { file.append(contentsOf: $0[..<compressedSize]) }
            totalUncompressed += header.count + scratch.payload.count
        }
        return ParquetChunkSummary(
            pageCount: ranges.count, totalUncompressedSize: totalUncompressed, totalCompressedSize: file.count - start,
            numValues: values.count, statistics: chunkStatistics.encoded(kind: kind))
    }
}
