import Foundation

/// A skewed implied-volatility surface with a term structure, smooth in strike and time:
/// σ(k, T) = σ_ATM(T) · (1 − 0.12 x + 0.025 x²) with x = k / (σ_ATM √T) the standardised
/// log-moneyness (k = ln(K/F), x clamped to ±6), so the put wing is rich and the call wing cheap
/// at every expiry, as in index options. σ_ATM falls from ~21.5 % at the shortest expiries to
/// ~14.5 % beyond a year.
public struct VolatilitySurface: Sendable {
    /// Day-specific level shift (e.g. +0.01 on a volatile day).
    public var levelShift: Double

    /// A surface with an overall level shift.
    public init(levelShift: Double = 0) { self.levelShift = levelShift }

    /// ATM volatility for `years` to expiry.
    public func atmVolatility(years: Double) -> Double {
        0.145 + levelShift + 0.07 * exp(-years / 0.08)
    }

    /// Implied volatility at log-moneyness `k` for `years` to expiry.
    public func volatility(logMoneyness k: Double, years: Double) -> Double {
        let t = max(years, 1.0 / (365 * 24 * 60))
        let atm = atmVolatility(years: t)
        let x = min(max(k / (atm * t.squareRoot()), -6), 6)
        return atm * (1 - 0.12 * x + 0.025 * x * x)
    }
}
