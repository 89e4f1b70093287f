// The description of one flat Parquet column: name, physical type, logical type, nullability.
// Facts from the Parquet format specification (parquet.thrift, LogicalTypes.md): which logical type
// may annotate which physical type, and the legacy ConvertedType written beside each logical type.

/// How the values of a Parquet column are stored on disk (Parquet `Type`; INT96 and
/// FIXED_LEN_BYTE_ARRAY are not written by this writer).
public enum ParquetPhysicalType: Int32, Sendable, CaseIterable {
    /// One bit per value (PLAIN: bit-packed, least significant bit first).
    case boolean = 0
    /// 32-bit two's-complement integer, 4 bytes little-endian.
    case int32 = 1
    /// 64-bit two's-complement integer, 8 bytes little-endian.
    case int64 = 2
    /// IEEE-754 binary32, 4 bytes little-endian.
    case float = 4
    /// IEEE-754 binary64, 8 bytes little-endian.
    case double = 5
    /// Variable-length bytes (PLAIN: 4-byte little-endian length, then the bytes).
    case byteArray = 6
}

/// The unit of a Parquet TIMESTAMP: what one step of the stored INT64 means.
public enum ParquetTimeUnit: Sendable, Equatable {
    /// Milliseconds since 1970-01-01T00:00:00 (UTC when adjusted to UTC).
    case millis
    /// Microseconds since 1970-01-01T00:00:00 (UTC when adjusted to UTC).
    case micros
    /// Nanoseconds since 1970-01-01T00:00:00 (UTC when adjusted to UTC); spans 1677-09-21…2262-04-11.
    case nanos
}

/// What the physical values mean (Parquet `LogicalType`); the writer also emits the matching legacy
/// `ConvertedType` where one exists, for older readers.
public enum ParquetLogicalType: Sendable, Equatable {
    /// No annotation: the physical type is the meaning (BYTE_ARRAY without one is opaque binary).
    case none
    /// UTF-8 text; physical BYTE_ARRAY. ConvertedType UTF8. Statistics order: unsigned byte-wise.
    case string
    /// Calendar date as days since 1970-01-01 (negative before); physical INT32. ConvertedType DATE.
    case date
    /// Instant (adjusted to UTC: an absolute time) or local wall-clock time, as `unit`s since the
    /// epoch; physical INT64. ConvertedType TIMESTAMP_MILLIS/TIMESTAMP_MICROS for those units, adjusted
    /// to UTC or not, as LogicalTypes.md requires (nanos has no ConvertedType).
    case timestamp(unit: ParquetTimeUnit, isAdjustedToUTC: Bool)
    /// Integer of `bitWidth` (8, 16, 32 or 64) bits, signed or unsigned; physical INT32 for widths up to
    /// 32, INT64 for 64. ConvertedType INT_n / UINT_n. Unsigned values are stored as the two's-complement
    /// bit pattern of the unsigned value (e.g. `Int32(bitPattern: UInt32(v))`), and compared unsigned.
    case integer(bitWidth: Int, signed: Bool)
}

/// Whether a Parquet column may hold nulls.
public enum ParquetRepetition: Int32, Sendable {
    /// Every row has a value; no definition levels are written.
    case required = 0
    /// A row may be null; one definition level per row (bit width 1, RLE/bit-packed hybrid).
    case optional = 1
}

/// Why a set of columns cannot be written as Parquet.
public struct ParquetWriteError: Error, CustomStringConvertible, Sendable, Equatable {
    /// What is wrong, naming the column where there is one.
    public let message: String
    /// Creates an error with `message`.
    public init(_ message: String) { self.message = message }
    /// The message.
    public var description: String { message }
}

/// One flat (top-level, non-nested) Parquet column.
///
/// Build one with the initializer or the factories (`.double("spot")`, `.timestamp("asof")`, …).
/// `validate()` checks that the logical type may annotate the physical type.
public struct ParquetColumn: Sendable, Equatable {
    /// Column name (non-empty; unique within a file). Any UTF-8 text, dots included.
    public var name: String
    /// On-disk representation of the values.
    public var physicalType: ParquetPhysicalType
    /// Meaning of the values (`.none` for plain numbers/booleans/binary).
    public var logicalType: ParquetLogicalType
    /// Required (no nulls) or optional (nullable).
    public var repetition: ParquetRepetition

    /// A column described explicitly; prefer the factories below.
    public init(name: String, physicalType: ParquetPhysicalType, logicalType: ParquetLogicalType = .none,
                repetition: ParquetRepetition = .required) {
        self.name = name
        self.physicalType = physicalType
        self.logicalType = logicalType
        self.repetition = repetition
    }

    /// True when the column may hold nulls.
    public var isNullable: Bool { repetition == .optional }

    /// A BOOLEAN column.
    public static func boolean(_ name: String, nullable: Bool = false) -> ParquetColumn {
        ParquetColumn(name: name, physicalType: .boolean, repetition: nullable ? .optional : .required)
    }

    /// An INT32 column (signed 32-bit, no annotation).
    public static func int32(_ name: String, nullable: Bool = false) -> ParquetColumn {
        ParquetColumn(name: name, physicalType: .int32, repetition: nullable ? .optional : .required)
    }

    /// An INT64 column (signed 64-bit, no annotation).
    public static func int64(_ name: String, nullable: Bool = false) -> ParquetColumn {
        ParquetColumn(name: name, physicalType: .int64, repetition: nullable ? .optional : .required)
    }

    /// An integer column with an INT logical type: INT32 storage for `bitWidth` 8/16/32, INT64 for 64.
    public static func integer(_ name: String, bitWidth: Int, signed: Bool, nullable: Bool = false) -> ParquetColumn {
        ParquetColumn(name: name, physicalType: bitWidth == 64 ? .int64 : .int32,
                      logicalType: .integer(bitWidth: bitWidth, signed: signed),
                      repetition: nullable ? .optional : .required)
    }

    /// A FLOAT (binary32) column.
    public static func float(_ name: String, nullable: Bool = false) -> ParquetColumn {
        ParquetColumn(name: name, physicalType: .float, repetition: nullable ? .optional : .required)
    }

    /// A DOUBLE (binary64) column. NaN values are stored as they are and left out of min/max statistics.
    public static func double(_ name: String, nullable: Bool = false) -> ParquetColumn {
        ParquetColumn(name: name, physicalType: .double, repetition: nullable ? .optional : .required)
    }

    /// A UTF-8 STRING column (BYTE_ARRAY).
    public static func string(_ name: String, nullable: Bool = false) -> ParquetColumn {
        ParquetColumn(name: name, physicalType: .byteArray, logicalType: .string,
                      repetition: nullable ? .optional : .required)
    }

    /// An opaque binary column (BYTE_ARRAY without annotation).
    public static func binary(_ name: String, nullable: Bool = false) -> ParquetColumn {
        ParquetColumn(name: name, physicalType: .byteArray, repetition: nullable ? .optional : .required)
    }

    /// A DATE column: INT32 days since 1970-01-01.
    public static func date(_ name: String, nullable: Bool = false) -> ParquetColumn {
        ParquetColumn(name: name, physicalType: .int32, logicalType: .date, repetition: nullable ? .optional : .required)
    }

    /// A TIMESTAMP column: INT64 `unit`s since the Unix epoch, adjusted to UTC unless told otherwise
    /// (readers then show it with time zone UTC).
    public static func timestamp(_ name: String, unit: ParquetTimeUnit = .micros, isAdjustedToUTC: Bool = true,
                                 nullable: Bool = false) -> ParquetColumn {
        ParquetColumn(name: name, physicalType: .int64, logicalType: .timestamp(unit: unit, isAdjustedToUTC: isAdjustedToUTC),
                      repetition: nullable ? .optional : .required)
    }

    /// Throws when the name is empty or the logical type may not annotate the physical type.
    public func validate() throws(ParquetWriteError) {
        if name.isEmpty { throw ParquetWriteError("a Parquet column needs a non-empty name") }
        let allowed: Bool
        switch logicalType {
        case .none: allowed = true
        case .string: allowed = physicalType == .byteArray
        case .date: allowed = physicalType == .int32
        case .timestamp: allowed = physicalType == .int64
        case .integer(let bits, _):
            allowed = [8, 16, 32].contains(bits) ? physicalType == .int32 : (bits == 64 && physicalType == .int64)
        }
        if !allowed {
            throw ParquetWriteError("column \(name): logical type \(logicalType) cannot annotate physical type \(physicalType)")
        }
    }

    /// The legacy ConvertedType code for this column, or nil when there is none
    /// (UTF8 0, DATE 6, TIMESTAMP_MILLIS 9, TIMESTAMP_MICROS 10, UINT_8…64 11…14, INT_8…64 15…18).
    var convertedType: Int32? {
        switch logicalType {
        case .none: return nil
        case .string: return 0
        case .date: return 6
        case .timestamp(let unit, _):
            // LogicalTypes.md: local timestamps must carry the legacy annotation too (forward compatibility).
            switch unit {
            case .millis: return 9
            case .micros: return 10
            case .nanos: return nil
            }
        case .integer(let bits, let signed):
            let index: Int32 = bits == 8 ? 0 : bits == 16 ? 1 : bits == 32 ? 2 : 3
            return (signed ? 15 : 11) + index
        }
    }

    /// True when min/max statistics compare the stored integers as unsigned (UINT_n logical types).
    var comparesUnsigned: Bool {
        if case .integer(_, false) = logicalType { return true }
        return false
    }
}
