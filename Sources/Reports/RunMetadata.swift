import Exposure
import Foundation
import MarketModel

/// metadata.json of a day run: inputs and their SHA-256, every convention, the unit of every column
/// of every table, counts of rejected rows and quotes by reason, timings, version.
public enum RunMetadata {
    /// Inputs the run read, as plain values (Reports does not depend on the readers).
    public struct Inputs {
        /// Archive paths, format, data rows read, and row defects: reason → (count, first file, first line).
        public var paths: [String], format: String, rowsRead: Int, defects: [String: (Int, String, Int)]
        /// Underlyings with their contract and snapshot counts.
        public var stores: [(underlying: String, contracts: Int, snapshots: Int)]
        /// Where open interest came from ("archive column", or the OI file and how it matched).
        public var openInterest: String
        /// SHA-256 hex digests by path when already computed (e.g. by `InputDigests`); else each
        /// file is hashed when the metadata is built.
        public var digests: [String: String] = [:]

        /// Memberwise.
        public init(paths: [String], format: String, rowsRead: Int, defects: [String: (Int, String, Int)],
                    stores: [(underlying: String, contracts: Int, snapshots: Int)], openInterest: String = "archive column",
                    digests: [String: String] = [:]) {
            self.openInterest = openInterest
            self.digests = digests
            self.paths = paths
            self.format = format
            self.rowsRead = rowsRead
            self.defects = defects
            self.stores = stores
        }
    }

    /// The metadata object.
    public static func object(inputs: Inputs, result: DayRunSummary, configuration c: SnapshotConfiguration, every: Int,
                              workers: Int?, readSeconds: Double, version: String) -> [String: Any] {
        var units: [String: [String: String]] = [:]
        for table in result.tables { units[table.name] = Dictionary(uniqueKeysWithValues: table.columns.map { ($0.name, $0.unit) }) }
        return [
            "version": version,
            "inputs": inputs.paths.map { ["path": $0, "sha256": inputs.digests[$0] ?? SHA256.hex(file: $0) ?? "unreadable"] },
            "input_format": inputs.format,
            "open_interest_source": inputs.openInterest,
            "rows_read": inputs.rowsRead,
            "rejected_rows": inputs.defects.mapValues { ["count": $0.0, "first_file": $0.1, "first_line": $0.2] },
            "underlyings": inputs.stores.map { ["underlying": $0.underlying, "contracts": $0.contracts, "snapshots": $0.snapshots] },
            "conventions": [
                "positions": c.positions.name,
                "volatility_source": c.volatilitySource.rawValue,
                "iv_method": "Black-76 on the put-call-parity forward, undiscounted mid, Let's Be Rational; OTM quadratic smile in log-moneyness fills the rest",
                "forward": "least squares C - P = D (F - K) per settlement instant (LAPACK dgels), robust; fallback previous snapshot, then r = \(c.fallbackRate), q = \(c.fallbackDividendYield)",
                "time_to_expiry": "exact seconds to the settlement instant / (365 x 86400); SPX AM 09:30 ET, PM at the close (13:00 on early closes)",
                "gamma": "recomputed per hypothetical spot with each contract's volatility held (sticky strike)",
                "gex_unit": c.unit.rawValue,
                "profile_grid": ["points": c.gridPoints, "half_width": c.gridHalfWidth],
                "wall_band": c.wallBand.map { $0 as Any } ?? "all strikes",
                "wall_max_days": c.wallMaximumDays.map { $0 as Any } ?? "all expiries",
                "zero_gamma": "every root of the repriced 'all' profile, refined to 1e-9 x spot; zero_gamma = nearest to spot",
                "quote_filter": ["max_relative_spread": c.quoteFilter.maximumRelativeSpread, "always_accepted_spread": c.quoteFilter.alwaysAcceptedSpread,
                                 "max_quote_age_seconds": Double(c.quoteFilter.maximumAgeSeconds)],
                "every": every,
                "workers": workers.map { $0 as Any } ?? "all cores",
            ],
            "units": units,
            "counts": result.counts,
            "vendor_iv_difference": result.vendorIVDifference,
            "timings_seconds": result.timings.merging(["read": readSeconds]) { a, _ in a },
            "tables": result.tables.map { ["name": $0.name, "rows": $0.rowCount] },
        ]
    }

    /// A short summary for `--json` on stdout.
    public static func summary(_ metadata: [String: Any], result: DayRunSummary) -> [String: Any] {
        var out: [String: Any] = [:]
        for key in ["version", "input_format", "rows_read", "underlyings", "tables", "timings_seconds", "counts"] { out[key] = metadata[key] }
        return out
    }

    /// Pretty JSON with sorted keys and a final newline.
    public static func encode(_ object: [String: Any]) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}

/// What metadata needs from a day run (Reports does not depend on Pipeline).
public struct DayRunSummary {
    /// Output tables.
    public var tables: [OutputTable]
    /// Counts by reason, vendor IV difference percentiles, timings.
    public var counts: [String: Int], vendorIVDifference: [String: Double], timings: [String: Double]

    /// Memberwise.
    public init(tables: [OutputTable], counts: [String: Int], vendorIVDifference: [String: Double], timings: [String: Double]) {
        self.tables = tables
        self.counts = counts
        self.vendorIVDifference = vendorIVDifference
        self.timings = timings
    }
}
