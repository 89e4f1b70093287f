/// Streams the lines of a `ByteStream` through a fixed buffer (grown only for a line longer
/// than the buffer, up to `maximumLineLength`). Lines are handed out without their terminator
/// (LF, CRLF or CR) with their 1-based numbers; a UTF-8 BOM at the start is skipped.
public struct LineReader {
    /// Longest accepted line in bytes; a longer one is an error naming its line.
    public let maximumLineLength: Int
    private let source: ByteStream
    private var buffer: [UInt8]

    /// Reads lines from `source` with a buffer of `blockSize` bytes.
    public init(source: ByteStream, blockSize: Int = 1 << 20, maximumLineLength: Int = ArchiveLimits.default.maximumLineBytes) {
        self.source = source
        self.buffer = [UInt8](repeating: 0, count: max(1, min(blockSize, maximumLineLength + 1)))
        self.maximumLineLength = maximumLineLength
    }

    /// Calls `body` with every line in order. `body` must not keep the buffer pointer.
    public mutating func forEachLine(
        _ body: (UnsafeBufferPointer<UInt8>, Int) throws(ArchiveError) -> Void
    ) throws(ArchiveError) {
        var filled = 0, lineNumber = 1, first = true
        var pendingCR = false
        while true {
            let count = try source.read(into: &buffer, from: filled)
            let end = filled + count
            var start = 0
            if first {
                if end < 3, count > 0 {  // too few bytes yet to tell whether a BOM starts the file
                    filled = end
                    if filled == buffer.count { buffer.append(contentsOf: repeatElement(0, count: 3)) }
                    continue
                }
                if end >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF { start = 3 }
                first = false
            }
            if pendingCR, start < end, buffer[start] == 0x0A { start += 1 }
            pendingCR = false
            var i = start
            var failure: ArchiveError?
            buffer.withUnsafeBufferPointer { all in
                while i < end {
                    let b = all[i]
                    if b == 0x0A || b == 0x0D {
                        do throws(ArchiveError) { try body(UnsafeBufferPointer(rebasing: all[start..<i]), lineNumber) } catch { failure = error; return }
                        lineNumber += 1
                        if b == 0x0D {
                            if i + 1 < end { if all[i + 1] == 0x0A { i += 1 } } else if count > 0 { pendingCR = true }
                        }
                        start = i + 1
                    }
                    i += 1
                }
                if count == 0, start < end {  // last line without a terminator
                    do throws(ArchiveError) { try body(UnsafeBufferPointer(rebasing: all[start..<end]), lineNumber) } catch { failure = error }
                    start = end
                }
            }
            if let failure { throw failure }
            if count == 0 { return }
            // Keep the partial line at the front; grow the buffer only when one line fills it.
            let carried = end - start
            if carried > 0 { buffer.withUnsafeMutableBufferPointer { $0.baseAddress!.update(from: $0.baseAddress! + start, count: carried) } }
            filled = carried
            if filled == buffer.count {
                guard buffer.count <= maximumLineLength else {  // the buffer holds a partial line longer than the cap
                    throw ArchiveLimits.exceeded(file: source.path, line: lineNumber, what: "line length in bytes",
                                                 limit: maximumLineLength, option: "--max-line-bytes", variable: "GEX_MAX_LINE_BYTES")
                }
                buffer.append(contentsOf: repeatElement(0, count: min(buffer.count, maximumLineLength + 1 - buffer.count)))
            }
        }
    }
}
