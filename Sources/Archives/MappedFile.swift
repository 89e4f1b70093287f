#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A whole file mapped read-only into memory (`mmap`), unmapped when released. Pages come from
/// the page cache as they are touched: nothing is copied, and `forget(_:)` drops pages already
/// parsed so the process does not keep the whole file resident.
///
/// Shared read-only across worker threads (`@unchecked Sendable`: the mapping never changes while
/// the object lives, and nothing writes to it).
final class MappedFile: @unchecked Sendable {
    /// First byte (nil when the file is empty).
    let base: UnsafePointer<UInt8>?
    /// Size in bytes.
    let count: Int
    private let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))

    /// Maps `path`; throws `.io` when it cannot be opened, sized or mapped.
    init(path: String) throws(ArchiveError) {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw ArchiveError(.io, file: path, reason: "cannot open the file (\(String(cString: strerror(errno))))") }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw ArchiveError(.io, file: path, reason: "cannot size the file (\(String(cString: strerror(errno))))") }
        count = Int(info.st_size)
        guard count > 0 else { base = nil; return }
        guard let p = mmap(nil, count, PROT_READ, MAP_PRIVATE, fd, 0), Int(bitPattern: p) != -1 else {
            throw ArchiveError(.io, file: path, reason: "cannot map the file (\(String(cString: strerror(errno))))")
        }
        _ = madvise(p, count, MADV_SEQUENTIAL)  // a hint for read-ahead; failure is harmless
        base = UnsafePointer(p.assumingMemoryBound(to: UInt8.self))
    }

    deinit {
        if let base { munmap(UnsafeMutableRawPointer(mutating: base), count) }
    }

    /// Drops the whole pages inside `range` (byte offsets) from this process's memory. The bytes stay
    /// readable: a later access maps them again from the page cache (the mapping is never written).
    func forget(_ range: Range<Int>) {
        guard let base else { return }
        let first = (range.lowerBound + pageSize - 1) / pageSize * pageSize, last = range.upperBound / pageSize * pageSize
        guard last > first else { return }
        _ = madvise(UnsafeMutableRawPointer(mutating: base + first), last - first, MADV_DONTNEED)
    }
}
