/// The sign of dealer gamma at spot: whether dealer re-hedging damps or amplifies moves.
public enum GammaRegime: String, Sendable, Codable {
    /// Dealers net long gamma (profile > 0 at spot): they sell rallies and buy dips.
    case longGamma = "long-gamma"
    /// Dealers net short gamma (profile < 0 at spot): they chase moves.
    case shortGamma = "short-gamma"
    /// Exactly zero (no open interest, or no gamma).
    case neutral

    /// The regime for a profile value at spot.
    public init(profileAtSpot value: Double) {
        self = value > 0 ? .longGamma : (value < 0 ? .shortGamma : .neutral)
    }
}
