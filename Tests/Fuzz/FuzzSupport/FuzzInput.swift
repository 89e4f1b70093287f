import Archives
import Foundation

/// Helpers shared by the libFuzzer targets (built only with `GEX_FUZZ=1`, see `scripts/fuzz.sh`).
public enum FuzzInput {
    /// Small caps so that one hostile input cannot exhaust the fuzzer's memory: the limits
    /// themselves are exercised (a refused input is a clean `ArchiveError`, never a crash).
    public static let limits = ArchiveLimits(maximumContracts: 20_000, maximumSnapshots: 5_000,
                                             maximumLineBytes: 1 << 20, maximumInputBytes: 64 << 20)

    /// A per-process scratch file (tmpfs when available): the readers take paths, and going through
    /// the real file path exercises `ByteStream` exactly as `gex` does.
    public static let scratchPath: String = {
        let directory = FileManager.default.isWritableFile(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
        return "\(directory)/gex-fuzz-\(getpid()).bin"
    }()

    /// Writes the input bytes to `scratchPath` and returns that path.
    public static func file(_ data: UnsafePointer<UInt8>, _ size: Int) -> String {
        let fd = open(scratchPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        precondition(fd >= 0, "cannot create \(scratchPath)")
        var written = 0
        while written < size {
            let n = write(fd, data + written, size - written)
            precondition(n > 0, "cannot write \(scratchPath)")
            written += n
        }
        close(fd)
        return scratchPath
    }

    /// Fails the run (libFuzzer records the input as a crash) when `condition` is false.
    public static func require(_ condition: Bool, _ message: @autoclosure () -> String) {
        if !condition {
            FileHandle.standardError.write(Data("invariant violated: \(message())\n".utf8))
            abort()
        }
    }
}
