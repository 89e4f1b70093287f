#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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

/// Running typed statistics of one value kind; `merge` folds pages into a column chunk.
struct TypedStatistics<Kind: ParquetValueKind> {
    /// Smallest value seen (NaN never), or nil.
    var min: Kind.Value?
    /// Largest value seen (NaN never), or nil.
    var max: Kind.Value?
    /// Nulls seen.
    var nullCount = 0
    /// NaNs seen (always 0 for non-floating kinds).
    var nanCount = 0

    /// Statistics of nothing.
    init() {}

    /// Statistics of `values` under `kind`'s order; NaNs are counted and left out of min/max.
    init(_ values: ArraySlice<Kind.Value?>, kind: Kind) {
        for value in values {
            guard let value else {
                nullCount += 1
                continue
            }
            if kind.isNaN(value) {
                nanCount += 1
                continue
            }
            if let lo = min, let hi = max {
                if kind.less(value, lo) { min = value } else if kind.less(hi, value) { max = value }
            } else {
                min = value
                max = value
            }
        }
    }

    /// Folds `other` (statistics of other rows) into these.
    mutating func merge(_ other: TypedStatistics<Kind>, kind: Kind) {
        nullCount += other.nullCount
        nanCount += other.nanCount
        if let lo = other.min { min = min.map { kind.less(lo, $0) ? lo : $0 } ?? lo }
        if let hi = other.max { max = max.map { kind.less($0, hi) ? hi : $0 } ?? hi }
    }

    /// The encoded form: PLAIN bounds (dropped together when either exceeds
    /// `ParquetStatistics.maxValueBytes`), nan_count for floating kinds.
    func encoded(kind: Kind) -> ParquetStatistics {
        var result = ParquetStatistics(nullCount: Int64(nullCount), nanCount: kind.writesNaNCount ? Int64(nanCount) : nil)
        if let min, let max {
            let lo = kind.bound(min, isMin: true)
            let hi = kind.bound(max, isMin: false)
            if lo.count <= ParquetStatistics.maxValueBytes && hi.count <= ParquetStatistics.maxValueBytes {
                result.min = lo
                result.max = hi
            }
        }
        return result
    }
}

/// Order helpers shared by the value kinds.
enum ParquetOrder {
    /// The little-endian bytes of a fixed-width integer.
    static func littleEndianBytes<B: FixedWidthInteger>(_ value: B) -> [UInt8] {
        withUnsafeBytes(of: value.littleEndian) { Array($0) }
    }

    /// Unsigned byte-wise lexicographic order of UTF-8 text (not Swift's Unicode `<`): one `memcmp`
    /// of the contiguous UTF-8 (a generic walk of `String.UTF8View` cost ~1 % of a whole `gex run`
    /// in the statistics of long string columns).
    static func utf8Less(_ a: String, _ b: String) -> Bool {
        var a = a, b = b  // `withUTF8` needs `inout`; native strings are not copied
        return a.withUTF8 { x in
            b.withUTF8 { y in
                let common = Swift.min(x.count, y.count)
                let order = common == 0 ? 0 : memcmp(x.baseAddress!, y.baseAddress!, common)
                return order != 0 ? order < 0 : x.count < y.count
            }
        }
    }

    /// Unsigned byte-wise lexicographic order of byte arrays.
    static func bytesLess(_ a: [UInt8], _ b: [UInt8]) -> Bool { a.lexicographicallyPrecedes(b) }
}
