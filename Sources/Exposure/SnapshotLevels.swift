import MarketModel
import OptionsMath

/// What a snapshot's profiles, Zero Gamma refinement and flows reprice: the live contracts with a
/// nonzero position (a zero weight adds exactly nothing to any profile, and a zero-OI contract with
/// unusable inputs could only add NaN), with `SpotRepricing` coefficients around spot.
public struct RepricedContracts: Sendable {
    /// The contracts with weight ≠ 0, in snapshot order.
    public let contracts: PricedContracts
    /// Their coefficients, reference spot = the snapshot's spot.
    public let repricing: SpotRepricing
    /// Index into the snapshot's contracts of each row of `contracts`.
    public let rows: [Int]

    /// Σ w·Δ(S′)·S′ at one hypothetical spot, in dollars of delta.
    public func dollarDelta(at spot: Double) -> Double {
        GammaProfile.dollarDelta(at: spot, contracts: contracts, repricing: repricing)
    }

    /// The repriced 'all' profile at one hypothetical spot, in `unit`.
    public func value(at spot: Double, unit: ExposureUnit) -> Double {
        GammaProfile.value(at: spot, contracts: contracts, repricing: repricing, unit: unit)
    }
}

extension PricedSnapshot {
    /// The contracts profiles, roots and flows reprice (nonzero positions, coefficients around spot).
    public var contracts: RepricedContracts {
        let rows = (0..<count).filter { weight[$0] != 0 }
        let priced = PricedContracts(strike: rows.map { strike[$0] }, years: rows.map { years[$0] },
                                     volatility: rows.map { volatility[$0] }, weight: rows.map { weight[$0] },
                                     isCall: rows.map { isCall[$0] }, rate: rows.map { rate[$0] },
                                     dividendYield: rows.map { dividendYield[$0] })
        return RepricedContracts(contracts: priced, repricing: priced.repricing(at: spot), rows: rows)
    }
}

extension SnapshotAnalytics {
    /// The gamma profile (and DEX profile) of `contracts` (= `p.contracts`) over the configured grid around
    /// spot, for every `ProfileVariant`: gamma tiles × aggregation matrix through BLAS. Variant membership
    /// (next expiry, next monthly, …) is decided over all live contracts, then restricted to `contracts.rows`.
    public static func profile(store: DayStore, priced p: PricedSnapshot, contracts: RepricedContracts, time: Instant,
                               configuration c: SnapshotConfiguration) -> GammaProfile {
        let S = p.spot
        let grid = GammaProfile.grid(from: S * (1 - c.gridHalfWidth), to: S * (1 + c.gridHalfWidth), count: c.gridPoints)
        let all = ProfileVariant.membership(expiries: p.contractIndex.map { store.contracts[$0].expiry }, asOf: time)
        let width = all.columns
        var flags: [Double] = []
        flags.reserveCapacity(contracts.rows.count * width)
        for row in contracts.rows { flags.append(contentsOf: all.flags[(row * width)..<(row * width + width)]) }
        let membership = Matrix01(rows: contracts.rows.count, columns: width, flags: flags)
        return GammaProfile(contracts: contracts.contracts, repricing: contracts.repricing, membership: membership, levels: grid,
                            unit: c.unit, withDelta: true)
    }

    /// Levels from a profile into `r` (the result of `exposures`): Zero Gamma roots refined by exact
    /// repricing, profile at spot and regime, delta-neutral price, walls (band and DTE filter), hedging flows.
    public static func levels(_ r: inout SnapshotResult, store: DayStore, priced p: PricedSnapshot, contracts: RepricedContracts,
                              profile: GammaProfile, contractGEX: [Double], configuration c: SnapshotConfiguration) {
        let S = p.spot
        let levels = profile.levels
        r.profile = profile
        let reprice = { (x: Double) in contracts.value(at: x, unit: c.unit) }
        r.zeroGammas = ZeroGamma.refinedRoots(levels: levels, profile: profile.curve(.all), tolerance: 1e-9 * S, function: reprice)
        r.zeroGamma = ZeroGamma.nearestFirst(r.zeroGammas, spot: S).first
        r.zeroGammaNote = ZeroGamma.absenceNote(roots: r.zeroGammas, profile: profile.curve(.all), halfWidth: c.gridHalfWidth)
        r.profileAtSpot = reprice(S)
        r.regime = GammaRegime(profileAtSpot: r.profileAtSpot)
        r.dexProfile = profile.dollarDelta
        let dexRoots = ZeroGamma.refinedRoots(levels: levels, profile: r.dexProfile, tolerance: 1e-9 * S) { contracts.dollarDelta(at: $0) }
        r.deltaNeutral = ZeroGamma.nearestFirst(dexRoots, spot: S).first
        r.walls = walls(r, store: store, priced: p, contractGEX: contractGEX, configuration: c)
        let base = contracts.dollarDelta(at: S) / S
        let gexPerOnePercent = r.netGEX / c.unit.scale(spot: S) * ExposureUnit.dollarsPerOnePercent.scale(spot: S)
        r.flows = c.flowMoves.map { x in
            let moved = S * (1 + x)
            // Dealers re-hedge against their delta change: they trade −(change in delta) in dollars.
            let exact = -(contracts.dollarDelta(at: moved) / moved - base) * moved
            let linear = -gexPerOnePercent * (x * 100)
            let withTheMove = exact * x > 0
            return FlowRow(move: x, exact: exact, linear: linear, squeeze: withTheMove && abs(exact) > 1.25 * abs(linear))
        }
    }

    /// Walls among strikes within the band, over expiries within the DTE limit.
    static func walls(_ r: SnapshotResult, store: DayStore, priced p: PricedSnapshot, contractGEX: [Double],
                      configuration c: SnapshotConfiguration) -> Walls {
        var eligible = r.byStrike
        if let maximumDays = c.wallMaximumDays {
            var rows: [Int64: StrikeRow] = [:]
            for i in 0..<p.count where r.byExpiry[p.expirySlot[i]].days <= Double(maximumDays) {
                let key = store.contracts[p.contractIndex[i]], oi = store.openInterest[p.contractIndex[i]].nanToZero
                var row = rows[key.strikeMilli] ?? StrikeRow(strike: key.strike)
                if p.isCall[i] { row.callGEX += contractGEX[i]; row.callOpenInterest += oi } else { row.putGEX += contractGEX[i]; row.putOpenInterest += oi }
                rows[key.strikeMilli] = row
            }
            eligible = rows.keys.sorted().map { rows[$0]! }
        }
        return Walls(strikes: eligible.map {
            StrikeExposure(strike: $0.strike, call: $0.callGEX, put: $0.putGEX, callOpenInterest: $0.callOpenInterest, putOpenInterest: $0.putOpenInterest)
        }, spot: p.spot, band: c.wallBand)
    }
}
