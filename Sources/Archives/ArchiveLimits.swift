import Foundation
import MarketModel

/// Caps that make a hostile or corrupt input fail fast with a clear message (exit 65) instead of
/// exhausting memory. Every cap names its CLI option and environment variable in the error, so the
/// user knows how to raise it for a genuinely large input.
///
/// Defaults are far above any real day (an SPX 1-minute DataShop day: ~25,000 contracts, 390
/// snapshots, lines < 1 KB, ~10 GB decompressed) and far below what exhausts a workstation.
public struct ArchiveLimits: Sendable, Equatable {
    /// Largest number of distinct contracts per underlying in one day (all files merged).
    public var maximumContracts: Int
    /// Largest number of distinct snapshot times per underlying in one day.
    public var maximumSnapshots: Int
    /// Longest line in bytes (terminator excluded).
    public var maximumLineBytes: Int
    /// Largest input per file in bytes *after* decompression (a gzip/zip bomb stops here).
    /// A Cboe chain download is held in memory: it is further capped at `chainBytesCeiling`.
    public var maximumInputBytes: Int

    /// A chain download is read into memory whole; it is never allowed above this (256 MiB).
    public static let chainBytesCeiling = 256 << 20

    /// The defaults: 250,000 contracts, 100,000 snapshots, 16 MiB lines, 64 GiB per decompressed file.
    public static let `default` = ArchiveLimits(maximumContracts: 250_000, maximumSnapshots: 100_000,
                                                maximumLineBytes: 1 << 24, maximumInputBytes: 1 << 36)

    /// Explicit limits; each must be positive.
    public init(maximumContracts: Int, maximumSnapshots: Int, maximumLineBytes: Int, maximumInputBytes: Int) {
        self.maximumContracts = max(1, maximumContracts)
        self.maximumSnapshots = max(1, maximumSnapshots)
        self.maximumLineBytes = max(1, maximumLineBytes)
        self.maximumInputBytes = max(1, maximumInputBytes)
    }

    /// The defaults overridden by `GEX_MAX_CONTRACTS`, `GEX_MAX_SNAPSHOTS`, `GEX_MAX_LINE_BYTES`,
    /// `GEX_MAX_INPUT_BYTES` where set to a positive integer (other values are ignored).
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> ArchiveLimits {
        func value(_ name: String, _ fallback: Int) -> Int {
            guard let text = environment[name], let v = Int(text.trimmingCharacters(in: .whitespaces)), v > 0 else { return fallback }
            return v
        }
        let d = ArchiveLimits.default
        return ArchiveLimits(maximumContracts: value("GEX_MAX_CONTRACTS", d.maximumContracts),
                             maximumSnapshots: value("GEX_MAX_SNAPSHOTS", d.maximumSnapshots),
                             maximumLineBytes: value("GEX_MAX_LINE_BYTES", d.maximumLineBytes),
                             maximumInputBytes: value("GEX_MAX_INPUT_BYTES", d.maximumInputBytes))
    }

    /// The sentence closing every limit error: how to raise the limit.
    static func raise(_ option: String, _ variable: String) -> String {
        "raise it with \(option) N or \(variable)=N if the input is genuine"
    }

    /// The error for a file over one of the caps.
    static func exceeded(file: String, line: Int? = nil, what: String, limit: Int, option: String, variable: String) -> ArchiveError {
        ArchiveError(.badData, file: file, line: line,
                     reason: "\(what) exceeds the limit of \(limit); \(raise(option, variable))")
    }

    /// Throws when `builder` holds more contracts or snapshots than allowed.
    func check(_ builder: DayStoreBuilder, file: String, line: Int?) throws(ArchiveError) {
        if builder.contractCount > maximumContracts {
            throw Self.exceeded(file: file, line: line, what: "the number of contracts of \(builder.underlying)", limit: maximumContracts,
                                option: "--max-contracts", variable: "GEX_MAX_CONTRACTS")
        }
        if builder.snapshotCount > maximumSnapshots {
            throw Self.exceeded(file: file, line: line, what: "the number of snapshot times of \(builder.underlying)", limit: maximumSnapshots,
                                option: "--max-snapshots", variable: "GEX_MAX_SNAPSHOTS")
        }
    }
}
