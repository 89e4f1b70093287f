// Parquet writer, without Python: the Thrift compact encoder and the level/value encodings against byte
// sequences computed by hand from the specifications, file framing, determinism and refusals.
// The round trip through pyarrow, polars and DuckDB is in ParquetRoundTripTests.swift.
//
// | check                          | reference                                                          |
// |--------------------------------|--------------------------------------------------------------------|
// | varint, zigzag                 | Thrift compact spec (50399 → DF 89 03; 0,-1,1,-2,2 → 0,1,2,3,4)     |
// | field headers, bools, lists    | Thrift compact spec: ddddtttt short form, 0000tttt + zigzag i16 long |
// | page header, statistics        | parquet.thrift field ids, hand-assembled bytes                      |
// | definition levels, booleans    | Parquet Encodings.md RLE/bit-packing hybrid, LSB-first bit packing  |
// | NaN / ±0 statistics            | parquet.thrift ColumnOrder rules for TYPE_ORDER floating point      |
import Foundation
@testable import Reports
import XCTest

final class ParquetWriterTests: XCTestCase {
    private func thrift(_ body: (inout ThriftCompactWriter) -> Void) -> [UInt8] {
        var t = ThriftCompactWriter()
        t.beginStruct()
        body(&t)
        t.endStruct()
        return t.bytes
    }

    // MARK: Thrift compact protocol

    func testVarintsAndZigzagMatchTheSpecification() {
        func varint(_ v: UInt64) -> [UInt8] {
            var t = ThriftCompactWriter()
            t.writeVarint(v)
            return t.bytes
        }
        XCTAssertEqual(varint(0), [0x00])
        XCTAssertEqual(varint(127), [0x7F])
        XCTAssertEqual(varint(128), [0x80, 0x01])
        XCTAssertEqual(varint(300), [0xAC, 0x02])
        XCTAssertEqual(varint(50399), [0xDF, 0x89, 0x03])  // the specification's worked example
        XCTAssertEqual(varint(UInt64.max), Array(repeating: 0xFF, count: 9) + [0x01])
        XCTAssertEqual([0, -1, 1, -2, 2].map { ThriftCompactWriter.zigzag(Int32($0)) }, [0, 1, 2, 3, 4])
        XCTAssertEqual(ThriftCompactWriter.zigzag(Int32.max), 0xFFFF_FFFE)
        XCTAssertEqual(ThriftCompactWriter.zigzag(Int32.min), 0xFFFF_FFFF)
        XCTAssertEqual(ThriftCompactWriter.zigzag(Int64.min), UInt64.max)
        XCTAssertEqual(ThriftCompactWriter.zigzag(Int64(-3)), 5)
    }

    func testFieldHeadersUseDeltasAndTheLongFormBeyondFifteen() {
        XCTAssertEqual(thrift { $0.writeI32Field(1, 5) }, [0x15, 0x0A, 0x00])
        // Delta 15 is still the short form; 300 → zigzag 600 → D8 04.
        XCTAssertEqual(thrift { $0.writeI32Field(1, -1); $0.writeI64Field(16, 300) }, [0x15, 0x01, 0xF6, 0xD8, 0x04, 0x00])
        // Delta 16: type byte, then the id as zigzag i16 (17 → 34 = 0x22).
        XCTAssertEqual(thrift { $0.writeI32Field(1, 0); $0.writeI32Field(17, 0) }, [0x15, 0x00, 0x05, 0x22, 0x00, 0x00])
        // A smaller id than the previous one also takes the long form (2 → 4).
        XCTAssertEqual(thrift { $0.writeI32Field(5, 0); $0.writeI32Field(2, 0) }, [0x55, 0x00, 0x05, 0x04, 0x00, 0x00])
    }

    func testBooleansBinaryDoublesSmallIntegersAndNesting() {
        XCTAssertEqual(thrift { $0.writeBoolField(1, true); $0.writeBoolField(2, false) }, [0x11, 0x12, 0x00])  // delta 1 each
        XCTAssertEqual(thrift { $0.writeStringField(4, "ab") }, [0x48, 0x02, 0x61, 0x62, 0x00])
        XCTAssertEqual(thrift { $0.writeStringField(1, "é") }, [0x18, 0x02, 0xC3, 0xA9, 0x00])
        XCTAssertEqual(thrift { $0.writeDoubleField(1, 1.0) }, [0x17, 0, 0, 0, 0, 0, 0, 0xF0, 0x3F, 0x00])
        XCTAssertEqual(thrift { $0.writeI8Field(1, -1) }, [0x13, 0xFF, 0x00])
        XCTAssertEqual(thrift { $0.writeI16Field(1, -300) }, [0x14, 0xD7, 0x04, 0x00])
        // A nested struct has its own field-id base; the outer delta continues after it.
        XCTAssertEqual(thrift {
            $0.beginStructField(1)
            $0.writeI32Field(1, 1)
            $0.endStruct()
            $0.writeI8Field(2, -1)
        }, [0x1C, 0x15, 0x02, 0x00, 0x13, 0xFF, 0x00])
        XCTAssertEqual(thrift { $0.writeEmptyStructField(1) }, [0x1C, 0x00, 0x00])
    }

    func testListHeadersShortAndLongForm() {
        XCTAssertEqual(thrift {
            $0.beginListField(2, .i32, count: 3)
            for v: Int32 in [1, 2, 3] { $0.writeI32(v) }
        }, [0x29, 0x35, 0x02, 0x04, 0x06, 0x00])
        XCTAssertEqual(thrift {
            $0.beginListField(1, .i32, count: 15)
            for _ in 0..<15 { $0.writeI32(0) }
        }, [0x19, 0xF5, 0x0F] + Array(repeating: 0, count: 15) + [0x00])
        // column_orders = [TYPE_ORDER]: list of one union whose field 1 is the empty TypeDefinedOrder.
        XCTAssertEqual(thrift {
            $0.beginListField(7, .structure, count: 1)
            $0.beginStructElement()
            $0.writeEmptyStructField(1)
            $0.endStruct()
        }, [0x79, 0x1C, 0x1C, 0x00, 0x00, 0x00])
        XCTAssertEqual(thrift {
            $0.beginListField(1, .bool, count: 2)
            $0.writeBoolElement(true)
            $0.writeBoolElement(false)
        }, [0x19, 0x21, 0x01, 0x00, 0x00])
    }

    func testDataPageHeaderAndStatisticsBytes() {
        let header = ParquetMetadata.dataPageHeader(
            numValues: 3, uncompressedSize: 24, compressedSize: 20,
            statistics: ParquetStatistics(nullCount: 1, nanCount: nil, min: nil, max: nil))
        XCTAssertEqual(header, [0x15, 0x00, 0x15, 0x30, 0x15, 0x28,        // type DATA_PAGE, sizes 24 and 20
                                0x2C, 0x15, 0x06, 0x15, 0x00, 0x15, 0x06, 0x15, 0x06,  // 3 values, PLAIN, RLE, RLE
                                0x1C, 0x36, 0x02, 0x00,                    // statistics: null_count 1
                                0x00, 0x00])
        var t = ThriftCompactWriter()
        t.beginStruct()
        ParquetStatistics(nullCount: 0, nanCount: 0, min: [1], max: [2]).write(asField: 1, to: &t)
        t.endStruct()
        XCTAssertEqual(t.bytes, [0x1C, 0x36, 0x00, 0x28, 0x01, 0x02, 0x18, 0x01, 0x01, 0x11, 0x11, 0x16, 0x00, 0x00, 0x00])
    }

    // MARK: Parquet encodings

    func testDefinitionLevelsRLEAndBitPackedRuns() {
        func levels(_ bits: [Bool]) -> [UInt8] {
            var out: [UInt8] = []
            ParquetEncoding.appendDefinitionLevels(bits, to: &out)
            return out
        }
        let t = true, f = false
        XCTAssertEqual(levels(Array(repeating: t, count: 10)), [0x14, 0x01])              // RLE: 10 << 1, value 1
        XCTAssertEqual(levels([t, f, t, f, t, f, t, f]), [0x03, 0x55])                    // 1 group, LSB first
        XCTAssertEqual(levels([t, t, f]), [0x03, 0x03])                                   // padded last group
        XCTAssertEqual(levels([t, f, t, f, t] + Array(repeating: t, count: 10)), [0x05, 0xF5, 0x7F])
        XCTAssertEqual(levels([t, f, t, f, t, f, t, f] + Array(repeating: f, count: 20)), [0x03, 0x55, 0x28, 0x00])
        XCTAssertEqual(levels([]), [])
        // A long alternating run is split into bit-packed runs of at most 63 groups (one-byte header).
        let long = levels((0..<1008).map { $0 % 2 == 0 })
        XCTAssertEqual(long.count, 2 * (1 + 63))
        XCTAssertEqual(long[0], 0x7F)
        XCTAssertEqual(long[64], 0x7F)
    }

    func testPlainBooleansAndFixedWidthValues() {
        var out: [UInt8] = []
        XCTAssertEqual(ParquetEncoding.appendPlainBooleans([true, false, nil, true, true, false, false, false, true, true], to: &out), 9)
        XCTAssertEqual(out, [0x8D, 0x01])
        out = []
        let doubles: [Double?] = [1.0, nil, -2.0]
        XCTAssertEqual(ParquetEncoding.appendPlainFixed(doubles[...], bits: { $0.bitPattern }, to: &out), 2)
        XCTAssertEqual(out, [0, 0, 0, 0, 0, 0, 0xF0, 0x3F, 0, 0, 0, 0, 0, 0, 0, 0xC0])
        out = [0xAA]
        ParquetEncoding.appendPlainStrings(["", nil, "é"], to: &out)
        XCTAssertEqual(out, [0xAA, 0, 0, 0, 0, 2, 0, 0, 0, 0xC3, 0xA9])
    }

    func testFloatingStatisticsExcludeNaNAndWriteSignedZeros() {
        let kind = DoubleKind()
        let values: [Double?] = [.nan, 0.0, nil, 3.0, -0.0]
        let stats = TypedStatistics(values[...], kind: kind).encoded(kind: kind)
        XCTAssertEqual(stats.nullCount, 1)
        XCTAssertEqual(stats.nanCount, 1)
        XCTAssertEqual(stats.min, ParquetOrder.littleEndianBytes((-0.0 as Double).bitPattern))
        XCTAssertEqual(stats.max, ParquetOrder.littleEndianBytes((3.0 as Double).bitPattern))
        let negative: [Double?] = [-1.0, -0.0]
        XCTAssertEqual(TypedStatistics(negative[...], kind: kind).encoded(kind: kind).max,
                       ParquetOrder.littleEndianBytes((0.0 as Double).bitPattern))
        let allNaN: [Double?] = [.nan, nil, .nan]
        let none = TypedStatistics(allNaN[...], kind: kind).encoded(kind: kind)
        XCTAssertNil(none.min)
        XCTAssertNil(none.max)
        XCTAssertEqual(none.nanCount, 2)
        let floats: [Float?] = [1, .nan, 0]
        XCTAssertEqual(TypedStatistics(floats[...], kind: FloatKind()).encoded(kind: FloatKind()).min,
                       ParquetOrder.littleEndianBytes((-0.0 as Float).bitPattern))
        // Unsigned order puts the bit pattern of 3e9 above 1; signed order would not.
        let unsigned: [Int32?] = [1, Int32(bitPattern: 3_000_000_000)]
        let u = TypedStatistics(unsigned[...], kind: Int32Kind(unsigned: true)).encoded(kind: Int32Kind(unsigned: true))
        XCTAssertEqual(u.min, [1, 0, 0, 0])
        XCTAssertEqual(u.max, ParquetOrder.littleEndianBytes(UInt32(3_000_000_000)))
        XCTAssertNil(TypedStatistics(unsigned[...], kind: Int32Kind(unsigned: true)).encoded(kind: Int32Kind(unsigned: true)).nanCount)
        // Byte-wise order is not Swift's Unicode order: "e\u{301}" == "é" as Strings, yet 0x65 < 0xC3.
        XCTAssertTrue(ParquetOrder.utf8Less("e\u{301}", "é"))
        XCTAssertFalse(ParquetOrder.utf8Less("é", "e\u{301}"))
        // Against the UTF-8 bytes compared as unsigned arrays: prefixes, empty text, bytes above 0x7F, equality.
        let texts = ["", "a", "ab", "abc", "abd", "b", "z", "é", "é", "SPX", "SPXW", "0DTE", "\u{10FFFF}", "a\u{0}b"]
        for a in texts {
            for b in texts {
                XCTAssertEqual(ParquetOrder.utf8Less(a, b), Array(a.utf8).lexicographicallyPrecedes(Array(b.utf8)), "\(a) < \(b)")
            }
        }
        let long: [String?] = [String(repeating: "x", count: ParquetStatistics.maxValueBytes + 1), "a"]
        XCTAssertNil(TypedStatistics(long[...], kind: StringKind()).encoded(kind: StringKind()).max)
    }

    func testPagesSplitAtRowBoundariesNearThePageSize() throws {
        let scratch = ParquetPageScratch(compressor: try ZstdCompressor())
        func encode(_ data: ParquetColumnData, _ column: ParquetColumn, _ rows: Range<Int>, pageSize: Int) throws -> ParquetChunkSummary {
            var file: [UInt8] = [1, 2, 3]
            let summary = try ParquetColumnChunk.encode(data, column: column, rows: rows, pageSize: pageSize,
                                                        scratch: scratch, appendingTo: &file)
            XCTAssertEqual(summary.totalCompressedSize, file.count - 3)
            return summary
        }
        let doubles = ParquetColumnData.double((0..<100).map { Double($0) })
        // 80 bytes of PLAIN doubles = 10 rows a page; at least one row a page however small the size.
        XCTAssertEqual(try encode(doubles, .double("x"), 0..<100, pageSize: 80).pageCount, 10)
        XCTAssertEqual(try encode(doubles, .double("x"), 5..<8, pageSize: 1).pageCount, 3)
        // Strings: 4-byte length + bytes; "abcd" is 8 bytes, so 3 fit in 24 and the 4th opens a new page.
        let strings = ParquetColumnData.string(Array(repeating: "abcd", count: 7) + [nil])
        let chunk = try encode(strings, .string("s", nullable: true), 0..<8, pageSize: 24)
        XCTAssertEqual(chunk.pageCount, 3)
        XCTAssertEqual(chunk.numValues, 8)
        XCTAssertEqual(chunk.statistics.nullCount, 1)
        XCTAssertEqual(chunk.statistics.min, Array("abcd".utf8))
        let booleans = ParquetColumnData.boolean(Array(repeating: true, count: 20))
        XCTAssertEqual(try encode(booleans, .boolean("b"), 0..<20, pageSize: 1).pageCount, 3)  // 8 booleans a byte
    }

    // MARK: files

    private func smallTable() -> [(ParquetColumn, ParquetColumnData)] {
        [(.double("x", nullable: true), .double([1.5, nil, .nan])),
         (.string("s"), .string(["a", "", "ü"])),
         (.timestamp("t"), .timestampMicros([0, 1, 2]))]
    }

    func testFileFramingFooterLengthAndFirstPage() throws {
        let bytes = [UInt8](try ParquetWriter.encode(columns: smallTable(), gexVersion: "test"))
        XCTAssertEqual(Array(bytes.prefix(4)), Array("PAR1".utf8))
        XCTAssertEqual(Array(bytes.suffix(4)), Array("PAR1".utf8))
        let n = bytes.count
        let footerLength = Int(bytes[n - 8]) | Int(bytes[n - 7]) << 8 | Int(bytes[n - 6]) << 16 | Int(bytes[n - 5]) << 24
        XCTAssertLessThan(footerLength, n - 12)
        let footer = bytes[(n - 8 - footerLength)..<(n - 8)]
        XCTAssertEqual(footer.first, 0x15)  // FileMetaData field 1 (version), i32
        XCTAssertEqual(bytes[4], 0x15)      // the first page header starts right after the magic
        XCTAssertNotNil(String(decoding: footer, as: UTF8.self).range(of: "GammaSurface gex version test"))
    }

    func testSameInputGivesIdenticalBytes() throws {
        var first: [String: String] = [:]
        var second: [String: String] = [:]
        for key in ["b", "a", "units", "zeta", "α"] { first[key] = key.uppercased() }
        for key in ["α", "zeta", "units", "a", "b"] { second[key] = key.uppercased() }
        let one = try ParquetWriter.encode(columns: smallTable(), keyValueMetadata: first, rowGroupSize: 2, gexVersion: "1")
        let two = try ParquetWriter.encode(columns: smallTable(), keyValueMetadata: second, rowGroupSize: 2, gexVersion: "1")
        XCTAssertEqual(one, two)
        // Column chunks encoded on 1, 2, 3 or 16 threads: the same file.
        for workers in [1, 2, 3, 16] {
            XCTAssertEqual(try ParquetWriter.encode(columns: smallTable(), keyValueMetadata: first, rowGroupSize: 2, gexVersion: "1",
                                                    workers: workers), one, "workers \(workers)")
        }
    }

    func testInvalidInputIsRefusedWithTheColumnNamed() {
        func refusal(_ columns: [(ParquetColumn, ParquetColumnData)], rowGroupSize: Int = 8) -> String {
            do {
                _ = try ParquetWriter.encode(columns: columns, rowGroupSize: rowGroupSize, gexVersion: "t")
                return "no error"
            } catch { return error.message }
        }
        XCTAssertTrue(refusal([]).contains("at least one column"))
        XCTAssertTrue(refusal([(.double("a"), .double([1])), (.double("b"), .double([1, 2]))]).contains("column b has 2 rows"))
        XCTAssertTrue(refusal([(.double("a"), .double([1, nil]))]).contains("null value(s) in a required column"))
        XCTAssertTrue(refusal([(.double("a"), .int64([1]))]).contains("column a: values are int64"))
        XCTAssertTrue(refusal([(.double("a"), .double([1])), (.double("a"), .double([2]))]).contains("more than once"))
        XCTAssertTrue(refusal([(.integer("i", bitWidth: 8, signed: true), .int32([128]))]).contains("outside INT8 range"))
        XCTAssertTrue(refusal([(.integer("u", bitWidth: 16, signed: false), .int32([-1]))]).contains("outside UINT16 range"))
        XCTAssertTrue(refusal([(ParquetColumn(name: "d", physicalType: .int64, logicalType: .date), .int64([1]))]).contains("cannot annotate"))
        XCTAssertTrue(refusal([(.string("s"), .bytes([[0xFF]]))]).contains("not valid UTF-8"))
        XCTAssertTrue(refusal([(.double(""), .double([1]))]).contains("non-empty name"))
        XCTAssertTrue(refusal([(.double("a"), .double([1]))], rowGroupSize: 0).contains("rowGroupSize"))
    }

    func testWriteIsAtomicAndEqualsEncode() throws {
        let directory = NSTemporaryDirectory() + "gex-parquet-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/t.parquet"
        try AtomicFile.write("old", to: path)
        try ParquetWriter.write(columns: smallTable(), keyValueMetadata: ["k": "v"], gexVersion: "w", to: path)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: path)),
                       try ParquetWriter.encode(columns: smallTable(), keyValueMetadata: ["k": "v"], gexVersion: "w"))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory), ["t.parquet"])
        XCTAssertThrowsError(try ParquetWriter.write(columns: smallTable(), gexVersion: "w", to: "/proc/gex-no/t.parquet"))
    }
}
