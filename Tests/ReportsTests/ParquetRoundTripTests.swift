// Parquet round trip: files written by our writer, read back by pyarrow, polars and DuckDB (Python venv,
// see ParquetPeers.swift), every value compared in Swift.
//
// | check                               | reference                                                     |
// |-------------------------------------|---------------------------------------------------------------|
// | every value, all three readers      | the input arrays: bit-exact doubles/floats (NaN as NaN, -0.0), |
// |                                     | byte-exact UTF-8, integers, timestamps in the reader's unit   |
// | reader types                        | UTC timestamps read as tz-aware UTC, dates as dates, strings  |
// | footer (pyarrow)                    | physical/logical/converted types, ZSTD, PLAIN+RLE, row groups, |
// |                                     | chunk sizes adding up to the file, min/max/null_count per chunk |
// |                                     | recomputed here (NaN excluded, ±0 rule, unsigned, byte order) |
// | null counts (DuckDB)                | per chunk, recomputed here                                    |
// | key-value metadata (all three)      | the dictionary written                                        |
import Foundation
@testable import Reports
import XCTest

final class ParquetRoundTripTests: XCTestCase {
    var directory: String!

    override func setUpWithError() throws {
        directory = NSTemporaryDirectory() + "gex-parquet-rt-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: directory) }

    typealias Table = [(ParquetColumn, ParquetColumnData)]

    /// Writes `table`, reads it with the peers and checks everything against the input.
    private func roundTrip(_ name: String, _ table: Table, metadata: [String: String] = [:],
                           rowGroupSize: Int = ParquetWriter.defaultRowGroupSize,
                           pageSize: Int = ParquetWriter.defaultPageSize) throws {
        let path = directory + "/\(name).parquet"
        try ParquetWriter.write(columns: table, keyValueMetadata: metadata, rowGroupSize: rowGroupSize,
                                pageSize: pageSize, gexVersion: "rt-test", to: path)
        let fileSize = try FileManager.default.attributesOfItem(atPath: path)[.size] as! Int
        let peers = try ParquetPeers.read([path])
        let file = try XCTUnwrap(peers[path], "no peer output for \(name)")
        let rows = table.first?.1.count ?? 0
        for (reader, got) in [("pyarrow", file.pyarrow), ("polars", file.polars), ("duckdb", file.duckdb)] {
            if let error = got.error {
                XCTFail("\(name): \(reader) could not read the file: \(error)")
                continue
            }
            XCTAssertEqual(got.columns ?? [], table.map(\.0.name), "\(name): \(reader) column names")
            for (j, (column, data)) in table.enumerated() where j < (got.values?.count ?? 0) {
                let type = got.types?[j] ?? "?"
                XCTAssertEqual(type, PeerExpectation.type(of: column, reader: reader), "\(name).\(column.name): \(reader) type")
                compareValues(got.values![j], data, column: column, unit: got.units?[j] ?? nil, label: "\(name).\(column.name) via \(reader)")
            }
            if reader != "pyarrow" { XCTAssertEqual(got.kv ?? [:], metadata, "\(name): \(reader) key-value metadata") }
        }
        let meta = try XCTUnwrap(file.metadata)
        XCTAssertEqual(meta.kv ?? [:], metadata, "\(name): pyarrow key-value metadata")
        XCTAssertEqual(meta.created_by, "GammaSurface gex version rt-test")
        XCTAssertEqual(meta.num_rows, rows)
        let groups = stride(from: 0, to: rows, by: rowGroupSize).map { $0..<min(rows, $0 + rowGroupSize) }
        XCTAssertEqual(meta.num_row_groups, groups.count, "\(name): row groups")
        for (j, column) in table.map(\.0).enumerated() {
            let schema = try XCTUnwrap(meta.schema?[j])
            let expected = PeerExpectation.schema(of: column)
            XCTAssertEqual(schema.name, column.name)
            XCTAssertEqual(schema.physical, expected.physical, "\(name).\(column.name) physical type")
            XCTAssertTrue(schema.logical.hasPrefix(expected.logical), "\(name).\(column.name) logical \(schema.logical)")
            XCTAssertEqual(schema.converted, expected.converted, "\(name).\(column.name) converted type")
            XCTAssertEqual(schema.max_def, column.isNullable ? 1 : 0)
            // The raw schema element as DuckDB reads it (index 0 is the root group).
            if let raw = file.duckdb.schema, raw.count == table.count + 1 {
                XCTAssertEqual(raw[j + 1][0], .text(column.name))
                XCTAssertEqual(raw[j + 1][1], .text(expected.physical), "\(name).\(column.name) DuckDB raw type")
                XCTAssertEqual(raw[j + 1][2], .text(column.isNullable ? "OPTIONAL" : "REQUIRED"), "\(name).\(column.name) repetition")
                XCTAssertEqual(raw[j + 1][3], expected.stored.map { .text($0) }, "\(name).\(column.name) stored converted type")
            } else {
                XCTFail("\(name): DuckDB parquet_schema has \(file.duckdb.schema?.count ?? 0) elements for \(table.count) columns")
            }
        }
        if let root = file.duckdb.schema?.first {
            XCTAssertEqual(root[2], nil, "\(name): the root group has no repetition")
            XCTAssertEqual(root[4], .int(table.count), "\(name): root num_children")
        }
        var chunkBytes = 0
        var lastOffset = 0
        for (g, rowsInGroup) in groups.enumerated() {
            guard let group = meta.row_groups?[g] else { XCTFail("\(name): row group \(g) missing"); continue }
            XCTAssertEqual(group.num_rows, rowsInGroup.count)
            for (j, (column, data)) in table.enumerated() {
                let chunk = group.chunks[j]
                let label = "\(name).\(column.name) row group \(g)"
                XCTAssertEqual(chunk.compression, "ZSTD", label)
                XCTAssertEqual(chunk.encodings, ["PLAIN", "RLE"], label)
                XCTAssertEqual(chunk.num_values, rowsInGroup.count, label)
                XCTAssertGreaterThan(chunk.data_page_offset, lastOffset - 1, label)
                lastOffset = chunk.data_page_offset + chunk.compressed
                chunkBytes += chunk.compressed
                let stats = PeerExpectation.statistics(data, column: column, rows: rowsInGroup)
                XCTAssertTrue(chunk.has_stats, label)
                XCTAssertEqual(chunk.null_count, stats.nullCount, "\(label) null_count")
                XCTAssertEqual(chunk.has_min_max, stats.min != nil, "\(label) has_min_max")
                if let min = stats.min, let max = stats.max {
                    XCTAssertTrue(PeerExpectation.sameBound(chunk.min, min, data), "\(label) min \(chunk.min ?? "nil") ≠ \(min)")
                    XCTAssertTrue(PeerExpectation.sameBound(chunk.max, max, data), "\(label) max \(chunk.max ?? "nil") ≠ \(max)")
                }
                let duck = file.duckdb.null_counts?.first { $0.count == 3 && $0[0] == g && $0[1] == j }
                XCTAssertEqual(duck?[2], stats.nullCount, "\(label) DuckDB null count")
            }
        }
        // Magic (4) + chunks + footer + length (4) + magic (4): the chunks end where the footer begins.
        XCTAssertEqual(lastOffset == 0 ? 4 : lastOffset, 4 + chunkBytes, "\(name): chunks are contiguous from offset 4")
        XCTAssertLessThan(4 + chunkBytes + 8, fileSize)
    }

    /// Compares one reader's column with the input; reports the first mismatch and how many there are.
    private func compareValues(_ got: [String?], _ data: ParquetColumnData, column: ParquetColumn, unit: String?, label: String) {
        guard got.count == data.count else { return XCTFail("\(label): \(got.count) rows, wrote \(data.count)") }
        var mismatches: [Int] = []
        for i in 0..<got.count where !PeerExpectation.sameValue(got[i], data, at: i, column: column, readerUnit: unit) {
            mismatches.append(i)
        }
        if let first = mismatches.first {
            XCTFail("\(label): \(mismatches.count) mismatching values, first at row \(first): read \(got[first] ?? "null"), wrote \(PeerExpectation.describe(data, at: first))")
        }
    }

    // MARK: tables

    func testEveryTypeWithNullsNaNInfinitiesUnicodeAndRowGroups() throws {
        let n = 40
        let r = Array(0..<n)
        let specials: [Double] = [.nan, .infinity, -.infinity, -0.0, 0.0, .leastNonzeroMagnitude, .greatestFiniteMagnitude]
        let doubles: [Double?] = r.map { $0 % 9 == 4 ? nil : ($0 < specials.count ? specials[$0] : Double($0) * 0.37 - 7) }
        let floats: [Float?] = r.map { $0 == 3 ? .nan : ($0 == 5 ? -0.0 : Float($0) / 3) }
        let texts = ["", "σ", "é", "e\u{301}", "🙂", "\u{FFFD}", "a\u{0}b", "SPXW 230915C04500000", "日本語", "\"quoted\"\n"]
        let strings: [String?] = r.map { $0 % 7 == 6 ? nil : texts[$0 % texts.count] }
        let required: [String?] = r.map { texts[($0 * 3) % texts.count] }
        let binary: [[UInt8]?] = r.map { $0 % 5 == 0 ? nil : ($0 % 5 == 1 ? [] : [UInt8($0), 0x00, 0xFF]) }
        let bools: [Bool?] = r.map { $0 % 4 == 3 ? nil : $0 % 3 == 0 }
        let days: [Int32?] = r.map { $0 == 0 ? -719_162 : ($0 == 1 ? 2_932_896 : Int32(19_600 + $0)) }  // 0001-01-01, 9999-12-31
        let micros: [Int64?] = r.map { $0 % 11 == 10 ? nil : 1_694_700_000_000_000 + Int64($0) * 86_400_000_000 - (($0 == 2) ? 3_000_000_000_000_000 : 0) }
        let millis: [Int64?] = r.map { 1_694_700_000_000 + Int64($0) }
        let nanos: [Int64?] = r.map { 1_694_700_000_000_000_123 + Int64($0) * 1_001 }
        let local: [Int64?] = r.map { Int64($0) * 1_000_000 }
        let int8: [Int32?] = r.map { Int32($0 % 2 == 0 ? -128 + $0 : 127 - $0) }
        let uint32: [Int32?] = r.map { Int32(bitPattern: $0 % 2 == 0 ? UInt32.max - UInt32($0) : UInt32($0)) }
        let uint64: [Int64?] = r.map { Int64(bitPattern: $0 % 2 == 0 ? UInt64.max - UInt64($0) : UInt64($0)) }
        let int64s: [Int64?] = r.map { $0 == 0 ? .min : ($0 == 1 ? .max : Int64($0) * -1_000_000_007) }
        let int32s: [Int32?] = r.map { $0 < 16 || $0 >= 32 ? nil : Int32($0) }  // row group 0 and 2 all null
        let allNaN: [Double?] = r.map { $0 % 2 == 0 ? .nan : nil }
        // Zero bounds: group 0 has min +0.0 (written -0.0), group 1 max -0.0 (written +0.0), group 2 NaN and 5.
        let zeros: [Double?] = r.map { $0 < 16 ? ($0 % 2 == 0 ? 0.0 : 1.0) : $0 < 32 ? ($0 % 2 == 0 ? -1.0 : -0.0) : ($0 % 2 == 0 ? .nan : 5) }
        var table: Table = []
        table.append((.double("spot.usd", nullable: true), .double(doubles)))
        table.append((.float("σ_implied"), .float(floats)))
        table.append((.string("symbol", nullable: true), .string(strings)))
        table.append((.string("text"), .string(required)))
        table.append((.binary("blob", nullable: true), .bytes(binary)))
        table.append((.boolean("is call", nullable: true), .boolean(bools)))
        table.append((.date("expiry"), .date(days)))
        table.append((.timestamp("asof", nullable: true), .timestampMicros(micros)))
        table.append((.timestamp("asof_ms", unit: .millis), .int64(millis)))
        table.append((.timestamp("asof_ns", unit: .nanos), .int64(nanos)))
        table.append((.timestamp("wall_clock", isAdjustedToUTC: false), .int64(local)))
        table.append((.integer("i8", bitWidth: 8, signed: true), .int32(int8)))
        table.append((.integer("u32", bitWidth: 32, signed: false), .int32(uint32)))
        table.append((.integer("u64", bitWidth: 64, signed: false), .int64(uint64)))
        table.append((.int64("i64"), .int64(int64s)))
        table.append((.int32("sparse", nullable: true), .int32(int32s)))
        table.append((.double("all_nan", nullable: true), .double(allNaN)))
        table.append((.double("zero_bounds"), .double(zeros)))
        let metadata = ["gex.units.spot": "USD", "gex.convention": "exact; sign classic", "empty": "",
                        "ключ": "значение 🙂", "json": #"{"a": [1, 2]}"#]
        try roundTrip("every_type", table, metadata: metadata, rowGroupSize: 16)
    }

    private func everyKind(rows: Int) -> Table {
        let r = Array(0..<rows)
        var table: Table = []
        table.append((.double("d", nullable: true), .double(r.map { _ in 2.5 })))
        table.append((.float("f"), .float(r.map { _ in -1.25 })))
        table.append((.string("s", nullable: true), .string(r.map { _ in "only row ✓" })))
        table.append((.binary("b"), .bytes(r.map { _ in [1, 2] })))
        table.append((.boolean("flag"), .boolean(r.map { _ in true })))
        table.append((.date("day", nullable: true), .date(r.map { _ in 19_614 })))
        table.append((.timestamp("t"), .timestampMicros(r.map { _ in -1 })))
        table.append((.int32("i32"), .int32(r.map { _ in .min })))
        table.append((.int64("i64", nullable: true), .int64(r.map { _ in nil })))
        table.append((.integer("u16", bitWidth: 16, signed: false), .int32(r.map { _ in 65_535 })))
        return table
    }

    func testZeroRowsAndOneRow() throws {
        try roundTrip("zero_rows", everyKind(rows: 0), metadata: ["rows": "0"])
        try roundTrip("one_row", everyKind(rows: 1))
    }

    func testHundredThousandRowsAcrossRowGroupsAndPages() throws {
        var random = SplitMix64(seed: 0x6A5)
        let n = 100_000
        var prices: [Double?] = []
        var sparse: [Double?] = []
        var times: [Int64?] = []
        var symbols: [String?] = []
        var flags: [Bool?] = []
        var days: [Int32?] = []
        for i in 0..<n {
            let u = random.unit()
            prices.append(i % 9_973 == 0 ? .nan : 4_500 * (1 + 0.2 * (u - 0.5)))
            // Nulls in long runs and in scattered single rows: both RLE and bit-packed levels.
            let inRun = (i / 1_000) % 3 == 1
            sparse.append(inRun || random.unit() < 0.1 ? nil : random.unit() * 1e-3)
            times.append(1_694_700_000_000_000 + Int64(i) * 250_000)
            symbols.append(i % 17 == 0 ? nil : "SPXW\(230_915 + i % 40)C0\(4_000 + (i % 200) * 5)000")
            flags.append(i % 5 == 0 ? nil : random.unit() < 0.5)
            days.append(19_614 + Int32(i % 60))
        }
        var table: Table = []
        table.append((.double("price"), .double(prices)))
        table.append((.double("gamma", nullable: true), .double(sparse)))
        table.append((.timestamp("asof"), .timestampMicros(times)))
        table.append((.string("symbol", nullable: true), .string(symbols)))
        table.append((.boolean("call", nullable: true), .boolean(flags)))
        table.append((.date("expiry"), .date(days)))
        try roundTrip("hundred_thousand", table, metadata: ["units.price": "USD per share"], rowGroupSize: 40_000,
                      pageSize: 64 << 10)
    }
}

/// A deterministic pseudo-random generator (SplitMix64) for test data.
struct SplitMix64 {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    /// Uniform in [0, 1).
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
}
