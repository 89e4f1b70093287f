import Foundation

// Chart furniture on top of SVGBuilder: plot area, title, legend, axes with grid, and labelled vertical
// markers (spot, Zero Gamma, walls) whose tags are staggered so that close levels stay readable.

/// The rectangle the data is drawn in, in SVG user units.
struct PlotArea {
    let x0: Double, y0: Double, x1: Double, y1: Double
    var width: Double { x1 - x0 }
    var height: Double { y1 - y0 }

    /// The area of a `width` × `height` chart left after the given margins.
    init(width: Double, height: Double, top: Double, right: Double, bottom: Double, left: Double) {
        x0 = left
        y0 = top
        x1 = width - right
        y1 = height - bottom
    }

    init(x0: Double, y0: Double, x1: Double, y1: Double) {
        self.x0 = x0
        self.y0 = y0
        self.x1 = x1
        self.y1 = y1
    }
}

/// One legend item.
struct LegendEntry {
    enum Style { case line, dashed, box }
    let name: String
    let color: String
    let style: Style
}

/// A vertical line across the plot at a data value, with a coloured tag naming it.
struct Marker {
    let name: String
    let value: Double?
    let color: String
    let dash: String?
    /// "Call Wall 4800" (or "Call Wall n/a").
    var tag: String { "\(name) \(ReportFormat.level(value))" }
}

extension SVGBuilder {
    /// Chart title (bold) and an optional muted subtitle under it, top left.
    mutating func title(_ title: String, subtitle: String?) {
        text(16, 24, title, size: 15, fill: Palette.text, weight: "600")
        if let subtitle { text(16, 42, subtitle, size: 11.5, fill: Palette.muted) }
    }

    /// A row of legend items ending at `rightX`, baseline `y`.
    mutating func legend(_ entries: [LegendEntry], rightX: Double, y: Double) {
        let size = 11.5
        let widths = entries.map { 22 + estimatedTextWidth($0.name, size: size, perCharacter: 0.55) + 16 }
        var x = rightX - widths.reduce(0, +)
        for (entry, w) in zip(entries, widths) {
            switch entry.style {
            case .line: line(x, y - 4, x + 16, y - 4, stroke: entry.color, width: 2.5)
            case .dashed: line(x, y - 4, x + 16, y - 4, stroke: entry.color, width: 2, dash: "4 3")
            case .box: rect(x: x + 3, y: y - 9, width: 10, height: 10, fill: entry.color, radius: 2)
            }
            text(x + 22, y, entry.name, size: size, fill: Palette.text)
            x += w
        }
    }

    /// Horizontal grid lines with y tick labels on the left, and the y axis title (rotated).
    mutating func yAxis(_ area: PlotArea, scale: LinearScale, ticks: [Double], format: (Double) -> String,
                        title: String?, labelOnRight: Bool = false) {
        for t in ticks {
            let y = scale(t)
            guard y >= area.y0 - 0.5, y <= area.y1 + 0.5 else { continue }
            line(area.x0, y, area.x1, y, stroke: Palette.grid, width: 1)
            if labelOnRight {
                text(area.x1 + 6, y + 4, format(t), size: 11, fill: Palette.muted, mono: true)
            } else {
                text(area.x0 - 8, y + 4, format(t), size: 11, fill: Palette.muted, anchor: "end", mono: true)
            }
        }
        if let title {
            let x = labelOnRight ? area.x1 + 58 : 16.0
            text(x, (area.y0 + area.y1) / 2, title, size: 11, fill: Palette.muted, anchor: "middle", rotate: -90)
        }
    }

    /// Vertical grid lines with x tick labels under the plot, the baseline, and the x axis title.
    mutating func xAxis(_ area: PlotArea, positions: [(x: Double, label: String)], title: String?, gridLines: Bool = true) {
        for p in positions where p.x >= area.x0 - 0.5 && p.x <= area.x1 + 0.5 {
            if gridLines { line(p.x, area.y0, p.x, area.y1, stroke: Palette.grid, width: 1) }
            line(p.x, area.y1, p.x, area.y1 + 4, stroke: Palette.axis, width: 1)
            text(p.x, area.y1 + 17, p.label, size: 11, fill: Palette.muted, anchor: "middle", mono: true)
        }
        line(area.x0, area.y1, area.x1, area.y1, stroke: Palette.axis, width: 1)
        if let title { text((area.x0 + area.x1) / 2, area.y1 + 36, title, size: 11, fill: Palette.muted, anchor: "middle") }
    }

    /// The y = 0 line, stronger than the grid, when 0 is inside the y domain.
    mutating func zeroLine(_ area: PlotArea, scale: LinearScale) {
        guard scale.contains(0) else { return }
        line(area.x0, scale(0), area.x1, scale(0), stroke: Palette.axis, width: 1.2)
    }

    /// Vertical marker lines with tags at the top of the plot; tags are placed in up to four rows so that
    /// they do not overlap. A marker outside the x domain gets a tag with an arrow at that edge and no line.
    mutating func markers(_ markers: [Marker], area: PlotArea, scale: LinearScale) {
        let size = 11.0
        var rowsRightEdge: [Double] = []
        let placed = markers.compactMap { m -> (Marker, Double)? in
            guard let v = m.value, v.isFinite else { return nil }
            return (m, scale(v))
        }.sorted { $0.1 < $1.1 }
        var tags: [(marker: Marker, x: Double, tagX: Double, tagY: Double, width: Double, label: String)] = []
        for (m, x) in placed {
            let arrow = x < area.x0 ? "\u{25C2} " : (x > area.x1 ? " \u{25B8}" : "")
            let label = x < area.x0 ? arrow + m.tag : m.tag + arrow
            let w = estimatedTextWidth(label, size: size) + 10
            let tagX = Swift.min(Swift.max(x - w / 2, area.x0), area.x1 - w)
            var row = rowsRightEdge.firstIndex { $0 + 4 <= tagX } ?? rowsRightEdge.count
            row = Swift.min(row, 3)
            if row == rowsRightEdge.count { rowsRightEdge.append(tagX + w) } else { rowsRightEdge[row] = tagX + w }
            tags.append((m, x, tagX, area.y0 + 2 + Double(row) * 19, w, label))
        }
        // Lines first, tags on top, so no line crosses another marker's tag.
        for t in tags where t.x >= area.x0 && t.x <= area.x1 {
            line(t.x, t.tagY + 16, t.x, area.y1, stroke: t.marker.color, width: 1.6, dash: t.marker.dash)
            if t.tagY > area.y0 + 2 { line(t.x, area.y0, t.x, t.tagY, stroke: t.marker.color, width: 1, dash: "1 3", opacity: 0.6) }
        }
        for t in tags {
            rect(x: t.tagX, y: t.tagY, width: t.width, height: 16, fill: t.marker.color, radius: 3)
            text(t.tagX + t.width / 2, t.tagY + 12, t.label, size: size, fill: Palette.page, anchor: "middle", weight: "600")
        }
    }

    /// A small message in the middle of the plot, for a chart without data.
    mutating func noData(_ area: PlotArea, _ message: String = "no data") {
        text((area.x0 + area.x1) / 2, (area.y0 + area.y1) / 2, message, size: 13, fill: Palette.muted, anchor: "middle")
    }
}
