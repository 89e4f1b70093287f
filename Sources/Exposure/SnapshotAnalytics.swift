import MarketModel
import OptionsMath

/// Greeks, exposures, tables, profiles, levels and flows of one priced snapshot.
///
/// Per contract (w = dealer position × multiplier, S = spot): GEX = w·Γ·scale(S) (scale = S²·0.01 for
/// $ per 1 %), DEX = w·Δ·S, VEX = w·vanna·S·0.01 ($ delta per vol point), CEX = w·(charm/365)·S ($
/// delta per calendar day). Greeks from the SIMD kernel with each expiry's r and q implied by its
/// parity forward and discount. Sums run in contract order (deterministic).
public enum SnapshotAnalytics {
    /// Computes everything for `priced` (snapshot of `store` at `time`).
    public static func compute(store: DayStore, priced p: PricedSnapshot, time: Instant, configuration c: SnapshotConfiguration) -> SnapshotResult {
        var r = SnapshotResult(time: time, pricing: p)
        let n = p.count, S = p.spot
        guard n > 0 else { r.status = .noContracts; return r }
        guard S > 0, S.isFinite else { r.status = .noSpot; return r }
        if p.weight.allSatisfy({ $0 == 0 }) { r.status = .noOpenInterest }
        var delta = [Double](repeating: 0, count: n), gamma = delta, vanna = delta, charm = delta
        let spots = [Double](repeating: S, count: n)
        spots.withUnsafeBufferPointer { Sp in p.strike.withUnsafeBufferPointer { K in p.years.withUnsafeBufferPointer { T in
        p.volatility.withUnsafeBufferPointer { V in p.rate.withUnsafeBufferPointer { R in p.dividendYield.withUnsafeBufferPointer { Q in
        p.isCall.withUnsafeBufferPointer { C in delta.withUnsafeMutableBufferPointer { d in gamma.withUnsafeMutableBufferPointer { g in
        vanna.withUnsafeMutableBufferPointer { v in charm.withUnsafeMutableBufferPointer { ch in
            GreeksKernel.blackScholes(spot: Sp, strike: K, time: T, volatility: V, rate: R, dividendYield: Q, isCall: C,
                                      outputs: GreeksOutput(delta: d, gamma: g, vanna: v, charm: ch),
                                      greeks: [.delta, .gamma, .vanna, .charm])
        }}}}}}}}}}}
        let scale = c.unit.scale(spot: S)
        var strikeRows: [Int64: StrikeRow] = [:]
        r.byExpiry = p.expiries.enumerated().map { slot, settlement in
            ExpiryRow(expiry: EasternTime.wallClock(of: settlement).date, settlement: settlement,
                      days: Double(time.seconds(until: settlement)) / 86_400, forward: p.forwards[slot])
        }
        var surface: [Int: [Int64: Double]] = [:]
        var contractGEX = [Double](repeating: 0, count: n)
        let today = EasternTime.wallClock(of: time).date
        for i in 0..<n {
            let w = p.weight[i]
            let gex = w * gamma[i] * scale, dex = w * delta[i] * S, vex = w * vanna[i] * S * 0.01, cex = w * charm[i] / 365 * S
            contractGEX[i] = gex
            let key = store.contracts[p.contractIndex[i]]
            var row = strikeRows[key.strikeMilli] ?? StrikeRow(strike: key.strike)
            if p.isCall[i] { row.callGEX += gex; row.callOpenInterest += store.openInterest[p.contractIndex[i]].nanToZero }
            else { row.putGEX += gex; row.putOpenInterest += store.openInterest[p.contractIndex[i]].nanToZero }
            row.dex += dex; row.vex += vex; row.cex += cex
            strikeRows[key.strikeMilli] = row
            let slot = p.expirySlot[i]
            if p.isCall[i] { r.byExpiry[slot].callGEX += gex; r.callGEX += gex } else { r.byExpiry[slot].putGEX += gex; r.putGEX += gex }
            r.byExpiry[slot].dex += dex; r.byExpiry[slot].vex += vex; r.byExpiry[slot].cex += cex; r.byExpiry[slot].contracts += 1
            surface[slot, default: [:]][key.strikeMilli, default: 0] += gex
            r.netDEX += dex; r.netVEX += vex; r.netCEX += cex
            if key.expiry == today { r.zeroDTECharmPerHour += cex / 24 }
        }
        r.netGEX = r.callGEX + r.putGEX
        r.byStrike = strikeRows.keys.sorted().map { strikeRows[$0]! }
        r.surface = surface.keys.sorted().flatMap { slot in surface[slot]!.keys.sorted().map { (slot, Double($0) / 1000, surface[slot]![$0]!) } }
        r.gammaNotional = abs(r.callGEX) - abs(r.putGEX)
        r.gammaTilt = abs(r.callGEX) + abs(r.putGEX) > 0 ? abs(r.callGEX) / (abs(r.callGEX) + abs(r.putGEX)) : 0.5
        r.vannaFlowPerVolPoint = r.netVEX
        let close = EasternTime.instant(date: today, hour: ExchangeCalendar.closeTime(on: today).hour, minute: 0)!
        r.charmFlowToClose = r.netCEX * max(0, Double(time.seconds(until: close))) / 86_400
        levelsAndFlows(&r, store: store, priced: p, contractGEX: contractGEX, configuration: c)
        return r
    }

    static func levelsAndFlows(_ r: inout SnapshotResult, store: DayStore, priced p: PricedSnapshot, contractGEX: [Double],
                               configuration c: SnapshotConfiguration) {
        let S = p.spot
        let contracts = PricedContracts(strike: p.strike, years: p.years, volatility: p.volatility, weight: p.weight,
                                        isCall: p.isCall, rate: p.rate, dividendYield: p.dividendYield)
        let levels = GammaProfile.grid(from: S * (1 - c.gridHalfWidth), to: S * (1 + c.gridHalfWidth), count: c.gridPoints)
        let keys = p.contractIndex.map { store.contracts[$0] }
        let profile = GammaProfile(contracts: contracts, membership: ProfileVariant.membership(keys: keys, asOf: r.time), levels: levels,
                                   unit: c.unit, withDelta: true)
        r.profile = profile
        let reprice = { (x: Double) in GammaProfile.value(at: x, contracts: contracts, unit: c.unit) }
        r.zeroGammas = ZeroGamma.refinedRoots(levels: levels, profile: profile.curve(.all), tolerance: 1e-9 * S, function: reprice)
        r.zeroGamma = ZeroGamma.nearestFirst(r.zeroGammas, spot: S).first
        r.zeroGammaNote = ZeroGamma.absenceNote(roots: r.zeroGammas, profile: profile.curve(.all), halfWidth: c.gridHalfWidth)
        r.profileAtSpot = reprice(S)
        r.regime = GammaRegime(profileAtSpot: r.profileAtSpot)
        r.dexProfile = profile.dollarDelta
        let dexRoots = ZeroGamma.refinedRoots(levels: levels, profile: r.dexProfile, tolerance: 1e-9 * S) { contracts.dollarDelta(at: $0) }
        r.deltaNeutral = ZeroGamma.nearestFirst(dexRoots, spot: S).first
        // Walls among strikes within the band, over expiries within the DTE limit.
        var eligible = r.byStrike
        if let maximumDays = c.wallMaximumDays {
            var rows: [Int64: StrikeRow] = [:]
            for i in 0..<p.count where r.byExpiry[p.expirySlot[i]].days <= Double(maximumDays) {
                let key = keys[i], oi = store.openInterest[p.contractIndex[i]].nanToZero
                var row = rows[key.strikeMilli] ?? StrikeRow(strike: key.strike)
                if p.isCall[i] { row.callGEX += contractGEX[i]; row.callOpenInterest += oi } else { row.putGEX += contractGEX[i]; row.putOpenInterest += oi }
                rows[key.strikeMilli] = row
            }
            eligible = rows.keys.sorted().map { rows[$0]! }
        }
        r.walls = Walls(strikes: eligible.map {
            StrikeExposure(strike: $0.strike, call: $0.callGEX, put: $0.putGEX, callOpenInterest: $0.callOpenInterest, putOpenInterest: $0.putOpenInterest)
        }, spot: S, band: c.wallBand)
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
}

extension Double {
    var nanToZero: Double { isNaN ? 0 : self }
}
