import Exposure
import MarketModel

/// The human-readable `gex levels` output.
public enum LevelsText {
    /// A compact table of the levels, the conventions behind them, and what was dropped.
    public static func render(report r: LevelsReport, input: LevelsInput) -> String {
        let c = r.configuration
        let unit = c.unit.rawValue
        var lines: [String] = []
        lines.append("\(r.underlying)  spot \(NumberFormat.fixed(r.spot, 2))  as of \(EasternTime.iso8601(r.asOf)) (\(input.asOfSource))")
        lines.append(String(repeating: "─", count: 64))
        func row(_ label: String, _ value: String) { lines.append(label.padding(toLength: 22, withPad: " ", startingAt: 0) + value) }
        row("Net GEX", "\(NumberFormat.money(r.netGEX))  (\(unit); calls \(NumberFormat.money(r.callGEX)), puts \(NumberFormat.money(r.putGEX)))")
        row("Regime at spot", "\(r.regime.rawValue)  (repriced profile \(NumberFormat.money(r.profileAtSpot)))")
        let others = r.zeroGammas.filter { $0 != r.zeroGamma }.map { NumberFormat.level($0) }
        let otherRoots = others.isEmpty ? "" : "  (other roots: " + others.joined(separator: ", ") + ")"
        row("Zero Gamma", r.zeroGammaNote.map { "none (\($0))" } ?? (NumberFormat.level(r.zeroGamma) + otherRoots))
        row("Call Wall", NumberFormat.level(r.walls.callWall))
        row("Put Wall", NumberFormat.level(r.walls.putWall))
        row("Absolute Gamma Strike", NumberFormat.level(r.walls.absoluteGammaStrike))
        row("OI walls (call / put)", "\(NumberFormat.level(r.walls.callOpenInterestWall)) / \(NumberFormat.level(r.walls.putOpenInterestWall))")
        lines.append(String(repeating: "─", count: 64))
        let band = c.wallBand.map { "±\(NumberFormat.fixed($0 * 100, 0)) % of spot" } ?? "all strikes"
        row("Convention", "\(c.convention.rawValue); sign \(c.dealerSign.rawValue) (\(c.dealerSign.summary))")
        row("Gamma", "\(c.gammaSource.rawValue) gamma for GEX and walls; profile repriced, \(c.gridPoints) levels \(NumberFormat.fixed(r.profile.levels.first ?? 0, 0))–\(NumberFormat.fixed(r.profile.levels.last ?? 0, 0))")
        row("Time, rates", "\(c.timeToExpiry.rawValue); r \(c.rate), q \(c.dividendYield); walls within \(band)")
        row("Contracts", "\(r.contractCount) live in \(r.byExpiry.count) expiries; \(input.expiredDropped) expired dropped" + (input.expiredExpiries.isEmpty ? "" : " (\(input.expiredExpiries.map(\.description).joined(separator: ", ")))"))
        if r.missingVolatility > 0 { row("", "\(r.missingVolatility) without usable IV (no model gamma)") }
        for (reason, entry) in input.skipped.sorted(by: { $0.key < $1.key }) {
            row("Skipped", "\(entry.count) × \(reason) (first at line \(entry.firstLine))")
        }
        row("Coverage", input.coverage)
        return lines.joined(separator: "\n") + "\n"
    }
}
