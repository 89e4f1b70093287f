/// Reads any supported day archive, detecting each file's format from its header: Cboe DataShop
/// intervals (`underlying_symbol,…`) or Databento OPRA CSVs. Files of one format are merged; mixing
/// formats in one run is refused. `limits` caps what any file may hold (`ArchiveLimits`).
public enum ArchiveReader {
    /// Archive families.
    public enum Format: String, Sendable {
        case datashop, opra
    }

    /// The first line of a file (nil when empty); reads only as far as its end.
    static func firstLine(of path: String, limits: ArchiveLimits = .default) throws(ArchiveError) -> String? {
        var reader = LineReader(source: try ByteStream(path: path, maximumBytes: limits.maximumInputBytes), blockSize: 1 << 16,
                                maximumLineLength: limits.maximumLineBytes)
        var first: String?
        do throws(ArchiveError) {
            try reader.forEachLine { line, _ throws(ArchiveError) in
                first = String(decoding: line, as: UTF8.self)
                throw ArchiveError(.badData, file: path, reason: "first line read")  // stop: the rest is not needed
            }
        } catch {
            if first == nil { throw error }
        }
        return first
    }

    /// The format of one file, from its first line.
    public static func format(of path: String, limits: ArchiveLimits = .default) throws(ArchiveError) -> Format {
        guard let header = try firstLine(of: path, limits: limits) else { throw ArchiveError(.badData, file: path, reason: "empty file") }
        if header.lowercased().contains("underlying_symbol") { return .datashop }
        if OPRASchema(header: CSVLine.cells(Substring(header)).map(String.init)) != nil { return .opra }
        throw ArchiveError(.badData, file: path, line: 1, reason: "unknown archive format (expected a DataShop intervals or Databento OPRA CSV header)")
    }

    /// Reads all files into day stores (one per underlying). `workers` threads parse each plain
    /// DataShop file (`DataShopReader.read(paths:limits:workers:)`: the same result for any count).
    public static func read(paths: [String], intervalSeconds: Int = 60, limits: ArchiveLimits = .default,
                            workers: Int = 1) throws(ArchiveError) -> (Format, ArchiveDay) {
        var formats: [Format] = []
        for path in paths { formats.append(try format(of: path, limits: limits)) }
        guard let format = formats.first, formats.allSatisfy({ $0 == format }) else {
            throw ArchiveError(.badData, file: paths.joined(separator: ", "), reason: "mixed archive formats in one run: \(formats.map(\.rawValue))")
        }
        switch format {
        case .datashop: return (format, try DataShopReader.read(paths: paths, limits: limits, workers: workers))
        case .opra: return (format, try OPRAReader.read(paths: paths, intervalSeconds: intervalSeconds, limits: limits))
        }
    }
}
