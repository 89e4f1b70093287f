// Per stored type: how values are sized for page splitting, PLAIN-encoded, ordered for statistics
// (TYPE_ORDER) and written as min/max bounds. Generic code over `ParquetValueKind` is specialised by
// the compiler, so the per-value comparisons in the statistics loops are inlined.

/// How one stored value type is paged, PLAIN-encoded, ordered and bounded.
protocol ParquetValueKind {
    /// The Swift type of one non-null value.
    associatedtype Value
    /// Bits per PLAIN value when fixed (1 for BOOLEAN, 32, 64); nil for BYTE_ARRAY.
    var fixedBits: Int? { get }
    /// PLAIN bytes of one value including its 4-byte length prefix (BYTE_ARRAY only; 0 otherwise).
    func plainSize(_ value: Value) -> Int
    /// Appends the PLAIN encoding of the non-null values of a page.
    func appendPlain(_ values: ArraySlice<Value?>, to out: inout [UInt8])
    /// The strict order of the column under TYPE_ORDER.
    func less(_ a: Value, _ b: Value) -> Bool
    /// True for values left out of min/max and counted in nan_count (NaN).
    func isNaN(_ value: Value) -> Bool
    /// True for FLOAT/DOUBLE: nan_count is written.
    var writesNaNCount: Bool { get }
    /// PLAIN bytes of a bound (BYTE_ARRAY without length prefix); `isMin` selects the ±0.0 rule.
    func bound(_ value: Value, isMin: Bool) -> [UInt8]
}

extension ParquetValueKind {
    func plainSize(_ value: Value) -> Int { 0 }
    func isNaN(_ value: Value) -> Bool { false }
    var writesNaNCount: Bool { false }
}

/// DOUBLE: IEEE-754 binary64; NaN excluded from bounds; zero min written -0.0, zero max +0.0.
struct DoubleKind: ParquetValueKind {
    var fixedBits: Int? { 64 }
    func appendPlain(_ values: ArraySlice<Double?>, to out: inout [UInt8]) {
        ParquetEncoding.appendPlainFixed(values, bits: { $0.bitPattern }, to: &out)
    }
    @inline(__always) func less(_ a: Double, _ b: Double) -> Bool { a < b }
    @inline(__always) func isNaN(_ value: Double) -> Bool { value.isNaN }
    var writesNaNCount: Bool { true }
    func bound(_ value: Double, isMin: Bool) -> [UInt8] {
        let v = value == 0 ? (isMin ? -0.0 : 0.0) : value
        return ParquetOrder.littleEndianBytes(v.bitPattern)
    }
}

/// FLOAT: IEEE-754 binary32, with the same NaN and zero rules as DOUBLE.
struct FloatKind: ParquetValueKind {
    var fixedBits: Int? { 32 }
    func appendPlain(_ values: ArraySlice<Float?>, to out: inout [UInt8]) {
        ParquetEncoding.appendPlainFixed(values, bits: { $0.bitPattern }, to: &out)
    }
    @inline(__always) func less(_ a: Float, _ b: Float) -> Bool { a < b }
    @inline(__always) func isNaN(_ value: Float) -> Bool { value.isNaN }
    var writesNaNCount: Bool { true }
    func bound(_ value: Float, isMin: Bool) -> [UInt8] {
        let v: Float = value == 0 ? (isMin ? -0.0 : 0.0) : value
        return ParquetOrder.littleEndianBytes(v.bitPattern)
    }
}

/// INT32 (also DATE, INT(8/16/32)): signed order, or unsigned for UINT_n.
struct Int32Kind: ParquetValueKind {
    /// Compare as UInt32 (UINT_8/16/32 logical types).
    let unsigned: Bool
    var fixedBits: Int? { 32 }
    func appendPlain(_ values: ArraySlice<Int32?>, to out: inout [UInt8]) {
        ParquetEncoding.appendPlainFixed(values, bits: { $0 }, to: &out)
    }
    @inline(__always) func less(_ a: Int32, _ b: Int32) -> Bool {
        unsigned ? UInt32(bitPattern: a) < UInt32(bitPattern: b) : a < b
    }
    func bound(_ value: Int32, isMin: Bool) -> [UInt8] { ParquetOrder.littleEndianBytes(value) }
}

/// INT64 (also TIMESTAMP, INT(64)): signed order, or unsigned for UINT_64.
struct Int64Kind: ParquetValueKind {
    /// Compare as UInt64 (UINT_64 logical type).
    let unsigned: Bool
    var fixedBits: Int? { 64 }
    func appendPlain(_ values: ArraySlice<Int64?>, to out: inout [UInt8]) {
        ParquetEncoding.appendPlainFixed(values, bits: { $0 }, to: &out)
    }
    @inline(__always) func less(_ a: Int64, _ b: Int64) -> Bool {
        unsigned ? UInt64(bitPattern: a) < UInt64(bitPattern: b) : a < b
    }
    func bound(_ value: Int64, isMin: Bool) -> [UInt8] { ParquetOrder.littleEndianBytes(value) }
}

/// BOOLEAN: false < true; bounds one byte (0 or 1).
struct BooleanKind: ParquetValueKind {
    var fixedBits: Int? { 1 }
    func appendPlain(_ values: ArraySlice<Bool?>, to out: inout [UInt8]) {
        ParquetEncoding.appendPlainBooleans(values, to: &out)
    }
    @inline(__always) func less(_ a: Bool, _ b: Bool) -> Bool { !a && b }
    func bound(_ value: Bool, isMin: Bool) -> [UInt8] { [value ? 1 : 0] }
}

/// BYTE_ARRAY given as Swift strings (UTF-8): unsigned byte-wise order.
struct StringKind: ParquetValueKind {
    var fixedBits: Int? { nil }
    func plainSize(_ value: String) -> Int { 4 + value.utf8.count }
    func appendPlain(_ values: ArraySlice<String?>, to out: inout [UInt8]) {
        ParquetEncoding.appendPlainStrings(values, to: &out)
    }
    func less(_ a: String, _ b: String) -> Bool { ParquetOrder.utf8Less(a, b) }
    func bound(_ value: String, isMin: Bool) -> [UInt8] { Array(value.utf8) }
}

/// BYTE_ARRAY given as bytes: unsigned byte-wise order.
struct BytesKind: ParquetValueKind {
    var fixedBits: Int? { nil }
    func plainSize(_ value: [UInt8]) -> Int { 4 + value.count }
    func appendPlain(_ values: ArraySlice<[UInt8]?>, to out: inout [UInt8]) {
        ParquetEncoding.appendPlainBytes(values, to: &out)
    }
    func less(_ a: [UInt8], _ b: [UInt8]) -> Bool { ParquetOrder.bytesLess(a, b) }
    func bound(_ value: [UInt8], isMin: Bool) -> [UInt8] { value }
}
