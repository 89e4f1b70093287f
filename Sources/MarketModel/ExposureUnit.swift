/// The unit an exposure figure is stated in (domain.md §4). Published GEX magnitudes are not
/// comparable across vendors without it, so every output carries one.
public enum ExposureUnit: String, Sendable, Codable, Hashable {
    /// GEX: dollars of underlying dealers trade for a 1 % move: s·Γ·OI·M·S²·0.01.
    case dollarsPerOnePercent = "USD per 1% move"
    /// GEX: dollars per 1-point move: s·Γ·OI·M·S.
    case dollarsPerPoint = "USD per 1-point move"
    /// GEX: shares per 1-point move: s·Γ·OI·M.
    case sharesPerPoint = "shares per 1-point move"

    /// Factor applied to Γ·OI·M to obtain this unit at spot `s`.
    public func scale(spot s: Double) -> Double {
        switch self {
        case .dollarsPerOnePercent: return s * s * 0.01
        case .dollarsPerPoint: return s
        case .sharesPerPoint: return 1
        }
    }
}
