import CZlib
import Foundation

/// Buffered byte output to a file, plain or gzip (when the path ends in `.gz`),. Writes go to `path + ".partial"`, renamed on `close()`, so an
/// interrupted run never leaves a file that looks complete.
final class ByteSink {
    let path: String
    private let temporary: String
    private let handle: UnsafeMutablePointer<FILE>
    private var buffer: [UInt8] = []
    private var compressed = [UInt8](repeating: 0, count: 1 << 18)
    private var stream = z_stream()
    private let gzip: Bool
    private(set) var bytesWritten = 0

    init(path: String) throws {
        self.path = path
        temporary = path + ".partial"
        guard let h = fopen(temporary, "wb") else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path])
        }
        handle = h
        gzip = path.hasSuffix(".gz")
        buffer.reserveCapacity(1 << 20)
        if gzip {
            guard deflateInit2_(&stream, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK
            else { throw CocoaError(.fileWriteUnknown) }
        }
    }

    func append(_ s: String) { buffer.append(contentsOf: s.utf8); flushIfFull() }
    func append(byte: UInt8) { buffer.append(byte) }
    func append(bytes: [UInt8]) { buffer.append(contentsOf: bytes); flushIfFull() }

    /// Removes the last `count` bytes written to the buffer (for defect injection).
    func dropLast(_ count: Int) { buffer.removeLast(min(count, buffer.count)) }

    private func flushIfFull() { if buffer.count >= 1 << 20 { flush(final: false) } }

    private func flush(final: Bool) {
        bytesWritten += buffer.count
        if !gzip {
            _ = buffer.withUnsafeBufferPointer { fwrite($0.baseAddress, 1, $0.count, handle) }
            buffer.removeAll(keepingCapacity: true)
            return
        }
        buffer.withUnsafeMutableBufferPointer { input in
            stream.next_in = input.baseAddress
            stream.avail_in = UInt32(input.count)
            repeat {
                compressed.withUnsafeMutableBufferPointer { out in
                    stream.next_out = out.baseAddress
                    stream.avail_out = UInt32(out.count)
                    _ = deflate(&stream, final ? Z_FINISH : Z_NO_FLUSH)
                    _ = fwrite(out.baseAddress, 1, out.count - Int(stream.avail_out), handle)
                }
            } while stream.avail_out == 0
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes, closes and renames the file into place.
    func close() throws {
        flush(final: true)
        if gzip { deflateEnd(&stream) }
        let failed = fflush(handle) != 0 || ferror(handle) != 0
        fclose(handle)
        guard !failed, rename(temporary, path) == 0 else {
            unlink(temporary)
            throw CocoaError(.fileWriteOutOfSpace, userInfo: [NSFilePathErrorKey: path])
        }
    }
}
