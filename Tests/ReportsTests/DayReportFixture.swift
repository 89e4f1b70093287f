// A realistic synthetic SPX day for the HTML report tests: 390 one-minute snapshots 09:31–16:00 ET, spot
// drifting around 4750 (a morning rally, an afternoon dip below Zero Gamma, a recovery into the close), a
// profile that crosses zero near 4720, by-strike GEX concentrated at round strikes, and a strike × time
// heatmap whose near-the-money 0DTE gamma grows into the close. A few deliberate holes (NaN, +inf, a stretch
// without Zero Gamma) exercise the "never print nan/inf" rule.
import Foundation
@testable import Reports

enum DayReportFixture {
    static let snapshots = 390

    static func labels() -> [String] {
        (0..<snapshots).map { i in
            let m = 9 * 60 + 31 + i
            return String(format: "%02d:%02d", m / 60, m % 60)
        }
    }

    /// Smooth deterministic spot path: open 4745, high ≈ 4772 late morning, low ≈ 4722 at 14:20, close ≈ 4752.
    static func spotPath() -> [Double] {
        (0..<snapshots).map { i in
            let t = Double(i) / Double(snapshots - 1)
            let swing = 26 * sin(t * .pi * 1.05) * exp(-3 * t) * 2.1 - 32 * exp(-pow((t - 0.74) / 0.12, 2))
            let wiggle = 2.2 * sin(Double(i) * 0.37) + 1.3 * sin(Double(i) * 0.11 + 1) + 0.8 * sin(Double(i) * 1.7)
            return ((4745 + swing + 7 * t + wiggle) * 100).rounded() / 100
        }
    }

    /// The profile shape: negative below the flip, positive above, decaying far from the money.
    static func profileCurve(_ x: Double, flip: Double, scale: Double, width: Double, centre: Double, spread: Double) -> Double {
        scale * tanh((x - flip) / width) * exp(-pow((x - centre) / spread, 2))
    }

    static func make() -> DayReportData {
        let labels = labels()
        let spot = spotPath()
        var zero: [Double?] = (0..<snapshots).map { i -> Double? in
            let drift: Double = 14 * Double(i) / Double(snapshots)
            return 4712 + drift + 3 * sin(Double(i) / 40)
        }
        for i in 92..<101 { zero[i] = nil }  // 11:03–11:11: no root in the grid
        let call: [Double?] = (0..<snapshots).map { i in i < 190 ? 4800 : (i < 330 ? 4775 : 4800) }
        let put: [Double?] = (0..<snapshots).map { i in i < 150 ? 4700 : (i < 260 ? 4725 : 4700) }
        var net: [Double] = (0..<snapshots).map { i -> Double in
            let distance: Double = spot[i] - (zero[i] ?? 4720)
            return distance * 6.2e7 + 4e8 * sin(Double(i) / 55)
        }
        net[200] = .nan

        let levels = (0...240).map { 4512.5 + Double($0) * 2 }
        let all = levels.map { profileCurve($0, flip: 4720, scale: 3.4e9, width: 38, centre: 4765, spread: 190) }
        var exNext = levels.map { profileCurve($0, flip: 4706, scale: 2.3e9, width: 46, centre: 4760, spread: 210) }
        exNext[17] = .nan
        let exMonthly = levels.map { profileCurve($0, flip: 4713, scale: 2.9e9, width: 42, centre: 4762, spread: 200) }
        let zeroDTE = levels.map { profileCurve($0, flip: 4741, scale: 1.1e9, width: 9, centre: 4748, spread: 26) }

        let strikes = stride(from: 4600.0, through: 4900.0, by: 5).map { $0 }
        func roundness(_ k: Double) -> Double {
            k.truncatingRemainder(dividingBy: 100) == 0 ? 1.25
                : k.truncatingRemainder(dividingBy: 50) == 0 ? 1.0 : k.truncatingRemainder(dividingBy: 25) == 0 ? 0.5 : 0.16
        }
        var calls = strikes.map { k in 1.55e9 * roundness(k) * exp(-pow((k - 4790) / 55, 2)) + 4e7 * exp(-pow((k - 4750) / 12, 2)) }
        let puts = strikes.map { k in -1.4e9 * roundness(k) * exp(-pow((k - 4705) / 50, 2)) - 3e7 * exp(-pow((k - 4750) / 12, 2)) }
        calls[3] = .infinity

        let heatStrikes = stride(from: 4620.0, through: 4880.0, by: 5).map { $0 }
        var heat = (0..<snapshots).map { i -> [Double] in
            let t = Double(i) / Double(snapshots - 1)
            return heatStrikes.map { k in
                let c = 6e8 * roundness(k) * exp(-pow((k - (i < 190 || i >= 330 ? 4795 : 4772)) / 40, 2))
                let p = -5.5e8 * roundness(k) * exp(-pow((k - (i < 150 || i >= 260 ? 4705 : 4722)) / 38, 2))
                let odte = (spot[i] < k ? 1 : -1) * 4e8 * (0.3 + 2.2 * t * t) * exp(-pow((k - spot[i]) / 11, 2))
                return c + p + odte
            }
        }
        heat[120][10] = .nan

        return DayReportData(
            underlying: "SPX", date: "2024-01-19",
            timeLabels: labels, spot: spot, zeroGamma: zero, callWall: call, putWall: put, netGEX: net,
            profileSnapshotLabel: labels[snapshots - 2], profileLevels: levels,
            profileCurves: [.init(name: "all", values: all), .init(name: "ex-next-expiry", values: exNext),
                            .init(name: "ex-next-monthly", values: exMonthly), .init(name: "0dte", values: zeroDTE)],
            profileSpot: spot[snapshots - 2], profileZeroGamma: zero[snapshots - 2], profileCallWall: 4800, profilePutWall: 4700,
            strikes: strikes, callGEXByStrike: calls, putGEXByStrike: puts,
            heatmapStrikes: heatStrikes, heatmapValues: heat,
            keyNumbers: [
                .init("Spot open / close", "\(ReportFormat.fixed(spot[0], decimals: 2)) / \(ReportFormat.fixed(spot[snapshots - 1], decimals: 2))"),
                .init("Spot high / low", "\(ReportFormat.fixed(spot.max(), decimals: 2)) / \(ReportFormat.fixed(spot.min(), decimals: 2))"),
                .init("Net GEX open / close", "\(ReportFormat.money(net[0])) / \(ReportFormat.money(net[snapshots - 1]))"),
                .init("Net GEX min / max", "\(ReportFormat.money(net.filter(\.isFinite).min())) / \(ReportFormat.money(net.filter(\.isFinite).max()))"),
                .init("Zero Gamma range", "\(ReportFormat.level(zero.compactMap { $0 }.min()?.rounded())) – \(ReportFormat.level(zero.compactMap { $0 }.max()?.rounded()))"),
                .init("Minutes below Zero Gamma", "\(zip(spot, zero).filter { s, z in z.map { s < $0 } ?? false }.count)"),
                .init("Call Wall changes", "2 (4800 → 4775 → 4800)"),
                .init("Put Wall changes", "2 (4700 → 4725 → 4700)"),
                .init("Snapshots", "\(snapshots) (60 s)"),
                .init("Contracts per snapshot", "20,412 (median)"),
                .init("Net GEX at 15:59, per point", ReportFormat.money(.nan)),
            ],
            conventions: [
                .init("Dealer sign", "classic: dealers long calls, short puts (+call, −put)"),
                .init("GEX unit", "USD per 1% move = s·Γ·OI·100·S²·0.01"),
                .init("Time to expiry", "exact seconds to settlement / (365 × 86,400); SPX AM, SPXW PM"),
                .init("Gamma source", "model gamma (BSM, IV per contract) for GEX & walls"),
                .init("Profile", "241 levels, 4512.5–4992.5; repriced, sticky strike"),
                .init("Zero Gamma", "root of the repriced profile nearest spot (refined)"),
                .init("Walls", "strikes with |K − S| < 10 % of S; largest call / |put| GEX"),
                .init("Rates & dividends", "r 0.04, q 0.013 (continuous)"),
                .init("Times", "US/Eastern; snapshots 09:31–16:00, 60 s"),
                .init("Heatmap", "net GEX per strike, 4620–4880, every 5 points"),
            ],
            warnings: [
                "1,204 rows skipped: crossed quote (bid > ask), first at line 18,204",
                "37 contracts without usable IV <no model gamma> at 09:31",
                "11:03–11:11: no Zero Gamma within the profile grid",
            ])
    }
}
