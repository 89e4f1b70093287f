import Foundation

extension ReportCharts {
    /// Levels over the day: spot, Zero Gamma, Call Wall and Put Wall against time (walls as steps), with the
    /// last value of each tagged on the right; below it, net GEX per snapshot as bars (blue ≥ 0, red < 0).
    static func levelsOverDay(_ d: DayReportData) -> String {
        let width = fullWidth, height = 560.0
        var svg = SVGBuilder(width: width, height: height, label: "Levels over the day")
        let top = PlotArea(x0: 66, y0: 62, x1: width - 92, y1: 372)
        let bottom = PlotArea(x0: 66, y0: 400, x1: width - 92, y1: 512)
        svg.title("Levels over the day", subtitle: "Spot against Zero Gamma and the walls, recomputed at every snapshot; net GEX below")
        svg.legend([LegendEntry(name: "spot", color: Palette.spot, style: .line),
                    LegendEntry(name: "Zero Γ", color: Palette.zeroGamma, style: .dashed),
                    LegendEntry(name: "Call Wall", color: Palette.callWall, style: .line),
                    LegendEntry(name: "Put Wall", color: Palette.putWall, style: .line),
                    LegendEntry(name: "net GEX ≥ 0", color: Palette.positiveFill, style: .box),
                    LegendEntry(name: "net GEX < 0", color: Palette.negativeFill, style: .box)],
                   rightX: width - 18, y: 24)

        let n = d.timeLabels.count
        func column(_ a: [Double?]) -> [Double?] { (0..<n).map { $0 < a.count ? a[$0] : nil } }
        let spot = column(d.spot.map { Optional($0) }), zero = column(d.zeroGamma)
        let call = column(d.callWall), put = column(d.putWall), net = column(d.netGEX.map { Optional($0) })
        guard n > 0, let yData = NiceTicks.extent((spot + zero + call + put).compactMap { $0 }) else {
            svg.noData(top)
            return svg.render()
        }
        let x = LinearScale(domain: (-0.5, Double(n) - 0.5), range: (top.x0, top.x1))
        let y = LinearScale(domain: NiceTicks.padded(yData, fraction: 0.06), range: (top.y1, top.y0))
        let yt = NiceTicks.values(lo: y.domain.0, hi: y.domain.1, count: 6)
        svg.yAxis(top, scale: y, ticks: yt.values, format: AxisFormat.plain(step: yt.step), title: "Index level")
        let ticks = TimeTicks.indices(d.timeLabels, maxTicks: 14)
        for i in ticks { svg.line(x(Double(i)), top.y0, x(Double(i)), top.y1, stroke: Palette.grid) }
        svg.line(top.x0, top.y1, top.x1, top.y1, stroke: Palette.axis)

        let idx = (0..<n).map(Double.init)
        svg.series(stepSegments(xs: idx, ys: put, x: x, y: y), color: Palette.putWall, width: 2)
        svg.series(stepSegments(xs: idx, ys: call, x: x, y: y), color: Palette.callWall, width: 2)
        svg.series(seriesSegments(xs: idx, ys: zero, x: x, y: y), color: Palette.zeroGamma, width: 2, dash: "6 4")
        svg.series(seriesSegments(xs: idx, ys: spot, x: x, y: y), color: Palette.spot, width: 2)
        endTags(&svg, area: top, y: y, series: [
            ("Spot", spot, Palette.spot), ("Zero Γ", zero, Palette.zeroGamma),
            ("Call Wall", call, Palette.callWall), ("Put Wall", put, Palette.putWall),
        ])

        // Net GEX pane.
        let nData = NiceTicks.extent(net.compactMap { $0 } + [0]) ?? (0, 1)
        let ny = LinearScale(domain: NiceTicks.padded(nData, fraction: 0.08), range: (bottom.y1, bottom.y0))
        let nt = NiceTicks.values(lo: ny.domain.0, hi: ny.domain.1, count: 3)
        svg.yAxis(bottom, scale: ny, ticks: nt.values, format: AxisFormat.money(ticks: nt.values, step: nt.step), title: nil)
        svg.text(16, (bottom.y0 + bottom.y1) / 2, "Net GEX", size: 11, fill: Palette.muted, anchor: "middle", rotate: -90)
        svg.text(bottom.x0, bottom.y0 - 9, "Net GEX per snapshot (\(d.gexUnit))", size: 11, fill: Palette.muted)
        let barWidth = max(0.8, x.pixelsPerUnit * 0.8)
        svg.raw("<g shape-rendering=\"crispEdges\">")
        for i in 0..<n {
            guard let v = net[i], v.isFinite else { continue }
            svg.bar(x: x(Double(i)), width: barWidth, value: v, y: ny, color: v >= 0 ? Palette.positiveFill : Palette.negativeFill,
                    opacity: 0.85)
        }
        svg.raw("</g>")
        svg.zeroLine(bottom, scale: ny)
        svg.xAxis(bottom, positions: ticks.map { (x(Double($0)), d.timeLabels[$0]) }, title: "Time (US/Eastern)")
        return svg.render()
    }

    /// Tags at the right edge with each series' last finite value, pushed apart vertically so none overlap.
    static func endTags(_ svg: inout SVGBuilder, area: PlotArea, y: LinearScale,
                        series: [(name: String, values: [Double?], color: String)]) {
        let height = 17.0
        var tags = series.compactMap { s -> (String, Double, String)? in
            guard let last = s.values.last(where: { $0?.isFinite == true }) ?? nil else { return nil }
            return (ReportFormat.level(last), y(last), s.color)
        }.sorted { $0.1 < $1.1 }
        // Push down from the top, then pull back up from the bottom if the last one fell off the plot.
        for i in tags.indices where i > 0 && tags[i].1 < tags[i - 1].1 + height { tags[i].1 = tags[i - 1].1 + height }
        if let last = tags.last, last.1 > area.y1 {
            tags[tags.count - 1].1 = area.y1
            for i in tags.indices.reversed().dropFirst() where tags[i].1 > tags[i + 1].1 - height {
                tags[i].1 = tags[i + 1].1 - height
            }
        }
        for (text, cy, color) in tags {
            svg.rect(x: area.x1 + 4, y: cy - height / 2 + 0.5, width: 62, height: height - 1, fill: color, radius: 3)
            svg.text(area.x1 + 35, cy + 4, text, size: 11.5, fill: Palette.page, anchor: "middle", weight: "600", mono: true)
        }
    }
}
