import RealModule

/// Implied volatility at the attainable accuracy of double precision, by the method of P. Jäckel,
/// "Let's Be Rational" (Wilmott 2015): the price is normalised to b = p/√(FK) with x = ln(F/K),
/// reduced to the out-of-the-money call (put–call symmetry and subtraction of the intrinsic value),
/// started from the four-branch rational guess (`LetsBeRationalGuess`) and polished by Householder(3)
/// steps on a per-region transformed objective (`NormalisedImpliedVolatility`); usually two steps,
/// at most four.
///
/// Units and conventions: prices in currency, forward/spot/strike in the same currency, T in years
/// (any consistent year fraction), r and q continuously compounded per year, σ per unit (0.20 = 20 %)
/// per √year. The Black-76 price is undiscounted (price ÷ discount factor).
///
/// Accuracy contract (tested on 200,000 mpmath rows, `ImpliedVolatilityTests`): where σ is
/// identifiable, |σ̂ − σ| ≤ 2·max(attainable, ε σ) with attainable = ε·(P + S e^{−qT}N(w d1) +
/// K e^{−rT}N(w d2))/vega — the |dσ| that one rounding of the price and of the two legs already
/// implies — and the median error is a few 1e-17 relative to σ. The inputs are used as given:
/// x = ln(F/K) and the normalisation are formed with error-free products (FMA residuals) so that
/// they add no more than one rounding of each leg.
///
/// Edge behaviour: no input traps; every failure is a status with σ = NaN (see
/// `ImpliedVolatilityStatus` for the order of the checks). Thread-safe, no allocation.
public enum ImpliedVolatility {
    /// Black-76: σ from the undiscounted price on forward F.
    /// - Parameters: price ≥ 0 (currency, undiscounted), forward > 0, strike > 0, time ≥ 0 (years).
    /// - Returns: σ (per √year) and `.ok`, or NaN and the reason.
    public static func black(price: Double, forward: Double, strike: Double, time: Double,
                             right: OptionRight) -> (volatility: Double, status: ImpliedVolatilityStatus) {
        guard price.isFinite, forward.isFinite, strike.isFinite, time.isFinite,
              price >= 0, forward > 0, strike > 0, time >= 0 else { return (.nan, .invalidInput) }
        if time == 0 { return (.nan, .expired) }
        let x = logRatio(forward, strike)
        let (beta, betaLow) = normalisedPrice(price: price, strike: strike, exponent: -0.5 * x)
        return volatility(x: x, isCall: right == .call, beta: beta, betaLow: betaLow, time: time)
    }

    /// Black–Scholes–Merton with continuous rate r and dividend yield q: converted to Black-76 with
    /// F = S e^{(r−q)T} and undiscounted price P e^{rT} (formed as x = ln(S/K) + (r−q)T and
    /// β = (P/K)·e^{rT − x/2}, never through F itself).
    /// - Parameters: price ≥ 0, spot > 0, strike > 0, time ≥ 0 (years), rate and dividendYield finite.
    public static func blackScholes(price: Double, spot: Double, strike: Double, time: Double,
                                    rate: Double, dividendYield: Double, right: OptionRight)
        -> (volatility: Double, status: ImpliedVolatilityStatus) {
        blackScholesKernel(price: price, spot: spot, strike: strike, time: time, rate: rate,
                           dividendYield: dividendYield, isCall: right == .call)
    }

    /// Batch BSM over structure-of-arrays buffers. Writes σ (NaN when the status is not ok) and the
    /// status raw values. All buffers should have the same count; only the common prefix
    /// n = min(counts) is solved and any output slot beyond n gets NaN and `invalidInput`.
    /// Never allocates, never traps; one thread (call it on disjoint slices to parallelise).
    public static func blackScholes(price: UnsafeBufferPointer<Double>, spot: UnsafeBufferPointer<Double>,
                                    strike: UnsafeBufferPointer<Double>, time: UnsafeBufferPointer<Double>,
                                    rate: UnsafeBufferPointer<Double>,
                                    dividendYield: UnsafeBufferPointer<Double>,
                                    isCall: UnsafeBufferPointer<Bool>,
                                    volatility: UnsafeMutableBufferPointer<Double>,
                                    status: UnsafeMutableBufferPointer<UInt8>) {
        var n = Swift.min(price.count, spot.count, strike.count, time.count)
        n = Swift.min(n, rate.count, dividendYield.count, isCall.count)
        n = Swift.min(n, volatility.count, status.count)
        for i in 0..<n {
            let (v, s) = blackScholesKernel(price: price[i], spot: spot[i], strike: strike[i],
                                            time: time[i], rate: rate[i], dividendYield: dividendYield[i],
                                            isCall: isCall[i])
            volatility[i] = v
            status[i] = s.rawValue
        }
        if volatility.count > n { for i in n..<volatility.count { volatility[i] = .nan } }
        if status.count > n {
            for i in n..<status.count { status[i] = ImpliedVolatilityStatus.invalidInput.rawValue }
        }
    }

    @inline(__always) @usableFromInline
    static func blackScholesKernel(price: Double, spot: Double, strike: Double, time: Double, rate: Double,
                                   dividendYield: Double, isCall: Bool)
        -> (volatility: Double, status: ImpliedVolatilityStatus) {
        guard price.isFinite, spot.isFinite, strike.isFinite, time.isFinite, rate.isFinite,
              dividendYield.isFinite, price >= 0, spot > 0, strike > 0, time >= 0
        else { return (.nan, .invalidInput) }
        if time == 0 { return (.nan, .expired) }
        let x = logRatio(spot, strike) + (rate - dividendYield) * time
        let (beta, betaLow) = normalisedPrice(price: price, strike: strike, exponent: rate * time - 0.5 * x)
        return volatility(x: x, isCall: isCall, beta: beta, betaLow: betaLow, time: time)
    }

    /// ln(a/b) with the rounding of the quotient corrected: a/b = q(1 + δ), δ ≈ (a − q b)/a.
    @inline(__always) @usableFromInline
    static func logRatio(_ a: Double, _ b: Double) -> Double {
        let q = a / b
        let residual = a.addingProduct(-q, b)
        return Double.log(q) + residual / a
    }

    /// (price/strike)·e^{exponent} as a double-double (the quotient's and the product's roundings
    /// kept; the exponential's own rounding, ≤ ½ ulp, is the only one left).
    @inline(__always) @usableFromInline
    static func normalisedPrice(price: Double, strike: Double, exponent: Double) -> (Double, Double) {
        let q = price / strike
        let qLow = price.addingProduct(-q, strike) / strike
        let e = Double.exp(exponent)
        let beta = q * e
        let betaLow = (-beta).addingProduct(q, e) + qLow * e
        return (beta, betaLow)
    }

    /// Status checks, reduction to the out-of-the-money call, the solve and σ = s/√T.
    @inline(__always) @usableFromInline
    static func volatility(x: Double, isCall: Bool, beta: Double, betaLow: Double, time: Double)
        -> (volatility: Double, status: ImpliedVolatilityStatus) {
        guard x.isFinite, beta.isFinite else { return (.nan, .notIdentifiable) }
        // √T and 1/√T first: they are independent of the solve and overlap with it.
        let root = time.squareRoot()
        let inverseRoot = 1 / root
        let thetaX = isCall ? x : -x
        let halfAbsX = 0.5 * Swift.abs(x)
        // Maximum normalised price e^{θx/2} of this option and e^{−|x|/2} of the out-of-the-money one.
        let otmMaximum = Double.exp(-halfAbsX)
        let maximum: Double, otm: Double, otmLow: Double, noise: Double
        if thetaX > 0 {
            // In the money: subtract ι = e^{a} − e^{−a} = u + u/(1+u), u = e^{a} − 1, a = |x|/2.
            let u = Double.expMinusOne(halfAbsX)
            maximum = 1 + u
            let intrinsic = u + u * otmMaximum
            let (d, dLow) = twoSum(beta, -intrinsic)
            (otm, otmLow) = twoSum(d, dLow + betaLow)
            noise = 4 * Double.ulpOfOne * (maximum + otmMaximum)
        } else {
            maximum = otmMaximum
            otm = beta
            otmLow = betaLow
            noise = 0
        }
        if beta >= maximum { return (.nan, .aboveMaximum) }
        let timeValue = otm + otmLow
        if timeValue < -noise { return (.nan, .belowIntrinsic) }
        if timeValue <= noise { return (.nan, .notIdentifiable) }
        let gap = (maximum - beta) - betaLow
        if gap <= 4 * Double.ulpOfOne * maximum { return (.nan, .notIdentifiable) }
        let (s, sLow) = NormalisedImpliedVolatility.solve(x: -2 * halfAbsX, beta: otm, betaLow: otmLow,
                                                          bmax: otmMaximum, gapToMax: gap)
        guard s > 0 && s.isFinite && sLow.isFinite else { return (.nan, .notIdentifiable) }
        return (divideBySquareRoot(s, sLow, time, root, inverseRoot), .ok)
    }

    /// (s + sLow)/√T with √T as a double-double and the quotient's rounding corrected
    /// (root = √T and inverseRoot = 1/√T rounded; the result is within ~½ ulp of the exact quotient).
    @inline(__always) @usableFromInline
    static func divideBySquareRoot(_ s: Double, _ sLow: Double, _ time: Double, _ root: Double,
                                   _ inverseRoot: Double) -> Double {
        let rootLow = time.addingProduct(-root, root) * (0.5 * inverseRoot)
        let q = s * inverseRoot
        let residual = s.addingProduct(-q, root)
        return q + (residual + sLow - q * rootLow) * inverseRoot
    }
}
