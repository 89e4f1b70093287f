import Foundation

extension ReportCharts {
    /// GEX by strike at the chosen snapshot: call and put bars side by side at each strike, net as a line
    /// with dots, spot and the walls marked.
    static func byStrike(_ d: DayReportData) -> String {
        let width = halfWidth, height = 430.0
        var svg = SVGBuilder(width: width, height: height, label: "GEX by strike at \(d.profileSnapshotLabel)")
        let area = PlotArea(width: width, height: height, top: 62, right: 18, bottom: 48, left: 66)
        svg.title("GEX by strike · \(d.profileSnapshotLabel)", subtitle: "Dealer-signed exposure per strike; walls = largest call / put GEX")
        svg.legend([LegendEntry(name: "calls", color: Palette.calls, style: .box),
                    LegendEntry(name: "puts", color: Palette.puts, style: .box),
                    LegendEntry(name: "net", color: Palette.net, style: .line)], rightX: width - 18, y: 24)

        let n = min(d.strikes.count, d.callGEXByStrike.count, d.putGEXByStrike.count)
        let strikes = Array(d.strikes.prefix(n))
        let calls = Array(d.callGEXByStrike.prefix(n)), puts = Array(d.putGEXByStrike.prefix(n))
        let net = (0..<n).map { calls[$0] + puts[$0] }
        guard let sExtent = NiceTicks.extent(strikes),
              let yData = NiceTicks.extent(calls + puts + net + [0]) else {
            svg.noData(area)
            return svg.render()
        }
        // Half a strike spacing of room at both ends, so the outer bars are whole.
        let spacing = minimumSpacing(strikes) ?? max(1, (sExtent.1 - sExtent.0) / 20)
        let x = LinearScale(domain: (sExtent.0 - spacing * 0.6, sExtent.1 + spacing * 0.6), range: (area.x0, area.x1))
        let yPadded = NiceTicks.padded(yData, fraction: 0.06)
        let yDomain = (yPadded.0, yPadded.1 + (yPadded.1 - yPadded.0) * 0.16)
        let y = LinearScale(domain: yDomain, range: (area.y1, area.y0))

        let yt = NiceTicks.values(lo: yDomain.0, hi: yDomain.1, count: 6)
        svg.yAxis(area, scale: y, ticks: yt.values, format: AxisFormat.money(ticks: yt.values, step: yt.step),
                  title: "GEX (\(d.gexUnit))")
        let xt = NiceTicks.values(lo: x.domain.0, hi: x.domain.1, count: 8)
        let xFormat = AxisFormat.plain(step: xt.step)
        svg.xAxis(area, positions: xt.values.map { (x($0), xFormat($0)) }, title: "Strike", gridLines: false)
        svg.zeroLine(area, scale: y)

        let barWidth = max(0.8, spacing * x.pixelsPerUnit * 0.42)
        for i in 0..<n where strikes[i].isFinite {
            let cx = x(strikes[i])
            svg.bar(x: cx - barWidth / 2, width: barWidth, value: calls[i], y: y, color: Palette.calls, opacity: 0.9)
            svg.bar(x: cx + barWidth / 2, width: barWidth, value: puts[i], y: y, color: Palette.puts, opacity: 0.9)
        }
        let runs = seriesSegments(xs: strikes, ys: net.map { Optional($0) }, x: x, y: y)
        svg.series(runs, color: Palette.net, width: 1.6)
        if n <= 120 {
            for run in runs { for p in run { svg.circle(p.0, p.1, r: 2.2, fill: Palette.net) } }
        }
        svg.markers(levelMarkers(spot: d.profileSpot, zeroGamma: d.profileZeroGamma, callWall: d.profileCallWall,
                                 putWall: d.profilePutWall), area: area, scale: x)
        return svg.render()
    }

    /// The smallest positive gap between consecutive finite strikes.
    static func minimumSpacing(_ strikes: [Double]) -> Double? {
        let s = strikes.filter(\.isFinite).sorted()
        guard s.count >= 2 else { return nil }
        var best = Double.infinity
        for i in 1..<s.count where s[i] > s[i - 1] { best = min(best, s[i] - s[i - 1]) }
        return best.isFinite ? best : nil
    }
}
