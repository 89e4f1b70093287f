import Foundation

// The SVG writer's primitives: escaping, coordinate text, the element builder and the palette.
// Pure string building: the same input always gives the same bytes (coordinates have one decimal).

/// XML/HTML escaping for text content and attribute values.
enum Markup {
    /// `&`, `<`, `>`, `"` and `'` replaced by entities; safe in text and in quoted attributes.
    static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for ch in s.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                // Control characters other than tab/newline are not allowed in XML 1.0.
                if ch.value < 0x20 && ch != "\t" && ch != "\n" { out += " " } else { out.unicodeScalars.append(ch) }
            }
        }
        return out
    }
}

/// A coordinate as text with one decimal ("12.0", never "-0.0"); callers never pass non-finite values.
@inline(__always)
func svgNumber(_ x: Double) -> String {
    let r = (x * 10).rounded() / 10
    return String(format: "%.1f", r == 0 ? 0 : r)
}

/// Colours of the report (dark theme), shared by the charts and the page CSS.
enum Palette {
    static let page = "#0d1117"
    static let panel = "#161b22"
    static let border = "#30363d"
    static let grid = "#252c35"
    static let axis = "#484f58"
    static let text = "#e6edf3"
    static let muted = "#8b949e"
    static let spot = "#f0f6fc"
    static let zeroGamma = "#e3b341"
    static let callWall = "#58a6ff"
    static let putWall = "#ff7b72"
    static let calls = "#388bfd"
    static let puts = "#f85149"
    static let net = "#d2a8ff"
    static let positiveFill = "#388bfd"
    static let negativeFill = "#f85149"
    /// Curve colours in order: the main curve first, then the variants.
    static let curves = ["#e6edf3", "#bc8cff", "#3fb950", "#f778ba", "#56d4dd", "#ffa657"]
    /// Diverging heatmap stops: negative end, middle (zero), positive end (RGB).
    static let divergingNegative: (Double, Double, Double) = (248, 81, 73)
    static let divergingMiddle: (Double, Double, Double) = (38, 44, 52)
    static let divergingPositive: (Double, Double, Double) = (56, 139, 253)

    /// The diverging colour at `t` in [-1, 1] (clamped), as `#rrggbb`.
    static func diverging(_ t: Double) -> String {
        let u = Swift.max(-1, Swift.min(1, t))
        let end = u < 0 ? divergingNegative : divergingPositive
        let a = abs(u)
        func mix(_ m: Double, _ e: Double) -> Int { Int((m + (e - m) * a).rounded()) }
        return String(format: "#%02x%02x%02x", mix(divergingMiddle.0, end.0), mix(divergingMiddle.1, end.1),
                      mix(divergingMiddle.2, end.2))
    }
}

/// An SVG document under construction: elements are appended as text, in drawing order.
struct SVGBuilder {
    /// Width and height in user units (also the viewBox).
    let width: Double
    let height: Double
    /// The accessible name of the chart (`aria-label`).
    let label: String
    private(set) var body: [String] = []

    init(width: Double, height: Double, label: String) {
        self.width = width
        self.height = height
        self.label = label
    }

    /// Appends markup as is (already escaped).
    mutating func raw(_ s: String) { body.append(s) }

    /// A rectangle; negative sizes are normalised.
    mutating func rect(x: Double, y: Double, width w: Double, height h: Double, fill: String,
                       opacity: Double? = nil, stroke: String? = nil, radius: Double? = nil) {
        let x0 = w < 0 ? x + w : x, y0 = h < 0 ? y + h : y
        var s = "<rect x=\"\(svgNumber(x0))\" y=\"\(svgNumber(y0))\" width=\"\(svgNumber(abs(w)))\" height=\"\(svgNumber(abs(h)))\" fill=\"\(fill)\""
        if let opacity { s += " fill-opacity=\"\(String(format: "%.2f", opacity))\"" }
        if let stroke { s += " stroke=\"\(stroke)\"" }
        if let radius { s += " rx=\"\(svgNumber(radius))\"" }
        body.append(s + "/>")
    }

    /// A straight line.
    mutating func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, stroke: String,
                       width w: Double = 1, dash: String? = nil, opacity: Double? = nil) {
        var s = "<line x1=\"\(svgNumber(x1))\" y1=\"\(svgNumber(y1))\" x2=\"\(svgNumber(x2))\" y2=\"\(svgNumber(y2))\" stroke=\"\(stroke)\" stroke-width=\"\(svgNumber(w))\""
        if let dash { s += " stroke-dasharray=\"\(dash)\"" }
        if let opacity { s += " stroke-opacity=\"\(String(format: "%.2f", opacity))\"" }
        body.append(s + "/>")
    }

    /// An open polyline through `points` (at least two), e.g. one unbroken segment of a series.
    mutating func polyline(_ points: [(Double, Double)], stroke: String, width w: Double = 1.5,
                           dash: String? = nil, cssClass: String? = nil) {
        guard points.count >= 2 else { return }
        let pts = points.map { "\(svgNumber($0.0)),\(svgNumber($0.1))" }.joined(separator: " ")
        var s = "<polyline points=\"\(pts)\" fill=\"none\" stroke=\"\(stroke)\" stroke-width=\"\(svgNumber(w))\" stroke-linejoin=\"round\" stroke-linecap=\"round\""
        if let dash { s += " stroke-dasharray=\"\(dash)\"" }
        if let cssClass { s += " class=\"\(cssClass)\"" }
        body.append(s + "/>")
    }

    /// A closed, filled polygon.
    mutating func polygon(_ points: [(Double, Double)], fill: String, opacity: Double, clipPath: String? = nil) {
        guard points.count >= 3 else { return }
        let pts = points.map { "\(svgNumber($0.0)),\(svgNumber($0.1))" }.joined(separator: " ")
        var s = "<polygon points=\"\(pts)\" fill=\"\(fill)\" fill-opacity=\"\(String(format: "%.2f", opacity))\""
        if let clipPath { s += " clip-path=\"url(#\(clipPath))\"" }
        body.append(s + "/>")
    }

    /// A circle.
    mutating func circle(_ cx: Double, _ cy: Double, r: Double, fill: String, stroke: String? = nil) {
        var s = "<circle cx=\"\(svgNumber(cx))\" cy=\"\(svgNumber(cy))\" r=\"\(svgNumber(r))\" fill=\"\(fill)\""
        if let stroke { s += " stroke=\"\(stroke)\" stroke-width=\"1.5\"" }
        body.append(s + "/>")
    }

    /// Text (escaped here). `anchor` is start, middle or end; `rotate` turns it about its anchor point; `halo`
    /// outlines it in the panel colour so it stays readable over lines.
    mutating func text(_ x: Double, _ y: Double, _ string: String, size: Double = 11, fill: String = Palette.muted,
                       anchor: String = "start", weight: String? = nil, rotate: Double? = nil, mono: Bool = false,
                       halo: Bool = false) {
        var s = "<text x=\"\(svgNumber(x))\" y=\"\(svgNumber(y))\" font-size=\"\(svgNumber(size))\" fill=\"\(fill)\""
        if anchor != "start" { s += " text-anchor=\"\(anchor)\"" }
        if let weight { s += " font-weight=\"\(weight)\"" }
        if mono { s += " class=\"mono\"" }
        if halo { s += " stroke=\"\(Palette.panel)\" stroke-width=\"3.5\" stroke-linejoin=\"round\" paint-order=\"stroke\"" }
        if let rotate { s += " transform=\"rotate(\(svgNumber(rotate)) \(svgNumber(x)) \(svgNumber(y)))\"" }
        body.append(s + ">" + Markup.escape(string) + "</text>")
    }

    /// The finished `<svg>` element (inline in HTML, also valid as a standalone XML document).
    func render(cssClass: String = "chart") -> String {
        let w = svgNumber(width), h = svgNumber(height)
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"\(cssClass)\" viewBox=\"0 0 \(w) \(h)\" width=\"\(w)\" height=\"\(h)\" role=\"img\" aria-label=\"\(Markup.escape(label))\">\n"
            + body.joined(separator: "\n") + "\n</svg>"
    }
}

/// Rough text width for layout: `perCharacter` em per character (0.6 fits monospace and bold sans,
/// 0.55 regular sans); enough to place legends and stagger labels.
func estimatedTextWidth(_ s: String, size: Double, perCharacter: Double = 0.6) -> Double {
    Double(s.count) * size * perCharacter
}
