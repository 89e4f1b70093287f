/// Whether a snapshot's analytics could be computed, written as the `status` column of `levels`.
/// A snapshot that cannot be computed is kept (one `levels` row, levels null) and flagged — never NaN.
public enum SnapshotStatus: String, Sendable, Codable, CaseIterable {
    /// Computed.
    case ok
    /// No usable underlying price: the archive had none and no put-call pair gave a parity forward.
    case noSpot = "skipped: no spot"
    /// No live contract with a quote row at this instant (all settled, or none listed).
    case noContracts = "skipped: no live contracts"
    /// Computed, but every position weight is zero (no open interest): all exposures are 0.
    case noOpenInterest = "no open interest: exposures zero"
}
