import Foundation

extension ReportCharts {
    /// Colour steps per side of zero in the heatmap (the legend shows each one).
    static let heatmapSteps = 10

    /// Net GEX by strike over the day: strikes up, time across, red negative / blue positive on a symmetric
    /// scale, with the spot path and Zero Gamma drawn over it. Snapshots are averaged into columns of at
    /// least 3 px and equal neighbouring cells merged, which keeps a 390-snapshot day small.
    static func heatmap(_ d: DayReportData) -> String {
        let width = fullWidth, height = 520.0
        var svg = SVGBuilder(width: width, height: height, label: "Net GEX by strike over the day")
        let area = PlotArea(width: width, height: height, top: 62, right: 24, bottom: 48, left: 66)
        svg.title("Net GEX by strike over the day", subtitle: "Where dealer gamma sits, minute by minute; spot path and Zero Gamma on top")

        let strikes = d.heatmapStrikes
        let n = d.heatmapValues.count
        let values = d.heatmapValues.flatMap { Array($0.prefix(strikes.count)) }
        guard n > 0, let sExtent = NiceTicks.extent(strikes), strikes.count == strikes.filter(\.isFinite).count else {
            svg.noData(area)
            return svg.render()
        }
        let scaleMax = symmetricScale(values)
        let spacing = minimumSpacing(strikes) ?? max(1, sExtent.1 - sExtent.0)
        let y = LinearScale(domain: (sExtent.0 - spacing / 2, sExtent.1 + spacing / 2), range: (area.y1, area.y0))
        let x = LinearScale(domain: (-0.5, Double(n) - 0.5), range: (area.x0, area.x1))
        heatmapLegend(&svg, scaleMax: scaleMax, rightX: width - 24, hasMissing: values.contains { !$0.isFinite })

        // Row edges halfway between neighbouring strikes.
        let order = strikes.indices.sorted { strikes[$0] < strikes[$1] }
        var edges: [(lo: Double, hi: Double)] = Array(repeating: (0, 0), count: strikes.count)
        for (k, j) in order.enumerated() {
            let lo = k == 0 ? strikes[j] - spacing / 2 : (strikes[order[k - 1]] + strikes[j]) / 2
            let hi = k == order.count - 1 ? strikes[j] + spacing / 2 : (strikes[j] + strikes[order[k + 1]]) / 2
            edges[j] = (lo, hi)
        }
        let perColumn = max(1, Int((Double(n) / (area.width / 3)).rounded(.up)))
        let columns = stride(from: 0, to: n, by: perColumn).map { ($0, min($0 + perColumn, n)) }

        svg.raw("<g shape-rendering=\"crispEdges\">")
        svg.rect(x: area.x0, y: area.y0, width: area.width, height: area.height, fill: Palette.diverging(0))
        for j in strikes.indices {
            let top = y(edges[j].hi), bottom = y(edges[j].lo)
            var runStart = 0, runBin: Int? = nil
            func flush(_ end: Int) {
                guard let bin = runBin, bin != 0 else { return }
                let x0 = x(Double(columns[runStart].0) - 0.5), x1 = x(Double(columns[end - 1].1) - 0.5)
                let fill = bin == Int.min ? "#5a6270" : Palette.diverging(Double(bin) / Double(heatmapSteps))
                // Half a unit of overlap with the neighbours hides anti-aliasing seams between cells.
                svg.rect(x: x0, y: top - 0.5, width: x1 - x0 + 0.5, height: bottom - top + 0.5, fill: fill)
            }
            for (c, col) in columns.enumerated() {
                var sum = 0.0, count = 0
                for s in col.0..<col.1 where j < d.heatmapValues[s].count && d.heatmapValues[s][j].isFinite {
                    sum += d.heatmapValues[s][j]
                    count += 1
                }
                let bin = count == 0 ? Int.min : colourBin(sum / Double(count), scaleMax: scaleMax)
                if bin != runBin {
                    if runBin != nil { flush(c) }
                    runStart = c
                    runBin = bin
                }
            }
            flush(columns.count)
        }
        svg.raw("</g>")

        let yt = NiceTicks.values(lo: y.domain.0, hi: y.domain.1, count: 8)
        let yFormat = AxisFormat.plain(step: yt.step)
        for t in yt.values {
            svg.line(area.x0 - 4, y(t), area.x0, y(t), stroke: Palette.axis)
            svg.text(area.x0 - 8, y(t) + 4, yFormat(t), size: 11, fill: Palette.muted, anchor: "end", mono: true)
        }
        svg.text(16, (area.y0 + area.y1) / 2, "Strike", size: 11, fill: Palette.muted, anchor: "middle", rotate: -90)
        let ticks = TimeTicks.indices(Array(d.timeLabels.prefix(n)), maxTicks: 14)
        svg.xAxis(area, positions: ticks.map { (x(Double($0)), d.timeLabels[$0]) }, title: "Time (US/Eastern)", gridLines: false)

        // Overlays, each on a dark halo so it reads over any colour.
        let idx = (0..<n).map(Double.init)
        let spot = (0..<n).map { $0 < d.spot.count ? Optional(d.spot[$0]) : nil }
        let zero = (0..<n).map { $0 < d.zeroGamma.count ? d.zeroGamma[$0] : nil }
        let inside: (Double?) -> Double? = { v in v.flatMap { y.contains($0) ? $0 : nil } }
        let zeroRuns = seriesSegments(xs: idx, ys: zero.map(inside), x: x, y: y)
        let spotRuns = seriesSegments(xs: idx, ys: spot.map(inside), x: x, y: y)
        svg.series(zeroRuns, color: Palette.page, width: 4)
        svg.series(zeroRuns, color: Palette.zeroGamma, width: 1.8, dash: "6 4")
        svg.series(spotRuns, color: Palette.page, width: 4.5)
        svg.series(spotRuns, color: Palette.spot, width: 2)
        svg.legend([LegendEntry(name: "spot", color: Palette.spot, style: .line),
                    LegendEntry(name: "Zero Γ", color: Palette.zeroGamma, style: .dashed)], rightX: width - 330, y: 24)
        return svg.render()
    }

    /// The colour bin of `v` on a symmetric scale: −steps…steps.
    static func colourBin(_ v: Double, scaleMax: Double) -> Int {
        let t = max(-1, min(1, v / scaleMax))
        return Int((t * Double(heatmapSteps)).rounded())
    }

    /// The symmetric colour scale end: the 98th percentile of |value| rounded up to two significant digits,
    /// so that one outlier does not wash out the rest (values beyond it take the end colour).
    static func symmetricScale(_ values: [Double]) -> Double {
        let mags = values.filter(\.isFinite).map(abs).filter { $0 > 0 }.sorted()
        guard !mags.isEmpty else { return 1 }
        let p = mags[min(mags.count - 1, Int(Double(mags.count - 1) * 0.98))]
        let unit = pow(10, floor(log10(p)) - 1)
        return (p / unit).rounded(.up) * unit
    }

    /// The colour legend: one box per bin, labelled at −max, −max/2, 0, max/2 and max.
    static func heatmapLegend(_ svg: inout SVGBuilder, scaleMax: Double, rightX: Double, hasMissing: Bool) {
        let boxes = 2 * heatmapSteps + 1, boxWidth = 11.0
        let x0 = rightX - Double(boxes) * boxWidth - (hasMissing ? 44 : 0)
        let end = AxisFormat.money(ticks: [scaleMax], step: pow(10, floor(log10(scaleMax)) - 1))(scaleMax)
        svg.text(x0, 16, "net GEX, clipped at ±\(end) (98th pct of |GEX|)", size: 11, fill: Palette.muted)
        for b in 0..<boxes {
            let bin = b - heatmapSteps
            svg.rect(x: x0 + Double(b) * boxWidth, y: 22, width: boxWidth, height: 10,
                     fill: Palette.diverging(Double(bin) / Double(heatmapSteps)))
        }
        let ticks = [-1.0, -0.5, 0, 0.5, 1]
        let format = AxisFormat.money(ticks: ticks.map { $0 * scaleMax }, step: scaleMax / 2)
        for t in ticks {
            let cx = x0 + (t + 1) / 2 * Double(boxes - 1) * boxWidth + boxWidth / 2
            svg.text(cx, 46, format(t * scaleMax), size: 10.5, fill: Palette.muted, anchor: "middle", mono: true)
        }
        if hasMissing {
            let mx = x0 + Double(boxes) * boxWidth + 10
            svg.rect(x: mx, y: 22, width: 10, height: 10, fill: "#5a6270")
            svg.text(mx + 14, 31, ReportFormat.missing, size: 10.5, fill: Palette.muted)
        }
    }
}
