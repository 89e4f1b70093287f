import Foundation

// Series drawing: line series broken at missing points, step lines, area fills split at zero, bars.

/// Pixel points of a series, split into unbroken runs wherever x or y is nil or non-finite.
func seriesSegments(xs: [Double], ys: [Double?], x: LinearScale, y: LinearScale) -> [[(Double, Double)]] {
    var runs: [[(Double, Double)]] = []
    var current: [(Double, Double)] = []
    for (xv, yv) in zip(xs, ys) {
        if let yv, yv.isFinite, xv.isFinite {
            current.append((x(xv), y(yv)))
        } else if !current.isEmpty {
            runs.append(current)
            current = []
        }
    }
    if !current.isEmpty { runs.append(current) }
    return runs
}

/// Like `seriesSegments`, as steps: each value holds until the next x (walls jump from strike to strike).
func stepSegments(xs: [Double], ys: [Double?], x: LinearScale, y: LinearScale) -> [[(Double, Double)]] {
    seriesSegments(xs: xs, ys: ys, x: x, y: y).map { run in
        var out: [(Double, Double)] = []
        for (i, p) in run.enumerated() {
            if i > 0 { out.append((p.0, run[i - 1].1)) }
            out.append(p)
        }
        return out
    }
}

extension SVGBuilder {
    /// A line series (every unbroken run as one polyline); a lone point becomes a dot.
    mutating func series(_ runs: [[(Double, Double)]], color: String, width: Double, dash: String? = nil) {
        for run in runs {
            if run.count == 1 { circle(run[0].0, run[0].1, r: width, fill: color) } else {
                polyline(run, stroke: color, width: width, dash: dash)
            }
        }
    }

    /// Fills between a series and y = 0: blue where it is positive, red where negative (two clip paths,
    /// whose ids start with `id`).
    mutating func zeroSplitArea(_ runs: [[(Double, Double)]], area: PlotArea, zeroY: Double, id: String,
                                opacity: Double = 0.22) {
        let z = Swift.min(Swift.max(zeroY, area.y0), area.y1)
        raw("<defs><clipPath id=\"\(id)-pos\"><rect x=\"\(svgNumber(area.x0))\" y=\"\(svgNumber(area.y0))\" width=\"\(svgNumber(area.width))\" height=\"\(svgNumber(z - area.y0))\"/></clipPath>"
            + "<clipPath id=\"\(id)-neg\"><rect x=\"\(svgNumber(area.x0))\" y=\"\(svgNumber(z))\" width=\"\(svgNumber(area.width))\" height=\"\(svgNumber(area.y1 - z))\"/></clipPath></defs>")
        for run in runs where run.count >= 2 {
            let closed = run + [(run[run.count - 1].0, z), (run[0].0, z)]
            polygon(closed, fill: Palette.positiveFill, opacity: opacity, clipPath: "\(id)-pos")
            polygon(closed, fill: Palette.negativeFill, opacity: opacity, clipPath: "\(id)-neg")
        }
    }

    /// A vertical bar from y = 0 to `value` centred at `x`; skipped when `value` is not finite.
    mutating func bar(x: Double, width w: Double, value: Double, y: LinearScale, color: String, opacity: Double? = nil) {
        guard value.isFinite, value != 0 else { return }
        let zero = y(0), top = y(value)
        rect(x: x - w / 2, y: Swift.min(zero, top), width: w, height: Swift.max(abs(top - zero), 0.6), fill: color,
             opacity: opacity)
    }
}
