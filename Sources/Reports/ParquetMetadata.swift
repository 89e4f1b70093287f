// Thrift structures of a Parquet file that the writer emits: PageHeader (before each page) and
// FileMetaData (the footer). Field ids and enum values are those of parquet.thrift:
//   PageHeader      1 type, 2 uncompressed_page_size, 3 compressed_page_size, 5 data_page_header
//   DataPageHeader  1 num_values, 2 encoding, 3 definition_level_encoding, 4 repetition_level_encoding,
//                   5 statistics
//   FileMetaData    1 version, 2 schema, 3 num_rows, 4 row_groups, 5 key_value_metadata, 6 created_by,
//                   7 column_orders
//   SchemaElement   1 type, 3 repetition_type, 4 name, 5 num_children, 6 converted_type, 10 logicalType
//   RowGroup        1 columns, 2 total_byte_size, 3 num_rows, 5 file_offset, 6 total_compressed_size,
//                   7 ordinal
//   ColumnChunk     2 file_offset (0: no ColumnMetaData outside the footer), 3 meta_data
//   ColumnMetaData  1 type, 2 encodings, 3 path_in_schema, 4 codec, 5 num_values,
//                   6 total_uncompressed_size, 7 total_compressed_size, 9 data_page_offset, 12 statistics
//   Enums: PageType DATA_PAGE 0; Encoding PLAIN 0, RLE 3; CompressionCodec ZSTD 6.

/// The metadata of one written column chunk (one column in one row group).
struct ParquetChunkMetadata {
    /// The column this chunk belongs to.
    var column: ParquetColumn
    /// Values in the chunk, nulls included (= rows of the row group for flat columns).
    var numValues: Int64
    /// Σ over pages of (page header bytes + uncompressed page bytes).
    var totalUncompressedSize: Int64
    /// Σ over pages of (page header bytes + compressed page bytes) = bytes the chunk occupies in the file.
    var totalCompressedSize: Int64
    /// File offset of the first page header of the chunk.
    var dataPageOffset: Int64
    /// Statistics of the whole chunk.
    var statistics: ParquetStatistics
}

/// The metadata of one written row group.
struct ParquetRowGroupMetadata {
    /// One chunk per column, in schema order.
    var chunks: [ParquetChunkMetadata]
    /// Rows in the group.
    var numRows: Int64
}

/// Thrift encoders for page headers and the file footer.
enum ParquetMetadata {
    /// Encoding ids used (PLAIN for values, RLE for levels).
    static let plain: Int32 = 0, rle: Int32 = 3
    /// Compression codec id of ZSTD.
    static let zstdCodec: Int32 = 6

    /// A v1 DATA_PAGE header: `numValues` levels (nulls included), PLAIN values, RLE levels, the page
    /// sizes in bytes (excluding this header) and the page's statistics.
    static func dataPageHeader(numValues: Int, uncompressedSize: Int, compressedSize: Int,
                               statistics: ParquetStatistics) -> [UInt8] {
        var t = ThriftCompactWriter()
        t.beginStruct()
        t.writeI32Field(1, 0)  // DATA_PAGE
        t.writeI32Field(2, Int32(uncompressedSize))
        t.writeI32Field(3, Int32(compressedSize))
        t.beginStructField(5)
        t.writeI32Field(1, Int32(numValues))
        t.writeI32Field(2, plain)
        t.writeI32Field(3, rle)
        t.writeI32Field(4, rle)
        statistics.write(asField: 5, to: &t)
        t.endStruct()  // DataPageHeader
        t.endStruct()  // PageHeader
        return t.bytes
    }

    /// The serialized FileMetaData (format version 2) for `columns`, `rowGroups`, sorted key-value
    /// metadata and `createdBy`; every column gets the TYPE_ORDER column order.
    static func fileMetaData(columns: [ParquetColumn], rowGroups: [ParquetRowGroupMetadata],
                             keyValueMetadata: [(String, String)], createdBy: String) -> [UInt8] {
        var t = ThriftCompactWriter()
        t.beginStruct()
        t.writeI32Field(1, 2)
        t.beginListField(2, .structure, count: columns.count + 1)
        t.beginStructElement()  // root group: name and child count only
        t.writeStringField(4, "schema")
        t.writeI32Field(5, Int32(columns.count))
        t.endStruct()
        for column in columns { writeSchemaElement(column, to: &t) }
        t.writeI64Field(3, rowGroups.reduce(0) { $0 + $1.numRows })
        t.beginListField(4, .structure, count: rowGroups.count)
        for (ordinal, group) in rowGroups.enumerated() { writeRowGroup(group, ordinal: ordinal, to: &t) }
        if !keyValueMetadata.isEmpty {
            t.beginListField(5, .structure, count: keyValueMetadata.count)
            for (key, value) in keyValueMetadata {
                t.beginStructElement()
                t.writeStringField(1, key)
                t.writeStringField(2, value)
                t.endStruct()
            }
        }
        t.writeStringField(6, createdBy)
        t.beginListField(7, .structure, count: columns.count)
        for _ in columns {
            t.beginStructElement()      // ColumnOrder union
            t.writeEmptyStructField(1)  // TYPE_ORDER: TypeDefinedOrder {}
            t.endStruct()
        }
        t.endStruct()
        return t.bytes
    }

    /// One leaf SchemaElement.
    private static func writeSchemaElement(_ column: ParquetColumn, to t: inout ThriftCompactWriter) {
        t.beginStructElement()
        t.writeI32Field(1, column.physicalType.rawValue)
        t.writeI32Field(3, column.repetition.rawValue)
        t.writeStringField(4, column.name)
        if let converted = column.convertedType { t.writeI32Field(6, converted) }
        if column.logicalType != .none {
            t.beginStructField(10)
            writeLogicalType(column.logicalType, to: &t)
            t.endStruct()
        }
        t.endStruct()
    }

    /// The one field of the LogicalType union (STRING 1, DATE 6, TIMESTAMP 8, INTEGER 10).
    private static func writeLogicalType(_ type: ParquetLogicalType, to t: inout ThriftCompactWriter) {
        switch type {
        case .none:
            break
        case .string:
            t.writeEmptyStructField(1)
        case .date:
            t.writeEmptyStructField(6)
        case .timestamp(let unit, let utc):
            t.beginStructField(8)
            t.writeBoolField(1, utc)
            t.beginStructField(2)  // TimeUnit union: MILLIS 1, MICROS 2, NANOS 3
            switch unit {
            case .millis: t.writeEmptyStructField(1)
            case .micros: t.writeEmptyStructField(2)
            case .nanos: t.writeEmptyStructField(3)
            }
            t.endStruct()
            t.endStruct()
        case .integer(let bits, let signed):
            t.beginStructField(10)
            t.writeI8Field(1, Int8(bits))
            t.writeBoolField(2, signed)
            t.endStruct()
        }
    }

    /// One RowGroup with its column chunks; `ordinal` is written when it fits an i16.
    private static func writeRowGroup(_ group: ParquetRowGroupMetadata, ordinal: Int, to t: inout ThriftCompactWriter) {
        t.beginStructElement()
        t.beginListField(1, .structure, count: group.chunks.count)
        for chunk in group.chunks { writeColumnChunk(chunk, to: &t) }
        t.writeI64Field(2, group.chunks.reduce(0) { $0 + $1.totalUncompressedSize })
        t.writeI64Field(3, group.numRows)
        if let first = group.chunks.first { t.writeI64Field(5, first.dataPageOffset) }
        t.writeI64Field(6, group.chunks.reduce(0) { $0 + $1.totalCompressedSize })
        if ordinal <= Int(Int16.max) { t.writeI16Field(7, Int16(ordinal)) }
        t.endStruct()
    }

    /// One ColumnChunk with its ColumnMetaData.
    private static func writeColumnChunk(_ chunk: ParquetChunkMetadata, to t: inout ThriftCompactWriter) {
        t.beginStructElement()
        t.writeI64Field(2, 0)
        t.beginStructField(3)
        t.writeI32Field(1, chunk.column.physicalType.rawValue)
        t.beginListField(2, .i32, count: 2)
        t.writeI32(plain)
        t.writeI32(rle)
        t.beginListField(3, .binary, count: 1)
        t.writeString(chunk.column.name)
        t.writeI32Field(4, zstdCodec)
        t.writeI64Field(5, chunk.numValues)
        t.writeI64Field(6, chunk.totalUncompressedSize)
        t.writeI64Field(7, chunk.totalCompressedSize)
        t.writeI64Field(9, chunk.dataPageOffset)
        chunk.statistics.write(asField: 12, to: &t)
        t.endStruct()  // ColumnMetaData
        t.endStruct()  // ColumnChunk
    }
}
