// The values of one flat Parquet column, one element per row, `nil` for null.

/// The values of one Parquet column, by physical storage; the `ParquetColumn` paired with it says
/// what they mean (a `.int64` array is a TIMESTAMP in micros for `.timestamp("t")`, a `.int32` array
/// is days since 1970-01-01 for `.date("d")`).
///
/// One element per row; `nil` is a null and is allowed only in nullable columns. Doubles and floats may
/// be NaN or ±infinity: they are stored bit for bit, and NaN is left out of min/max statistics.
public enum ParquetColumnData: Sendable, Equatable {
    /// BOOLEAN values.
    case boolean([Bool?])
    /// INT32 values (also DATE days, and INT(8/16/32) logical types; see `ParquetLogicalType.integer`).
    case int32([Int32?])
    /// INT64 values (also TIMESTAMP units since the epoch, and INT(64) logical types).
    case int64([Int64?])
    /// FLOAT (binary32) values.
    case float([Float?])
    /// DOUBLE (binary64) values.
    case double([Double?])
    /// BYTE_ARRAY values given as text, written as UTF-8 (for STRING columns).
    case string([String?])
    /// BYTE_ARRAY values given as bytes (for binary columns, or STRING columns holding valid UTF-8).
    case bytes([[UInt8]?])

    /// TIMESTAMP values in microseconds since 1970-01-01T00:00:00Z (an `.int64` array).
    public static func timestampMicros(_ values: [Int64?]) -> ParquetColumnData { .int64(values) }

    /// DATE values in days since 1970-01-01 (an `.int32` array).
    public static func date(_ values: [Int32?]) -> ParquetColumnData { .int32(values) }

    /// Number of rows (nulls included).
    public var count: Int {
        switch self {
        case .boolean(let v): return v.count
        case .int32(let v): return v.count
        case .int64(let v): return v.count
        case .float(let v): return v.count
        case .double(let v): return v.count
        case .string(let v): return v.count
        case .bytes(let v): return v.count
        }
    }

    /// Number of nulls.
    public var nullCount: Int {
        switch self {
        case .boolean(let v): return v.reduce(0) { $0 + ($1 == nil ? 1 : 0) }
        case .int32(let v): return v.reduce(0) { $0 + ($1 == nil ? 1 : 0) }
        case .int64(let v): return v.reduce(0) { $0 + ($1 == nil ? 1 : 0) }
        case .float(let v): return v.reduce(0) { $0 + ($1 == nil ? 1 : 0) }
        case .double(let v): return v.reduce(0) { $0 + ($1 == nil ? 1 : 0) }
        case .string(let v): return v.reduce(0) { $0 + ($1 == nil ? 1 : 0) }
        case .bytes(let v): return v.reduce(0) { $0 + ($1 == nil ? 1 : 0) }
        }
    }

    /// True when at least one value is null (stops at the first).
    public var hasNulls: Bool {
        switch self {
        case .boolean(let v): return v.contains { $0 == nil }
        case .int32(let v): return v.contains { $0 == nil }
        case .int64(let v): return v.contains { $0 == nil }
        case .float(let v): return v.contains { $0 == nil }
        case .double(let v): return v.contains { $0 == nil }
        case .string(let v): return v.contains { $0 == nil }
        case .bytes(let v): return v.contains { $0 == nil }
        }
    }

    /// The physical type these values are stored as.
    public var physicalType: ParquetPhysicalType {
        switch self {
        case .boolean: return .boolean
        case .int32: return .int32
        case .int64: return .int64
        case .float: return .float
        case .double: return .double
        case .string, .bytes: return .byteArray
        }
    }

    /// Throws unless these values fit `column`: same physical type, no null in a required column,
    /// integers within the range of an INT(8/16) logical type, lengths below 2³¹ bytes, valid UTF-8 in
    /// STRING columns given as bytes.
    public func validate(for column: ParquetColumn) throws(ParquetWriteError) {
        guard physicalType == column.physicalType else {
            throw ParquetWriteError("column \(column.name): values are \(physicalType) but the column is \(column.physicalType)")
        }
        if !column.isNullable, hasNulls {
            throw ParquetWriteError("column \(column.name): \(nullCount) null value(s) in a required column")
        }
        if case .integer(let bits, let signed) = column.logicalType, bits < 32, case .int32(let values) = self {
            let range: ClosedRange<Int32> = signed ? -(1 << (bits - 1))...((1 << (bits - 1)) - 1) : 0...((1 << bits) - 1)
            if let bad = values.firstIndex(where: { $0.map { !range.contains($0) } ?? false }) {
                throw ParquetWriteError("column \(column.name): row \(bad) value \(values[bad]!) is outside \(signed ? "INT" : "UINT")\(bits) range \(range)")
            }
        }
        switch self {
        case .string(let v):
            if let bad = v.firstIndex(where: { ($0?.utf8.count ?? 0) > Int(Int32.max) }) {
                throw ParquetWriteError("column \(column.name): row \(bad) is longer than 2³¹-1 bytes")
            }
        case .bytes(let v):
            if let bad = v.firstIndex(where: { ($0?.count ?? 0) > Int(Int32.max) }) {
                throw ParquetWriteError("column \(column.name): row \(bad) is longer than 2³¹-1 bytes")
            }
            if column.logicalType == .string,
               let bad = v.firstIndex(where: { $0.map { String(validating: $0, as: UTF8.self) == nil } ?? false }) {
                throw ParquetWriteError("column \(column.name): row \(bad) is not valid UTF-8 in a STRING column")
            }
        default: break
        }
    }
}
