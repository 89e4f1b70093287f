import ArgumentParser
import Archives

/// `--max-contracts`, `--max-snapshots`, `--max-line-bytes`, `--max-input-bytes`: caps on what an
/// input may hold before it is refused with exit 65 (defaults, then `GEX_MAX_*` environment
/// variables, then these options).
struct LimitOptions: ParsableArguments {
    @Option(name: .customLong("max-contracts"), help: "Refuse an input with more contracts per underlying (default 250000; env GEX_MAX_CONTRACTS).")
    var maxContracts: Int?

    @Option(name: .customLong("max-snapshots"), help: "Refuse an input with more snapshot times per underlying (default 100000; env GEX_MAX_SNAPSHOTS).")
    var maxSnapshots: Int?

    @Option(name: .customLong("max-line-bytes"), help: "Refuse an input with a longer line, in bytes (default 16777216; env GEX_MAX_LINE_BYTES).")
    var maxLineBytes: Int?

    @Option(name: .customLong("max-input-bytes"), help: "Refuse a file larger than this after decompression, in bytes (default 2^36; env GEX_MAX_INPUT_BYTES).")
    var maxInputBytes: Int?

    func validate() throws {
        for (name, value) in [("--max-contracts", maxContracts), ("--max-snapshots", maxSnapshots),
                              ("--max-line-bytes", maxLineBytes), ("--max-input-bytes", maxInputBytes)] {
            if let value, value < 1 { throw ValidationError("\(name) must be at least 1") }
        }
    }

    /// The effective limits: options over environment over defaults.
    var limits: ArchiveLimits {
        var l = ArchiveLimits.fromEnvironment()
        if let maxContracts { l.maximumContracts = maxContracts }
        if let maxSnapshots { l.maximumSnapshots = maxSnapshots }
        if let maxLineBytes { l.maximumLineBytes = maxLineBytes }
        if let maxInputBytes { l.maximumInputBytes = maxInputBytes }
        return l
    }
}
