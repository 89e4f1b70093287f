/// Gamma and delta of many contracts repriced at many hypothetical spots, sticky strike: the
/// hot loop of every exposure profile, reduced to one FMA and one vector exp per (spot, contract).
///
/// For a contract with strike K, years T, volatility σ, rate r and yield q, write v = σ√T and
/// m = ln(S′/S₀) for a hypothetical spot S′ around the reference spot S₀. Then
///
///     d1(S′) = α + β·m,   α = (ln(S₀/K) + (r − q)T)/v + v/2,   β = 1/v,
///     S′·Γ(S′) = κ·e^{−d1²/2},   κ = e^{−qT}/(√(2π)·v),
///     Δ(S′) = e^{−qT}·N(d1) (call),  −e^{−qT}·N(−d1) (put),
///
/// so everything that does not depend on S′ (a log, a square root, two divisions, an exp per
/// contract) is paid once in `init`, not once per grid point. ln(S₀/K) is taken with its
/// division rounding compensated, and m is small on a ±10–20 % grid, so d1 carries no cancellation
/// worse than |α|·ε.
///
/// Accuracy: against the full kernel at S′, d1 carries an extra absolute error of about
/// (|ln(S₀/K)| + |m|)/(σ√T)·ε from adding logarithms instead of taking ln(S′/K) at once, and
/// d1² is a plain product; so S′·Γ is within ~4ε·|d1|·(|d1| + (|ln(S₀/K)| + |m|)/(σ√T)) relative
/// and Δ within φ(d1) times that absolute — measured ≤ 1e-11 relative and ≤ 1e-12 absolute on
/// ±20 % grids for expiries from minutes to years (SpotRepricingTests), far below what a profile
/// of summed dollar exposures can resolve. The grid passes (`scaledGammaAndDelta`, `fillTile`)
/// take N(−|d1|) from the shorter `ProfileMillsRatio` (≤ 4e-16 absolute, fitted for Δ only);
/// `delta` and `weightedDelta` keep the pricing `MillsRatio`: the two Δ agree to ≤ 1e-15 absolute.
/// Edges: σ ≤ 0, T ≤ 0 or σ√T ≤ 1e-100 (no volatility, at or past expiry) → Γ = 0 and Δ the
/// zero-volatility limit e^{−qT}·step(±(ln(S′/K) + (r − q)T)) (½ at the money); NaN in any input
/// → NaN out. Columns are padded to a multiple of 8 with Γ = Δ = 0 lanes.
public struct SpotRepricing: Sendable {
    /// The reference spot S₀ (> 0) that `logMove` arguments are relative to.
    public let referenceSpot: Double
    /// Number of contracts (the padded columns hold a multiple of 8).
    public let count: Int
    @usableFromInline var alpha: [Double]
    @usableFromInline var beta: [Double]
    @usableFromInline var gammaScale: [Double]
    /// ±e^{−qT} (+ call, − put), 0 in padding lanes.
    @usableFromInline var deltaScale: [Double]
    /// +1 call, −1 put.
    @usableFromInline var sign: [Double]

    /// Precomputes the coefficients of `strike.count` contracts (all columns of equal length).
    /// `referenceSpot` must be > 0; `rate`/`dividendYield` are continuous, per year.
    public init(referenceSpot: Double, strike: [Double], time: [Double], volatility: [Double],
                rate: [Double], dividendYield: [Double], isCall: [Bool]) {
        let n = strike.count
        precondition(time.count == n && volatility.count == n && rate.count == n
                     && dividendYield.count == n && isCall.count == n,
                     "SpotRepricing: columns of different lengths")
        let padded = (n + 7) / 8 * 8
        self.referenceSpot = referenceSpot
        count = n
        alpha = [Double](repeating: 0, count: padded)
        beta = alpha
        gammaScale = alpha
        deltaScale = alpha
        sign = [Double](repeating: 1, count: padded)
        for i in 0..<n {
            let K = strike[i], T = time[i], sigma = volatility[i], r = rate[i], q = dividendYield[i]
            let w: Double = isCall[i] ? 1 : -1
            sign[i] = w
            guard referenceSpot > 0, K > 0, !T.isNaN, !sigma.isNaN, !r.isNaN, !q.isNaN else {
                alpha[i] = .nan; gammaScale[i] = .nan; deltaScale[i] = .nan
                continue
            }
            let t = max(T, 0)
            let x = mulAdd(r - q, t, ScalarGreeksCore.logRatio(referenceSpot, K))  // ln(F₀/K)
            let carry = ScalarMath.exp(-q * t)
            deltaScale[i] = w * carry
            let v = sigma * t.squareRoot()
            if v > 1e-100, t > 1e-200 {
                alpha[i] = mulAdd(0.5, v, x / v)
                beta[i] = 1 / v
                gammaScale[i] = carry * 0.398_942_280_401_432_7 / v
            } else {
                // Zero-volatility limit: d1 = ±∞ by the sign of ln(S′/K) + (r − q)T, 0 at the money.
                alpha[i] = x * Self.stepSteepness
                beta[i] = Self.stepSteepness
                gammaScale[i] = 0
            }
        }
    }

    /// Slope that turns d1 into a step for zero-volatility contracts (|d1| is then clamped).
    static let stepSteepness = 1e300

    /// S′·Γ(S′) per share for contracts `range` at S′ = S₀·e^{logMove}, into `output[0..<range.count]`.
    /// Divide by S′ for Γ; multiply by S′·0.01 for dollar gamma per 1 %.
    public func scaledGamma(logMove: Double, range: Range<Int>, into output: UnsafeMutableBufferPointer<Double>) {
        precondition(range.lowerBound >= 0 && range.upperBound <= count && output.count >= range.count,
                     "SpotRepricing.scaledGamma: range outside the contracts or output too short")
        let m = D8(repeating: logMove)
        alpha.withUnsafeBufferPointer { A in beta.withUnsafeBufferPointer { B in gammaScale.withUnsafeBufferPointer { G in
            var i = range.lowerBound
            let end = range.upperBound
            while i + 8 <= end {
                let g = Self.gammaLanes(A, B, G, i, m)
                BatchColumns.store(g, output, i - range.lowerBound)
                i += 8
            }
            if i < end {
                // Store only the real lanes (lanes past the padded columns read as 0).
                let g = Self.gammaLanes(A, B, G, i, m)
                for lane in 0..<(end - i) { output[i - range.lowerBound + lane] = g[lane] }
            }
        }}}
    }

    /// Δ(S′) per share for contracts `range` at S′ = S₀·e^{logMove}, into `output[0..<range.count]`.
    public func delta(logMove: Double, range: Range<Int>, into output: UnsafeMutableBufferPointer<Double>) {
        precondition(range.lowerBound >= 0 && range.upperBound <= count && output.count >= range.count,
                     "SpotRepricing.delta: range outside the contracts or output too short")
        let m = D8(repeating: logMove)
        alpha.withUnsafeBufferPointer { A in beta.withUnsafeBufferPointer { B in
        deltaScale.withUnsafeBufferPointer { D in sign.withUnsafeBufferPointer { W in
            var i = range.lowerBound
            let end = range.upperBound
            while i + 8 <= end {
                BatchColumns.store(Self.deltaLanes(A, B, D, W, i, m), output, i - range.lowerBound)
                i += 8
            }
            if i < end {
                let d = Self.deltaLanes(A, B, D, W, i, m)
                for lane in 0..<(end - i) { output[i - range.lowerBound + lane] = d[lane] }
            }
        }}}}
    }

    /// `scaledGamma` and `delta` of contracts `range` at S′ = S₀·e^{logMove} in one pass: the density
    /// e^{−d1²/2} is shared by both (one vector exp per contract instead of two). Γ is bitwise
    /// `scaledGamma`; Δ takes the profile Mills ratio (within 1e-15 absolute of `delta`).
    public func scaledGammaAndDelta(logMove: Double, range: Range<Int>, gamma: UnsafeMutableBufferPointer<Double>,
                                    delta: UnsafeMutableBufferPointer<Double>) {
        precondition(range.lowerBound >= 0 && range.upperBound <= count && gamma.count >= range.count && delta.count >= range.count,
                     "SpotRepricing.scaledGammaAndDelta: range outside the contracts or outputs too short")
        let m = D8(repeating: logMove)
        alpha.withUnsafeBufferPointer { A in beta.withUnsafeBufferPointer { B in gammaScale.withUnsafeBufferPointer { G in
        deltaScale.withUnsafeBufferPointer { D in sign.withUnsafeBufferPointer { W in
            var i = range.lowerBound
            let end = range.upperBound
            while i < end {
                let (g, d) = Self.gammaAndDeltaLanes(A, B, G, D, W, i, m)
                if i + 8 <= end {
                    BatchColumns.store(g, gamma, i - range.lowerBound)
                    BatchColumns.store(d, delta, i - range.lowerBound)
                } else {
                    for lane in 0..<(end - i) {
                        gamma[i - range.lowerBound + lane] = g[lane]
                        delta[i - range.lowerBound + lane] = d[lane]
                    }
                }
                i += 8
            }
        }}}}}
    }

    @inline(always)
    static func gammaAndDeltaLanes(_ A: UnsafeBufferPointer<Double>, _ B: UnsafeBufferPointer<Double>,
                                   _ G: UnsafeBufferPointer<Double>, _ D: UnsafeBufferPointer<Double>,
                                   _ W: UnsafeBufferPointer<Double>, _ i: Int, _ m: D8) -> (D8, D8) {
        let group = LaneGroup(alpha: lane(A, i), beta: lane(B, i), gammaScale: lane(G, i), deltaScale: lane(D, i),
                              sign: lane(W, i))
        return gammaAndDelta(group, d1Lanes(A, B, i, m))
    }

    /// Σ_i weight[i]·S′·Γ_i(S′) over all contracts at S′ = S₀·e^{logMove}: eight lane partial sums
    /// in contract order, added lane 0…7 at the end (the same bits on every call and thread).
    /// `weight` holds `count` values (e.g. dealer sign × OI × multiplier).
    public func weightedScaledGamma(logMove: Double, weight: [Double]) -> Double {
        precondition(weight.count == count, "SpotRepricing: one weight per contract")
        let m = D8(repeating: logMove)
        var sum = D8()
        alpha.withUnsafeBufferPointer { A in beta.withUnsafeBufferPointer { B in gammaScale.withUnsafeBufferPointer { G in
        weight.withUnsafeBufferPointer { Wt in
            var i = 0
            while i + 8 <= count {
                sum = mulAdd(BatchColumns.load(Wt, i), Self.gammaLanes(A, B, G, i, m), sum)
                i += 8
            }
            if i < count {
                sum = mulAdd(BatchColumns.loadTail(Wt, i, count: count, pad: 0), Self.gammaLanes(A, B, G, i, m), sum)
            }
        }}}}
        return Self.laneSum(sum)
    }

    /// Σ_i weight[i]·Δ_i(S′) over all contracts at S′ = S₀·e^{logMove} (same summation order
    /// contract as `weightedScaledGamma`). Multiply by S′ for dollar delta.
    public func weightedDelta(logMove: Double, weight: [Double]) -> Double {
        precondition(weight.count == count, "SpotRepricing: one weight per contract")
        let m = D8(repeating: logMove)
        var sum = D8()
        alpha.withUnsafeBufferPointer { A in beta.withUnsafeBufferPointer { B in
        deltaScale.withUnsafeBufferPointer { D in sign.withUnsafeBufferPointer { W in weight.withUnsafeBufferPointer { Wt in
            var i = 0
            while i + 8 <= count {
                sum = mulAdd(BatchColumns.load(Wt, i), Self.deltaLanes(A, B, D, W, i, m), sum)
                i += 8
            }
            if i < count {
                sum = mulAdd(BatchColumns.loadTail(Wt, i, count: count, pad: 0), Self.deltaLanes(A, B, D, W, i, m), sum)
            }
        }}}}}
        return Self.laneSum(sum)
    }

    /// Lanes i..<i+8 of a padded coefficient column; past its end (a range that does not start on a
    /// multiple of 8 reaches beyond the padding) the missing lanes read as 0 (Γ = Δ = 0 there).
    @inline(always)
    static func lane(_ column: UnsafeBufferPointer<Double>, _ i: Int) -> D8 {
        i + 8 <= column.count ? BatchColumns.load(column, i) : BatchColumns.loadTail(column, i, count: column.count, pad: 0)
    }

    @inline(always)
    static func laneSum(_ v: D8) -> Double {
        ((v[0] + v[1]) + (v[2] + v[3])) + ((v[4] + v[5]) + (v[6] + v[7]))
    }

    @inline(always)
    static func d1Lanes(_ A: UnsafeBufferPointer<Double>, _ B: UnsafeBufferPointer<Double>, _ i: Int, _ m: D8) -> D8 {
        clampedD1(alpha: lane(A, i), beta: lane(B, i), m)
    }

    /// d1 = α + β·m clamped to ±40 (φ underflows beyond 38.6 anyway; the clamp keeps the step
    /// contracts' ±1e300 slopes and d1² finite).
    @inline(always)
    static func clampedD1(alpha: D8, beta: D8, _ m: D8) -> D8 {
        let d1 = mulAdd(beta, m, alpha)
        return d1.replacing(with: 40, where: d1 .> 40).replacing(with: -40, where: d1 .< -40)
    }

    @inline(always)
    static func gammaLanes(_ A: UnsafeBufferPointer<Double>, _ B: UnsafeBufferPointer<Double>,
                           _ G: UnsafeBufferPointer<Double>, _ i: Int, _ m: D8) -> D8 {
        let d1 = d1Lanes(A, B, i, m)
        return lane(G, i) * SIMDMath.expLanes(-0.5 * (d1 * d1))
    }

    @inline(always)
    static func deltaLanes(_ A: UnsafeBufferPointer<Double>, _ B: UnsafeBufferPointer<Double>,
                           _ D: UnsafeBufferPointer<Double>, _ W: UnsafeBufferPointer<Double>, _ i: Int, _ m: D8) -> D8 {
        let d1 = d1Lanes(A, B, i, m)
        let w = lane(W, i)
        // N(w·d1) = 1 − N(−w·d1); the lower tail φ(a)·M(a) is accurate, so take it for a = |d1|.
        let a = magnitude(d1)
        let tail = SIMDMath.normalPDFLanes(a) * MillsRatio.value(a)
        let n = tail.replacing(with: 1 - tail, where: w * d1 .> 0).replacing(with: 0.5, where: d1 .== 0)
        return lane(D, i) * n
    }
}
