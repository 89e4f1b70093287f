/// The byte ranges of the lines of a text, without their terminators (LF, CRLF or a lone CR),
/// after a UTF-8 byte-order mark if there is one. Line k (0-based) is line k + 1 in messages.
struct LineRanges {
    /// One range per line, in order; a final line without a terminator is included.
    let ranges: [Range<Int>]

    init(_ bytes: [UInt8]) {
        var ranges: [Range<Int>] = []
        var start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var i = start
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b == 0x0A || b == 0x0D {
                ranges.append(start..<i)
                if b == 0x0D, i + 1 < n, bytes[i + 1] == 0x0A { i += 1 }
                start = i + 1
            }
            i += 1
        }
        if start < n { ranges.append(start..<n) }
        self.ranges = ranges
    }
}
