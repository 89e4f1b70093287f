// ByteCSV.split (eight bytes at a time until a quote) against a plain byte-by-byte reference
// splitter written here: random lines of commas, quotes, digits and spaces, short and long (more
// cells than the initial storage, so it grows), every cell's bytes compared.
@testable import Archives
import XCTest

final class ByteCSVTests: XCTestCase {
    /// The reference: split at commas outside quotes; a cell wrapped in quotes loses them.
    static func reference(_ line: [UInt8]) -> [[UInt8]] {
        var cells: [[UInt8]] = [], start = 0, quoted = false
        func cell(_ a: Int, _ b: Int) -> [UInt8] {
            b - a >= 2 && line[a] == 0x22 && line[b - 1] == 0x22 ? Array(line[(a + 1)..<(b - 1)]) : Array(line[a..<b])
        }
        for (i, b) in line.enumerated() {
            if b == 0x22 { quoted.toggle() } else if b == 0x2C, !quoted { cells.append(cell(start, i)); start = i + 1 }
        }
        cells.append(cell(start, line.count))
        return cells
    }

    func testRandomLinesAgainstTheReference() {
        var state: UInt64 = 42
        func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
        let alphabet: [UInt8] = Array("0123456789.,,,, -".utf8)
        var csv = ByteCSV()
        for round in 0..<4000 {
            let length = [0, 1, 7, 8, 9, 15, 16, 17, 40, 230, 700][next(11)]
            var line = (0..<length).map { _ in alphabet[next(alphabet.count)] }
            if round % 3 == 0, length > 2 {  // quotes somewhere (sometimes unbalanced)
                for _ in 0..<(1 + next(3)) { line[next(length)] = 0x22 }
            }
            line.withUnsafeBufferPointer { buffer in
                csv.split(buffer)
                let expected = Self.reference(line)
                XCTAssertEqual(csv.count, expected.count, "\(String(decoding: line, as: UTF8.self))")
                guard csv.count == expected.count else { return }
                for k in 0..<csv.count {
                    XCTAssertEqual(Array(csv.cell(k, of: buffer)), expected[k], "cell \(k) of \(String(decoding: line, as: UTF8.self))")
                }
            }
        }
    }
}
