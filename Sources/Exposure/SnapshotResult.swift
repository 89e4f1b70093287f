import MarketModel

/// Dealer exposure at one strike (all live expiries): GEX split by side; DEX, VEX, CEX net.
public struct StrikeRow: Sendable, Equatable {
    /// Strike.
    public let strike: Double
    /// GEX of calls and of puts, in the configured unit.
    public var callGEX = 0.0, putGEX = 0.0
    /// Net DEX ($ delta), VEX ($ delta per vol point), CEX ($ delta per day).
    public var dex = 0.0, vex = 0.0, cex = 0.0
    /// Open interest of calls and puts (contracts).
    public var callOpenInterest = 0.0, putOpenInterest = 0.0
    /// Net GEX.
    public var netGEX: Double { callGEX + putGEX }
}

/// Dealer exposure of one expiry (settlement instant).
public struct ExpiryRow: Sendable, Equatable {
    /// Expiry date and settlement instant.
    public let expiry: CivilDate, settlement: Instant
    /// Days to settlement (fractional).
    public let days: Double
    /// Forward and discount used, and their source.
    public let forward: ForwardEstimate
    /// GEX (calls, puts), DEX, VEX, CEX.
    public var callGEX = 0.0, putGEX = 0.0, dex = 0.0, vex = 0.0, cex = 0.0
    /// Contracts.
    public var contracts = 0
}

/// One row of the hedging-flow table.
public struct FlowRow: Sendable, Equatable {
    /// Spot move as a fraction (0.01 = +1 %).
    public let move: Double
    /// Exact re-hedge: Σ w·[Δ(S(1+x)) − Δ(S)]·S(1+x), dollars dealers must buy (+) or sell (−).
    public let exact: Double
    /// Linear estimate: GEX per 1 % × (x in %), with the sign of the trade dealers make.
    public let linear: Double
    /// True where the exact flow exceeds the linear one by 25 % and dealers trade with the move
    /// (short gamma feeding on itself): the squeeze zone.
    public let squeeze: Bool
}

/// Everything computed for one snapshot.
public struct SnapshotResult: Sendable {
    /// Snapshot instant, spot and where spot came from.
    public let time: Instant, spot: Double, spotSource: String
    /// Totals: GEX (unit), DEX ($), VEX ($ per vol point), CEX ($ per day).
    public var netGEX = 0.0, callGEX = 0.0, putGEX = 0.0, netDEX = 0.0, netVEX = 0.0, netCEX = 0.0
    /// GEX at spot from the repriced profile, and the regime.
    public var profileAtSpot = 0.0
    public var regime = GammaRegime.neutral
    /// Zero Gamma: nearest root and all roots (ascending).
    public var zeroGamma: Double? = nil, zeroGammas: [Double] = []
    /// Why `zeroGamma` is nil, in words (e.g. "no zero gamma within ±10 % of spot"); nil when there is one.
    public var zeroGammaNote: String? = nil
    /// Whether the snapshot could be computed; when not, every level is nil and the reason is here.
    public var status = SnapshotStatus.ok
    /// Delta-neutral price: the root of the DEX profile nearest spot.
    public var deltaNeutral: Double? = nil
    /// Walls (band and DTE filter of the configuration).
    public var walls: Walls? = nil
    /// Gamma notional Σ|call GEX| − Σ|put GEX|, and tilt = |call| / (|call| + |put|).
    public var gammaNotional = 0.0, gammaTilt = 0.5
    /// Vanna flow per vol point (= VEX), charm flow to the close ($ delta), and per hour for 0DTE.
    public var vannaFlowPerVolPoint = 0.0, charmFlowToClose = 0.0, zeroDTECharmPerHour = 0.0
    /// Hedging flow for the configured moves.
    public var flows: [FlowRow] = []
    /// Tables.
    public var byStrike: [StrikeRow] = [], byExpiry: [ExpiryRow] = []
    /// Expiry × strike net GEX: (expiry slot, strike, GEX), long format.
    public var surface: [(slot: Int, strike: Double, gex: Double)] = []
    /// Profile over hypothetical spots (GEX per variant) and the DEX profile ("all").
    public var profile: GammaProfile? = nil
    public var dexProfile: [Double] = []
    /// Pricing diagnostics.
    public var pricing: PricedSnapshot

    init(time: Instant, pricing: PricedSnapshot) {
        self.time = time
        spot = pricing.spot
        spotSource = pricing.spotSource
        self.pricing = pricing
    }
}
