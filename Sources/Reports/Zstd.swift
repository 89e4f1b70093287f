import CZstd

/// One-shot Zstandard compression through libzstd (Debian libzstd-dev), one reusable context.
///
/// Each call produces one complete zstd frame (with the content size in its header), as Parquet's
/// ZSTD codec expects per page. Output is a pure function of the input bytes, the level and the libzstd
/// version. Not thread-safe: use one compressor per thread.
final class ZstdCompressor {
    /// The compression level (1…22; Parquet writers commonly use 3, zstd's own default).
    let level: Int32
    private let context: OpaquePointer

    /// A compressor at `level`; throws when libzstd cannot allocate a context.
    init(level: Int32 = 3) throws(ParquetWriteError) {
        guard let context = ZSTD_createCCtx() else { throw ParquetWriteError("zstd: cannot create a compression context") }
        self.context = context
        self.level = level
    }

    deinit { ZSTD_freeCCtx(context) }

    /// The libzstd version string, e.g. "1.5.4".
    static var libraryVersion: String { String(cString: ZSTD_versionString()) }

    /// Compresses `input` as one zstd frame into the front of `output` (grown to the worst-case size
    /// if needed, never shrunk, so one buffer serves every page); returns the compressed byte count.
    func compress(_ input: [UInt8], into output: inout [UInt8]) throws(ParquetWriteError) -> Int {
        let bound = ZSTD_compressBound(input.count)
        if output.count < bound { output.append(contentsOf: repeatElement(0, count: bound - output.count)) }
        let written = output.withUnsafeMutableBytes { out in
            input.withUnsafeBytes { src in
                ZSTD_compressCCtx(context, out.baseAddress, out.count, src.baseAddress, src.count, level)
            }
        }
        if ZSTD_isError(written) != 0 { throw ParquetWriteError("zstd: \(String(cString: ZSTD_getErrorName(written)))") }
        return written
    }

    /// `input` compressed as one zstd frame.
    func compress(_ input: [UInt8]) throws(ParquetWriteError) -> [UInt8] {
        var output: [UInt8] = []
        let count = try compress(input, into: &output)
        return Array(output[..<count])
    }
}
