/// A chunk of rows from a CSV whose columns are located by header name: the requested numeric
/// columns parsed, plus each row's original bytes (for pass-through output).
public struct NumericTableChunk {
    /// Requested numeric columns, in request order, `rowCount` values each.
    public var columns: [[Double]]
    /// True for calls, from the right column (`cp`: +1/−1, C/P, call/put), when one was requested.
    public var isCall: [Bool]
    /// Each row's bytes without its line terminator, concatenated; `rowEnds[i]` is the end of row i.
    public var rowBytes: [UInt8] = []
    /// End offsets of the rows in `rowBytes`.
    public var rowEnds: [Int] = []
    /// 1-based line number of the first row.
    public var firstLine: Int

    /// Rows in this chunk.
    public var rowCount: Int { rowEnds.count }

    /// The bytes of row `i`.
    public func row(_ i: Int) -> ArraySlice<UInt8> { rowBytes[(i == 0 ? 0 : rowEnds[i - 1])..<rowEnds[i]] }
}

/// Streams a CSV (plain, `.gz`, `.zip`) in chunks of rows, parsing the numeric columns named in
/// the header. A missing column, or a cell that is not a number (or right), is an error naming
/// the file, line and column; extra columns are passed through untouched.
public enum NumericTableReader {
    /// The header cells of the file (for pass-through output).
    public static func read(path: String, numeric names: [String], right rightName: String?, chunkRows: Int = 262_144,
                            header headerHandler: ([String]) -> Void,
                            chunk handler: (NumericTableChunk) -> Bool) throws(ArchiveError) {
        var reader = LineReader(source: try ByteStream(path: path))
        var indices: [Int] = []
        var rightIndex: Int?
        var width = 0
        var cells = ByteCSV()
        var chunk = NumericTableChunk(columns: Array(repeating: [], count: names.count), isCall: [], firstLine: 2)
        var stopped = false
        func emit(nextLine: Int) {
            if chunk.rowCount > 0, !stopped { stopped = !handler(chunk) }
            chunk = NumericTableChunk(columns: Array(repeating: [], count: names.count), isCall: [], firstLine: nextLine)
        }
        try reader.forEachLine { line, number throws(ArchiveError) in
            if stopped { return }
            if number == 1 {
                let header = CSVLine.cells(Substring(String(decoding: line, as: UTF8.self))).map { $0.trimmingWhitespace }
                for name in names + (rightName.map { [$0] } ?? []) where !header.contains(name) {
                    throw ArchiveError(.badData, file: path, line: 1,
                                       reason: "no '\(name)' column (need \((names + (rightName.map { [$0] } ?? [])).joined(separator: ",")); found \(header.joined(separator: ",")))")
                }
                indices = names.map { header.firstIndex(of: $0)! }
                rightIndex = rightName.flatMap { header.firstIndex(of: $0) }
                width = header.count
                headerHandler(header)
                return
            }
            if cells.isBlank(line) { return }
            cells.split(line)
            guard cells.count == width else {
                throw ArchiveError(.badData, file: path, line: number, reason: "row has \(cells.count) fields, header has \(width)")
            }
            for (k, index) in indices.enumerated() {
                guard let v = DecimalParser.parse(cells.cell(index, of: line)) else {
                    throw ArchiveError(.badData, file: path, line: number, reason: "column '\(names[k])' is not a number")
                }
                chunk.columns[k].append(v)
            }
            if let rightIndex {
                let text = String(decoding: cells.cell(rightIndex, of: line), as: UTF8.self).trimmingWhitespace.lowercased()
                switch text {
                case "c", "call", "1", "+1", "1.0": chunk.isCall.append(true)
                case "p", "put", "-1", "-1.0": chunk.isCall.append(false)
                default: throw ArchiveError(.badData, file: path, line: number, reason: "column '\(rightName!)' must be +1/-1 or C/P, not '\(text)'")
                }
            }
            chunk.rowBytes.append(contentsOf: line)
            chunk.rowEnds.append(chunk.rowBytes.count)
            if chunk.rowCount == chunkRows { emit(nextLine: number + 1) }
        }
        emit(nextLine: 0)
    }
}
