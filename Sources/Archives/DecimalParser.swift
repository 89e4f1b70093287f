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

    /// 10^k for k in 0…22, exact. A switch over literals rather than `powersOfTen[k]`: reading a
    /// global array goes through its lazy-initialisation check on every call (~2 % of a DataShop parse).
    @inline(__always)
    static func powerOfTen(_ k: Int) -> Double {
        switch k {
        case 0: return 1e0
        case 1: return 1e1
        case 2: return 1e2
        case 3: return 1e3
        case 4: return 1e4
        case 5: return 1e5
        case 6: return 1e6
        case 7: return 1e7
        case 8: return 1e8
        case 9: return 1e9
        case 10: return 1e10
        case 11: return 1e11
        case 12: return 1e12
        case 13: return 1e13
        case 14: return 1e14
        case 15: return 1e15
        case 16: return 1e16
        case 17: return 1e17
        case 18: return 1e18
        case 19: return 1e19
        case 20: return 1e20
        case 21: return 1e21
        default: return 1e22
        }
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
        // Integer digits, then an optional point and fraction digits. The mantissa may wrap past 19
        // digits: such numbers go to strtod below, before the mantissa is used.
        var mantissa: UInt64 = 0
        let integerStart = i
        while i < n, case let d = bytes[i] &- 0x30, d <= 9 {
            mantissa = mantissa &* 10 &+ UInt64(d)
            i += 1
        }
        var digits = i - integerStart, fractionDigits = 0
        if i < n, bytes[i] == 0x2E {
            i += 1
            let fractionStart = i
            while i < n, case let d = bytes[i] &- 0x30, d <= 9 {
                mantissa = mantissa &* 10 &+ UInt64(d)
                i += 1
            }
            fractionDigits = i - fractionStart
            digits += fractionDigits
        }
        guard i == n, digits <= 19 else { return slow(bytes, start, n) }
        guard digits > 0 else { return nil }
        guard mantissa <= (1 << 53) else { return slow(bytes, start, n) }
        let value = Double(mantissa) / powerOfTen(fractionDigits)
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
