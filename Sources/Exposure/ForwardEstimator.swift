import LinearAlgebra
import OptionsMath

/// How a forward/discount pair was obtained.
public enum ForwardSource: String, Sendable, Codable, CaseIterable {
    /// Least-squares put-call parity fit over near-the-money pairs.
    case parity
    /// Too few usable pairs: from the given r and q (F = S e^{(r−q)T}, D = e^{−rT}).
    case assumedRates = "assumed-rates"
    /// Too few usable pairs: carried from the previous snapshot of the same expiry.
    case previousSnapshot = "previous-snapshot"
    /// The parity fit's discount implied a rate outside `ForwardEstimator.plausibleRates` (tick
    /// rounding on short expiries): D = e^{−rT} from the given r, F refitted by parity alone.
    case parityAssumedDiscount = "parity-assumed-discount"
}

/// A forward F and discount factor D for one expiry.
public struct ForwardEstimate: Sendable, Equatable {
    /// Forward price of the underlying for the expiry.
    public let forward: Double
    /// Discount factor to the expiry (e^{−rT}).
    public let discount: Double
    /// Where it came from.
    public let source: ForwardSource
    /// Pairs used in the final fit (0 unless `source == .parity`).
    public let pairsUsed: Int
    /// Pairs rejected as outliers.
    public let outliers: Int

    /// Creates an estimate (e.g. to carry one to the next snapshot).
    public init(forward: Double, discount: Double, source: ForwardSource, pairsUsed: Int, outliers: Int) {
        self.forward = forward
        self.discount = discount
        self.source = source
        self.pairsUsed = pairsUsed
        self.outliers = outliers
    }
}

/// Forward and discount per expiry from put-call parity: C − P = D·(F − K).
///
/// Regresses y = mid(C) − mid(P) on [1, −K] by LAPACK least squares (`dgels`): the intercept is
/// D·F and the slope D. Uses pairs with both quotes two-sided (0 < bid ≤ ask) within
/// `moneynessBand` of the spot (|K/S − 1|), nearest first, at most `maximumPairs`. Robust: after a
/// fit, pairs whose residual exceeds `outlierThreshold` × (1.4826 × median |residual|) — or
/// the widest pair spread when that is larger — are dropped and the fit repeated (up to three
/// times). With fewer than `minimumPairs`, or a fit giving D ∉ (0.5, 1.05] or F ∉ S·[0.5, 2], the
/// fallback applies and is reported. A fit whose D implies a continuously compounded rate
/// −ln(D)/T outside `plausibleRates` keeps the parity forward but not its discount: D = e^{−rT}
/// from the given r and F = mean(C − P)/D + mean(K) over the kept pairs (least squares in F alone).
public struct ForwardEstimator: Sendable {
    /// Only strikes within this fraction of spot.
    public var moneynessBand = 0.1
    /// Use at most this many pairs (nearest the money).
    public var maximumPairs = 40
    /// Fewer usable pairs than this → fallback.
    public var minimumPairs = 3
    /// Outlier cut in robust standard deviations.
    public var outlierThreshold = 4.0
    /// Rates (continuous, per year) a parity discount may imply. On a 0DTE expiry the fitted slope
    /// D is set by a few tick-rounded mids and can imply ±700 %; such a D is replaced (see above).
    public var plausibleRates: ClosedRange<Double> = -0.05...0.25

    /// Default settings.
    public init() {}

    /// One call/put pair at a strike, with mid quotes.
    public struct Pair: Sendable {
        /// Strike.
        public let strike: Double
        /// Call bid and ask.
        public let callBid, callAsk: Double
        /// Put bid and ask.
        public let putBid, putAsk: Double

        /// Creates a pair.
        public init(strike: Double, callBid: Double, callAsk: Double, putBid: Double, putAsk: Double) {
            self.strike = strike
            self.callBid = callBid
            self.callAsk = callAsk
            self.putBid = putBid
            self.putAsk = putAsk
        }

        var usable: Bool {
            callBid > 0 && callAsk >= callBid && putBid > 0 && putAsk >= putBid && strike > 0
                && callAsk.isFinite && putAsk.isFinite
        }
    }

    /// Estimates F and D for one expiry `years` away; `fallback` supplies r and q (or a previous
    /// estimate) when parity cannot.
    public func estimate(pairs: [Pair], spot: Double, years: Double, rate: Double, dividendYield: Double,
                         previous: ForwardEstimate? = nil) -> ForwardEstimate {
        var candidates = pairs.filter { $0.usable && abs($0.strike / spot - 1) <= moneynessBand }
        candidates.sort { (abs($0.strike - spot), $0.strike) < (abs($1.strike - spot), $1.strike) }
        candidates = Array(candidates.prefix(maximumPairs))
        var outliers = 0
        for _ in 0..<4 {
            guard candidates.count >= minimumPairs, let fit = fit(candidates) else { break }
            let residuals = candidates.map { p in
                (0.5 * (p.callBid + p.callAsk) - 0.5 * (p.putBid + p.putAsk)) - (fit.dF - fit.d * p.strike)
            }
            let mad = residuals.map(abs).sorted()[residuals.count / 2]
            let widestSpread = candidates.map { 0.5 * (($0.callAsk - $0.callBid) + ($0.putAsk - $0.putBid)) }.max() ?? 0
            let cut = max(outlierThreshold * 1.4826 * mad, widestSpread)
            let kept = zip(candidates, residuals).filter { abs($0.1) <= cut }.map(\.0)
            if kept.count == candidates.count {
                let f = fit.dF / fit.d
                if fit.d > 0.5, fit.d <= 1.05, f > 0.5 * spot, f < 2 * spot {
                    if years > 0, !plausibleRates.contains(-Elementary.log(fit.d) / years) {
                        let d0 = Elementary.exp(-rate * years)
                        let n = Double(kept.count)
                        let meanDifference = kept.reduce(0.0) { $0 + 0.5 * ($1.callBid + $1.callAsk) - 0.5 * ($1.putBid + $1.putAsk) } / n
                        let meanStrike = kept.reduce(0.0) { $0 + $1.strike } / n
                        let refitted = meanDifference / d0 + meanStrike
                        if refitted > 0.5 * spot, refitted < 2 * spot {
                            return ForwardEstimate(forward: refitted, discount: d0, source: .parityAssumedDiscount,
                                                   pairsUsed: kept.count, outliers: outliers)
                        }
                        break
                    }
                    return ForwardEstimate(forward: f, discount: fit.d, source: .parity, pairsUsed: kept.count, outliers: outliers)
                }
                break
            }
            outliers += candidates.count - kept.count
            candidates = kept
        }
        let assumed = ForwardEstimate(forward: spot * Elementary.exp((rate - dividendYield) * years), discount: Elementary.exp(-rate * years),
                                      source: .assumedRates, pairsUsed: 0, outliers: outliers)
        return Self.resolvingFallback(assumed, previous: previous)
    }

    /// `estimate` with the previous snapshot's forward applied: an estimate that fell back to
    /// assumed rates takes `previous` (F and D carried, source `.previousSnapshot`) when there is one;
    /// any other estimate is returned unchanged. `estimate(…, previous: p)` equals
    /// `resolvingFallback(estimate(…, previous: nil), previous: p)`, so a day's parity fits can run
    /// in parallel and the carry-over be applied afterwards in time order.
    public static func resolvingFallback(_ estimate: ForwardEstimate, previous: ForwardEstimate?) -> ForwardEstimate {
        guard estimate.source == .assumedRates, let previous else { return estimate }
        return ForwardEstimate(forward: previous.forward, discount: previous.discount, source: .previousSnapshot,
                               pairsUsed: 0, outliers: estimate.outliers)
    }

    private func fit(_ pairs: [Pair]) -> (dF: Double, d: Double)? {
        var rows: [Double] = []
        rows.reserveCapacity(2 * pairs.count)
        for p in pairs { rows.append(1); rows.append(-p.strike) }
        let design = Matrix(rows: pairs.count, columns: 2, storage: rows)
        let y = pairs.map { 0.5 * ($0.callBid + $0.callAsk) - 0.5 * ($0.putBid + $0.putAsk) }
        guard let solution = try? LeastSquares.solve(design, y) else { return nil }
        return (solution.coefficients[0], solution.coefficients[1])
    }
}
