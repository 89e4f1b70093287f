/// Reads any supported day archive, detecting each file's format from its header: Cboe DataShop
/// intervals (`underlying_symbol,…`) or Databento OPRA CSVs. Files of one format are merged; mixing
/// formats in one run is refused.
public enum ArchiveReader {
    /// Archive families.
    public enum Format: String, Sendable {
        case datashop, opra
    }

    /// The format of one file, from its first line.
    public static func format(of path: String) throws(ArchiveError) -> Format {
        var reader = LineReader(source: try ByteStream(path: path), blockSize: 1 << 16)
        var first: String?
        try reader.forEachLine { line, number throws(ArchiveError) in
            if first == nil { first = String(decoding: line, as: UTF8.self) }
        }
        guard let header = first else { throw ArchiveError(.badData, file: path, reason: "empty file") }
        if header.lowercased().contains("underlying_symbol") { return .datashop }
        if OPRASchema(header: CSVLine.cells(Substring(header)).map(String.init)) != nil { return .opra }
        throw ArchiveError(.badData, file: path, line: 1, reason: "unknown archive format (expected a DataShop intervals or Databento OPRA CSV header)")
    }

    /// Reads all files into day stores (one per underlying).
    public static func read(paths: [String], intervalSeconds: Int = 60) throws(ArchiveError) -> (Format, ArchiveDay) {
        var formats: [Format] = []
        for path in paths { formats.append(try format(of: path)) }
        guard let format = formats.first, formats.allSatisfy({ $0 == format }) else {
            throw ArchiveError(.badData, file: paths.joined(separator: ", "), reason: "mixed archive formats in one run: \(formats.map(\.rawValue))")
        }
        switch format {
        case .datashop: return (format, try DataShopReader.read(paths: paths))
        case .opra: return (format, try OPRAReader.read(paths: paths, intervalSeconds: intervalSeconds))
        }
    }
}
