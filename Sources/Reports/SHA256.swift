import CCrypto
import Foundation

/// SHA-256 (FIPS 180-4) digests for the provenance recorded in metadata.json, through OpenSSL's
/// libcrypto (which uses the CPU's SHA extensions or AVX2 code when present, ~1–2 GB/s).
/// Files are streamed in fixed chunks: memory stays at one chunk whatever the file size.
public enum SHA256 {
    /// Hex digest (64 lowercase hex digits) of `data`.
    public static func hex(_ data: [UInt8]) -> String {
        let digest = Digest()
        data.withUnsafeBytes { digest.update($0) }
        return digest.finish()
    }

    /// Hex digest of a file's bytes, read `chunkSize` bytes at a time (nil when unreadable).
    public static func hex(file path: String, chunkSize: Int = 4 << 20) -> String? {
        guard let file = fopen(path, "rb") else { return nil }
        defer { fclose(file) }
        let digest = Digest()
        var buffer = [UInt8](repeating: 0, count: max(1, chunkSize))
        while true {
            let count = buffer.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
            if count > 0 { buffer.withUnsafeBytes { digest.update(UnsafeRawBufferPointer(rebasing: $0[0..<count])) } }
            if count < buffer.count {
                if ferror(file) != 0 { return nil }
                break
            }
        }
        return digest.finish()
    }

    /// An incremental SHA-256 over libcrypto's EVP interface.
    struct Digest: ~Copyable {
        private let context: OpaquePointer

        init() {
            guard let context = EVP_MD_CTX_new(), EVP_DigestInit_ex(context, EVP_sha256(), nil) == 1 else {
                fatalError("libcrypto: cannot initialise SHA-256")
            }
            self.context = context
        }

        func update(_ bytes: UnsafeRawBufferPointer) {
            guard bytes.count > 0 else { return }
            _ = EVP_DigestUpdate(context, bytes.baseAddress, bytes.count)
        }

        consuming func finish() -> String {
            var out = [UInt8](repeating: 0, count: 32)
            var length: UInt32 = 0
            _ = out.withUnsafeMutableBufferPointer { EVP_DigestFinal_ex(context, $0.baseAddress, &length) }
            let hexDigits = Array("0123456789abcdef".utf8)
            var text = [UInt8]()
            text.reserveCapacity(64)
            for byte in out.prefix(Int(length)) {
                text.append(hexDigits[Int(byte >> 4)])
                text.append(hexDigits[Int(byte & 0x0f)])
            }
            return String(decoding: text, as: UTF8.self)
        }

        deinit { EVP_MD_CTX_free(context) }
    }
}
