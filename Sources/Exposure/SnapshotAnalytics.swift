import MarketModel
import OptionsMath

/// Greeks, exposures, tables, profiles, levels and flows of one priced snapshot.
///
/// Per contract (w = dealer position × multiplier, S = spot): GEX = w·Γ·scale(S) (scale = S²·0.01 for
/// $ per 1 %), DEX = w·Δ·S, VEX = w·vanna·S·0.01 ($ delta per vol point), CEX = w·(charm/365)·S ($
/// delta per calendar day). Greeks from the SIMD kernel with each expiry's r and q implied by its
/// parity forward and discount. Sums run in contract order (deterministic).
public enum SnapshotAnalytics {
    /// Computes everything for `priced` (snapshot of `store` at `time`), stage by stage: `SnapshotGreeks`,
    /// `exposures`, `profile`, `levels`. An empty snapshot or one without a positive spot gives the empty result.
    public static func compute(store: DayStore, priced p: PricedSnapshot, time: Instant, configuration c: SnapshotConfiguration) -> SnapshotResult {
        guard p.count > 0, p.spot > 0, p.spot.isFinite else {
            var empty = SnapshotResult(time: time, pricing: p)
            empty.status = p.count == 0 ? .noContracts : .noSpot
            return empty
        }
        var (r, contractGEX) = exposures(store: store, priced: p, greeks: SnapshotGreeks(priced: p), time: time, configuration: c)
        let contracts = p.contracts
        let profile = Self.profile(store: store, priced: p, contracts: contracts, time: time, configuration: c)
        levels(&r, store: store, priced: p, contracts: contracts, profile: profile, contractGEX: contractGEX, configuration: c)
        return r
    }

    /// Exposures of every contract from its greeks, summed into totals, the by-strike, by-expiry and surface
    /// tables, tilt, notional and the vanna and charm flows. Also returns each contract's GEX (for walls).
    /// Requires `p.count > 0` and `p.spot > 0`.
    public static func exposures(store: DayStore, priced p: PricedSnapshot, greeks: SnapshotGreeks, time: Instant,
                                 configuration c: SnapshotConfiguration) -> (result: SnapshotResult, contractGEX: [Double]) {
        var r = SnapshotResult(time: time, pricing: p)
        let n = p.count, S = p.spot
        if p.weight.allSatisfy({ $0 == 0 }) { r.status = .noOpenInterest }
        let delta = greeks.delta, gamma = greeks.gamma, vanna = greeks.vanna, charm = greeks.charm
        let scale = c.unit.scale(spot: S)
        r.byExpiry = p.expiries.enumerated().map { slot, settlement in
            ExpiryRow(expiry: EasternTime.wallClock(of: settlement).date, settlement: settlement,
                      days: Double(time.seconds(until: settlement)) / 86_400, forward: p.forwards[slot])
        }
        // Dense per-strike and per-(expiry, strike) accumulators indexed by the store's strike slots
        // (no hashing per contract); each cell still sums its contracts in contract order.
        let strikeCount = store.strikesMilli.count
        var strikeRows = [StrikeRow?](repeating: nil, count: strikeCount)
        var surface = [Double](repeating: 0, count: p.expiries.count * strikeCount)
        var surfaceUsed = [Bool](repeating: false, count: surface.count)
        var contractGEX = [Double](repeating: 0, count: n)
        let today = EasternTime.wallClock(of: time).date
        for i in 0..<n {
            let w = p.weight[i]
            let gex = w * gamma[i] * scale, dex = w * delta[i] * S, vex = w * vanna[i] * S * 0.01, cex = w * charm[i] / 365 * S
            contractGEX[i] = gex
            let c = p.contractIndex[i]
            let k = Int(store.strikeSlot[c])
            var row = strikeRows[k] ?? StrikeRow(strike: Double(store.strikesMilli[k]) / 1000)
            if p.isCall[i] { row.callGEX += gex; row.callOpenInterest += store.openInterest[c].nanToZero }
            else { row.putGEX += gex; row.putOpenInterest += store.openInterest[c].nanToZero }
            row.dex += dex; row.vex += vex; row.cex += cex
            strikeRows[k] = row
            let slot = p.expirySlot[i]
            if p.isCall[i] { r.byExpiry[slot].callGEX += gex; r.callGEX += gex } else { r.byExpiry[slot].putGEX += gex; r.putGEX += gex }
            r.byExpiry[slot].dex += dex; r.byExpiry[slot].vex += vex; r.byExpiry[slot].cex += cex; r.byExpiry[slot].contracts += 1
            surface[slot * strikeCount + k] += gex
            surfaceUsed[slot * strikeCount + k] = true
            r.netDEX += dex; r.netVEX += vex; r.netCEX += cex
            if store.contracts[c].expiry == today { r.zeroDTECharmPerHour += cex / 24 }
        }
        r.netGEX = r.callGEX + r.putGEX
        r.byStrike = strikeRows.compactMap { $0 }
        r.surface.reserveCapacity(surfaceUsed.lazy.filter { $0 }.count)
        for cell in surface.indices where surfaceUsed[cell] {
            r.surface.append((cell / strikeCount, Double(store.strikesMilli[cell % strikeCount]) / 1000, surface[cell]))
        }
        r.gammaNotional = abs(r.callGEX) - abs(r.putGEX)
        r.gammaTilt = abs(r.callGEX) + abs(r.putGEX) > 0 ? abs(r.callGEX) / (abs(r.callGEX) + abs(r.putGEX)) : 0.5
        r.vannaFlowPerVolPoint = r.netVEX
        let close = EasternTime.instant(date: today, hour: ExchangeCalendar.closeTime(on: today).hour, minute: 0)!
        r.charmFlowToClose = r.netCEX * max(0, Double(time.seconds(until: close))) / 86_400
        return (r, contractGEX)
    }
}

extension Double {
    var nanToZero: Double { isNaN ? 0 : self }
}
