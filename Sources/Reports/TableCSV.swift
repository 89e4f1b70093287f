import Foundation
import MarketModel

/// Writes an `OutputTable` as CSV: a header row, ISO 8601 UTC times, dates as YYYY-MM-DD, numbers
/// in shortest round-trip form, empty cells for missing values; text quoted when it needs to be.
public enum TableCSV {
    /// Writes `table` to `path` atomically.
    public static func write(_ table: OutputTable, to path: String) throws(OutputError) {
        let writer = try AtomicFileWriter(path: path)
        try writer.write(table.columns.map(\.name).joined(separator: ",") + "\n")
        var text = ""
        for row in 0..<table.rowCount {
            for (k, column) in table.columns.enumerated() {
                if k > 0 { text += "," }
                text += cell(column.values, row)
            }
            text += "\n"
            if text.utf8.count > 1 << 20 { try writer.write(text); text = "" }
        }
        try writer.write(text)
        try writer.commit()
    }

    static func cell(_ values: OutputColumnValues, _ row: Int) -> String {
        switch values {
        case .double(let v): return v[row].map { "\($0)" } ?? ""
        case .int(let v): return v[row].map { "\($0)" } ?? ""
        case .string(let v): return v[row].map(quote) ?? ""
        case .timestamp(let v): return v[row]?.iso8601 ?? ""
        case .date(let v): return v[row]?.description ?? ""
        }
    }

    static func quote(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
