/// Cell boundaries of one CSV line held as bytes, without copying.
///
/// Unquoted lines (the common case) are split at commas. A quoted cell (`"a,b"`) is returned
/// without its quotes; a doubled quote inside it is kept as two bytes (the Cboe and DataShop
/// layouts never contain one in a numeric or symbol cell). `ranges` is reused across lines.
struct ByteCSV {
    /// Start and end offsets (end exclusive) of each cell of the last line split.
    private(set) var ranges: [(start: Int, end: Int)] = []

    /// Splits `line` (no line terminator) into `ranges`.
    mutating func split(_ line: UnsafeBufferPointer<UInt8>) {
        ranges.removeAll(keepingCapacity: true)
        var start = 0, i = 0
        let n = line.count
        var quoted = false
        while i < n {
            let b = line[i]
            if b == 0x22 {
                quoted.toggle()
            } else if b == 0x2C, !quoted {
                ranges.append(Self.unquote(line, start, i))
                start = i + 1
            }
            i += 1
        }
        ranges.append(Self.unquote(line, start, n))
    }

    static func unquote(_ line: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> (start: Int, end: Int) {
        if end - start >= 2, line[start] == 0x22, line[end - 1] == 0x22 { return (start + 1, end - 1) }
        return (start, end)
    }

    /// Cell `index` of `line` as a buffer slice.
    func cell(_ index: Int, of line: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        let r = ranges[index]
        return UnsafeBufferPointer(rebasing: line[r.start..<r.end])
    }

    /// True when every cell is empty or spaces.
    func isBlank(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        line.allSatisfy { $0 == 0x2C || $0 == 0x20 || $0 == 0x09 }
    }
}
