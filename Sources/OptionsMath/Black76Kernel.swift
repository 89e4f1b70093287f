extension GreeksKernel {
    /// Black-76 greeks of options on a forward or future F, discounted with the factor
    /// D = e^{−rT} per option (r = −ln D / T is implied where the formulas need it).
    ///
    /// Conventions (as `BlackScholes.black76Greeks`): price = D·w·(F N(w d1) − K N(w d2)),
    /// d1,2 = ln(F/K)/(σ√T) ± σ√T/2; delta = ∂V/∂F, gamma = ∂²V/∂F², vega per 1.00 vol,
    /// theta and charm per year of calendar time passing at constant F and r, vanna = ∂²V/∂F∂σ,
    /// rho = ∂V/∂r at constant F = −T·price.
    /// Accuracy, padding and edge behaviour as `blackScholes` with F in the role of S (NaN in any
    /// input, F ≤ 0, K ≤ 0 or D ≤ 0 → NaN in that lane); lanes match
    /// `BlackScholes.black76Greeks` to ≤ 1e-13 relative above the floor.
    public static func black76(
        forward: UnsafeBufferPointer<Double>, strike: UnsafeBufferPointer<Double>,
        time: UnsafeBufferPointer<Double>, volatility: UnsafeBufferPointer<Double>,
        discount: UnsafeBufferPointer<Double>, isCall: UnsafeBufferPointer<Bool>,
        outputs: GreeksOutput, greeks: GreekSet
    ) {
        let n = forward.count
        precondition(strike.count >= n && time.count >= n && volatility.count >= n
                     && discount.count >= n && isCall.count >= n,
                     "GreeksKernel.black76: input column shorter than forward")
        outputs.validate(greeks, count: n)
        let sink = GreekSink(outputs, greeks)
        var i = 0
        while i + 8 <= n {
            let lanes = black76Lanes(
                F: BatchColumns.load(forward, i), K: BatchColumns.load(strike, i),
                T: BatchColumns.load(time, i), sigma: BatchColumns.load(volatility, i),
                D: BatchColumns.load(discount, i), w: BatchColumns.loadSign(isCall, i),
                greeks: greeks)
            sink.store(lanes, at: i)
            i += 8
        }
        if i < n {
            let lanes = black76Lanes(
                F: BatchColumns.loadTail(forward, i, count: n, pad: 1),
                K: BatchColumns.loadTail(strike, i, count: n, pad: 1),
                T: BatchColumns.loadTail(time, i, count: n, pad: 1),
                sigma: BatchColumns.loadTail(volatility, i, count: n, pad: 0.2),
                D: BatchColumns.loadTail(discount, i, count: n, pad: 1),
                w: BatchColumns.loadSignTail(isCall, i, count: n), greeks: greeks)
            sink.storeTail(lanes, at: i, count: n)
        }
    }

    /// Black-76 gamma only: D·φ(d1)/(F·σ√T) into `gamma[0..<forward.count]`.
    /// Same contract as `gamma(spot:…)` with F for S; D ≤ 0 or NaN → NaN.
    public static func black76Gamma(
        forward: UnsafeBufferPointer<Double>, strike: UnsafeBufferPointer<Double>,
        time: UnsafeBufferPointer<Double>, volatility: UnsafeBufferPointer<Double>,
        discount: UnsafeBufferPointer<Double>, into gamma: UnsafeMutableBufferPointer<Double>
    ) {
        let n = forward.count
        precondition(strike.count >= n && time.count >= n && volatility.count >= n
                     && discount.count >= n && gamma.count >= n,
                     "GreeksKernel.black76Gamma: column shorter than forward")
        let zero = D8()
        var i = 0
        while i + 8 <= n {
            let D = BatchColumns.load(discount, i)
            let g = gammaLanes(
                S: BatchColumns.load(forward, i), K: BatchColumns.load(strike, i),
                T: BatchColumns.load(time, i), sigma: BatchColumns.load(volatility, i),
                r: zero, q: zero, scale: D)
            BatchColumns.store(g.replacing(with: .nan, where: .!(D .> 0)), gamma, i)
            i += 8
        }
        if i < n {
            let D = BatchColumns.loadTail(discount, i, count: n, pad: 1)
            let g = gammaLanes(
                S: BatchColumns.loadTail(forward, i, count: n, pad: 1),
                K: BatchColumns.loadTail(strike, i, count: n, pad: 1),
                T: BatchColumns.loadTail(time, i, count: n, pad: 1),
                sigma: BatchColumns.loadTail(volatility, i, count: n, pad: 0.2),
                r: zero, q: zero, scale: D)
            BatchColumns.storeTail(g.replacing(with: .nan, where: .!(D .> 0)), gamma, i, count: n)
        }
    }

    /// One vector of Black-76 greeks.
    @inline(always)
    static func black76Lanes(F: D8, K: D8, T rawT: D8, sigma: D8, D: D8, w: D8,
                             greeks: GreekSet) -> GreekLanes {
        let invalid = .!(F .> 0) .| .!(K .> 0) .| .!(D .> 0) .| (rawT .!= rawT)
            .| (sigma .!= sigma)
        let T = rawT.replacing(with: 0, where: rawT .< 0)
        let safeT = T.replacing(with: 1, where: .!(T .> 0))
        let r = (-SIMDMath.logLanes(D) / safeT).replacing(with: 0, where: .!(T .> 0))
        let core = VectorGreeksCore(
            underlying: F, alpha: D, strike: K, strikeDiscount: D, time: T, volatility: sigma,
            rate: r, carryYield: r, logMoneyness: VectorGreeksCore.logRatio(F, K), w: w,
            invalid: invalid)
        return core.evaluate(greeks, forwardRho: true)
    }
}
