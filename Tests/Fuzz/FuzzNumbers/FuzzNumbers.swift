import Archives
import FuzzSupport
import Glibc

/// libFuzzer entry: the field parsers. `DecimalParser` is checked differentially against glibc's
/// correctly rounded `strtod` — whenever it accepts a cell, `strtod` must consume the whole cell and
/// give the same bits — and `AsOfParser` (locale dates) must never trap and, when it answers, give
/// an instant that prints back as ISO 8601 and parses again to itself.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzNumbers(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    if let value = DecimalParser.parse(bytes) {
        var i = 0, n = size
        while i < n, bytes[i] == 0x20 { i += 1 }
        while n > i, bytes[n - 1] == 0x20 { n -= 1 }
        let cString: [CChar] = bytes[i..<n].map { CChar(bitPattern: $0) } + [0]
        var consumed = -1
        let reference: Double = cString.withUnsafeBufferPointer { c -> Double in
            var end: UnsafeMutablePointer<CChar>?
            let v = strtod(c.baseAddress!, &end)
            if let end { consumed = UnsafePointer(end) - c.baseAddress! }
            return v
        }
        FuzzInput.require(consumed == n - i, "DecimalParser accepted what strtod does not consume")
        FuzzInput.require(reference.bitPattern == value.bitPattern || (reference.isNaN && value.isNaN),
                          "DecimalParser \(value) vs strtod \(reference) for '\(String(decoding: bytes, as: UTF8.self))'")
    }
    let text = String(decoding: bytes, as: UTF8.self)
    if let parsed = AsOfParser.parse(text) {
        let iso = parsed.instant.iso8601
        FuzzInput.require(AsOfParser.parseISO(iso) == parsed.instant, "as-of \(iso) does not round-trip")
    }
    _ = AsOfParser.parseISO(text)
    return 0
}
