import CZlib
import Foundation

/// Reads a file's bytes in blocks, transparently inflating gzip (detected by its magic bytes,
/// multi-member files included). Memory is bounded by the block size, whatever the file size.
///
/// Errors name the file: unreadable (`.io`), corrupt or truncated gzip (`.badData`).
public final class ByteStream {
    /// The path, for messages.
    public let path: String
    /// True when the file is gzip-compressed.
    public let isGzip: Bool
    /// Compressed (on-disk) bytes read so far.
    public private(set) var bytesRead = 0

    private let handle: UnsafeMutablePointer<FILE>
    private var stream = z_stream()
    private var input = [UInt8](repeating: 0, count: 1 << 18)
    private var inputStart = 0, inputEnd = 0
    private var finished = false
    private var streamOpen = false

    /// Opens `path` for reading.
    public init(path: String) throws(ArchiveError) {
        self.path = path
        guard let handle = fopen(path, "rb") else {
            throw ArchiveError(.io, file: path, reason: "cannot open the file (\(String(cString: strerror(errno))))")
        }
        self.handle = handle
        inputEnd = fread(&input, 1, input.count, handle)
        bytesRead = inputEnd
        isGzip = inputEnd >= 2 && input[0] == 0x1F && input[1] == 0x8B
        if isGzip {
            guard inflateInit2_(&stream, 15 + 16, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
                fclose(handle)
                throw ArchiveError(.io, file: path, reason: "cannot initialise zlib")
            }
            streamOpen = true
        }
    }

    deinit {
        if streamOpen { inflateEnd(&stream) }
        fclose(handle)
    }

    /// Fills `buffer` from `offset` with up to `buffer.count − offset` bytes; returns how many
    /// were written, 0 at the end of the data.
    public func read(into buffer: inout [UInt8], from offset: Int) throws(ArchiveError) -> Int {
        let capacity = buffer.count - offset
        guard capacity > 0, !finished else { return 0 }
        if !isGzip { return readPlain(into: &buffer, from: offset, capacity: capacity) }
        return try readGzip(into: &buffer, from: offset, capacity: capacity)
    }

    private func readPlain(into buffer: inout [UInt8], from offset: Int, capacity: Int) -> Int {
        var written = 0
        if inputStart < inputEnd {  // the bytes read while sniffing the magic
            written = min(capacity, inputEnd - inputStart)
            buffer.withUnsafeMutableBufferPointer { b in
                input.withUnsafeBufferPointer { i in
                    (b.baseAddress! + offset).update(from: i.baseAddress! + inputStart, count: written)
                }
            }
            inputStart += written
            return written
        }
        written = buffer.withUnsafeMutableBufferPointer { fread($0.baseAddress! + offset, 1, capacity, handle) }
        bytesRead += written
        if written == 0 { finished = true }
        return written
    }

    private func readGzip(into buffer: inout [UInt8], from offset: Int, capacity: Int) throws(ArchiveError) -> Int {
        var produced = 0
        while produced < capacity {
            if inputStart == inputEnd {
                inputEnd = fread(&input, 1, input.count, handle)
                inputStart = 0
                bytesRead += inputEnd
                if inputEnd == 0 {
                    if produced > 0 { return produced }
                    throw ArchiveError(.badData, file: path, reason: "truncated gzip stream: the file ends inside compressed data")
                }
            }
            let status: Int32 = input.withUnsafeMutableBufferPointer { i in
                buffer.withUnsafeMutableBufferPointer { b in
                    stream.next_in = i.baseAddress! + inputStart
                    stream.avail_in = UInt32(inputEnd - inputStart)
                    stream.next_out = b.baseAddress! + offset + produced
                    stream.avail_out = UInt32(capacity - produced)
                    let s = inflate(&stream, Z_NO_FLUSH)
                    inputStart = inputEnd - Int(stream.avail_in)
                    return s
                }
            }
            produced = capacity - Int(stream.avail_out)
            switch status {
            case Z_OK, Z_BUF_ERROR:
                continue
            case Z_STREAM_END:
                // Another gzip member may follow (concatenated .gz files); otherwise we are done.
                if inputStart == inputEnd {
                    inputEnd = fread(&input, 1, input.count, handle)
                    inputStart = 0
                    bytesRead += inputEnd
                }
                if inputStart == inputEnd { finished = true; return produced }
                inflateReset(&stream)
            default:
                throw ArchiveError(.badData, file: path, reason: "corrupt gzip data (zlib status \(status))")
            }
        }
        return produced
    }
}
