import Foundation
import MarketModel
import OptionsMath

/// A realistic, seeded synthetic trading day for one underlying, computed on demand so that a
/// full SPX day (~21k contracts × 405 one-minute snapshots) streams to disk without being held.
///
/// - Underlying: a random walk from `openingSpot` with U-shaped intraday volatility.
/// - Contracts: `ExpirySchedule` dates; strike grids 5 points near the money, 25/50/100 in the
///   wings, wider for longer expiries, scaled to about `contracts` contracts.
/// - Quotes: BSM mids on a `VolatilitySurface` (true σ known), ticks of 0.05/0.10, spreads wider in
///   the wings and for short expiries; sizes random.
/// - Open interest: start-of-day, concentrated at round strikes, puts below spot and calls above,
///   decaying with expiry.
public struct SyntheticDay: Sendable {
    /// The configuration it was made from.
    public let configuration: SyntheticDayConfiguration
    /// Contracts, sorted.
    public let contracts: [ContractKey]
    /// Start-of-day open interest per contract.
    public let openInterest: [Double]
    /// Snapshot instants (interval ends, 09:30 + interval … 16:15 ET).
    public let times: [Instant]
    /// Spot per snapshot.
    public let spot: [Double]
    /// The surface the quotes were priced from.
    public let surface: VolatilitySurface

    /// Builds the day (contracts, OI, path); quotes come from `quote(contract:snapshot:)`.
    public init(_ c: SyntheticDayConfiguration) {
        configuration = c
        var random = SeededGenerator(seed: c.seed)
        surface = VolatilitySurface(levelShift: 0.02 * (random.uniform() - 0.5))
        let open = EasternTime.instant(date: c.date, hour: 9, minute: 30)!
        let closeLabel = EasternTime.instant(date: c.date, hour: 16, minute: 15)!
        var times: [Instant] = []
        var t = open.adding(seconds: Int64(c.intervalSeconds))
        while t <= closeLabel { times.append(t); t = t.adding(seconds: Int64(c.intervalSeconds)) }
        self.times = times
        var path: [Double] = []
        var s = c.openingSpot
        let perSecond = c.pathVolatility / (252 * 23_400.0).squareRoot()
        for (i, _) in times.enumerated() {
            let x = Double(i) / Double(max(1, times.count - 1))
            let shape = 0.7 + 1.6 * (x - 0.5) * (x - 0.5) * 4  // U-shaped: busy at the open and the close
            s *= exp(perSecond * shape * Double(c.intervalSeconds).squareRoot() * random.normal())
            path.append(s)
        }
        spot = path
        (contracts, openInterest) = Self.listing(c, surface: surface, random: &random)
    }

    /// Strike grids and open interest, scaled to the requested contract count.
    static func listing(_ c: SyntheticDayConfiguration, surface: VolatilitySurface,
                        random: inout SeededGenerator) -> ([ContractKey], [Double]) {
        let expiries = ExpirySchedule.expiries(from: c.date, underlying: c.underlying)
        let valuation = EasternTime.instant(date: c.date, hour: 9, minute: 30)!
        func grid(_ widthScale: Double) -> [[Double]] {
            expiries.map { e in
                let years = max(Double(valuation.seconds(until: SettlementStyle.forRoot(e.root).settlementInstant(on: e.expiry))) / TimeToExpiry.secondsPerYear, 1e-4)
                let sd = surface.atmVolatility(years: years) * years.squareRoot()
                let low = c.openingSpot * exp(-widthScale * 5.5 * sd), high = c.openingSpot * exp(widthScale * 3.5 * sd)
                // Finer grids near the money and for short expiries, as listed: 5 points for
                // dailies, 25–50 for the longest, widening ×5 and ×10 beyond 1 and 2.5 standard deviations.
                let base: Double = years < 0.1 ? 5 : (years < 0.5 ? 10 : (years < 1.5 ? 25 : 50))
                var strikes: [Double] = []
                var k = (low / base).rounded(.down) * base
                while k <= high {
                    if k > 0 { strikes.append(k) }
                    let distance = abs(log(k / c.openingSpot)) / sd
                    let step = base * (distance < 1 ? 1 : (distance < 2.5 ? 5 : 10))
                    k = ((k + step) / step).rounded(.down) * step
                }
                return strikes
            }
        }
        var lowScale = 0.05, highScale = 20.0
        for _ in 0..<40 {  // bisection on the width scale to reach the contract target
            let mid = 0.5 * (lowScale + highScale)
            if grid(mid).reduce(0, { $0 + 2 * $1.count }) < c.contracts { lowScale = mid } else { highScale = mid }
        }
        let strikesPerExpiry = grid(lowScale)
        var keys: [ContractKey] = [], oi: [Double] = []
        for (e, strikes) in zip(expiries, strikesPerExpiry) {
            let years = Double(e.expiry.daysSinceEpoch - c.date.daysSinceEpoch + 1) / 365
            for k in strikes {
                for right in OptionRight.allCases {
                    keys.append(ContractKey(root: e.root, expiry: e.expiry, strikeMilli: Int64(k * 1000), right: right))
                    let roundness = k.truncatingRemainder(dividingBy: 100) == 0 ? 5.0 : (k.truncatingRemainder(dividingBy: 50) == 0 ? 2.5 : (k.truncatingRemainder(dividingBy: 25) == 0 ? 1.4 : 1))
                    let otm = (right == .put && k < c.openingSpot) || (right == .call && k > c.openingSpot)
                    let moneyness = abs(log(k / c.openingSpot)) / max(0.02, 0.2 * years.squareRoot())
                    let base = 800 * roundness * (otm ? 2.2 : 0.6) * exp(-0.5 * moneyness * moneyness) / (1 + 3 * years)
                    oi.append((base * exp(0.6 * random.normal())).rounded())
                }
            }
        }
        return (keys, oi)
    }

    /// Years from snapshot `t` to the settlement of contract `i` (≤ 0 once settled).
    public func years(contract i: Int, snapshot t: Int) -> Double {
        Double(times[t].seconds(until: contracts[i].settlementInstant)) / TimeToExpiry.secondsPerYear
    }

    /// The true volatility of contract `i` at snapshot `t` (what an exact IV solver must recover
    /// from the mid, up to the tick rounding of the quotes).
    public func trueVolatility(contract i: Int, snapshot t: Int) -> Double {
        let tau = max(years(contract: i, snapshot: t), 1e-7)
        let forward = spot[t] * exp((configuration.rate - configuration.dividendYield) * tau)
        return surface.volatility(logMoneyness: log(contracts[i].strike / forward), years: tau)
    }

    /// A quote: (bid, ask, bidSize, askSize, true σ, model greeks). Deterministic in (i, t, seed).
    public func quote(contract i: Int, snapshot t: Int) -> (bid: Double, ask: Double, bidSize: Int, askSize: Int, sigma: Double, greeks: Greeks) {
        let tau = years(contract: i, snapshot: t)
        let sigma = trueVolatility(contract: i, snapshot: t)
        let key = contracts[i]
        let g = BlackScholes.greeks(BlackScholesInputs(spot: spot[t], strike: key.strike, time: max(tau, 1e-7), volatility: sigma,
                                                      rate: configuration.rate, dividendYield: configuration.dividendYield, right: key.right))
        var random = SeededGenerator(seed: configuration.seed &* 0x9E37_79B9 ^ UInt64(i) << 20 ^ UInt64(t))
        let tick = g.price < 3 ? 0.05 : 0.10
        let wing = abs(log(key.strike / spot[t])) / max(0.01, sigma * max(tau, 1e-4).squareRoot())
        let spread = max(tick, g.price * (0.015 + 0.004 * wing) * (tau < 2.0 / 365 ? 2 : 1))
        let bid = max(0, ((g.price - 0.5 * spread) / tick).rounded(.down) * tick)
        let ask = max(tick, ((g.price + 0.5 * spread) / tick).rounded(.up) * tick)
        return (bid, ask, 1 + Int(random.uniform() * 200), 1 + Int(random.uniform() * 200), sigma, g)
    }
}
