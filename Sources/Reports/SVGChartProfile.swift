import Foundation

/// The report's charts, one function per chart, each returning a complete `<svg>` element.
enum ReportCharts {
    /// Width of a half-width chart (two side by side) and of a full-width one.
    static let halfWidth = 670.0
    static let fullWidth = 1360.0

    /// The Spot / Zero Gamma / Call Wall / Put Wall markers, in that order.
    static func levelMarkers(spot: Double?, zeroGamma: Double?, callWall: Double?, putWall: Double?,
                             includeZeroGamma: Bool = true) -> [Marker] {
        var m = [Marker(name: "Spot", value: spot, color: Palette.spot, dash: nil)]
        if includeZeroGamma { m.append(Marker(name: "Zero Γ", value: zeroGamma, color: Palette.zeroGamma, dash: "6 4")) }
        m.append(Marker(name: "Call Wall", value: callWall, color: Palette.callWall, dash: "3 3"))
        m.append(Marker(name: "Put Wall", value: putWall, color: Palette.putWall, dash: "3 3"))
        return m
    }

    /// The gamma profile at the chosen snapshot: net GEX against hypothetical spot for every curve,
    /// the main curve filled blue above zero and red below, with spot, Zero Gamma and the walls marked.
    static func profile(_ d: DayReportData) -> String {
        let width = halfWidth, height = 430.0
        var svg = SVGBuilder(width: width, height: height, label: "Gamma profile at \(d.profileSnapshotLabel)")
        let area = PlotArea(width: width, height: height, top: 62, right: 18, bottom: 48, left: 66)
        svg.title("Gamma profile · \(d.profileSnapshotLabel)",
                  subtitle: "Net GEX if spot moved to each level (gamma repriced, IV held per contract)")
        let curves = d.profileCurves
        svg.legend(curves.enumerated().map { i, c in
            LegendEntry(name: c.name, color: Palette.curves[i % Palette.curves.count], style: i == 0 ? .line : .dashed)
        }, rightX: width - 18, y: 24)

        guard let xExtent = NiceTicks.extent(d.profileLevels),
              let yData = NiceTicks.extent(curves.flatMap(\.values) + [0]) else {
            svg.noData(area)
            return svg.render()
        }
        let x = LinearScale(domain: xExtent, range: (area.x0, area.x1))
        // Head room on top for the marker tags.
        let yPadded = NiceTicks.padded(yData, fraction: 0.06)
        let yDomain = (yPadded.0, yPadded.1 + (yPadded.1 - yPadded.0) * 0.16)
        let y = LinearScale(domain: yDomain, range: (area.y1, area.y0))

        let yt = NiceTicks.values(lo: yDomain.0, hi: yDomain.1, count: 6)
        svg.yAxis(area, scale: y, ticks: yt.values, format: AxisFormat.money(ticks: yt.values, step: yt.step),
                  title: "Net GEX (\(d.gexUnit))")
        let xt = NiceTicks.values(lo: xExtent.0, hi: xExtent.1, count: 8)
        let xFormat = AxisFormat.plain(step: xt.step)
        svg.xAxis(area, positions: xt.values.map { (x($0), xFormat($0)) }, title: "Hypothetical spot")
        svg.zeroLine(area, scale: y)

        for (i, curve) in curves.enumerated().reversed() {
            let runs = seriesSegments(xs: d.profileLevels, ys: curve.values.map { Optional($0) }, x: x, y: y)
            if i == 0 { svg.zeroSplitArea(runs, area: area, zeroY: y(0), id: "profile") }
            svg.series(runs, color: Palette.curves[i % Palette.curves.count], width: i == 0 ? 2.4 : 1.5,
                       dash: i == 0 ? nil : "6 3")
        }
        if y.contains(0) {
            svg.text(area.x1 - 8, y(0) - 8, "dealers long γ: dampening", size: 11, fill: Palette.callWall, anchor: "end")
            svg.text(area.x1 - 8, y(0) + 17, "dealers short γ: amplifying", size: 11, fill: Palette.putWall, anchor: "end")
        }
        svg.markers(levelMarkers(spot: d.profileSpot, zeroGamma: d.profileZeroGamma, callWall: d.profileCallWall,
                                 putWall: d.profilePutWall), area: area, scale: x)
        if let z = d.profileZeroGamma, z.isFinite, x.contains(z), y.contains(0) {
            svg.circle(x(z), y(0), r: 4.5, fill: Palette.page, stroke: Palette.zeroGamma)
        }
        // Where the main curve is at the current spot.
        if let main = curves.first, let g = interpolate(d.profileLevels, main.values, at: d.profileSpot), x.contains(d.profileSpot) {
            svg.circle(x(d.profileSpot), y(g), r: 4, fill: Palette.spot, stroke: Palette.page)
            svg.text(x(d.profileSpot) + 8, y(g) + (g >= 0 ? -8 : 16), ReportFormat.money(g), size: 11.5,
                     fill: Palette.text, weight: "600", mono: true, halo: true)
        }
        return svg.render()
    }

    /// Linear interpolation of `ys` over ascending `xs` at `v`; nil outside or next to a non-finite value.
    static func interpolate(_ xs: [Double], _ ys: [Double], at v: Double) -> Double? {
        guard v.isFinite, xs.count == ys.count, xs.count >= 2 else { return nil }
        for i in 1..<xs.count where xs[i - 1] <= v && v <= xs[i] {
            let (a, b) = (ys[i - 1], ys[i])
            guard a.isFinite, b.isFinite, xs[i] > xs[i - 1] else { return nil }
            return a + (b - a) * (v - xs[i - 1]) / (xs[i] - xs[i - 1])
        }
        return nil
    }
}
