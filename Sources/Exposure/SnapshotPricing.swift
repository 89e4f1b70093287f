import LinearAlgebra
import MarketModel
import OptionsMath

/// One snapshot's live contracts with forwards, volatilities and dealer positions — ready for
/// greeks. Structure of arrays in day-store contract order (restricted to live contracts).
public struct PricedSnapshot: Sendable {
    /// Index of each live contract in the day store.
    public var contractIndex: [Int] = []
    /// Per contract: strike, years to settlement, volatility, r and q implied by its expiry's
    /// forward and discount, dealer position × multiplier (signed shares per 1.0 of delta).
    public var strike: [Double] = [], years: [Double] = [], volatility: [Double] = []
    public var rate: [Double] = [], dividendYield: [Double] = [], weight: [Double] = []
    /// True for calls.
    public var isCall: [Bool] = []
    /// Expiry slot of each contract in `expiries`.
    public var expirySlot: [Int] = []
    /// Distinct settlement instants of the live contracts, ascending (SPX AM and SPXW PM on one
    /// date are two expiries: different times, different forwards).
    public var expiries: [Instant] = []
    /// Forward per expiry slot.
    public var forwards: [ForwardEstimate] = []
    /// Spot used and its source.
    public var spot: Double = .nan
    public var spotSource: String = ""
    /// Volatility provenance counts: from quotes, smile-filled, without any (gamma 0).
    public var impliedFromQuotes = 0, smileFilled = 0, withoutVolatility = 0
    /// Contracts with a quote row at this instant that had already settled (dropped, not priced).
    public var settledDropped = 0
    /// Quote rejections by reason; IV failures by status.
    public var rejections: [QuoteRejection: Int] = [:]
    public var ivFailures: [ImpliedVolatilityStatus: Int] = [:]
    /// Ours − vendor implied volatility where both exist (validation only).
    public var vendorDifferences: [Double] = []

    /// Number of live contracts.
    public var count: Int { strike.count }
}

/// Forwards, implied volatilities (with smile fill) and positions for snapshot `t` of a day store.
public enum SnapshotPricing {
    /// Spot and the forward of every live expiry at snapshot `t`: parity where possible, else the
    /// expiry's estimate from `previous` (the last snapshot's), else the fallback rates. Cheap;
    /// run it sequentially over a day so that each snapshot can then be priced independently.
    public static func forwards(store: DayStore, snapshot t: Int, configuration c: SnapshotConfiguration,
                                previous: [Instant: ForwardEstimate]) -> (spot: Double, spotSource: String, forwards: [Instant: ForwardEstimate]) {
        let now = store.times[t]
        let n = store.contractCount, base = t * n
        let live = liveContracts(store: store, snapshot: t)
        let expiries = distinctSettlements(store: store, live: live)
        let slotOf = Dictionary(uniqueKeysWithValues: expiries.enumerated().map { ($1, $0) })
        let pairsByExpiry = pairs(store: store, base: base, live: live, slotOf: slotOf, expiryCount: expiries.count)
        var spot = store.spot[t], source = store.spotSource[t].name
        if !(spot > 0), let first = pairsByExpiry.first(where: { !$0.isEmpty }) {
            // No underlying price in the archive: the nearest expiry's parity forward stands in.
            let mid = { (p: ForwardEstimator.Pair) in abs(0.5 * (p.callBid + p.callAsk) - 0.5 * (p.putBid + p.putAsk)) }
            let center = first.min { mid($0) < mid($1) }!
            spot = c.forwardEstimator.estimate(pairs: first, spot: center.strike, years: 1e-3, rate: 0, dividendYield: 0).forward
            source = "parity-forward"
        }
        var out: [Instant: ForwardEstimate] = [:]
        for (slot, settlement) in expiries.enumerated() {
            let years = Double(now.seconds(until: settlement)) / TimeToExpiry.secondsPerYear
            out[settlement] = c.forwardEstimator.estimate(
                pairs: pairsByExpiry[slot], spot: spot, years: years, rate: c.fallbackRate,
                dividendYield: c.fallbackDividendYield, previous: previous[settlement])
        }
        return (spot, source, out)
    }

    /// Contracts with a row at snapshot `t` that have not settled.
    static func liveContracts(store: DayStore, snapshot t: Int) -> [Int] {
        quotedContracts(store: store, snapshot: t).live
    }

    /// Contracts with a quote row at snapshot `t` that settle after it, and how many quote rows belong to
    /// contracts already settled then — one pass over the snapshot's row.
    static func quotedContracts(store: DayStore, snapshot t: Int) -> (live: [Int], settled: Int) {
        let now = store.times[t], base = t * store.contractCount
        var live: [Int] = []
        var settled = 0
        for c in 0..<store.contractCount where !store.bidSize[base + c].isNaN {
            if store.settlement[c] > now { live.append(c) } else { settled += 1 }
        }
        return (live, settled)
    }

    /// Prices snapshot `t`: forwards as given (from `forwards(…)`), volatilities, positions.
    public static func price(store: DayStore, snapshot t: Int, positions: [Double], configuration c: SnapshotConfiguration,
                             spot: Double, spotSource: String, forwards: [Instant: ForwardEstimate]) -> PricedSnapshot {
        var p = PricedSnapshot()
        let now = store.times[t]
        let base = t * store.contractCount
        let (live, settled) = quotedContracts(store: store, snapshot: t)
        p.settledDropped = settled
        p.expiries = distinctSettlements(store: store, live: live)
        let slotOf = Dictionary(uniqueKeysWithValues: p.expiries.enumerated().map { ($1, $0) })
        p.spot = spot
        p.spotSource = spotSource
        p.forwards = p.expiries.map { forwards[$0]! }
        // r and q implied by each expiry's discount and forward (two logs per expiry, not per contract).
        let slotYears = p.expiries.map { Double(now.seconds(until: $0)) / TimeToExpiry.secondsPerYear }
        let slotRate = p.forwards.indices.map { -Elementary.log(p.forwards[$0].discount) / slotYears[$0] }
        let slotYield = p.forwards.indices.map { slotRate[$0] - Elementary.log(p.forwards[$0].forward / spot) / slotYears[$0] }
        var ivs: [Double] = []
        ivs.reserveCapacity(live.count)
        p.contractIndex.reserveCapacity(live.count); p.strike.reserveCapacity(live.count); p.years.reserveCapacity(live.count)
        p.isCall.reserveCapacity(live.count); p.expirySlot.reserveCapacity(live.count); p.rate.reserveCapacity(live.count)
        p.dividendYield.reserveCapacity(live.count); p.weight.reserveCapacity(live.count)
        var lastSettlement: (instant: Instant, slot: Int)?
        // Mid quotes to solve, gathered for one batch call (rows of independent solves overlap in the
        // processor; the same bits as solving each row alone).
        var solve = IVBatch()
        solve.reserve(live.count)
        for i in live {
            let key = store.contracts[i], settlement = store.settlement[i]
            let slot: Int
            if let l = lastSettlement, l.instant == settlement { slot = l.slot } else {
                slot = slotOf[settlement]!
                lastSettlement = (settlement, slot)
            }
            let f = p.forwards[slot]
            let years = slotYears[slot]
            p.contractIndex.append(i)
            p.strike.append(key.strike)
            p.years.append(years)
            p.isCall.append(key.right == .call)
            p.expirySlot.append(slot)
            p.rate.append(slotRate[slot])
            p.dividendYield.append(slotYield[slot])
            p.weight.append(positions[i] * store.multiplier[i])
            var sigma = Double.nan
            if c.volatilitySource == .vendor, let v = store.vendorIV?[base + i], v > 0, v.isFinite {
                sigma = v
            } else if c.volatilitySource == .mid {
                let age = store.quoteAge.map { $0[base + i] }
                if let reason = c.quoteFilter.rejection(bid: store.bid[base + i], ask: store.ask[base + i], age: age.flatMap { $0.isNaN ? nil : $0 }) {
                    p.rejections[reason, default: 0] += 1
                } else {
                    let mid = 0.5 * (store.bid[base + i] + store.ask[base + i])
                    solve.append(row: ivs.count, price: mid / f.discount, forward: f.forward, strike: key.strike,
                                 years: years, isCall: key.right == .call)
                }
            }
            ivs.append(sigma)
        }
        solve.run { row, v, status in
            if status == .ok { ivs[row] = v } else { p.ivFailures[status, default: 0] += 1 }
        }
        if c.volatilitySource == .mid, let vendorIV = store.vendorIV {
            for (k, i) in p.contractIndex.enumerated() where ivs[k].isFinite {
                let vendor = vendorIV[base + i]
                if vendor > 0 { p.vendorDifferences.append(ivs[k] - vendor) }
            }
        }
        fillSmiles(&p, ivs: ivs)
        return p
    }

    /// Fills missing volatilities from each expiry's smile fitted to its out-of-the-money IVs
    /// (puts below the forward, calls above: the liquid side of each strike).
    static func fillSmiles(_ p: inout PricedSnapshot, ivs: [Double]) {
        p.volatility = ivs
        // Contracts of each expiry slot in contract order, from one counting pass (not one scan per expiry).
        var starts = [Int](repeating: 0, count: p.expiries.count + 1)
        for slot in p.expirySlot { starts[slot + 1] += 1 }
        for slot in p.expiries.indices { starts[slot + 1] += starts[slot] }
        var bySlot = [Int](repeating: 0, count: p.expirySlot.count)
        var fill = starts
        for (i, slot) in p.expirySlot.enumerated() { bySlot[fill[slot]] = i; fill[slot] += 1 }
        for slot in p.expiries.indices {
            let members = bySlot[starts[slot]..<starts[slot + 1]]
            let f = p.forwards[slot].forward
            let otm = members.filter { ivs[$0].isFinite && (p.isCall[$0] ? p.strike[$0] >= f : p.strike[$0] < f) }
            let points = otm.isEmpty ? members.filter { ivs[$0].isFinite } : otm
            let smile = SmileFit(logMoneyness: points.map { Elementary.log(p.strike[$0] / f) }, volatility: points.map { ivs[$0] })
            for i in members {
                if ivs[i].isFinite { p.impliedFromQuotes += 1; continue }
                if let smile {
                    p.volatility[i] = smile.volatility(at: Elementary.log(p.strike[i] / f))
                    p.smileFilled += 1
                } else {
                    p.volatility[i] = 0
                    p.withoutVolatility += 1
                }
            }
        }
    }

    /// Forwards and pricing in one call (for a single snapshot; day runs split the two).
    public static func price(store: DayStore, snapshot t: Int, positions: [Double], configuration c: SnapshotConfiguration,
                             previous: [Instant: ForwardEstimate]) -> PricedSnapshot {
        let f = forwards(store: store, snapshot: t, configuration: c, previous: previous)
        return price(store: store, snapshot: t, positions: positions, configuration: c, spot: f.spot, spotSource: f.spotSource, forwards: f.forwards)
    }

    /// The distinct settlement instants of `live`, ascending (contracts are sorted, so equal
    /// settlements come in runs: one hash per run).
    static func distinctSettlements(store: DayStore, live: [Int]) -> [Instant] {
        var seen = Set<Instant>()
        var last: Instant?
        for i in live where store.settlement[i] != last {
            last = store.settlement[i]
            seen.insert(store.settlement[i])
        }
        return seen.sorted()
    }

    /// Call/put pairs per expiry slot (contracts are sorted, so pairs are adjacent).
    static func pairs(store: DayStore, base: Int, live: [Int], slotOf: [Instant: Int], expiryCount: Int) -> [[ForwardEstimator.Pair]] {
        var out = Array(repeating: [ForwardEstimator.Pair](), count: expiryCount)
        var isLive = [Bool](repeating: false, count: store.contractCount)
        for i in live { isLive[i] = true }
        for i in live where store.contracts[i].right == .call && i + 1 < store.contractCount && isLive[i + 1] {
            let c = store.contracts[i], p = store.contracts[i + 1]
            guard p.right == .put, p.expiry == c.expiry, p.strikeMilli == c.strikeMilli, p.root == c.root else { continue }
            out[slotOf[store.settlement[i]]!].append(.init(strike: c.strike, callBid: store.bid[base + i], callAsk: store.ask[base + i],
                                                putBid: store.bid[base + i + 1], putAsk: store.ask[base + i + 1]))
        }
        return out
    }
}
