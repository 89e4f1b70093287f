#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Parses decimal numbers straight from bytes, correctly rounded.
///
/// Fast path (Clinger 1990): an optional sign, up to 19 digits with an optional decimal point
/// and no exponent, whose integer mantissa is ≤ 2^53 and whose power of ten is ≤ 22, is exactly
/// `mantissa / 10^k` (or `× 10^k`) — one correctly rounded IEEE operation on exact operands.
/// Everything else (exponents, long mantissas, `inf`/`nan` words) goes to `strtod`, which is
/// correctly rounded in glibc. Thousands separators are rejected (nil), as are empty cells
/// and trailing garbage.
package enum DecimalParser {
    static let powersOfTen: [Double] = (0...22).map { p in
        var v = 1.0
        for _ in 0..<p { v *= 10 }
        return v
    }

    /// The value of the bytes, or nil when they are not one complete number.
    package static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        var i = 0, n = bytes.count
        while i < n, bytes[i] == 0x20 { i += 1 }
        while n > i, bytes[n - 1] == 0x20 { n -= 1 }
        guard i < n else { return nil }
        let start = i
        var negative = false
        if bytes[i] == 0x2D || bytes[i] == 0x2B { negative = bytes[i] == 0x2D; i += 1 }
        var mantissa: UInt64 = 0
        var digits = 0, fractionDigits = 0
        var seenPoint = false
        while i < n {
            let b = bytes[i]
            if b >= 0x30 && b <= 0x39 {
                if digits < 19 { mantissa = mantissa &* 10 &+ UInt64(b - 0x30) } else { return slow(bytes, start, n) }
                digits += 1
                if seenPoint { fractionDigits += 1 }
            } else if b == 0x2E, !seenPoint {
                seenPoint = true
            } else {
                return slow(bytes, start, n)
            }
            i += 1
        }
        guard digits > 0 else { return nil }
        guard mantissa <= (1 << 53), fractionDigits <= 22 else { return slow(bytes, start, n) }
        let value = Double(mantissa) / powersOfTen[fractionDigits]
        return negative ? -value : value
    }

    /// strtod on a NUL-terminated copy; nil unless it consumed every byte.
    static func slow(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Double? {
        let length = end - start
        guard length > 0, length < 512 else { return nil }
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: length + 1) { buffer -> Double? in
            for k in 0..<length {
                let b = bytes[start + k]
                if b == 0x2C { return nil }  // thousands separator: refuse rather than misread
                buffer[k] = CChar(bitPattern: b)
            }
            buffer[length] = 0
            var endPointer: UnsafeMutablePointer<CChar>?
            let value = strtod(buffer.baseAddress!, &endPointer)
            guard let endPointer, endPointer - buffer.baseAddress! == length else { return nil }
            return value
        }
    }
}
