// Min/max/null/NaN statistics of a page or column chunk, under Parquet's TYPE_ORDER column order
// (parquet.thrift `ColumnOrder`): signed comparison for INT32/INT64/DATE/TIMESTAMP/INT_n, unsigned for
// UINT_n, false < true for BOOLEAN, numeric order for FLOAT/DOUBLE with NaN excluded, unsigned byte-wise
// for BYTE_ARRAY/STRING. For floating point the spec also requires: nan_count always written; min/max
// computed from non-NaN values only and absent when every non-null value is NaN; a zero minimum
// written as -0.0 and a zero maximum as +0.0.

/// Encoded statistics as they go into a page header or column metadata (Parquet `Statistics`).
struct ParquetStatistics: Equatable {
    /// Number of null values.
    var nullCount: Int64
    /// Number of NaN values (FLOAT/DOUBLE only; nil for other types).
    var nanCount: Int64?
    /// Minimum value in PLAIN encoding (BYTE_ARRAY without the length prefix); nil when no value qualifies.
    var min: [UInt8]?
    /// Maximum value, encoded like `min`.
    var max: [UInt8]?

    /// The largest min or max value (bytes) that is written; longer BYTE_ARRAY bounds are left out
    /// (both of them) rather than truncated.
    static let maxValueBytes = 4096

    /// Appends this as Thrift `Statistics` struct field `id`: null_count (3), max_value (5),
    /// min_value (6), is_max_value_exact (7), is_min_value_exact (8), nan_count (9). The deprecated
    /// signed-only min/max fields (1, 2) are not written.
    func write(asField id: Int16, to thrift: inout ThriftCompactWriter) {
        thrift.beginStructField(id)
        thrift.writeI64Field(3, nullCount)
        if let max, let min {
            thrift.writeBinaryField(5, max)
            thrift.writeBinaryField(6, min)
            thrift.writeBoolField(7, true)
            thrift.writeBoolField(8, true)
        }
        if let nanCount { thrift.writeI64Field(9, nanCount) }
        thrift.endStruct()
    }
}

/// Running typed statistics; `merge` folds pages into a column chunk. `T` is the stored value type.
struct TypedStatistics<T> {
    /// Smallest value seen (NaN never), or nil.
    var min: T?
    /// Largest value seen (NaN never), or nil.
    var max: T?
    /// Nulls seen.
    var nullCount = 0
    /// NaNs seen (always 0 for non-floating types).
    var nanCount = 0

    /// Statistics of `values` under the strict order `less`, skipping values for which `isExcluded`
    /// is true (NaN) and counting them in `nanCount`.
    init(_ values: ArraySlice<T?>, less: (T, T) -> Bool, isExcluded: (T) -> Bool = { _ in false }) {
        for value in values {
            guard let value else {
                nullCount += 1
                continue
            }
            if isExcluded(value) {
                nanCount += 1
                continue
            }
            if let lo = min {
                if less(value, lo) { min = value } else if less(max!, value) { max = value }
            } else {
                min = value
                max = value
            }
        }
    }

    /// Folds `other` (statistics of later rows) into these.
    mutating func merge(_ other: TypedStatistics<T>, less: (T, T) -> Bool) {
        nullCount += other.nullCount
        nanCount += other.nanCount
        if let lo = other.min { min = min.map { less(lo, $0) ? lo : $0 } ?? lo }
        if let hi = other.max { max = max.map { less($0, hi) ? hi : $0 } ?? hi }
    }

    /// The encoded form: `encode` gives the PLAIN bytes of one bound (`isMin` tells which, for the
    /// ±0.0 rule); `withNaNCount` adds nan_count (floating point columns).
    func encoded(withNaNCount: Bool, encode: (T, _ isMin: Bool) -> [UInt8]) -> ParquetStatistics {
        var result = ParquetStatistics(nullCount: Int64(nullCount), nanCount: withNaNCount ? Int64(nanCount) : nil)
        if let min, let max {
            let lo = encode(min, true)
            let hi = encode(max, false)
            if lo.count <= ParquetStatistics.maxValueBytes && hi.count <= ParquetStatistics.maxValueBytes {
                result.min = lo
                result.max = hi
            }
        }
        return result
    }
}

/// Orders and bound encodings per stored type.
enum ParquetOrder {
    /// The little-endian bytes of a fixed-width integer.
    static func littleEndianBytes<B: FixedWidthInteger>(_ value: B) -> [UInt8] {
        withUnsafeBytes(of: value.littleEndian) { Array($0) }
    }

    /// Bytes of a double bound: IEEE-754 little-endian, a zero minimum as -0.0, a zero maximum as +0.0.
    static func doubleBound(_ value: Double, isMin: Bool) -> [UInt8] {
        let v = value == 0 ? (isMin ? -0.0 : 0.0) : value
        return littleEndianBytes(v.bitPattern)
    }

    /// Bytes of a float bound, with the same zero rule as `doubleBound`.
    static func floatBound(_ value: Float, isMin: Bool) -> [UInt8] {
        let v: Float = value == 0 ? (isMin ? -0.0 : 0.0) : value
        return littleEndianBytes(v.bitPattern)
    }

    /// Unsigned byte-wise lexicographic order of UTF-8 text (not Swift's Unicode `<`).
    static func utf8Less(_ a: String, _ b: String) -> Bool { a.utf8.lexicographicallyPrecedes(b.utf8) }

    /// Unsigned byte-wise lexicographic order of byte arrays.
    static func bytesLess(_ a: [UInt8], _ b: [UInt8]) -> Bool { a.lexicographicallyPrecedes(b) }

    /// BOOLEAN order: false < true.
    static func boolLess(_ a: Bool, _ b: Bool) -> Bool { !a && b }
}
