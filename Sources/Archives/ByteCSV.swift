import CShims

/// Cell boundaries of one CSV line held as bytes, without copying.
///
/// Unquoted lines (the common case) are split at commas. A quoted cell (`"a,b"`) is returned
/// without its quotes; a doubled quote inside it is kept as two bytes (the Cboe and DataShop
/// layouts never contain one in a numeric or symbol cell). The offset storage is reused across
/// lines and grown only for a line with more cells than any before it.
struct ByteCSV {
    /// Start offsets and end offsets (exclusive) of the cells of the last line split; valid below `count`.
    private var starts: [Int] = [Int](repeating: 0, count: 64)
    private var ends: [Int] = [Int](repeating: 0, count: 64)
    /// Number of cells in the last line split.
    private(set) var count = 0

    /// Splits `line` (no line terminator) into cells.
    mutating func split(_ line: UnsafeBufferPointer<UInt8>) {
        while !trySplit(line) {  // more cells than storage: grow (doubling, so rare) and redo
            starts = [Int](repeating: 0, count: starts.count * 2)
            ends = starts
        }
    }

    /// One split attempt; false when the storage ran out of cells.
    private mutating func trySplit(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        #if arch(x86_64)
        // Vector compares for unquoted lines (CShims.gex_csv_split); a line with a quote falls through.
        if let bytes = line.baseAddress {
            let cells = starts.withUnsafeMutableBufferPointer { s in
                ends.withUnsafeMutableBufferPointer { e in gex_csv_split(bytes, line.count, s.baseAddress, e.baseAddress, s.count) }
            }
            if cells > 0 { count = cells; return true }
            if cells == -2 { count = 0; return false }
        }
        #endif
        return trySplitBytes(line)
    }

    /// `trySplit` in Swift: eight bytes at a time, then byte by byte once a quote appears.
    private mutating func trySplitBytes(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = line.count
        var cells = 0
        let fitted = starts.withUnsafeMutableBufferPointer { s in
            ends.withUnsafeMutableBufferPointer { e -> Bool in
                let capacity = s.count
                guard let bytes = line.baseAddress else {
                    s[0] = 0; e[0] = 0; cells = 1
                    return true
                }
                var i = 0
                var quoted = false
                // Eight bytes at a time while no quote has been seen: the commas of each word come
                // out of an exact zero-byte mask (no unquoting needed, since no cell holds a quote
                // yet). `s[cells]` is the current cell's start. The first three commas of a word are
                // stored without a branch on their number (a missing one writes past the cells found,
                // overwritten later), so word after word runs without mispredictions; with room for
                // 8 more cells and the last one. A word with a quote hands over to the byte loop, mid-cell.
                s[0] = 0
                while i + 8 <= n, cells + 10 <= capacity {
                    let word = UInt64(littleEndian: UnsafeRawPointer(bytes + i).loadUnaligned(as: UInt64.self))
                    if Self.zeroBytes(word ^ 0x2222_2222_2222_2222) != 0 { break }
                    var commas = Self.zeroBytes(word ^ 0x2C2C_2C2C_2C2C_2C2C)
                    // One bit per comma byte, summed by a multiply (`nonzeroBitCount` is a slow
                    // bit-twiddling sequence in this portable build: no POPCNT).
                    let found = Int(truncatingIfNeeded: ((commas &>> 7) &* 0x0101_0101_0101_0101) &>> 56)
                    for k in 0..<3 {
                        let comma = i &+ commas.trailingZeroBitCount &>> 3  // i + 8 when none is left
                        e[cells &+ k] = comma
                        s[cells &+ k &+ 1] = comma &+ 1
                        commas &= commas &- 1
                    }
                    var k = cells &+ 3
                    while commas != 0 {  // a fourth comma or more in one word: rare
                        let comma = i &+ commas.trailingZeroBitCount &>> 3
                        e[k] = comma
                        s[k &+ 1] = comma &+ 1
                        k &+= 1
                        commas &= commas &- 1
                    }
                    cells &+= found
                    i &+= 8
                }
                var start = s[cells]
                while i < n {
                    let b = bytes[i]
                    if b == 0x2C {
                        if !quoted {
                            if cells + 1 >= capacity { return false }
                            (s[cells], e[cells]) = Self.unquote(bytes, start, i)
                            cells += 1
                            start = i + 1
                        }
                    } else if b == 0x22 {
                        quoted.toggle()
                    }
                    i += 1
                }
                (s[cells], e[cells]) = Self.unquote(bytes, start, n)
                cells += 1
                return true
            }
        }
        count = fitted ? cells : 0
        return fitted
    }

    /// The high bit of each byte of `v` that is zero, and nothing else (exact: no borrow between bytes).
    @inline(__always)
    static func zeroBytes(_ v: UInt64) -> UInt64 {
        let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        return ~(((v & low7) &+ low7) | v | low7)
    }

    @inline(__always)
    static func unquote(_ line: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> (Int, Int) {
        if end - start >= 2, line[start] == 0x22, line[end - 1] == 0x22 { return (start + 1, end - 1) }
        return (start, end)
    }

    /// Cell `index` (< `count`) of `line` as a buffer slice.
    @inline(__always)
    func cell(_ index: Int, of line: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        precondition(index < count, "ByteCSV: cell index beyond the line's cells")
        return UnsafeBufferPointer(rebasing: line[starts[index]..<ends[index]])
    }

    /// True when every cell is empty or spaces.
    func isBlank(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        line.allSatisfy { $0 == 0x2C || $0 == 0x20 || $0 == 0x09 }
    }
}
