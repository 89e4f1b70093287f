import Exposure
import Foundation
import MarketModel

/// Where a levels report's inputs came from, for its metadata.
public struct LevelsInput: Sendable {
    /// Input path as given.
    public let path: String
    /// Detected layout ("current", "legacy").
    public let layout: String
    /// As-of text found in the file (empty with --asof).
    public let asOfText: String
    /// Where the as-of came from.
    public let asOfSource: String
    /// Rows read.
    public let rowsRead: Int
    /// Contracts dropped as already settled.
    public let expiredDropped: Int
    /// Their expiry dates.
    public let expiredExpiries: [CivilDate]
    /// Skips by reason: (count, first line).
    public let skipped: [String: (count: Int, firstLine: Int)]
    /// Coverage statement.
    public let coverage: String

    /// Creates the record.
    public init(path: String, layout: String, asOfText: String, asOfSource: String, rowsRead: Int,
                expiredDropped: Int, expiredExpiries: [CivilDate],
                skipped: [String: (count: Int, firstLine: Int)], coverage: String) {
        self.path = path
        self.layout = layout
        self.asOfText = asOfText
        self.asOfSource = asOfSource
        self.rowsRead = rowsRead
        self.expiredDropped = expiredDropped
        self.expiredExpiries = expiredExpiries
        self.skipped = skipped
        self.coverage = coverage
    }
}

/// The `--json` object of `gex levels`, and the body of `metadata.json`.
///
/// Every GEX figure is in `units.gex`; levels and strikes in index points; null where a level
/// does not exist (no root in the grid, no wall). No NaN or infinity is ever written.
public enum LevelsJSON {
    /// The JSON object as a dictionary (keys documented in the README).
    public static func object(report r: LevelsReport, input: LevelsInput, version: String) -> [String: Any] {
        let c = r.configuration
        func value(_ x: Double?) -> Any { x.flatMap { $0.isFinite ? $0 : nil } ?? NSNull() }
        return [
            "asof": EasternTime.iso8601(r.asOf),
            "asof_utc": r.asOf.iso8601,
            "underlying": r.underlying,
            "spot": r.spot,
            "net_gex": value(r.netGEX),
            "call_gex": value(r.callGEX),
            "put_gex": value(r.putGEX),
            "gex_at_spot_repriced": value(r.profileAtSpot),
            "zero_gamma": value(r.zeroGamma),
            "zero_gammas": r.zeroGammas.filter(\.isFinite),
            "zero_gamma_note": r.zeroGammaNote.map { $0 as Any } ?? NSNull(),
            "regime": r.regime.rawValue,
            "call_wall": value(r.walls.callWall),
            "put_wall": value(r.walls.putWall),
            "abs_gamma_strike": value(r.walls.absoluteGammaStrike),
            "call_oi_wall": value(r.walls.callOpenInterestWall),
            "put_oi_wall": value(r.walls.putOpenInterestWall),
            "convention": c.convention.rawValue,
            "sign": c.dealerSign.rawValue,
            "sign_meaning": c.dealerSign.summary,
            "gamma_source": c.gammaSource.rawValue,
            "time_to_expiry": c.timeToExpiry.rawValue,
            "rate": c.rate,
            "dividend_yield": c.dividendYield,
            "grid": ["points": c.gridPoints, "low": r.profile.levels.first ?? 0, "high": r.profile.levels.last ?? 0],
            "wall_band": value(c.wallBand),
            "zero_gamma_rule": c.convention == .perfiliev
                ? "first sign change of the 'all' profile, linear interpolation between levels"
                : "root of the repriced 'all' profile nearest to spot, refined to 1e-9 x spot",
            "units": [
                "gex": c.unit.rawValue, "net_gex": c.unit.rawValue, "profile": c.unit.rawValue,
                "levels": "index points", "time": "ISO 8601",
            ],
            "contracts": r.contractCount,
            "missing_volatility": r.missingVolatility,
            "missing_vendor_gamma": r.missingVendorGamma,
            "expired_dropped": input.expiredDropped,
            "expired_expiries": input.expiredExpiries.map(\.description),
            "expiries": r.byExpiry.count,
            "rows_read": input.rowsRead,
            "skipped": input.skipped.mapValues { ["count": $0.count, "first_line": $0.firstLine] },
            "coverage": input.coverage,
            "input": ["file": input.path, "layout": input.layout, "asof_text": input.asOfText, "asof_source": input.asOfSource],
            "version": version,
        ]
    }

    /// Serialises with sorted keys (stable output) and a trailing newline.
    public static func encode(_ object: [String: Any]) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
