import Exposure
import MarketModel

/// CSV tables of a levels report (header row, comma-separated, `.` decimals, empty = none).
public enum LevelsCSV {
    /// `strike,call_gex,put_gex,net_gex,call_oi,put_oi`.
    public static func byStrike(_ r: LevelsReport) -> String {
        var out = "strike,call_gex,put_gex,net_gex,call_oi,put_oi\n"
        for s in r.byStrike {
            out += [s.strike, s.call, s.put, s.net, s.callOpenInterest, s.putOpenInterest]
                .map(NumberFormat.csv).joined(separator: ",") + "\n"
        }
        return out
    }

    /// `expiry,roots,contracts,call_gex,put_gex,net_gex`.
    public static func byExpiry(_ r: LevelsReport) -> String {
        var out = "expiry,roots,contracts,call_gex,put_gex,net_gex\n"
        for e in r.byExpiry {
            out += "\(e.expiry),\(e.roots.joined(separator: "|")),\(e.contracts),"
                + [e.call, e.put, e.net].map(NumberFormat.csv).joined(separator: ",") + "\n"
        }
        return out
    }

    /// `spot,<variant>...`: one row per hypothetical spot level.
    public static func profile(_ r: LevelsReport) -> String {
        let p = r.profile
        var out = "spot," + p.variants.map(\.rawValue).joined(separator: ",") + "\n"
        for (j, level) in p.levels.enumerated() {
            out += ([level] + (0..<p.variants.count).map { p.values[j, $0] })
                .map(NumberFormat.csv).joined(separator: ",") + "\n"
        }
        return out
    }

    /// Writes `by_strike.csv`, `by_expiry.csv`, `profile.csv` and `metadata.json` into `directory`,
    /// each atomically.
    public static func write(report: LevelsReport, metadata: String, to directory: String) throws(OutputError) {
        try AtomicFile.makeDirectory(directory)
        try AtomicFile.write(byStrike(report), to: directory + "/by_strike.csv")
        try AtomicFile.write(byExpiry(report), to: directory + "/by_expiry.csv")
        try AtomicFile.write(profile(report), to: directory + "/profile.csv")
        try AtomicFile.write(metadata, to: directory + "/metadata.json")
    }
}
