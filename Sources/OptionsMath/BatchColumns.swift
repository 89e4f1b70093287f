/// Loading and storing 8-lane vectors from structure-of-arrays columns.
///
/// Padding contract: kernels accept columns of any count n. They run ⌊n/8⌋ whole vectors with
/// unaligned loads and stores, then — if n is not a multiple of 8 — one padded vector: the
/// remaining lanes are copied into a vector whose other lanes hold benign values (S = K = F = 1,
/// T = 1, σ = 0.2, r = q = 0, D = 1, call), computed by the same vector code, and only the real
/// lanes are stored. No element past n is read or written, and there is no scalar copy of the
/// kernel for the tail. Callers that can pad their own columns to a multiple of 8 lose nothing.
@usableFromInline
struct BatchColumns {
    /// Lane width of every kernel.
    @usableFromInline static let width = 8

    /// Lanes i..<i+8 of `column` (i + 8 ≤ count).
    @inlinable @inline(__always)
    static func load(_ column: UnsafeBufferPointer<Double>, _ i: Int) -> D8 {
        // SAFETY: callers guarantee i + 8 <= column.count.
        unsafe UnsafeRawPointer(column.baseAddress.unsafelyUnwrapped + i).loadUnaligned(as: D8.self)
    }

    /// Lanes i..<count of `column` (fewer than 8 of them), the rest `pad`.
    @inlinable @inline(__always)
    static func loadTail(_ column: UnsafeBufferPointer<Double>, _ i: Int, count: Int,
                         pad: Double) -> D8 {
        var v = D8(repeating: pad)
        for lane in 0..<(count - i) { v[lane] = column[i + lane] }
        return v
    }

    /// w = +1 (call) / −1 (put) for lanes i..<i+8, from a Bool column (one byte each, 0 or 1):
    /// zero-extended bytes OR-ed into the magic number's mantissa, no integer conversion.
    @inlinable @inline(__always)
    static func loadSign(_ isCall: UnsafeBufferPointer<Bool>, _ i: Int) -> D8 {
        // SAFETY: callers guarantee i + 8 <= isCall.count; Bool is one byte holding 0 or 1.
        let bytes = unsafe UnsafeRawPointer(isCall.baseAddress.unsafelyUnwrapped + i)
            .loadUnaligned(as: SIMD8<UInt8>.self)
        return signFromBits(SIMD8<UInt64>(truncatingIfNeeded: bytes))
    }

    /// Tail variant of `loadSign`: padding lanes are calls.
    @inlinable @inline(__always)
    static func loadSignTail(_ isCall: UnsafeBufferPointer<Bool>, _ i: Int, count: Int) -> D8 {
        var bits = SIMD8<UInt64>(repeating: 1)
        for lane in 0..<(count - i) { bits[lane] = isCall[i + lane] ? 1 : 0 }
        return signFromBits(bits)
    }

    @inlinable @inline(__always)
    static func signFromBits(_ bits: SIMD8<UInt64>) -> D8 {
        let magicBits = unsafe unsafeBitCast(roundingMagic, to: UInt64.self)
        let one = unsafe unsafeBitCast(bits | magicBits, to: D8.self) - roundingMagic  // 0 or 1
        return mulAdd(one, D8(repeating: 2), D8(repeating: -1))
    }

    /// Stores lanes 0..<8 at i (i + 8 ≤ count).
    @inlinable @inline(__always)
    static func store(_ v: D8, _ column: UnsafeMutableBufferPointer<Double>, _ i: Int) {
        // SAFETY: callers guarantee i + 8 <= column.count.
        unsafe UnsafeMutableRawPointer(column.baseAddress.unsafelyUnwrapped + i)
            .storeBytes(of: v, as: D8.self)
    }

    /// Stores lanes 0..<count−i at i.
    @inlinable @inline(__always)
    static func storeTail(_ v: D8, _ column: UnsafeMutableBufferPointer<Double>, _ i: Int,
                          count: Int) {
        for lane in 0..<(count - i) { column[i + lane] = v[lane] }
    }
}
