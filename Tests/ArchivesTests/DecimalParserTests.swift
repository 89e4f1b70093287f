// The byte-level decimal parser against the standard library's correctly rounded Double(String).
//
// | inputs                                              | reference            | tolerance |
// |-----------------------------------------------------|----------------------|-----------|
// | 200k random decimals, 1–17 significant digits        | Double(String)       | bit-exact |
// | exponents, signs, long mantissas (slow path)         | Double(String)       | bit-exact |
// | "1,000", "", "abc", "1.2.3", "--1"                   | refused (nil)        | —         |
@testable import Archives
import XCTest

final class DecimalParserTests: XCTestCase {
    func parse(_ s: String) -> Double? {
        Array(s.utf8).withUnsafeBufferPointer { DecimalParser.parse($0) }
    }

    func testRandomDecimalsAreCorrectlyRounded() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<200_000 {
            let digits = Int.random(in: 1...17, using: &generator)
            var s = (0..<digits).map { _ in String(Int.random(in: 0...9, using: &generator)) }.joined()
            let point = Int.random(in: 0...digits, using: &generator)
            if point < digits { s.insert(".", at: s.index(s.startIndex, offsetBy: point)) }
            if Bool.random(using: &generator) { s = "-" + s }
            guard let reference = Double(s) else { continue }
            XCTAssertEqual(parse(s)?.bitPattern, reference.bitPattern, s)
        }
    }

    func testSlowPathAndRefusals() {
        for s in ["1e-3", "-2.5E+10", "+7", "0.30000000000000004441", "123456789012345678901234", " 42 ", "4505.1001"] {
            XCTAssertEqual(parse(s), Double(s.trimmingCharacters(in: .whitespaces)), s)
        }
        for s in ["", " ", "abc", "1,000", "1.2.3", "--1", "4505.1001x", "."] {
            XCTAssertNil(parse(s), s)
        }
    }
}
