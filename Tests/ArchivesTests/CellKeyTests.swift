// CellKey (the inline key of a short cell) against byte-array equality of the cells themselves.
//
// | inputs                                                        | reference            | tolerance |
// |---------------------------------------------------------------|----------------------|-----------|
// | 40k cell pairs (random, equal, one byte off), 0–31 bytes, any offset | [UInt8] == [UInt8]   | exact     |
// | cells ending at the line's end (byte-by-byte assembly)        | same                 | exact     |
@testable import Archives
import XCTest

final class CellKeyTests: XCTestCase {
    /// A random cell (bytes from a small alphabet, so that equal cells are common) inside a line
    /// with random bytes before and after it; returns the line and the cell's range.
    func randomCell(_ rng: inout SystemRandomNumberGenerator, like other: [UInt8]? = nil) -> ([UInt8], Range<Int>) {
        var cell = (0..<Int.random(in: 0...30, using: &rng)).map { _ in UInt8.random(in: 0x30...0x32, using: &rng) }
        if let other {
            cell = other  // the same bytes, or one byte changed, or one byte longer or shorter
            switch Int.random(in: 0..<4, using: &rng) {
            case 0 where !cell.isEmpty: cell[Int.random(in: 0..<cell.count, using: &rng)] ^= 0x01
            case 1: cell.append(0x30)
            case 2 where !cell.isEmpty: cell.removeLast()
            default: break
            }
        }
        let length = cell.count
        let before = (0..<Int.random(in: 0...5, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
        let after = (0..<Int.random(in: 0...40, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
        return (before + cell + after, before.count..<(before.count + length))
    }

    func testKeysAreEqualExactlyWhenTheCellsAre() {
        var rng = SystemRandomNumberGenerator()
        var equalPairs = 0
        for _ in 0..<40_000 {
            let (lineA, a) = randomCell(&rng)
            let (lineB, b) = randomCell(&rng, like: Bool.random(using: &rng) ? Array(lineA[a]) : nil)
            let cellA = Array(lineA[a]), cellB = Array(lineB[b])
            let keyA = lineA.withUnsafeBufferPointer { CellKey(UnsafeBufferPointer(rebasing: $0[a]), in: $0) }
            let keyB = lineB.withUnsafeBufferPointer { CellKey(UnsafeBufferPointer(rebasing: $0[b]), in: $0) }
            XCTAssertEqual(keyA == nil, cellA.count > CellKey.capacity)
            guard let keyA, let keyB else { continue }
            XCTAssertEqual(keyA == keyB, cellA == cellB, "\(cellA) vs \(cellB)")
            if cellA == cellB { equalPairs += 1 }
        }
        XCTAssertGreaterThan(equalPairs, 3_000, "equal cells must be common")
    }

    /// The same cell alone in its line (no room for word loads) and inside a long line give equal keys.
    func testCellAtTheLineEndMatchesTheSameCellInsideALine() {
        for length in 0...CellKey.capacity {
            let cell = (0..<length).map { UInt8(0x30 + $0 % 10) }
            let alone = cell.withUnsafeBufferPointer { CellKey($0, in: $0) }
            let inside = (cell + Array(repeating: 0x2C, count: 30)).withUnsafeBufferPointer {
                CellKey(UnsafeBufferPointer(rebasing: $0[0..<length]), in: $0)
            }
            XCTAssertEqual(alone, inside, "length \(length)")
            if length > 0 {
                var changed = cell
                changed[length - 1] ^= 1
                XCTAssertNotEqual(alone, changed.withUnsafeBufferPointer { CellKey($0, in: $0) }, "length \(length)")
            }
        }
    }
}
