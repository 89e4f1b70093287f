// The Thrift compact protocol, write side only: the encoding of Parquet's page headers and file footer.
//
// Facts used (Thrift "compact protocol" specification):
// - i16/i32/i64 are zigzag-folded ((n << 1) ^ (n >> bits-1)) and then written as ULEB128 varints;
//   i8 is one raw byte; double is the IEEE-754 bit pattern in 8 little-endian bytes.
// - binary and string: varint byte length, then the bytes (strings as UTF-8, no terminator).
// - a struct is its fields followed by a stop byte 0x00; a field header is one byte `ddddtttt`
//   (delta from the previous field id in this struct, 1...15, and the type) or, for other deltas,
//   the byte `0000tttt` followed by the field id as a zigzag varint i16.
// - boolean fields carry their value in the type nibble (1 true, 2 false) and have no value bytes.
// - a list header is `sssstttt` for 0...14 elements, else `1111tttt` then the size as a varint.
// - a union is a struct with exactly one field set.

/// Encodes Thrift values in the compact protocol into a growing byte buffer.
///
/// Fields must be written in increasing field-id order within each struct (what Parquet writers do;
/// a smaller id would still be valid Thrift, written in the long form). Nesting is tracked with a
/// stack of "last field id" values: `beginStruct`/`beginStructField`/`beginStructElement` push one,
/// `endStruct` writes the stop byte and pops it. Not thread-safe; a value type, so copies are independent.
struct ThriftCompactWriter {
    /// Compact-protocol field type nibbles (the low 4 bits of a field header).
    enum FieldType: UInt8 {
        /// A boolean field whose value is true (no value bytes follow).
        case booleanTrue = 1
        /// A boolean field whose value is false (no value bytes follow).
        case booleanFalse = 2
        /// One raw byte (Thrift `i8`/`byte`).
        case i8 = 3
        /// Zigzag varint of a 16-bit integer.
        case i16 = 4
        /// Zigzag varint of a 32-bit integer (also Thrift enums).
        case i32 = 5
        /// Zigzag varint of a 64-bit integer.
        case i64 = 6
        /// 8 bytes, IEEE-754 little-endian.
        case double = 7
        /// Varint length + bytes (binary and string).
        case binary = 8
        /// A list header followed by its elements.
        case list = 9
        /// A set header followed by its elements (encoded as a list).
        case set = 10
        /// A map header followed by key/value pairs.
        case map = 11
        /// A nested struct or union, ended by a stop byte.
        case structure = 12
    }

    /// Compact-protocol list/set element types (the low 4 bits of a list header).
    enum ElementType: UInt8 {
        /// Booleans, each element one byte (1 true, 0 false). The header nibble is 1, the de-facto
        /// value written by the Java and C++ Thrift libraries; the specification also accepts 2.
        case bool = 1
        /// One raw byte per element.
        case i8 = 3
        /// Zigzag varint per element.
        case i16 = 4
        /// Zigzag varint per element (also enums).
        case i32 = 5
        /// Zigzag varint per element.
        case i64 = 6
        /// 8 bytes little-endian per element.
        case double = 7
        /// Varint length + bytes per element (binary and string).
        case binary = 8
        /// Nested lists.
        case list = 9
        /// Nested sets.
        case set = 10
        /// Nested maps.
        case map = 11
        /// Structs or unions, each ended by its stop byte.
        case structure = 12
    }

    /// The bytes written so far.
    private(set) var bytes: [UInt8] = []
    /// The last field id written in each open struct; the last entry is the innermost struct.
    private var lastFieldIDs: [Int16] = []

    /// An empty writer.
    init() {}

    // MARK: primitives

    /// Appends `value` as an unsigned LEB128 varint (1 to 10 bytes).
    mutating func writeVarint(_ value: UInt64) {
        var v = value
        while v >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    /// The zigzag fold of a 32-bit integer: 0, -1, 1, -2, 2 → 0, 1, 2, 3, 4.
    static func zigzag(_ n: Int32) -> UInt32 { UInt32(bitPattern: (n << 1) ^ (n >> 31)) }

    /// The zigzag fold of a 64-bit integer: 0, -1, 1, -2, 2 → 0, 1, 2, 3, 4.
    static func zigzag(_ n: Int64) -> UInt64 { UInt64(bitPattern: (n << 1) ^ (n >> 63)) }

    /// Appends an i16 value (zigzag varint, as an i32).
    mutating func writeI16(_ value: Int16) { writeVarint(UInt64(Self.zigzag(Int32(value)))) }

    /// Appends an i32 value (zigzag varint, 1 to 5 bytes).
    mutating func writeI32(_ value: Int32) { writeVarint(UInt64(Self.zigzag(value))) }

    /// Appends an i64 value (zigzag varint, 1 to 10 bytes).
    mutating func writeI64(_ value: Int64) { writeVarint(Self.zigzag(value)) }

    /// Appends an i8 value (one raw two's-complement byte).
    mutating func writeI8(_ value: Int8) { bytes.append(UInt8(bitPattern: value)) }

    /// Appends a double (IEEE-754 bit pattern, 8 bytes little-endian).
    mutating func writeDouble(_ value: Double) {
        var bits = value.bitPattern
        for _ in 0..<8 {
            bytes.append(UInt8(truncatingIfNeeded: bits))
            bits >>= 8
        }
    }

    /// Appends binary data: varint length, then the bytes.
    mutating func writeBinary<C: Collection>(_ data: C) where C.Element == UInt8 {
        writeVarint(UInt64(data.count))
        bytes.append(contentsOf: data)
    }

    /// Appends a string as UTF-8 binary (no terminator).
    mutating func writeString(_ value: String) { writeBinary(Array(value.utf8)) }

    // MARK: structs and fields

    /// Appends a field header for `id` of `type`, short form when the delta from the previous field
    /// of the innermost open struct is 1...15, long form otherwise. Requires an open struct.
    mutating func writeFieldHeader(_ id: Int16, _ type: FieldType) {
        precondition(!lastFieldIDs.isEmpty, "ThriftCompactWriter: field header outside a struct")
        let delta = Int(id) - Int(lastFieldIDs[lastFieldIDs.count - 1])
        if delta > 0 && delta <= 15 {
            bytes.append(UInt8(delta) << 4 | type.rawValue)
        } else {
            bytes.append(type.rawValue)
            writeI16(id)
        }
        lastFieldIDs[lastFieldIDs.count - 1] = id
    }

    /// Opens a top-level struct (no header bytes). Close it with `endStruct()`.
    mutating func beginStruct() { lastFieldIDs.append(0) }

    /// Writes the stop byte of the innermost open struct and closes it.
    mutating func endStruct() {
        precondition(!lastFieldIDs.isEmpty, "ThriftCompactWriter: endStruct without an open struct")
        bytes.append(0)
        lastFieldIDs.removeLast()
    }

    /// Writes the header of struct field `id` and opens the nested struct (or union).
    mutating func beginStructField(_ id: Int16) {
        writeFieldHeader(id, .structure)
        lastFieldIDs.append(0)
    }

    /// Opens a struct that is an element of a list (no header bytes).
    mutating func beginStructElement() { lastFieldIDs.append(0) }

    /// Writes an empty-struct field `id` (header + stop byte), e.g. Parquet's `StringType {}`.
    mutating func writeEmptyStructField(_ id: Int16) {
        beginStructField(id)
        endStruct()
    }

    /// Writes boolean field `id`; the value lives in the header's type nibble.
    mutating func writeBoolField(_ id: Int16, _ value: Bool) {
        writeFieldHeader(id, value ? .booleanTrue : .booleanFalse)
    }

    /// Writes i8 field `id`.
    mutating func writeI8Field(_ id: Int16, _ value: Int8) {
        writeFieldHeader(id, .i8)
        writeI8(value)
    }

    /// Writes i16 field `id`.
    mutating func writeI16Field(_ id: Int16, _ value: Int16) {
        writeFieldHeader(id, .i16)
        writeI16(value)
    }

    /// Writes i32 field `id` (also used for Thrift enums).
    mutating func writeI32Field(_ id: Int16, _ value: Int32) {
        writeFieldHeader(id, .i32)
        writeI32(value)
    }

    /// Writes i64 field `id`.
    mutating func writeI64Field(_ id: Int16, _ value: Int64) {
        writeFieldHeader(id, .i64)
        writeI64(value)
    }

    /// Writes double field `id`.
    mutating func writeDoubleField(_ id: Int16, _ value: Double) {
        writeFieldHeader(id, .double)
        writeDouble(value)
    }

    /// Writes binary field `id`.
    mutating func writeBinaryField<C: Collection>(_ id: Int16, _ data: C) where C.Element == UInt8 {
        writeFieldHeader(id, .binary)
        writeBinary(data)
    }

    /// Writes string field `id` (UTF-8 binary).
    mutating func writeStringField(_ id: Int16, _ value: String) {
        writeFieldHeader(id, .binary)
        writeString(value)
    }

    // MARK: lists

    /// Appends a list header: `count` (≥ 0, ≤ Int32.max) elements of `elementType`.
    mutating func writeListHeader(_ elementType: ElementType, count: Int) {
        precondition(count >= 0 && count <= Int(Int32.max), "ThriftCompactWriter: list size \(count) out of range")
        if count < 15 {
            bytes.append(UInt8(count) << 4 | elementType.rawValue)
        } else {
            bytes.append(0xF0 | elementType.rawValue)
            writeVarint(UInt64(count))
        }
    }

    /// Writes the header of list field `id`; the caller then writes exactly `count` elements.
    mutating func beginListField(_ id: Int16, _ elementType: ElementType, count: Int) {
        writeFieldHeader(id, .list)
        writeListHeader(elementType, count: count)
    }

    /// Appends one boolean list element (one byte: 1 true, 0 false).
    mutating func writeBoolElement(_ value: Bool) { bytes.append(value ? 1 : 0) }
}
