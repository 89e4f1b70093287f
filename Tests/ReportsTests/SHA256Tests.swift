// SHA256Tests: digests against the FIPS 180-2 example vectors (independent published values).
import Foundation
import Reports
import XCTest

final class SHA256Tests: XCTestCase {
    func testFIPSVectors() {
        XCTAssertEqual(SHA256.hex([]), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        XCTAssertEqual(SHA256.hex(Array("abc".utf8)), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertEqual(SHA256.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)),
                       "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    func testFileStreamedInChunksOfAnySize() throws {
        // One million 'a': FIPS 180-2 appendix B.3.
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("sha256-\(getpid()).txt").path
        try Data(repeating: 0x61, count: 1_000_000).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        for chunk in [1_000, 4_096, 65_537, 1 << 22] {
            XCTAssertEqual(SHA256.hex(file: path, chunkSize: chunk),
                           "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0", "chunk \(chunk)")
        }
        XCTAssertNil(SHA256.hex(file: path + ".missing"))
    }
}
