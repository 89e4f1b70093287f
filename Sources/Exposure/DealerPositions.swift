import MarketModel

/// How dealer positions per contract are formed.
public enum PositionModel: Sendable, Equatable {
    /// A sign preset applied to opening open interest.
    case preset(DealerSign)
    /// Intraday flow: the base preset on opening OI, plus every classified print up to the
    /// snapshot (a customer buy makes dealers shorter by its size, a customer sell longer).
    case flow(base: DealerSign)

    /// Name for metadata: "classic", …, or "flow(classic)".
    public var name: String {
        switch self {
        case .preset(let s): return s.rawValue
        case .flow(let base): return "flow(\(base.rawValue))"
        }
    }
}

/// Signed dealer positions (in contracts) per contract of a day store, at any snapshot.
///
/// For `.flow`, prints are accumulated in time order and the positions at a snapshot include every
/// print with an event time at or before the snapshot instant. Positions are deterministic: prints
/// are added in their stored order.
public struct DealerPositions: Sendable {
    /// The model used.
    public let model: PositionModel
    private let opening: [Double]
    private let trades: TradePrints?
    private let sides: [TradeSide]
    /// Classification counts (nil for presets).
    public let classification: TradeClassification?

    /// Prepares positions for `store` under `model`.
    public init(store: DayStore, model: PositionModel) {
        self.model = model
        let base: DealerSign
        switch model {
        case .preset(let s): base = s
        case .flow(let s): base = s
        }
        opening = zip(store.contracts, store.openInterest).map { base.sign(for: $0.0.right) * ($0.1.isNaN ? 0 : $0.1) }
        if case .flow = model, let trades = store.trades {
            self.trades = trades
            let c = TradeClassifier.classify(trades)
            sides = c.sides
            classification = c
        } else {
            trades = nil
            sides = []
            classification = nil
        }
    }

    /// Dealer position per contract at `instant` (signed contracts; + = dealers long).
    public func positions(at instant: Instant) -> [Double] {
        var p = opening
        guard let trades else { return p }
        let limit = instant.secondsSinceEpoch * 1_000_000_000
        for i in 0..<trades.count where trades.nanoseconds[i] <= limit {
            p[Int(trades.contract[i])] -= Double(sides[i].rawValue) * trades.size[i]
        }
        return p
    }
}
