import Foundation

/// A streaming file writer with the atomic contract of `AtomicFile`: bytes go to a temporary file
/// beside the destination; `commit()` flushes and renames it into place; anything else (an error,
/// a kill, `discard()`) leaves the destination as it was and no partial file under its name.
public final class AtomicFileWriter {
    /// Destination path.
    public let path: String
    private let temporary: String
    private let handle: UnsafeMutablePointer<FILE>
    private var buffer: [UInt8] = []
    private var done = false

    /// Opens a temporary file next to `path`.
    public init(path: String) throws(OutputError) {
        self.path = path
        let url = URL(fileURLWithPath: path)
        temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())").path
        guard let h = fopen(temporary, "wb") else {
            throw OutputError(path: path, reason: "cannot create the output file (\(String(cString: strerror(errno))))")
        }
        handle = h
        buffer.reserveCapacity(1 << 20)
    }

    deinit { if !done { discard() } }

    /// Appends text.
    public func write(_ text: String) throws(OutputError) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 20 { try flush() }
    }

    /// Appends bytes.
    public func write(_ bytes: UnsafeBufferPointer<UInt8>) throws(OutputError) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 20 { try flush() }
    }

    private func flush() throws(OutputError) {
        let written = buffer.withUnsafeBufferPointer { fwrite($0.baseAddress, 1, $0.count, handle) }
        if written != buffer.count {
            let reason = String(cString: strerror(errno))
            discard()
            throw OutputError(path: path, reason: "write failed (\(reason))")
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes, syncs and renames the file into place.
    public func commit() throws(OutputError) {
        try flush()
        guard fflush(handle) == 0, fsync(fileno(handle)) == 0 else {
            let reason = String(cString: strerror(errno))
            discard()
            throw OutputError(path: path, reason: "write failed (\(reason))")
        }
        fclose(handle)
        done = true
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw OutputError(path: path, reason: "cannot move the finished file into place (\(reason))")
        }
    }

    /// Abandons the file: the temporary is removed and the destination untouched.
    public func discard() {
        guard !done else { return }
        done = true
        fclose(handle)
        unlink(temporary)
    }
}
