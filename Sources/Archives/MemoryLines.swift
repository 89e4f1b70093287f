#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The lines of bytes already in memory, with `LineReader`'s rules: LF, CRLF and a lone CR end a
/// line (the terminator is not handed out), a last line without a terminator counts. A range that
/// starts right after an LF starts on a line boundary, so a file cut after LFs splits into ranges
/// whose lines are exactly the file's lines.
enum MemoryLines {
    /// Bytes scanned per block: the CR search (and the `forget` callback) never runs ahead further.
    static let blockBytes = 1 << 20

    /// Calls `body` with each line of `base[range]` and its number (1 = the range's first line),
    /// then returns the number of lines. Throws (naming `file` and the range-relative line) when a
    /// line is longer than `maximumLength` bytes. Every `blockBytes` or so, `forget` is called with
    /// the bytes finished since its last call.
    static func forEach(_ base: UnsafePointer<UInt8>, _ range: Range<Int>, maximumLength: Int, file: String,
                        forget: (Range<Int>) -> Void = { _ in },
                        _ body: (UnsafeBufferPointer<UInt8>, Int) throws(ArchiveError) -> Void) throws(ArchiveError) -> Int {
        var number = 0
        var blockStart = range.lowerBound
        while blockStart < range.upperBound {
            // The block ends just after an LF (a line boundary), at least `blockBytes` in, or at the range end.
            var blockEnd = range.upperBound
            if range.upperBound - blockStart > blockBytes,
               let lf = unsafe memchr(base + blockStart + blockBytes, 0x0A, range.upperBound - blockStart - blockBytes) {
                blockEnd = unsafe UnsafeRawPointer(lf).assumingMemoryBound(to: UInt8.self) - base + 1
            }
            try lines(base, blockStart..<blockEnd, maximumLength: maximumLength, file: file, number: &number, body)
            forget(blockStart..<blockEnd)
            blockStart = blockEnd
        }
        return number
    }

    /// The lines of one block, numbered on from `number`.
    private static func lines(_ base: UnsafePointer<UInt8>, _ block: Range<Int>, maximumLength: Int, file: String, number: inout Int,
                              _ body: (UnsafeBufferPointer<UInt8>, Int) throws(ArchiveError) -> Void) throws(ArchiveError) {
        let end = block.upperBound
        // SAFETY: every pointer below stays inside [block.lowerBound, end), which the caller guarantees is mapped.
        func next(_ byte: Int32, from: Int) -> Int {
            guard from < end, let p = unsafe memchr(base + from, byte, end - from) else { return end }
            return unsafe UnsafeRawPointer(p).assumingMemoryBound(to: UInt8.self) - base
        }
        func line(_ start: Int, _ stop: Int) throws(ArchiveError) {
            number += 1
            guard stop - start <= maximumLength else {
                throw ArchiveLimits.exceeded(file: file, line: number, what: "line length in bytes", limit: maximumLength,
                                             option: "--max-line-bytes", variable: "GEX_MAX_LINE_BYTES")
            }
            try body(UnsafeBufferPointer(start: base + start, count: stop - start), number)
        }
        var start = block.lowerBound
        var lf = next(0x0A, from: start), cr = next(0x0D, from: start)
        while lf < end || cr < end {
            let terminator = min(lf, cr)
            try line(start, terminator)
            var after = terminator + 1
            if terminator == cr, after < end, base[after] == 0x0A { after += 1 }
            start = after
            if lf < start { lf = next(0x0A, from: start) }
            if cr < start { cr = next(0x0D, from: start) }
        }
        if start < end { try line(start, end) }  // the last line of the file, without a terminator
    }
}
