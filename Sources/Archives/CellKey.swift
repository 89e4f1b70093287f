/// The bytes of a short CSV cell (≤ 24 bytes) held inline as three words, for "same cell as the
/// previous row?" tests in the row loop: comparing two keys is three word compares, with no call
/// to `memcmp` and no array to retain or release per row (which comparing against a saved
/// `[UInt8]` costs). Bytes past the cell's length are zero in the key, and the length is part of
/// it, so equal keys mean byte-for-byte equal cells.
struct CellKey: Equatable {
    private var count: Int
    private var w0: UInt64, w1: UInt64, w2: UInt64

    /// The longest cell a key holds.
    static let capacity = 24

    /// The key of `cell` (a slice of `line`), or nil when the cell is longer than `capacity`.
    @inline(__always)
    init?(_ cell: UnsafeBufferPointer<UInt8>, in line: UnsafeBufferPointer<UInt8>) {
        let n = cell.count
        guard n <= Self.capacity else { return nil }
        count = n
        guard n > 0, let start = cell.baseAddress, let lineStart = line.baseAddress,
              start >= lineStart, start + Self.capacity <= lineStart + line.count else {
            // Near the line's end (or empty): assemble the words byte by byte.
            (w0, w1, w2) = (0, 0, 0)
            for i in 0..<n { setByte(i, cell[i]) }
            return
        }
        // SAFETY: [start, start + 24) lies inside the line (checked above).
        let raw = UnsafeRawPointer(start)
        w0 = UInt64(littleEndian: unsafe raw.loadUnaligned(as: UInt64.self)) & Self.mask(n)
        w1 = UInt64(littleEndian: unsafe raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self)) & Self.mask(n - 8)
        w2 = UInt64(littleEndian: unsafe raw.loadUnaligned(fromByteOffset: 16, as: UInt64.self)) & Self.mask(n - 16)
    }

    /// Ones over the first `valid` bytes of a word (all of it from 8 on, none at or below 0).
    @inline(__always)
    static func mask(_ valid: Int) -> UInt64 {
        valid >= 8 ? ~0 : (valid <= 0 ? 0 : (1 &<< UInt64(8 &* valid)) &- 1)
    }

    private mutating func setByte(_ i: Int, _ byte: UInt8) {
        let bits = UInt64(byte) &<< UInt64(8 &* (i & 7))
        switch i >> 3 {
        case 0: w0 |= bits
        case 1: w1 |= bits
        default: w2 |= bits
        }
    }
}
