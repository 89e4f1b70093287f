// What pyarrow, polars and DuckDB should report for a column we wrote, computed here from the input
// and the Parquet format rules, independently of the writer's code paths.
import Foundation
@testable import Reports

enum PeerExpectation {
    // MARK: types

    /// The type name `reader` ("pyarrow", "polars", "duckdb") gives the column.
    static func type(of column: ParquetColumn, reader: String) -> String {
        let names: (String, String, String)
        switch (column.physicalType, column.logicalType) {
        case (_, .string): names = ("string", "String", "VARCHAR")
        case (_, .date): names = ("date32[day]", "Date", "DATE")
        case (_, .timestamp(let unit, let utc)):
            let u = unit == .millis ? "ms" : unit == .micros ? "us" : "ns"
            let duck = utc ? (unit == .nanos ? "TIMESTAMPTZ_NS" : "TIMESTAMP WITH TIME ZONE")
                           : (unit == .nanos ? "TIMESTAMP_NS" : "TIMESTAMP")
            names = ("timestamp[\(u)\(utc ? ", tz=UTC" : "")]", "Datetime(time_unit='\(u)', time_zone=\(utc ? "'UTC'" : "None"))", duck)
        case (_, .integer(let bits, let signed)):
            let duck = ["8": "TINYINT", "16": "SMALLINT", "32": "INTEGER", "64": "BIGINT"]["\(bits)"]!
            names = ("\(signed ? "int" : "uint")\(bits)", "\(signed ? "Int" : "UInt")\(bits)", signed ? duck : "U" + duck)
        case (.boolean, _): names = ("bool", "Boolean", "BOOLEAN")
        case (.int32, _): names = ("int32", "Int32", "INTEGER")
        case (.int64, _): names = ("int64", "Int64", "BIGINT")
        case (.float, _): names = ("float", "Float32", "FLOAT")
        case (.double, _): names = ("double", "Float64", "DOUBLE")
        case (.byteArray, _): names = ("binary", "Binary", "BLOB")
        }
        return reader == "pyarrow" ? names.0 : reader == "polars" ? names.1 : names.2
    }

    /// pyarrow's physical type name, logical type text prefix and converted type name, and the converted
    /// type actually stored in the file. pyarrow derives its `converted_type` from the logical type and
    /// shows NONE for local timestamps, which the file annotates TIMESTAMP_MILLIS/MICROS as
    /// LogicalTypes.md requires (DuckDB's `parquet_schema` shows the stored value).
    static func schema(of column: ParquetColumn) -> (physical: String, logical: String, converted: String, stored: String?) {
        let physical = ["BOOLEAN", "INT32", "INT64", "", "FLOAT", "DOUBLE", "BYTE_ARRAY"][Int(column.physicalType.rawValue)]
        switch column.logicalType {
        case .none: return (physical, "None", "NONE", nil)
        case .string: return (physical, "String", "UTF8", "UTF8")
        case .date: return (physical, "Date", "DATE", "DATE")
        case .timestamp(let unit, let utc):
            let name = unit == .millis ? "milliseconds" : unit == .micros ? "microseconds" : "nanoseconds"
            let stored: String? = unit == .nanos ? nil : unit == .millis ? "TIMESTAMP_MILLIS" : "TIMESTAMP_MICROS"
            return (physical, "Timestamp(isAdjustedToUTC=\(utc), timeUnit=\(name)", utc ? stored ?? "NONE" : "NONE", stored)
        case .integer(let bits, let signed):
            let name = "\(signed ? "INT" : "UINT")_\(bits)"
            return (physical, "Int(bitWidth=\(bits), isSigned=\(signed))", name, name)
        }
    }

    // MARK: values

    /// Steps of a unit per second ("ms", "us", "ns"); nil for others.
    private static func perSecond(_ unit: String?) -> Int64? {
        switch unit {
        case "ms": return 1_000
        case "us": return 1_000_000
        case "ns": return 1_000_000_000
        default: return nil
        }
    }

    /// True when `got` (a reader's text for row `i`) is the value written.
    static func sameValue(_ got: String?, _ data: ParquetColumnData, at i: Int, column: ParquetColumn, readerUnit: String?) -> Bool {
        switch data {
        case .double(let v):
            guard let want = v[i] else { return got == nil }
            guard let got, let value = Double(got) else { return false }
            return want.isNaN ? value.isNaN : value.bitPattern == want.bitPattern
        case .float(let v):
            guard let want = v[i] else { return got == nil }
            guard let got, let value = Double(got) else { return false }
            return want.isNaN ? value.isNaN : Float(value).bitPattern == want.bitPattern
        case .boolean(let v):
            return got == v[i].map { $0 ? "true" : "false" }
        case .string(let v):
            return got.map { Array($0.utf8) } == v[i].map { Array($0.utf8) }  // byte-exact, not Unicode-equal
        case .bytes(let v):
            return got == v[i].map(hex)
        case .int32(let v):
            guard let want = v[i] else { return got == nil }
            return got == (column.comparesUnsigned ? String(UInt32(bitPattern: want)) : String(want))
        case .int64(let v):
            guard let want = v[i] else { return got == nil }
            if column.comparesUnsigned { return got == String(UInt64(bitPattern: want)) }
            if case .timestamp(let unit, _) = column.logicalType {
                let written = unit == .millis ? "ms" : unit == .micros ? "us" : "ns"
                guard let from = perSecond(written), let to = perSecond(readerUnit), to >= from else { return false }
                let (scaled, overflow) = want.multipliedReportingOverflow(by: to / from)
                return !overflow && got == String(scaled)
            }
            return got == String(want)
        }
    }

    /// Row `i` of `data` as text, for failure messages.
    static func describe(_ data: ParquetColumnData, at i: Int) -> String {
        switch data {
        case .double(let v): return v[i].map { "\($0)" } ?? "null"
        case .float(let v): return v[i].map { "\($0)" } ?? "null"
        case .boolean(let v): return v[i].map { "\($0)" } ?? "null"
        case .string(let v): return v[i].map { "\"\($0)\"" } ?? "null"
        case .bytes(let v): return v[i].map(hex) ?? "null"
        case .int32(let v): return v[i].map { "\($0)" } ?? "null"
        case .int64(let v): return v[i].map { "\($0)" } ?? "null"
        }
    }

    static func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }

    // MARK: statistics

    /// null_count and the min/max bounds of `rows` as pyarrow's `min_raw`/`max_raw` text: physical values
    /// (unsigned integers as their signed bit pattern), bytes in hex; nil bounds when no value qualifies.
    static func statistics(_ data: ParquetColumnData, column: ParquetColumn, rows: Range<Int>) -> (nullCount: Int, min: String?, max: String?) {
        func bounds<T>(_ values: ArraySlice<T?>, less: (T, T) -> Bool, skip: (T) -> Bool = { _ in false },
                       text: (T, Bool) -> String) -> (Int, String?, String?) {
            let present = values.compactMap { $0 }
            let kept = present.filter { !skip($0) }
            guard let lo = kept.min(by: less), let hi = kept.max(by: less) else { return (values.count - present.count, nil, nil) }
            return (values.count - present.count, text(lo, true), text(hi, false))
        }
        let unsigned = column.comparesUnsigned
        switch data {
        case .double(let v):
            return bounds(v[rows], less: <, skip: { $0.isNaN }) { x, isMin in x == 0 ? (isMin ? "-0.0" : "0.0") : "\(x)" }
        case .float(let v):
            return bounds(v[rows], less: <, skip: { $0.isNaN }) { x, isMin in x == 0 ? (isMin ? "-0.0" : "0.0") : "\(Double(x))" }
        case .boolean(let v):
            return bounds(v[rows], less: { !$0 && $1 }) { x, _ in x ? "true" : "false" }
        case .string(let v):
            return bounds(v[rows], less: { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }) { x, _ in hex(Array(x.utf8)) }
        case .bytes(let v):
            return bounds(v[rows], less: { $0.lexicographicallyPrecedes($1) }) { x, _ in hex(x) }
        case .int32(let v):
            return bounds(v[rows], less: unsigned ? { UInt32(bitPattern: $0) < UInt32(bitPattern: $1) } : { $0 < $1 }) { x, _ in "\(x)" }
        case .int64(let v):
            return bounds(v[rows], less: unsigned ? { UInt64(bitPattern: $0) < UInt64(bitPattern: $1) } : { $0 < $1 }) { x, _ in "\(x)" }
        }
    }

    /// True when pyarrow's bound text equals the expected one (floating point compared bit for bit,
    /// so a -0.0 minimum must be read as -0.0).
    static func sameBound(_ got: String?, _ expected: String, _ data: ParquetColumnData) -> Bool {
        guard let got else { return false }
        switch data {
        case .double, .float:
            guard let a = Double(got), let b = Double(expected) else { return false }
            return a.bitPattern == b.bitPattern
        default:
            return got == expected
        }
    }
}
