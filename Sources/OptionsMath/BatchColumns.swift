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
    @inline(always)
    static func load(_ column: UnsafeBufferPointer<Double>, _ i: Int) -> D8 {
        // SAFETY: callers guarantee i + 8 <= column.count. Eight scalar loads that LLVM merges
        // into vector loads (stdlib's loadUnaligned is not inlined and passes the vector through
        // memory).
        let p = unsafe column.baseAddress.unsafelyUnwrapped + i
        return unsafe D8(p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7])
    }

    /// Lanes i..<count of `column` (fewer than 8 of them), the rest `pad`.
    @inline(always)
    static func loadTail(_ column: UnsafeBufferPointer<Double>, _ i: Int, count: Int,
                         pad: Double) -> D8 {
        var v = D8(repeating: pad)
        for lane in 0..<(count - i) { v[lane] = column[i + lane] }
        return v
    }

    /// w = +1 (call) / −1 (put) for lanes i..<i+8, from a Bool column (one byte each, 0 or 1):
    /// zero-extended bytes OR-ed into the magic number's mantissa, no integer conversion.
    @inline(always)
    static func loadSign(_ isCall: UnsafeBufferPointer<Bool>, _ i: Int) -> D8 {
        // SAFETY: callers guarantee i + 8 <= isCall.count; Bool is one byte holding 0 or 1.
        let b = unsafe UnsafeRawPointer(isCall.baseAddress.unsafelyUnwrapped + i)
            .assumingMemoryBound(to: UInt8.self)
        return unsafe signFromBits(SIMD8<UInt64>(
            UInt64(b[0]), UInt64(b[1]), UInt64(b[2]), UInt64(b[3]),
            UInt64(b[4]), UInt64(b[5]), UInt64(b[6]), UInt64(b[7])))
    }

    /// Tail variant of `loadSign`: padding lanes are calls.
    @inline(always)
    static func loadSignTail(_ isCall: UnsafeBufferPointer<Bool>, _ i: Int, count: Int) -> D8 {
        var bits = SIMD8<UInt64>(repeating: 1)
        for lane in 0..<(count - i) { bits[lane] = isCall[i + lane] ? 1 : 0 }
        return signFromBits(bits)
    }

    @inline(always)
    static func signFromBits(_ bits: SIMD8<UInt64>) -> D8 {
        let magicBits = unsafe unsafeBitCast(roundingMagic, to: UInt64.self)
        let one = unsafe unsafeBitCast(bits | magicBits, to: D8.self) - roundingMagic  // 0 or 1
        return mulAdd(one, D8(repeating: 2), D8(repeating: -1))
    }

    /// Stores lanes 0..<8 at i (i + 8 ≤ count).
    @inline(always)
    static func store(_ v: D8, _ column: UnsafeMutableBufferPointer<Double>, _ i: Int) {
        // SAFETY: callers guarantee i + 8 <= column.count. Merged into vector stores by LLVM.
        let p = unsafe column.baseAddress.unsafelyUnwrapped + i
        unsafe p[0] = v[0]; unsafe p[1] = v[1]; unsafe p[2] = v[2]; unsafe p[3] = v[3]
        unsafe p[4] = v[4]; unsafe p[5] = v[5]; unsafe p[6] = v[6]; unsafe p[7] = v[7]
    }

    /// Stores lanes 0..<count−i at i.
    @inline(always)
    static func storeTail(_ v: D8, _ column: UnsafeMutableBufferPointer<Double>, _ i: Int,
                          count: Int) {
        for lane in 0..<(count - i) { column[i + lane] = v[lane] }
    }
}
