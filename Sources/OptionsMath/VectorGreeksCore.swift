/// Eight lanes of greeks (the result of `VectorGreeksCore.evaluate`).
@usableFromInline
struct GreekLanes {
    @usableFromInline var price = D8(), delta = D8(), gamma = D8(), vega = D8()
    @usableFromInline var theta = D8(), vanna = D8(), charm = D8(), rho = D8()

    init() {}

    @inline(always)
    subscript(greek: GreekSet) -> D8 {
        switch greek {
        case .price: price
        case .delta: delta
        case .gamma: gamma
        case .vega: vega
        case .theta: theta
        case .vanna: vanna
        case .charm: charm
        default: rho
        }
    }
}

/// The branch-free 8-lane twin of `ScalarGreeksCore` (same notation, same three price forms,
/// same zero-volatility limit), shared by the Black–Scholes–Merton and Black-76 kernels.
/// Every data-dependent choice is a lane mask; the only branches test the requested `GreekSet`,
/// which is the same for the whole batch.
@usableFromInline
struct VectorGreeksCore {
    @usableFromInline var underlying: D8      // U = S or F (> 0)
    @usableFromInline var alpha: D8           // e^{−qT} or D
    @usableFromInline var strike: D8
    @usableFromInline var strikeDiscount: D8  // e^{−rT}
    @usableFromInline var time: D8            // T ≥ 0
    @usableFromInline var volatility: D8
    @usableFromInline var rate: D8
    @usableFromInline var carryYield: D8      // q (= r for Black-76)
    @usableFromInline var logMoneyness: D8    // x = ln(F/K)
    @usableFromInline var w: D8               // ±1
    @usableFromInline var invalid: SIMDMask<SIMD8<Int64>>  // lanes that must come out NaN

    /// ln(a/b) with the division's rounding compensated (see `ScalarGreeksCore.logRatio`).
    @inline(always)
    static func logRatio(_ a: D8, _ b: D8) -> D8 {
        let q = a / b
        let p = q * b
        let e = (a - p) - productError(q, b, p)
        return mulAdd(e, 1 / a, SIMDMath.logLanes(q))
    }

    @inline(always)
    func evaluate(_ greeks: GreekSet, forwardRho: Bool) -> GreekLanes {
        let U = underlying, T = time, x = logMoneyness, r = rate, q = carryYield
        let A = U * alpha, B = strike * strikeDiscount
        let smallX = magnitude(x) .<= 0.35
        let aMinusB = (B * SIMDMath.expm1Kernel(x.replacing(with: 0, where: .!smallX)))
            .replacing(with: A - B, where: .!smallX)
        let sqrtT = squareRoot(T)
        let rawV = volatility * sqrtT
        // σ√T ≤ 1e-100 or T ≤ 1e-200: the zero-volatility limit (exact there to double precision
        // unless |ln(F/K)| < 1e-84; keeps 2·T·σ√T a normal number in charm).
        let degenerate = .!(rawV .> 1e-100) .| .!(T .> 1e-200)
        // Safe substitutes in degenerate lanes (their results are replaced below).
        let v = rawV.replacing(with: 1, where: degenerate)
        let sigma = volatility.replacing(with: 1, where: degenerate)
        let rootT = sqrtT.replacing(with: 1, where: degenerate)
        let t = T.replacing(with: 1, where: degenerate)

        var h = x / v
        h = h.replacing(with: 1e10, where: h .> 1e10)
        h = h.replacing(with: -1e10, where: h .< -1e10)
        let d1 = mulAdd(D8(repeating: 0.5), v, h), d2 = mulAdd(D8(repeating: -0.5), v, h)
        let phiAlpha = alpha * SIMDMath.normalPDFLanes(d1)
        let Phi = U * phiAlpha

        var out = GreekLanes()
        var legA = D8(), legB = D8()
        if greeks.rawValue & GreekSet.needsLegsBits != 0 {
            var a1 = magnitude(d1), a2 = magnitude(d2)
            a1 = a1.replacing(with: 40, where: a1 .> 40)
            a2 = a2.replacing(with: 40, where: a2 .> 40)
            let first = a1 .<= a2
            let lo = a2.replacing(with: a1, where: first), hi = a1.replacing(with: a2, where: first)
            let (mLo, mHi, dM) = MillsRatio.difference(lo: lo, hi: hi, gap: v)
            let m1 = mHi.replacing(with: mLo, where: first)
            let m2 = mLo.replacing(with: mHi, where: first)
            let wd1 = w * d1, wd2 = w * d2
            let t1 = Phi * m1, t2 = Phi * m2
            legA = (A - t1).replacing(with: t1, where: wd1 .< 0)   // A·N(w·d1)
            legB = (B - t2).replacing(with: t2, where: wd2 .< 0)   // B·N(w·d2)
            if greeks.has(.price) {
                let straddle = (d1 .>= 0) .& (d2 .<= 0)
                let central = straddle .& (v .<= 0.25)
                let otm = Phi * dM
                var price = mulAdd(w, aMinusB, otm).replacing(with: otm, where: .!(wd1 .> 0))
                price = price.replacing(with: w * (legA - legB), where: straddle)
                let c1 = SIMDMath.centralSeries(d1.replacing(with: 0, where: .!central))
                let c2 = SIMDMath.centralSeries(d2.replacing(with: 0, where: .!central))
                price = price.replacing(with: mulAdd(0.5 * w, aMinusB, Phi * (c1 - c2)),
                                        where: central)
                out.price = price
            }
        }
        if greeks.has(.delta) { out.delta = w * legA / U }
        if greeks.has(.gamma) { out.gamma = phiAlpha / (U * v) }
        if greeks.has(.vega) { out.vega = Phi * rootT }
        if greeks.has(.theta) {
            out.theta = mulAdd(w * q, legA, mulAdd(-w * r, legB, -Phi * sigma / (2 * rootT)))
        }
        if greeks.has(.vanna) { out.vanna = -phiAlpha * d2 / sigma }
        if greeks.has(.charm) {
            let slope = mulAdd(-d2, v, 2 * (r - q) * t) / (2 * t * v)
            out.charm = mulAdd(-phiAlpha, slope, w * q * legA / U)
        }
        if greeks.has(.rho) { out.rho = forwardRho ? -T * out.price : w * T * legB }

        // Zero-volatility / expiry lanes: N(w·d) → s = step(w·x) (½ at x = 0), φ → 0.
        do {  // (no `any(mask)` test: it is a generic call; the selects are cheaper)
            let s = D8().replacing(with: 1, where: w * x .> 0).replacing(with: 0.5, where: x .== 0)
            let price = s * w * aMinusB
            out.price = out.price.replacing(with: price, where: degenerate)
            out.delta = out.delta.replacing(with: w * s * alpha, where: degenerate)
            out.gamma = out.gamma.replacing(with: 0, where: degenerate)
            out.vega = out.vega.replacing(with: 0, where: degenerate)
            out.theta = out.theta.replacing(with: w * s * (q * A - r * B), where: degenerate)
            out.vanna = out.vanna.replacing(with: 0, where: degenerate)
            out.charm = out.charm.replacing(with: w * q * s * alpha, where: degenerate)
            out.rho = out.rho.replacing(with: forwardRho ? -T * price : w * T * s * B,
                                        where: degenerate)
        }
        do {
            out.price = out.price.replacing(with: .nan, where: invalid)
            out.delta = out.delta.replacing(with: .nan, where: invalid)
            out.gamma = out.gamma.replacing(with: .nan, where: invalid)
            out.vega = out.vega.replacing(with: .nan, where: invalid)
            out.theta = out.theta.replacing(with: .nan, where: invalid)
            out.vanna = out.vanna.replacing(with: .nan, where: invalid)
            out.charm = out.charm.replacing(with: .nan, where: invalid)
            out.rho = out.rho.replacing(with: .nan, where: invalid)
        }
        return out
    }
}
