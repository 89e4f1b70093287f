import MarketModel

extension PricedSnapshot {
    /// The live contracts as `PricedContracts` (what profiles, roots and flows reprice).
    public var contracts: PricedContracts {
        PricedContracts(strike: strike, years: years, volatility: volatility, weight: weight,
                        isCall: isCall, rate: rate, dividendYield: dividendYield)
    }
}

extension SnapshotAnalytics {
    /// The gamma profile (and DEX profile) of `contracts` (= `p.contracts`) over the configured grid around
    /// spot, for every `ProfileVariant`: gamma tiles × aggregation matrix through BLAS.
    public static func profile(store: DayStore, priced p: PricedSnapshot, contracts: PricedContracts, time: Instant,
                               configuration c: SnapshotConfiguration) -> GammaProfile {
        let S = p.spot
        let grid = GammaProfile.grid(from: S * (1 - c.gridHalfWidth), to: S * (1 + c.gridHalfWidth), count: c.gridPoints)
        let keys = p.contractIndex.map { store.contracts[$0] }
        return GammaProfile(contracts: contracts, membership: ProfileVariant.membership(keys: keys, asOf: time), levels: grid,
                            unit: c.unit, withDelta: true)
    }

    /// Levels from a profile into `r` (the result of `exposures`): Zero Gamma roots refined by exact
    /// repricing, profile at spot and regime, delta-neutral price, walls (band and DTE filter), hedging flows.
    public static func levels(_ r: inout SnapshotResult, store: DayStore, priced p: PricedSnapshot, contracts: PricedContracts,
                              profile: GammaProfile, contractGEX: [Double], configuration c: SnapshotConfiguration) {
        let S = p.spot
        let levels = profile.levels
        r.profile = profile
        let reprice = { (x: Double) in GammaProfile.value(at: x, contracts: contracts, unit: c.unit) }
        r.zeroGammas = ZeroGamma.refinedRoots(levels: levels, profile: profile.curve(.all), tolerance: 1e-9 * S, function: reprice)
        r.zeroGamma = ZeroGamma.nearestFirst(r.zeroGammas, spot: S).first
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
