import Foundation

/// Number text for the HTML report: fixed decimals, a true minus sign, B/M/K suffixes for money,
/// and "n/a" for a missing or non-finite number (never "nan" or "inf").
public enum ReportFormat {
    /// The text shown for a missing or non-finite number.
    public static let missing = "n/a"

    /// Money with a scale suffix and `decimals` decimals: "−4.17B", "312.50M", "8.00K", "12.34".
    public static func money(_ x: Double?, decimals: Int = 2) -> String {
        guard let x, x.isFinite else { return missing }
        let (divisor, suffix) = moneyScale(abs(x))
        return signed(x / divisor, decimals: decimals) + suffix
    }

    /// A price level: no decimals when whole, else two ("4720", "4721.35").
    public static func level(_ x: Double?) -> String {
        guard let x, x.isFinite else { return missing }
        return signed(x, decimals: x == x.rounded() ? 0 : 2)
    }

    /// A number with fixed decimals ("4750.25").
    public static func fixed(_ x: Double?, decimals: Int) -> String {
        guard let x, x.isFinite else { return missing }
        return signed(x, decimals: decimals)
    }

    /// The divisor and suffix for a magnitude: T, B, M, K or none.
    static func moneyScale(_ magnitude: Double) -> (Double, String) {
        switch magnitude {
        case 1e12...: return (1e12, "T")
        case 1e9...: return (1e9, "B")
        case 1e6...: return (1e6, "M")
        case 1e3...: return (1e3, "K")
        default: return (1, "")
        }
    }

    /// `x` with `decimals` decimals and U+2212 for negatives; "-0.00" becomes "0.00".
    static func signed(_ x: Double, decimals: Int) -> String {
        let text = String(format: "%.\(max(0, decimals))f", abs(x))
        let isZero = text.allSatisfy { $0 == "0" || $0 == "." }
        return (x < 0 && !isZero ? "\u{2212}" : "") + text
    }
}

/// Tick label formatters: decimals follow the tick step, so labels are as short as the ticks allow.
enum AxisFormat {
    /// Money ticks with one suffix for the whole axis, chosen from the largest tick: "−2B", "1.5B", "0".
    static func money(ticks: [Double], step: Double) -> (Double) -> String {
        let largest = ticks.map(abs).max() ?? 0
        let (divisor, suffix) = ReportFormat.moneyScale(largest)
        let decimals = decimalsFor(step: step / divisor)
        return { v in
            let text = ReportFormat.signed(v / divisor, decimals: decimals)
            return text.allSatisfy({ $0 == "0" || $0 == "." }) ? "0" : text + suffix
        }
    }

    /// Plain ticks (prices, strikes): "4700", "4712.5".
    static func plain(step: Double) -> (Double) -> String {
        let decimals = decimalsFor(step: step)
        return { ReportFormat.signed($0, decimals: decimals) }
    }

    /// Decimals needed to show multiples of a 1-2-5 `step` exactly (0 for steps ≥ 1).
    static func decimalsFor(step: Double) -> Int {
        guard step > 0, step.isFinite else { return 0 }
        return max(0, Int((-log10(step) - 1e-9).rounded(.up)))
    }
}
