import Exposure
import Foundation
import MarketModel

/// Turns a day run's tables and its last snapshot into the report's plain input model.
public enum DayReportBuilder {
    /// The report data for `underlying`: levels over the day from the `levels` table, the GEX heatmap
    /// from `by_strike` (strikes within ±6 % of the day's mean spot), and the profile and by-strike
    /// bars of the last snapshot (strikes within ±8 % of its spot).
    public static func make(underlying: String, tables: [OutputTable], last: SnapshotResult,
                            conventions: [(String, String)], warnings: [String]) -> DayReportData {
        func table(_ name: String) -> OutputTable? { tables.first { $0.name == name } }
        func rows(_ t: OutputTable?) -> [Int] {
            guard let t, case .string(let u)? = t.columns.first(where: { $0.name == "underlying" })?.values else { return [] }
            return u.indices.filter { u[$0] == underlying }
        }
        func doubles(_ t: OutputTable?, _ name: String) -> [Double?] {
            guard case .double(let v)? = t?.columns.first(where: { $0.name == name })?.values else { return [] }
            return v
        }
        func times(_ t: OutputTable?) -> [Instant?] {
            guard case .timestamp(let v)? = t?.columns.first(where: { $0.name == "time" })?.values else { return [] }
            return v
        }
        let levels = table("levels"), levelRows = rows(levels)
        let lt = times(levels)
        let label = { (i: Instant?) -> String in
            guard let i else { return "" }
            let s = EasternTime.wallClock(of: i).secondOfDay
            return String(format: "%02d:%02d", s / 3600, s / 60 % 60)
        }
        let spot = levelRows.map { doubles(levels, "spot")[$0] ?? .nan }
        let meanSpot = spot.filter(\.isFinite).reduce(0, +) / Double(max(1, spot.filter(\.isFinite).count))
        // Heatmap: snapshot × strike net GEX.
        let byStrike = table("by_strike"), strikeRows = rows(byStrike)
        let bt = times(byStrike), bk = doubles(byStrike, "strike"), bg = doubles(byStrike, "net_gex")
        let heatStrikes = Array(Set(strikeRows.compactMap { bk[$0] }.filter { abs($0 / meanSpot - 1) <= 0.06 })).sorted()
        let strikeIndex = Dictionary(uniqueKeysWithValues: heatStrikes.enumerated().map { ($1, $0) })
        let snapshotIndex = Dictionary(uniqueKeysWithValues: levelRows.enumerated().compactMap { k, row in lt[row].map { ($0, k) } })
        var heat = Array(repeating: Array(repeating: 0.0, count: heatStrikes.count), count: levelRows.count)
        for row in strikeRows {
            guard let t = bt[row], let s = snapshotIndex[t], let k = bk[row], let j = strikeIndex[k] else { continue }
            heat[s][j] = bg[row] ?? 0
        }
        let near = last.byStrike.filter { abs($0.strike / last.spot - 1) <= 0.08 }
        // The chart shows the four headline variants; the DTE buckets are in profiles.parquet.
        let curves = (last.profile.map { p in p.variants.filter { $0.daysToExpiry == nil }.map { DayReportData.Curve(name: $0.rawValue, values: p.curve($0)) } }) ?? []
        let date = lt.compactMap { $0 }.first.map { EasternTime.wallClock(of: $0).date.description } ?? ""
        func fmt(_ x: Double?) -> String { x.map { String(format: "%.2f", $0) } ?? "n/a" }
        let key: [DayReportData.Item] = [
            .init("Close spot", fmt(last.spot)), .init("Regime at close", last.regime.rawValue),
            .init("Zero Gamma (nearest root)", fmt(last.zeroGamma)),
            .init("All Zero Gamma roots", last.zeroGammas.isEmpty ? "none in range" : last.zeroGammas.map { fmt($0) }.joined(separator: ", ")),
            .init("Call Wall / Put Wall", "\(fmt(last.walls?.callWall)) / \(fmt(last.walls?.putWall))"),
            .init("Absolute Gamma Strike", fmt(last.walls?.absoluteGammaStrike)),
            .init("Net GEX at close", String(format: "%.3e USD per 1%% move", last.netGEX)),
            .init("Net DEX / VEX / CEX", String(format: "%.3e / %.3e / %.3e", last.netDEX, last.netVEX, last.netCEX)),
            .init("Delta-neutral price", fmt(last.deltaNeutral)),
            .init("Snapshots", "\(levelRows.count)"),
        ]
        return DayReportData(
            underlying: underlying, date: date, timeLabels: levelRows.map { label(lt[$0]) }, spot: spot,
            zeroGamma: levelRows.map { doubles(levels, "zero_gamma")[$0] }, callWall: levelRows.map { doubles(levels, "call_wall")[$0] },
            putWall: levelRows.map { doubles(levels, "put_wall")[$0] }, netGEX: levelRows.map { doubles(levels, "net_gex")[$0] ?? 0 },
            profileSnapshotLabel: label(last.time), profileLevels: last.profile?.levels ?? [], profileCurves: curves,
            profileSpot: last.spot, profileZeroGamma: last.zeroGamma, profileCallWall: last.walls?.callWall,
            profilePutWall: last.walls?.putWall, strikes: near.map(\.strike), callGEXByStrike: near.map(\.callGEX),
            putGEXByStrike: near.map(\.putGEX), heatmapStrikes: heatStrikes, heatmapValues: heat,
            keyNumbers: key, conventions: conventions.map { .init($0.0, $0.1) }, warnings: warnings)
    }
}
