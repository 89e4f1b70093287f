import OptionsMath

/// Which side of each open contract dealers (market makers) are assumed to hold.
///
/// A sign of +1 means dealers are long the contract (they gain gamma from it), −1 short.
/// Public tools disagree, so the preset is a parameter and every output records it.
public enum DealerSign: String, Sendable, Codable, Hashable, CaseIterable {
    /// Dealers long calls, short puts (+call, −put): SqueezeMetrics, Perfiliev, most scripts.
    case classic
    /// Customers long everything: dealers short calls, long puts (−call, +put).
    case customersLong = "customers-long"
    /// Dealers short both calls and puts (−call, −put): SpotGamma's single-stock model.
    case shortBoth = "short-both"

    /// The dealer position sign for a contract of the given right.
    public func sign(for right: OptionRight) -> Double {
        switch (self, right) {
        case (.classic, .call), (.customersLong, .put): return 1
        case (.classic, .put), (.customersLong, .call), (.shortBoth, _): return -1
        }
    }

    /// A one-line statement of the convention, for metadata.
    public var summary: String {
        switch self {
        case .classic: return "dealers long calls, short puts (+call, -put)"
        case .customersLong: return "dealers short calls, long puts (-call, +put)"
        case .shortBoth: return "dealers short calls and puts (-call, -put)"
        }
    }
}
