// Single-member .zip archives (deflate, stored, ZIP64) read through ByteStream, and refusals.
//
// | archive (made here by Python's zipfile, or by hand for ZIP64)  | expected                         |
// |---------------------------------------------------------------|----------------------------------|
// | deflate / stored member                                        | the original bytes               |
// | hand-built ZIP64 (EOCD64 + locator + 0x0001 extra, 0xFFFFFFFF)  | the original bytes               |
// | 0 members, 2 members, truncated                                | ArchiveError naming the file     |
import Archives
import Foundation
import XCTest

final class ZipInputTests: XCTestCase {
    var directory: URL!
    let content = (0..<5000).map { "SPX,2024-01-19 10:00:00,SPXW,2024-01-19,\(4000 + $0),C,\($0 % 97)\n" }.joined()

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("gex-zip-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try content.write(to: directory.appendingPathComponent("member.csv"), atomically: true, encoding: .utf8)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: directory) }

    func python(_ script: String) throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", script]
        p.currentDirectoryURL = directory
        try p.run()
        p.waitUntilExit()
        XCTAssertEqual(p.terminationStatus, 0)
    }

    func readAll(_ name: String) throws -> String {
        let stream = try ByteStream(path: directory.appendingPathComponent(name).path)
        var out: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = try stream.read(into: &buffer, from: 0)
            if n == 0 { break }
            out += buffer[0..<n]
        }
        return String(decoding: out, as: UTF8.self)
    }

    func testDeflateStoredAndZip64() throws {
        try python("""
            import zipfile, struct, zlib
            data = open('member.csv','rb').read()
            with zipfile.ZipFile('deflate.zip','w',zipfile.ZIP_DEFLATED) as z: z.write('member.csv')
            with zipfile.ZipFile('stored.zip','w',zipfile.ZIP_STORED) as z: z.write('member.csv')
            name = b'member.csv'; crc = zlib.crc32(data); n = len(data)
            local = struct.pack('<IHHHHHIIIHH', 0x04034b50, 45, 0, 0, 0, 0, crc, 0xFFFFFFFF, 0xFFFFFFFF, len(name), 20) + name + struct.pack('<HHQQ', 1, 16, n, n)
            extra = struct.pack('<HHQQQ', 1, 24, n, n, 0)
            central = struct.pack('<IHHHHHHIIIHHHHHII', 0x02014b50, 45, 45, 0, 0, 0, 0, crc, 0xFFFFFFFF, 0xFFFFFFFF, len(name), len(extra), 0, 0, 0, 0, 0xFFFFFFFF) + name + extra
            cd_offset = len(local) + n
            eocd64 = struct.pack('<IQHHIIQQQQ', 0x06064b50, 44, 45, 45, 0, 0, 1, 1, len(central), cd_offset)
            locator = struct.pack('<IIQI', 0x07064b50, 0, cd_offset + len(central), 1)
            eocd = struct.pack('<IHHHHIIH', 0x06054b50, 0, 0, 0xFFFF, 0xFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 0)
            open('zip64.zip','wb').write(local + data + central + eocd64 + locator + eocd)
            with zipfile.ZipFile('two.zip','w') as z: z.write('member.csv'); z.write('member.csv', 'copy.csv')
            zipfile.ZipFile('empty.zip','w').close()
            full = open('deflate.zip','rb').read(); open('cut.zip','wb').write(full[:len(full)//2])
            """)
        XCTAssertEqual(try readAll("deflate.zip"), content)
        XCTAssertEqual(try readAll("stored.zip"), content)
        XCTAssertEqual(try readAll("zip64.zip"), content)
        XCTAssertEqual(try ByteStream(path: directory.appendingPathComponent("deflate.zip").path).zipMemberName, "member.csv")
        for (name, phrase) in [("two.zip", "2 members"), ("empty.zip", "0 members"), ("cut.zip", "truncated")] {
            XCTAssertThrowsError(try readAll(name), name) { error in
                let e = error as? ArchiveError
                XCTAssertEqual(e?.file.hasSuffix(name), true)
                XCTAssertTrue(e?.reason.contains(phrase) ?? false, "\(name): \(error)")
            }
        }
    }
}
