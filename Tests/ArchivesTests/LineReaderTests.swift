// Streaming lines from plain and gzip files, across block boundaries.
//
// | check                                        | reference                                      |
// |----------------------------------------------|------------------------------------------------|
// | lines of plain / .gz / multi-member .gz      | the text split by hand (LF, CRLF, CR, no final) |
// | every block size 1…64 and 1 MiB              | identical lines and numbers                    |
// | truncated .gz, missing file, overlong line   | ArchiveError naming the file (and line)         |
import Archives
import Foundation
import XCTest

final class LineReaderTests: XCTestCase {
    var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("gex-lines-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: directory) }

    func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let url = directory.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    func gzip(_ path: String) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", "gzip -c '\(path)' > '\(path).gz'"]
        try p.run()
        p.waitUntilExit()
        XCTAssertEqual(p.terminationStatus, 0)
        return path + ".gz"
    }

    func lines(_ path: String, block: Int = 1 << 20, maxLine: Int = 1 << 24) throws -> [(String, Int)] {
        var reader = LineReader(source: try ByteStream(path: path), blockSize: block, maximumLineLength: maxLine)
        var out: [(String, Int)] = []
        try reader.forEachLine { line, number in out.append((String(decoding: line, as: UTF8.self), number)) }
        return out
    }

    let text = "\u{FEFF}a,b,c\r\n1,2,3\n\nlast CR\rx,\"y,z\"\r\nno terminator"
    let expected = ["a,b,c", "1,2,3", "", "last CR", "x,\"y,z\"", "no terminator"]

    func testPlainAndGzipAtEveryBlockSize() throws {
        let plain = try write("t.csv", Array(text.utf8))
        let gz = try gzip(plain)
        for path in [plain, gz] {
            for block in Array(1...64) + [1 << 20] {
                let got = try lines(path, block: block)
                XCTAssertEqual(got.map(\.0), expected, "\(path) block \(block)")
                XCTAssertEqual(got.map(\.1), Array(1...expected.count))
            }
        }
    }

    func testMultiMemberGzipAndTruncation() throws {
        let a = try gzip(try write("a.csv", Array("one\ntwo\n".utf8)))
        let b = try gzip(try write("b.csv", Array("three\n".utf8)))
        let both = try write("both.csv.gz", Array(try Data(contentsOf: URL(fileURLWithPath: a))) + Array(try Data(contentsOf: URL(fileURLWithPath: b))))
        XCTAssertEqual(try lines(both).map(\.0), ["one", "two", "three"])
        let big = try gzip(try write("big.csv", Array((0..<20_000).map { "row \($0),\($0 * 7)\n" }.joined().utf8)))
        let full = Array(try Data(contentsOf: URL(fileURLWithPath: big)))
        let truncated = try write("cut.csv.gz", Array(full.prefix(full.count / 2)))
        XCTAssertThrowsError(try lines(truncated)) { error in
            let e = error as? ArchiveError
            XCTAssertEqual(e?.file, truncated)
            XCTAssertTrue(e?.reason.contains("truncated gzip") ?? false, "\(error)")
        }
        XCTAssertEqual(try lines(big).count, 20_000)
    }

    func testErrorsNameFileAndLine() throws {
        XCTAssertThrowsError(try ByteStream(path: directory.appendingPathComponent("none.csv").path)) {
            XCTAssertEqual(($0 as? ArchiveError)?.kind, .io)
        }
        let long = try write("long.csv", Array(("ok\n" + String(repeating: "x", count: 5000) + "\n").utf8))
        XCTAssertThrowsError(try lines(long, block: 64, maxLine: 1024)) {
            XCTAssertEqual(($0 as? ArchiveError)?.line, 2)
        }
        XCTAssertEqual(try lines(long, block: 64, maxLine: 8192).count, 2)
    }
}
