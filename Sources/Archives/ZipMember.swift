import Foundation

/// The single member of a `.zip` archive, located through its central directory (ZIP64 aware).
///
/// DataShop delivers one CSV per zip. Archives with zero or several members, encrypted members,
/// or compression other than stored (0) / deflate (8) are refused with a clear error.
struct ZipMember {
    /// Member file name.
    let name: String
    /// 0 = stored, 8 = deflate.
    let method: UInt16
    /// Offset of the member's data (after its local header).
    let dataOffset: UInt64
    /// Compressed size in bytes.
    let compressedSize: UInt64

    /// Reads the directory of the zip at `path` through `handle`.
    init(handle: UnsafeMutablePointer<FILE>, path: String) throws(ArchiveError) {
        func fail(_ reason: String) -> ArchiveError { ArchiveError(.badData, file: path, reason: reason) }
        guard fseeko(handle, 0, SEEK_END) == 0 else { throw fail("cannot seek in the zip file") }
        let size = UInt64(ftello(handle))
        let tailLength = Int(min(size, 65_535 + 22 + 20))
        var tail = [UInt8](repeating: 0, count: tailLength)
        fseeko(handle, off_t(size) - off_t(tailLength), SEEK_SET)
        guard fread(&tail, 1, tailLength, handle) == tailLength else { throw fail("cannot read the zip directory") }
        guard let eocd = stride(from: tailLength - 22, through: 0, by: -1).first(where: { Self.u32(tail, $0) == 0x0605_4B50 }) else {
            throw fail("not a complete zip archive: no end-of-central-directory record (truncated?)")
        }
        var entries = UInt64(Self.u16(tail, eocd + 10))
        var directoryOffset = UInt64(Self.u32(tail, eocd + 16))
        if entries == 0xFFFF || directoryOffset == 0xFFFF_FFFF, eocd >= 20, Self.u32(tail, eocd - 20) == 0x0706_4B50 {
            let recordOffset = Self.u64(tail, eocd - 20 + 8)
            var record = [UInt8](repeating: 0, count: 56)
            fseeko(handle, off_t(recordOffset), SEEK_SET)
            guard fread(&record, 1, 56, handle) == 56, Self.u32(record, 0) == 0x0606_4B50 else { throw fail("corrupt ZIP64 directory") }
            entries = Self.u64(record, 32)
            directoryOffset = Self.u64(record, 48)
        }
        guard entries == 1 else {
            throw fail("zip archive holds \(entries) members; expected exactly one CSV")
        }
        var header = [UInt8](repeating: 0, count: 46)
        fseeko(handle, off_t(directoryOffset), SEEK_SET)
        guard fread(&header, 1, 46, handle) == 46, Self.u32(header, 0) == 0x0201_4B50 else { throw fail("corrupt zip central directory") }
        let flags = Self.u16(header, 8)
        method = Self.u16(header, 10)
        guard flags & 1 == 0 else { throw fail("encrypted zip members are not supported") }
        guard method == 0 || method == 8 else { throw fail("zip compression method \(method) is not supported (stored or deflate only)") }
        var compressed = UInt64(Self.u32(header, 20)), uncompressed = UInt64(Self.u32(header, 24))
        var localOffset = UInt64(Self.u32(header, 42))
        let nameLength = Int(Self.u16(header, 28)), extraLength = Int(Self.u16(header, 30))
        var rest = [UInt8](repeating: 0, count: nameLength + extraLength)
        guard fread(&rest, 1, rest.count, handle) == rest.count else { throw fail("corrupt zip central directory") }
        name = String(decoding: rest.prefix(nameLength), as: UTF8.self)
        var e = nameLength
        while e + 4 <= rest.count {  // ZIP64 extended information replaces 0xFFFFFFFF fields, in order
            let id = Self.u16(rest, e), length = Int(Self.u16(rest, e + 2))
            if id == 0x0001 {
                var p = e + 4
                if uncompressed == 0xFFFF_FFFF { uncompressed = Self.u64(rest, p); p += 8 }
                if compressed == 0xFFFF_FFFF { compressed = Self.u64(rest, p); p += 8 }
                if localOffset == 0xFFFF_FFFF { localOffset = Self.u64(rest, p) }
            }
            e += 4 + length
        }
        var local = [UInt8](repeating: 0, count: 30)
        fseeko(handle, off_t(localOffset), SEEK_SET)
        guard fread(&local, 1, 30, handle) == 30, Self.u32(local, 0) == 0x0403_4B50 else { throw fail("corrupt zip local header") }
        dataOffset = localOffset + 30 + UInt64(Self.u16(local, 26)) + UInt64(Self.u16(local, 28))
        compressedSize = compressed
        guard dataOffset + compressed <= size else { throw fail("truncated zip archive: the member's data runs past the end of the file") }
        fseeko(handle, off_t(dataOffset), SEEK_SET)
    }

    static func u16(_ b: [UInt8], _ i: Int) -> UInt16 { UInt16(b[i]) | UInt16(b[i + 1]) << 8 }
    static func u32(_ b: [UInt8], _ i: Int) -> UInt32 { UInt32(u16(b, i)) | UInt32(u16(b, i + 2)) << 16 }
    static func u64(_ b: [UInt8], _ i: Int) -> UInt64 { UInt64(u32(b, i)) | UInt64(u32(b, i + 4)) << 32 }
}
