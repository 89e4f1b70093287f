extension GreeksKernel {
    /// Gamma only, the hot loop of exposure profiles: Γ = e^{−qT}·φ(d1)/(S·σ√T) per share,
    /// identical for calls and puts, for `spot.count` options into `gamma[0..<spot.count]`.
    ///
    /// Work per 8 options: one vector log (of S/K, rounding compensated), one vector exp (of
    /// −qT − d1²/2, with d1² exact as a double-double), one vector sqrt, four divisions.
    /// Accuracy: same contract as `blackScholes` (lane vs `BlackScholes.greeks(…).gamma`
    /// ≤ 1e-13 relative above 1e-12 × max Γ; vs mpmath median ≤ 1e-15, max ≤ 1e-9).
    /// Edges: NaN in any input, S ≤ 0 or K ≤ 0 → NaN; T ≤ 0, σ ≤ 0 → 0; |d1| ≳ 38.6 → 0.
    /// Padding: see `BatchColumns`. `gamma` must hold at least `spot.count` elements.
    public static func gamma(
        spot: UnsafeBufferPointer<Double>, strike: UnsafeBufferPointer<Double>,
        time: UnsafeBufferPointer<Double>, volatility: UnsafeBufferPointer<Double>,
        rate: UnsafeBufferPointer<Double>, dividendYield: UnsafeBufferPointer<Double>,
        into gamma: UnsafeMutableBufferPointer<Double>
    ) {
        let n = spot.count
        precondition(strike.count >= n && time.count >= n && volatility.count >= n
                     && rate.count >= n && dividendYield.count >= n,
                     "GreeksKernel.gamma: input column shorter than spot")
        precondition(gamma.count >= n, "GreeksKernel.gamma: output shorter than the inputs")
        var i = 0
        while i + 8 <= n {
            let g = gammaLanes(
                S: BatchColumns.load(spot, i), K: BatchColumns.load(strike, i),
                T: BatchColumns.load(time, i), sigma: BatchColumns.load(volatility, i),
                r: BatchColumns.load(rate, i), q: BatchColumns.load(dividendYield, i))
            BatchColumns.store(g, gamma, i)
            i += 8
        }
        if i < n {
            let g = gammaLanes(
                S: BatchColumns.loadTail(spot, i, count: n, pad: 1),
                K: BatchColumns.loadTail(strike, i, count: n, pad: 1),
                T: BatchColumns.loadTail(time, i, count: n, pad: 1),
                sigma: BatchColumns.loadTail(volatility, i, count: n, pad: 0.2),
                r: BatchColumns.loadTail(rate, i, count: n, pad: 0),
                q: BatchColumns.loadTail(dividendYield, i, count: n, pad: 0))
            BatchColumns.storeTail(g, gamma, i, count: n)
        }
    }

    /// One vector of gamma for spot (BSM) or forward (Black-76: q = r = 0 and the discount in
    /// `scale`) underlyings: scale·e^{−qT}·φ(d1)/(U·σ√T).
    @inline(always)
    static func gammaLanes(S: D8, K: D8, T rawT: D8, sigma: D8, r: D8, q: D8,
                           scale: D8 = D8(repeating: 1)) -> D8 {
        let invalid = .!(S .> 0) .| .!(K .> 0) .| (rawT .!= rawT) .| (sigma .!= sigma)
            .| (r .!= r) .| (q .!= q)
        let T = rawT.replacing(with: 0, where: rawT .< 0)
        let rawV = sigma * squareRoot(T)
        let degenerate = .!(rawV .> 1e-100) .| .!(T .> 1e-200)  // as VectorGreeksCore
        let invV = 1 / rawV.replacing(with: 1, where: degenerate)
        // ln(S/K) with the division's rounding compensated; 1/S is reused below.
        let ratio = S / K
        let p = ratio * K
        let invS = 1 / S
        let lnSK = mulAdd((S - p) - productError(ratio, K, p), invS, SIMDMath.logLanes(ratio))
        let x = mulAdd(r - q, T, lnSK)
        var h = x * invV
        h = h.replacing(with: 1e10, where: h .> 1e10)
        h = h.replacing(with: -1e10, where: h .< -1e10)
        var d1 = magnitude(mulAdd(D8(repeating: 0.5), rawV, h))
        d1 = d1.replacing(with: 40, where: d1 .> 40)
        let d1Squared = d1 * d1
        let lowPart = productError(d1, d1, d1Squared)
        let e = SIMDMath.expLanes(mulAdd(D8(repeating: -0.5), d1Squared, -q * T))
        let density = mulAdd(-0.5 * lowPart, e, e)     // e^{−qT}·e^{−d1²/2}, d1² exact
        var gamma = (0.398_942_280_401_432_7 * scale) * density * invS * invV
        gamma = gamma.replacing(with: 0, where: degenerate)
        return gamma.replacing(with: .nan, where: invalid)
    }
}
