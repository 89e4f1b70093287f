/// Batch greeks over structure-of-arrays columns, 8 options per step (`SIMD8<Double>`).
///
/// **Units and conventions** (identical to `BlackScholes` and the mpmath reference set): prices
/// and greeks per share; T in years (ACT/365 of 86,400 s); σ, r, q per unit per year, continuous;
/// vega per 1.00 of volatility; theta and charm per year of calendar time passing; rho per 1.00
/// of rate.
///
/// **Accuracy contract** (tests: `GreeksKernelTests`): every lane equals the scalar reference
/// `BlackScholes.greeks` to ≤ 1e-13 relative above an absolute floor of 1e-12 × the largest
/// |value| of that greek in the batch (measured: bitwise equal, as both use the same roundings,
/// see `ScalarGreeksCore`); against mpmath
/// at 50 digits, relative error over max(|ref|, 1e-12 × max|ref|) has median ≤ 1e-15 and
/// maximum ≤ 1e-9 for every greek (measured: median ≤ 1.3e-16, max 5.3e-12). The same formulas
/// as `ScalarGreeksCore` (no cancellation in the wings, series form near the money), with the
/// module's own vector exp/log/normal CDF (`SIMDMath`).
///
/// **Edge behaviour, per lane** (other lanes are unaffected):
/// NaN in S, K, T, σ, r or q, or S ≤ 0, or K ≤ 0 → NaN in every output of that lane.
/// T ≤ 1e-200 (T < 0 is treated as 0), σ√T ≤ 1e-100 (σ ≤ 0 included) → the zero-volatility limit
/// (price = discounted intrinsic of the forward, delta and charm the step, ½ exactly at the
/// forward; gamma = vega = vanna = 0). T → 0⁺ and σ → 0⁺ converge continuously to it, except
/// that gamma/theta/charm of an option exactly at the forward grow like 1/√T, 1/√T, 1/T.
/// Deep ITM/OTM: results that underflow are 0 or subnormal; none is NaN.
/// Infinite inputs are outside the contract (no trap; values unspecified).
///
/// **Padding**: columns of any count; see `BatchColumns` (one padded vector for the tail).
/// All input columns must hold at least `spot.count` elements (checked); the kernels do not
/// allocate and are safe to call concurrently on disjoint output ranges.
public enum GreeksKernel {
    /// Black–Scholes–Merton greeks of `spot.count` options; `isCall[i]` selects call (true) or
    /// put. Writes only the columns of `greeks` (each must be present in `outputs`).
    public static func blackScholes(
        spot: UnsafeBufferPointer<Double>, strike: UnsafeBufferPointer<Double>,
        time: UnsafeBufferPointer<Double>, volatility: UnsafeBufferPointer<Double>,
        rate: UnsafeBufferPointer<Double>, dividendYield: UnsafeBufferPointer<Double>,
        isCall: UnsafeBufferPointer<Bool>, outputs: GreeksOutput, greeks: GreekSet
    ) {
        let n = spot.count
        precondition(strike.count >= n && time.count >= n && volatility.count >= n
                     && rate.count >= n && dividendYield.count >= n,
                     "GreeksKernel: input column shorter than spot")
        precondition(isCall.count >= n, "GreeksKernel: isCall shorter than spot")
        outputs.validate(greeks, count: n)
        let sink = GreekSink(outputs, greeks)
        var i = 0
        while i + 8 <= n {
            let lanes = lanes(
                S: BatchColumns.load(spot, i), K: BatchColumns.load(strike, i),
                T: BatchColumns.load(time, i), sigma: BatchColumns.load(volatility, i),
                r: BatchColumns.load(rate, i), q: BatchColumns.load(dividendYield, i),
                w: BatchColumns.loadSign(isCall, i), greeks: greeks)
            sink.store(lanes, at: i)
            i += 8
        }
        if i < n {
            let lanes = lanes(
                S: BatchColumns.loadTail(spot, i, count: n, pad: 1),
                K: BatchColumns.loadTail(strike, i, count: n, pad: 1),
                T: BatchColumns.loadTail(time, i, count: n, pad: 1),
                sigma: BatchColumns.loadTail(volatility, i, count: n, pad: 0.2),
                r: BatchColumns.loadTail(rate, i, count: n, pad: 0),
                q: BatchColumns.loadTail(dividendYield, i, count: n, pad: 0),
                w: BatchColumns.loadSignTail(isCall, i, count: n), greeks: greeks)
            sink.storeTail(lanes, at: i, count: n)
        }
    }

    /// One vector of BSM greeks (the body of `blackScholes`, also used for the padded tail).
    @inline(always)
    static func lanes(S: D8, K: D8, T rawT: D8, sigma: D8, r: D8, q: D8, w: D8,
                      greeks: GreekSet) -> GreekLanes {
        let invalid = .!(S .> 0) .| .!(K .> 0) .| (rawT .!= rawT) .| (sigma .!= sigma)
            .| (r .!= r) .| (q .!= q)
        let T = rawT.replacing(with: 0, where: rawT .< 0)
        let core = VectorGreeksCore(
            underlying: S, alpha: SIMDMath.expLanes(-q * T), strike: K,
            strikeDiscount: SIMDMath.expLanes(-r * T), time: T, volatility: sigma, rate: r,
            carryYield: q, logMoneyness: mulAdd(r - q, T, VectorGreeksCore.logRatio(S, K)),
            w: w, invalid: invalid)
        return core.evaluate(greeks, forwardRho: false)
    }
}

/// The requested output columns, unwrapped once per call.
struct GreekSink {
    let greeks: GreekSet
    let price, delta, gamma, vega, theta, vanna, charm, rho: UnsafeMutableBufferPointer<Double>

    init(_ outputs: GreeksOutput, _ greeks: GreekSet) {
        self.greeks = greeks
        let empty = UnsafeMutableBufferPointer<Double>(start: nil, count: 0)
        func pick(_ g: GreekSet) -> UnsafeMutableBufferPointer<Double> {
            greeks.has(g) ? (outputs.column(g) ?? empty) : empty
        }
        price = pick(.price); delta = pick(.delta); gamma = pick(.gamma); vega = pick(.vega)
        theta = pick(.theta); vanna = pick(.vanna); charm = pick(.charm); rho = pick(.rho)
    }

    @inline(always)
    func store(_ l: GreekLanes, at i: Int) {
        if greeks.has(.price) { BatchColumns.store(l.price, price, i) }
        if greeks.has(.delta) { BatchColumns.store(l.delta, delta, i) }
        if greeks.has(.gamma) { BatchColumns.store(l.gamma, gamma, i) }
        if greeks.has(.vega) { BatchColumns.store(l.vega, vega, i) }
        if greeks.has(.theta) { BatchColumns.store(l.theta, theta, i) }
        if greeks.has(.vanna) { BatchColumns.store(l.vanna, vanna, i) }
        if greeks.has(.charm) { BatchColumns.store(l.charm, charm, i) }
        if greeks.has(.rho) { BatchColumns.store(l.rho, rho, i) }
    }

    func storeTail(_ l: GreekLanes, at i: Int, count: Int) {
        if greeks.has(.price) { BatchColumns.storeTail(l.price, price, i, count: count) }
        if greeks.has(.delta) { BatchColumns.storeTail(l.delta, delta, i, count: count) }
        if greeks.has(.gamma) { BatchColumns.storeTail(l.gamma, gamma, i, count: count) }
        if greeks.has(.vega) { BatchColumns.storeTail(l.vega, vega, i, count: count) }
        if greeks.has(.theta) { BatchColumns.storeTail(l.theta, theta, i, count: count) }
        if greeks.has(.vanna) { BatchColumns.storeTail(l.vanna, vanna, i, count: count) }
        if greeks.has(.charm) { BatchColumns.storeTail(l.charm, charm, i, count: count) }
        if greeks.has(.rho) { BatchColumns.storeTail(l.rho, rho, i, count: count) }
    }
}
