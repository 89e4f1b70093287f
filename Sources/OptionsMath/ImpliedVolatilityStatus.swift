/// Why an implied volatility is missing (stored as its `UInt8` raw value in batch columns).
///
/// Every solver entry point returns exactly one status; the volatility is a finite σ > 0 when the
/// status is `.ok` and NaN otherwise. Checks happen in the order of the cases below (the first that
/// applies wins); "within rounding" means within 4ε (normalised by √(FK)) of the sum of the forward
/// and strike legs for the intrinsic value, and within 4ε of the maximum for the maximum.
public enum ImpliedVolatilityStatus: UInt8, Sendable, CaseIterable {
    /// σ found; it reprices the option to the attainable accuracy of double precision.
    case ok = 0
    /// NaN or ±∞ in any input, spot/forward ≤ 0, strike ≤ 0, negative price or T < 0.
    case invalidInput = 1
    /// T == 0: no time value exists, σ is undefined.
    case expired = 2
    /// Price below the intrinsic value (of the forward, discounted) by more than rounding: no σ.
    case belowIntrinsic = 3
    /// Price ≥ the maximum value (S e^{−qT} for a call, K e^{−rT} for a put), or equal to it within
    /// rounding: no finite σ.
    case aboveMaximum = 4
    /// Price equals the intrinsic value within rounding, or the out-of-the-money part is 0
    /// (underflow): σ is not determined by the price.
    case notIdentifiable = 5

    /// Short kebab-case text for reports and logs, e.g. "below-intrinsic".
    public var reason: String {
        switch self {
        case .ok: return "ok"
        case .invalidInput: return "invalid-input"
        case .expired: return "expired"
        case .belowIntrinsic: return "below-intrinsic"
        case .aboveMaximum: return "above-maximum"
        case .notIdentifiable: return "not-identifiable"
        }
    }
}
