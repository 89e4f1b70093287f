import Foundation

/// Number formatting shared by the text, CSV and JSON writers.
enum NumberFormat {
    /// Shortest round-trip decimal (Swift's `description`), for CSV cells; empty for NaN.
    static func csv(_ x: Double) -> String { x.isFinite ? "\(x)" : "" }

    /// Fixed decimals for tables.
    static func fixed(_ x: Double, _ decimals: Int) -> String { String(format: "%.\(decimals)f", x) }

    /// Money with a scale suffix: `-4.17B`, `312.5M`.
    static func money(_ x: Double) -> String {
        let a = abs(x)
        switch a {
        case 1e12...: return String(format: "%.2fT", x / 1e12)
        case 1e9...: return String(format: "%.2fB", x / 1e9)
        case 1e6...: return String(format: "%.2fM", x / 1e6)
        case 1e3...: return String(format: "%.2fK", x / 1e3)
        default: return String(format: "%.2f", x)
        }
    }

    /// A strike or level: no decimals when whole.
    static func level(_ x: Double?) -> String {
        guard let x else { return "none" }
        return x == x.rounded() ? String(format: "%.0f", x) : String(format: "%.2f", x)
    }
}
