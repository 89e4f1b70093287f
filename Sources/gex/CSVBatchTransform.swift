import Archives
import Foundation
import Reports

/// The shared shape of `gex greeks` and `gex iv`: stream a CSV in chunks (columns by header
/// name), compute per chunk, and write each input row followed by the computed cells, atomically.
enum CSVBatchTransform {
    /// `cells(chunk)` returns, per row, the text appended after the row (starting with a comma).
    static func run(input: String, output: String, numeric: [String], right: String?, addedHeader: String,
                    cells: (NumericTableChunk) -> [String]) throws {
        let writer = try AtomicFileWriter(path: output)
        var failure: OutputError?
        try NumericTableReader.read(
            path: input, numeric: numeric, right: right,
            header: { header in
                do throws(OutputError) { try writer.write(header.joined(separator: ",") + "," + addedHeader + "\n") } catch { failure = error }
            },
            chunk: { chunk in
                let added = cells(chunk)
                var text = ""
                for i in 0..<chunk.rowCount {
                    text += String(decoding: chunk.row(i), as: UTF8.self)
                    text += added[i]
                    text += "\n"
                }
                do throws(OutputError) { try writer.write(text) } catch { failure = error; return false }
                return true
            })
        if let failure { throw failure }
        try writer.commit()
    }
}
