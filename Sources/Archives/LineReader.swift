#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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
            var failure: ArchiveError?
            buffer.withUnsafeBufferPointer { all in
                // SAFETY: [start, end) lies inside the buffer; memchr reads only that range.
                let base = all.baseAddress!
                // Next LF and next CR at or after `from` (end when none): glibc's vectorised memchr
                // finds terminators at memory speed; CRLF is an LF with a CR just before it.
                func next(_ byte: Int32, from: Int) -> Int {
                    guard from < end, let p = unsafe memchr(base + from, byte, end - from) else { return end }
                    return unsafe UnsafeRawPointer(p).assumingMemoryBound(to: UInt8.self) - base
                }
                var lf = next(0x0A, from: start), cr = next(0x0D, from: start)
                while lf < end || cr < end {
                    let terminator = min(lf, cr)
                    do throws(ArchiveError) { try body(UnsafeBufferPointer(rebasing: all[start..<terminator]), lineNumber) } catch { failure = error; return }
                    lineNumber += 1
                    var after = terminator + 1
                    if terminator == cr {
                        if after < end { if all[after] == 0x0A { after += 1 } } else if count > 0 { pendingCR = true }
                    }
                    start = after
                    if lf < start { lf = next(0x0A, from: start) }
                    if cr < start { cr = next(0x0D, from: start) }
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
