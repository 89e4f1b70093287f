import CZlib
import Foundation

/// Reads a file's bytes in blocks, transparently decompressing gzip (multi-member included) and
/// single-member `.zip` archives (stored or deflate, ZIP64), each detected by its magic bytes.
/// Memory is bounded by the block size, whatever the file size.
///
/// Errors name the file: unreadable (`.io`); corrupt or truncated gzip/zip, or a zip with zero or
/// several members (`.badData`).
public final class ByteStream {
    /// Container formats recognised by their first bytes.
    public enum Format: String, Sendable {
        case plain, gzip, zip
    }

    /// The path, for messages.
    public let path: String
    /// Detected container format.
    public let format: Format
    /// Name of the zip member being read (nil unless `format == .zip`).
    public let zipMemberName: String?
    /// On-disk bytes read so far.
    public private(set) var bytesRead = 0
    /// Bytes handed out so far (after decompression).
    public private(set) var bytesProduced = 0
    /// Largest number of bytes handed out (after decompression) before `read` throws.
    public let maximumBytes: Int

    private let handle: UnsafeMutablePointer<FILE>
    private var stream = z_stream()
    private var input = [UInt8](repeating: 0, count: 1 << 18)
    private var inputStart = 0, inputEnd = 0
    private var remainingCompressed = UInt64.max  // bytes of the zip member still on disk
    private var finished = false
    private var streamOpen = false
    private let inflating: Bool

    /// Opens `path` for reading; reading more than `maximumBytes` (decompressed) bytes is an error
    /// naming the file and `--max-input-bytes` (a decompression bomb stops there).
    public init(path: String, maximumBytes: Int = ArchiveLimits.default.maximumInputBytes) throws(ArchiveError) {
        self.path = path
        self.maximumBytes = maximumBytes
        guard let handle = fopen(path, "rb") else {
            throw ArchiveError(.io, file: path, reason: "cannot open the file (\(String(cString: strerror(errno))))")
        }
        self.handle = handle
        var magic = [UInt8](repeating: 0, count: 4)
        let sniffed = fread(&magic, 1, 4, handle)
        if sniffed >= 2, magic[0] == 0x1F, magic[1] == 0x8B {
            format = .gzip
        } else if sniffed == 4, magic[0] == 0x50, magic[1] == 0x4B, (magic[2] == 3 && magic[3] == 4) || (magic[2] == 5 && magic[3] == 6) {
            format = .zip
        } else {
            format = .plain
        }
        var memberName: String?
        do throws(ArchiveError) {
            if format == .zip {
                let member = try ZipMember(handle: handle, path: path)
                memberName = member.name
                remainingCompressed = member.compressedSize
                inflating = member.method == 8
            } else {
                fseeko(handle, 0, SEEK_SET)
                inflating = format == .gzip
            }
        } catch {
            fclose(handle)
            throw error
        }
        zipMemberName = memberName
        if inflating {
            let windowBits: Int32 = format == .gzip ? 15 + 16 : -15  // gzip wrapper, or raw deflate in a zip
            guard inflateInit2_(&stream, windowBits, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
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
        let n = try readUnchecked(into: &buffer, from: offset)
        bytesProduced += n
        guard bytesProduced <= maximumBytes else {
            throw ArchiveLimits.exceeded(file: path, what: "input size (bytes after decompression)", limit: maximumBytes,
                                         option: "--max-input-bytes", variable: "GEX_MAX_INPUT_BYTES")
        }
        return n
    }

    private func readUnchecked(into buffer: inout [UInt8], from offset: Int) throws(ArchiveError) -> Int {
        let capacity = buffer.count - offset
        guard capacity > 0, !finished else { return 0 }
        if !inflating {
            let limit = Int(min(UInt64(capacity), remainingCompressed))
            let n = limit == 0 ? 0 : buffer.withUnsafeMutableBufferPointer { fread($0.baseAddress! + offset, 1, limit, handle) }
            bytesRead += n
            if format == .zip {
                remainingCompressed -= UInt64(n)
                if n == 0, remainingCompressed > 0 { throw truncated() }
            }
            if n == 0 { finished = true }
            return n
        }
        return try inflate(into: &buffer, from: offset, capacity: capacity)
    }

    private func truncated() -> ArchiveError {
        ArchiveError(.badData, file: path, reason: "truncated \(format.rawValue) stream: the file ends inside compressed data")
    }

    /// Refills the compressed-input buffer; returns false at the end of the compressed bytes.
    private func refill() -> Bool {
        let limit = Int(min(UInt64(input.count), remainingCompressed))
        inputEnd = limit == 0 ? 0 : fread(&input, 1, limit, handle)
        inputStart = 0
        bytesRead += inputEnd
        if format == .zip { remainingCompressed -= UInt64(inputEnd) }
        return inputEnd > 0
    }

    private func inflate(into buffer: inout [UInt8], from offset: Int, capacity: Int) throws(ArchiveError) -> Int {
        var produced = 0
        while produced < capacity {
            if inputStart == inputEnd, !refill() {
                if produced > 0 { return produced }
                throw truncated()
            }
            let status: Int32 = input.withUnsafeMutableBufferPointer { i in
                buffer.withUnsafeMutableBufferPointer { b in
                    stream.next_in = i.baseAddress! + inputStart
                    stream.avail_in = UInt32(inputEnd - inputStart)
                    stream.next_out = b.baseAddress! + offset + produced
                    stream.avail_out = UInt32(capacity - produced)
                    let s = CZlib.inflate(&stream, Z_NO_FLUSH)
                    inputStart = inputEnd - Int(stream.avail_in)
                    return s
                }
            }
            produced = capacity - Int(stream.avail_out)
            switch status {
            case Z_OK, Z_BUF_ERROR:
                continue
            case Z_STREAM_END:
                // A gzip file may hold several members back to back; a zip member ends here.
                if format == .gzip, inputStart < inputEnd || refill() {
                    inflateReset(&stream)
                    continue
                }
                finished = true
                return produced
            default:
                throw ArchiveError(.badData, file: path, reason: "corrupt \(format.rawValue) data (zlib status \(status))")
            }
        }
        return produced
    }
}
