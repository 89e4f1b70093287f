import Dispatch
import Foundation

/// SHA-256 digests of input files computed on a background thread while the caller works (a day
/// run reads and computes for seconds; hashing 1.7 GB takes ~1 s with SHA extensions and would
/// otherwise run serially at the end). `wait()` blocks until every digest is ready.
public final class InputDigests: @unchecked Sendable {
    private let group = DispatchGroup()
    private let lock = NSLock()
    private var digests: [String: String] = [:]

    /// Starts hashing `paths` (one after another, on one background thread).
    public init(paths: [String]) {
        group.enter()
        DispatchQueue.global(qos: .utility).async { [self] in
            for path in paths {
                let hex = SHA256.hex(file: path) ?? "unreadable"
                lock.lock()
                digests[path] = hex
                lock.unlock()
            }
            group.leave()
        }
    }

    /// The hex digest of every path ("unreadable" for a file that could not be read), once all are done.
    public func wait() -> [String: String] {
        group.wait()
        lock.lock()
        defer { lock.unlock() }
        return digests
    }
}
