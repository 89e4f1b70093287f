// One column chunk (one column's rows within one row group) as v1 data pages: each page is
// [definition levels with 4-byte length prefix, optional columns only] + [PLAIN values of the non-null
// rows], compressed with ZSTD, preceded by its Thrift PageHeader. Pages split at ~`pageSize` bytes of
// PLAIN values, always at row boundaries.

/// The bytes and metadata of one encoded column chunk.
struct ParquetEncodedChunk {
    /// Page headers and compressed pages, back to back, as they go into the file.
    var bytes: [UInt8]
    /// Pages in the chunk.
    var pageCount: Int
    /// Σ (header + uncompressed page) bytes.
    var totalUncompressedSize: Int
    /// Values (rows, nulls included).
    var numValues: Int
    /// Statistics of the whole chunk.
    var statistics: ParquetStatistics
}

/// How one stored value type is split into pages, PLAIN-encoded, ordered and bounded.
private struct ValueCodec<T> {
    /// Bits per value when fixed (1 for BOOLEAN, 32, 64); nil for BYTE_ARRAY.
    var fixedBits: Int?
    /// PLAIN bytes of one value including its length prefix (BYTE_ARRAY only).
    var plainSize: (T) -> Int = { _ in 0 }
    /// Appends the PLAIN encoding of the non-null values of a page.
    var appendPlain: (ArraySlice<T?>, inout [UInt8]) -> Void
    /// Strict order of the column (TYPE_ORDER).
    var less: (T, T) -> Bool
    /// Values left out of min/max and counted as NaN.
    var isNaN: (T) -> Bool = { _ in false }
    /// True for FLOAT/DOUBLE: nan_count is written.
    var writesNaNCount = false
    /// PLAIN bytes of a min (`true`) or max (`false`) bound.
    var bound: (T, Bool) -> [UInt8]
}

/// Encodes column chunks.
enum ParquetColumnChunk {
    /// Encodes rows `rows` of `data` (already validated against `column`) as pages of about
    /// `pageSize` PLAIN bytes each, compressed by `compressor`.
    static func encode(_ data: ParquetColumnData, column: ParquetColumn, rows: Range<Int>, pageSize: Int,
                       compressor: ZstdCompressor) throws(ParquetWriteError) -> ParquetEncodedChunk {
        let unsigned = column.comparesUnsigned
        switch data {
        case .boolean(let v):
            let codec = ValueCodec<Bool>(
                fixedBits: 1, appendPlain: { ParquetEncoding.appendPlainBooleans($0, to: &$1) },
                less: ParquetOrder.boolLess, bound: { v, _ in [v ? 1 : 0] })
            return try encode(v[rows], codec: codec, column: column, pageSize: pageSize, compressor: compressor)
        case .int32(let v):
            let codec = ValueCodec<Int32>(
                fixedBits: 32, appendPlain: { ParquetEncoding.appendPlainFixed($0, bits: { $0 }, to: &$1) },
                less: unsigned ? { UInt32(bitPattern: $0) < UInt32(bitPattern: $1) } : { $0 < $1 },
                bound: { v, _ in ParquetOrder.littleEndianBytes(v) })
            return try encode(v[rows], codec: codec, column: column, pageSize: pageSize, compressor: compressor)
        case .int64(let v):
            let codec = ValueCodec<Int64>(
                fixedBits: 64, appendPlain: { ParquetEncoding.appendPlainFixed($0, bits: { $0 }, to: &$1) },
                less: unsigned ? { UInt64(bitPattern: $0) < UInt64(bitPattern: $1) } : { $0 < $1 },
                bound: { v, _ in ParquetOrder.littleEndianBytes(v) })
            return try encode(v[rows], codec: codec, column: column, pageSize: pageSize, compressor: compressor)
        case .float(let v):
            let codec = ValueCodec<Float>(
                fixedBits: 32, appendPlain: { ParquetEncoding.appendPlainFixed($0, bits: { $0.bitPattern }, to: &$1) },
                less: { $0 < $1 }, isNaN: { $0.isNaN }, writesNaNCount: true, bound: ParquetOrder.floatBound)
            return try encode(v[rows], codec: codec, column: column, pageSize: pageSize, compressor: compressor)
        case .double(let v):
            let codec = ValueCodec<Double>(
                fixedBits: 64, appendPlain: { ParquetEncoding.appendPlainFixed($0, bits: { $0.bitPattern }, to: &$1) },
                less: { $0 < $1 }, isNaN: { $0.isNaN }, writesNaNCount: true, bound: ParquetOrder.doubleBound)
            return try encode(v[rows], codec: codec, column: column, pageSize: pageSize, compressor: compressor)
        case .string(let v):
            let codec = ValueCodec<String>(
                fixedBits: nil, plainSize: { 4 + $0.utf8.count },
                appendPlain: { ParquetEncoding.appendPlainStrings($0, to: &$1) },
                less: ParquetOrder.utf8Less, bound: { v, _ in Array(v.utf8) })
            return try encode(v[rows], codec: codec, column: column, pageSize: pageSize, compressor: compressor)
        case .bytes(let v):
            let codec = ValueCodec<[UInt8]>(
                fixedBits: nil, plainSize: { 4 + $0.count },
                appendPlain: { ParquetEncoding.appendPlainBytes($0, to: &$1) },
                less: ParquetOrder.bytesLess, bound: { v, _ in v })
            return try encode(v[rows], codec: codec, column: column, pageSize: pageSize, compressor: compressor)
        }
    }

    /// Row ranges of the pages of `values`: fixed-width types take ⌊pageSize·8 / bits⌋ rows per page,
    /// BYTE_ARRAY pages close before the value that would take them past `pageSize` bytes. Every page
    /// holds at least one row; an empty slice has no pages.
    private static func pageRanges<T>(_ values: ArraySlice<T?>, codec: ValueCodec<T>, pageSize: Int) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        if let bits = codec.fixedBits {
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
                let size = values[i].map(codec.plainSize) ?? 0
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

    private static func encode<T>(_ values: ArraySlice<T?>, codec: ValueCodec<T>, column: ParquetColumn, pageSize: Int,
                                  compressor: ZstdCompressor) throws(ParquetWriteError) -> ParquetEncodedChunk {
        var out: [UInt8] = []
        var chunkStatistics = TypedStatistics<T>(values[values.startIndex..<values.startIndex], less: codec.less)
        var totalUncompressed = 0
        let ranges = pageRanges(values, codec: codec, pageSize: pageSize)
        for range in ranges {
            let page = values[range]
            var payload: [UInt8] = []
            if column.isNullable {
                var levels: [UInt8] = []
                ParquetEncoding.appendDefinitionLevels(page.map { $0 != nil }, to: &levels)
                ParquetEncoding.appendUInt32LE(UInt32(levels.count), to: &payload)
                payload.append(contentsOf: levels)
            }
            codec.appendPlain(page, &payload)
            guard payload.count <= Int(Int32.max) else {
                throw ParquetWriteError("column \(column.name): a page of \(payload.count) bytes exceeds 2³¹-1")
            }
            let compressed = try compressor.compress(payload)
            let pageStatistics = TypedStatistics(page, less: codec.less, isExcluded: codec.isNaN)
            chunkStatistics.merge(pageStatistics, less: codec.less)
            let header = ParquetMetadata.dataPageHeader(
                numValues: page.count, uncompressedSize: payload.count, compressedSize: compressed.count,
                statistics: pageStatistics.encoded(withNaNCount: codec.writesNaNCount, encode: codec.bound))
            out.append(contentsOf: header)
            out.append(contentsOf: compressed)
            totalUncompressed += header.count + payload.count
        }
        return ParquetEncodedChunk(
            bytes: out, pageCount: ranges.count, totalUncompressedSize: totalUncompressed, numValues: values.count,
            statistics: chunkStatistics.encoded(withNaNCount: codec.writesNaNCount, encode: codec.bound))
    }
}
