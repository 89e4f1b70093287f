// Parquet value and level encodings used by the writer (Parquet Encodings.md):
// - PLAIN: fixed-width values little-endian back to back; BYTE_ARRAY as a 4-byte little-endian length
//   followed by the bytes; BOOLEAN bit-packed, least significant bit first, zero-padded.
// - RLE/bit-packing hybrid for definition levels: runs of `varint(count << 1)` + the value in
//   ceil(bitWidth / 8) bytes, or `varint((groups << 1) | 1)` + groups × bitWidth bytes holding 8 values
//   each, packed from the least significant bit. In a v1 data page the levels are prefixed with their
//   byte length as a 4-byte little-endian integer.

/// Encoders for PLAIN values and definition levels. Every function appends to `out`; none allocates
/// beyond growing it. Input is never modified.
enum ParquetEncoding {
    /// Appends `value` as 4 bytes little-endian.
    static func appendUInt32LE(_ value: UInt32, to out: inout [UInt8]) {
        out.append(UInt8(truncatingIfNeeded: value))
        out.append(UInt8(truncatingIfNeeded: value >> 8))
        out.append(UInt8(truncatingIfNeeded: value >> 16))
        out.append(UInt8(truncatingIfNeeded: value >> 24))
    }

    /// Appends `value` as an unsigned LEB128 varint.
    static func appendVarint(_ value: UInt64, to out: inout [UInt8]) {
        var v = value
        while v >= 0x80 {
            out.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        out.append(UInt8(v))
    }

    // MARK: PLAIN

    /// Appends the non-null values of `values` in PLAIN encoding, each as the `width`-byte little-endian
    /// image of `bits(value)` (4 or 8 bytes). Returns the number of values written.
    @discardableResult
    static func appendPlainFixed<T, B: FixedWidthInteger>(_ values: ArraySlice<T?>, bits: (T) -> B,
                                                          to out: inout [UInt8]) -> Int {
        let width = MemoryLayout<B>.size
        let start = out.count
        out.reserveCapacity(start + values.count * width)
        var written = 0
        // Grow once to the upper bound, fill through a raw pointer, then trim to what was written.
        out.append(contentsOf: repeatElement(0, count: values.count * width))
        out.withUnsafeMutableBytes { raw in
            var offset = start
            for value in values {
                guard let value else { continue }
                raw.storeBytes(of: bits(value).littleEndian, toByteOffset: offset, as: B.self)
                offset += width
                written += 1
            }
        }
        out.removeLast(out.count - (start + written * width))
        return written
    }

    /// Appends the non-null booleans of `values` bit-packed (value i of the page in bit i % 8 of
    /// byte i / 8, least significant bit first; the last byte zero-padded). Returns the number written.
    @discardableResult
    static func appendPlainBooleans(_ values: ArraySlice<Bool?>, to out: inout [UInt8]) -> Int {
        var current: UInt8 = 0
        var n = 0
        for case let value? in values {
            if value { current |= 1 << UInt8(n & 7) }
            n += 1
            if n & 7 == 0 {
                out.append(current)
                current = 0
            }
        }
        if n & 7 != 0 { out.append(current) }
        return n
    }

    /// Appends the non-null strings of `values` as PLAIN BYTE_ARRAY (4-byte little-endian UTF-8 length,
    /// then the UTF-8 bytes). Returns the number written.
    @discardableResult
    static func appendPlainStrings(_ values: ArraySlice<String?>, to out: inout [UInt8]) -> Int {
        var n = 0
        for case let value? in values {
            let utf8 = value.utf8
            appendUInt32LE(UInt32(utf8.count), to: &out)
            out.append(contentsOf: utf8)
            n += 1
        }
        return n
    }

    /// Appends the non-null byte arrays of `values` as PLAIN BYTE_ARRAY. Returns the number written.
    @discardableResult
    static func appendPlainBytes(_ values: ArraySlice<[UInt8]?>, to out: inout [UInt8]) -> Int {
        var n = 0
        for case let value? in values {
            appendUInt32LE(UInt32(value.count), to: &out)
            out.append(contentsOf: value)
            n += 1
        }
        return n
    }

    // MARK: definition levels

    /// The most values one bit-packed run holds here (63 groups of 8, so the run header is one byte).
    static let maxBitPackedRun = 63 * 8

    /// Appends the definition levels of `defined` (1 = value present, 0 = null) in the RLE/bit-packing
    /// hybrid encoding with bit width 1, *without* the 4-byte length prefix.
    ///
    /// Runs of ≥ 8 equal levels become RLE runs; everything else is bit-packed in groups of 8. A
    /// bit-packed run always holds a multiple of 8 levels except possibly the last one of the page,
    /// whose final group is zero-padded (readers stop at the page's value count). Deterministic.
    static func appendDefinitionLevels(_ defined: [Bool], to out: inout [UInt8]) {
        var pending: [Bool] = []  // levels waiting to be bit-packed
        pending.reserveCapacity(maxBitPackedRun)
        var i = 0
        let n = defined.count
        while i < n {
            var j = i + 1
            while j < n && defined[j] == defined[i] { j += 1 }
            var runStart = i
            // A bit-packed run in the middle of the data must end on a group boundary: top up the
            // pending levels to a multiple of 8 from the start of this run first.
            if j - i >= 8, pending.count % 8 != 0 {
                let fill = min(8 - pending.count % 8, j - i)
                pending.append(contentsOf: defined[i..<(i + fill)])
                runStart += fill
            }
            if j - runStart >= 8 {
                flushBitPacked(&pending, to: &out)
                appendVarint(UInt64(j - runStart) << 1, to: &out)
                out.append(defined[i] ? 1 : 0)
            } else {
                pending.append(contentsOf: defined[runStart..<j])
                // Cap bit-packed runs at 63 groups; the remainder stays pending.
                while pending.count >= maxBitPackedRun {
                    var head = Array(pending[..<maxBitPackedRun])
                    pending.removeFirst(maxBitPackedRun)
                    flushBitPacked(&head, to: &out)
                }
            }
            i = j
        }
        flushBitPacked(&pending, to: &out)
    }

    /// Writes `pending` as one bit-packed run (zero-padding its last group) and empties it.
    private static func flushBitPacked(_ pending: inout [Bool], to out: inout [UInt8]) {
        guard !pending.isEmpty else { return }
        let groups = (pending.count + 7) / 8
        appendVarint(UInt64(groups) << 1 | 1, to: &out)
        var byte: UInt8 = 0
        for (k, level) in pending.enumerated() {
            if level { byte |= 1 << UInt8(k & 7) }
            if k & 7 == 7 {
                out.append(byte)
                byte = 0
            }
        }
        if pending.count % 8 != 0 { out.append(byte) }
        pending.removeAll(keepingCapacity: true)
    }
}
