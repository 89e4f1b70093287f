import MarketModel
import OptionsMath

/// Start-of-day open interest read from its own file, for archives without an OI column (DataShop
/// basic and calcs layouts) or to override the archive's figures.
public struct OpenInterestFile: Sendable {
    /// Contracts per day, in contracts (not shares), by contract key.
    public let openInterest: [ContractKey: Double]
    /// Data rows read.
    public let rowsRead: Int
    /// Rows skipped, by reason.
    public let defects: DefectCounts
    /// The file read.
    public let path: String
}

/// Reads an open-interest CSV (plain, `.gz` or `.zip`), columns found by header name
/// (case-insensitive, any order, other columns ignored):
///
/// - DataShop style: `root`, `expiration` (YYYY-MM-DD), `strike`, `option_type` (C/P) and
///   `open_interest` (an `underlying_symbol` column may be present and is not needed);
/// - OSI style: `symbol` (or `osi_symbol`, `option_symbol`; padded `SPXW  240119C04700000`,
///   unpadded or `O:`-prefixed) and `open_interest`.
///
/// OI is a start-of-day quantity: one row per contract; a repeated contract keeps its first value
/// and is counted. Rows with a malformed contract, a missing, negative or non-finite OI are skipped
/// and counted by reason. A header without the needed columns is an error naming file and line.
public enum OpenInterestReader {
    /// Reads `path`.
    public static func read(path: String) throws(ArchiveError) -> OpenInterestFile {
        var reader = LineReader(source: try ByteStream(path: path))
        var layout: Layout?
        var cells = ByteCSV()
        var values: [ContractKey: Double] = [:]
        var defects = DefectCounts()
        var rows = 0
        try reader.forEachLine { line, number throws(ArchiveError) in
            guard let columns = layout else {
                let header = CSVLine.cells(Substring(String(decoding: line, as: UTF8.self))).map { $0.trimmingWhitespace.lowercased() }
                layout = try Layout(header: header, file: path, line: number)
                return
            }
            if cells.isBlank(line) { return }
            rows += 1
            cells.split(line)
            guard cells.count == columns.width else {
                return defects.add("row has \(cells.count) fields, header has \(columns.width)", file: path, line: number)
            }
            guard let key = columns.key(cells, line) else {
                return defects.add("malformed contract (root, expiration, strike, option type or OSI symbol)", file: path, line: number)
            }
            guard let oi = DecimalParser.parse(cells.cell(columns.openInterest, of: line)), oi.isFinite, oi >= 0 else {
                return defects.add("open interest missing, negative or not a number", file: path, line: number)
            }
            if values[key] != nil { return defects.add("contract repeated (first value kept)", file: path, line: number) }
            values[key] = oi
        }
        guard layout != nil else { throw ArchiveError(.badData, file: path, reason: "empty file: no open-interest header") }
        return OpenInterestFile(openInterest: values, rowsRead: rows, defects: defects, path: path)
    }

    /// Where the contract and OI cells are.
    struct Layout {
        let width: Int
        let openInterest: Int
        let symbol: Int?
        let root: Int, expiration: Int, strike: Int, optionType: Int

        init(header: [String], file: String, line: Int) throws(ArchiveError) {
            func find(_ names: String...) -> Int? { names.lazy.compactMap { header.firstIndex(of: $0) }.first }
            guard let oi = find("open_interest", "openinterest", "oi") else {
                throw ArchiveError(.badData, file: file, line: line,
                                   reason: "no open_interest column (found \(header.joined(separator: ",")))")
            }
            width = header.count
            openInterest = oi
            symbol = find("symbol", "osi_symbol", "option_symbol")
            let parts = (find("root"), find("expiration", "expiry"), find("strike"), find("option_type", "right", "cp"))
            if let r = parts.0, let e = parts.1, let s = parts.2, let t = parts.3 {
                (root, expiration, strike, optionType) = (r, e, s, t)
            } else if symbol != nil {
                (root, expiration, strike, optionType) = (-1, -1, -1, -1)
            } else {
                throw ArchiveError(.badData, file: file, line: line,
                                   reason: "need root, expiration, strike, option_type or an OSI symbol column beside open_interest (found \(header.joined(separator: ",")))")
            }
        }

        /// The contract of a row (nil when malformed).
        func key(_ cells: ByteCSV, _ line: UnsafeBufferPointer<UInt8>) -> ContractKey? {
            if root >= 0 {
                let rootText = String(decoding: cells.cell(root, of: line), as: UTF8.self).trimmingWhitespace.uppercased()
                guard !rootText.isEmpty, rootText.count <= 6, rootText.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A) }),
                      let expiry = DataShopRows.isoDate(Substring(String(decoding: cells.cell(expiration, of: line), as: UTF8.self).trimmingWhitespace)),
                      let k = DecimalParser.parse(cells.cell(strike, of: line)), k > 0, k < 1e7 else { return nil }
                let t = cells.cell(optionType, of: line)
                guard t.count == 1 else { return nil }
                let right: OptionRight
                switch t[0] {
                case 0x43, 0x63: right = .call
                case 0x50, 0x70: right = .put
                default: return nil
                }
                return ContractKey(root: rootText, expiry: expiry, strikeMilli: Int64((k * 1000).rounded()), right: right)
            }
            return ContractKey(osiBytes: cells.cell(symbol!, of: line))
        }
    }
}
