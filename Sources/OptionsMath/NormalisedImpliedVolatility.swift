import RealModule

/// Householder(3) iteration of "Let's Be Rational" on the normalised, out-of-the-money call:
/// find s > 0 with b(x, s) = β for x ≤ 0 and 0 < β < b_max = e^{x/2}.
///
/// Starting from `LetsBeRationalGuess`, each step evaluates b once (two Mills ratios and one
/// exponential or logarithm; see `OutOfTheMoneyPoint`) and applies the fourth-order Householder
/// update s ← s + ν(1 + ½ν h₂)/(1 + ν(h₂ + ν h₃/6)) with ν = −g/g', h₂ = g''/g', h₃ = g'''/g' of the
/// branch's transformed objective g (see `ObjectiveBranch`). For b itself
/// b''/b' = x²/s³ − s/4 and b'''/b' = (b''/b')² − 3x²/s⁴ − ¼.
/// The first step (from the guess, never the last) may use the fast evaluation; later steps use the
/// accurate one. The iteration stops after a step (other than the first) that moves s by less than
/// 2⁻¹⁷ relative (the next one would be below ε), or after four steps; a bracket implied by the
/// guess and by the sign of every residual keeps each iterate inside the interval holding the root.
///
/// The result is an unevaluated sum s + sLow (the last step is not rounded into s) so that the
/// caller can divide by √T without an extra rounding.
@usableFromInline enum NormalisedImpliedVolatility {
    @usableFromInline static let maximumIterations = 4
    @usableFromInline static let convergedRelativeStep = 0x1p-17

    /// - Parameters: x ≤ 0; beta + betaLow the normalised out-of-the-money price as a double-double,
    ///   0 < beta < bmax = e^{x/2}; gapToMax = bmax − β (> 0, accurate).
    /// - Returns: (s, sLow) with s + sLow the total standard deviation σ√T.
    @inline(__always) @usableFromInline
    static func solve(x: Double, beta: Double, betaLow: Double, bmax: Double,
                      gapToMax: Double) -> (s: Double, sLow: Double) {
        let guess = LetsBeRationalGuess(x: x, beta: beta, bmax: bmax, gapToMax: gapToMax)
        var state = HouseholderState(x: x, beta: beta, betaLow: betaLow, bmax: bmax, gapToMax: gapToMax,
                                     guess: guess)
        var iteration = 0
        while true {
            let next = iteration > 0 ? state.accurateStep() : state.fastStep()
            iteration += 1
            if state.isFinished(iteration: iteration) { return (state.s, state.lastStep) }
            state.s = next
        }
    }
}

/// The iterate of `NormalisedImpliedVolatility` and everything a step needs.
@usableFromInline struct HouseholderState {
    @usableFromInline var x: Double
    @usableFromInline var beta: Double
    @usableFromInline var betaLow: Double
    @usableFromInline var bmax: Double
    @usableFromInline var gapToMax: Double
    @usableFromInline var lnBeta: Double
    @usableFromInline var inverseLnBeta: Double
    @usableFromInline var lnGap: Double
    @usableFromInline var branch: ObjectiveBranch
    /// Current iterate and the bracket [left, right] that holds the root.
    @usableFromInline var s: Double
    @usableFromInline var left: Double
    @usableFromInline var right: Double
    /// The step computed by the last `step(accurate:)`.
    @usableFromInline var lastStep: Double

    /// All zero (a placeholder for batch storage).
    @inline(__always) @usableFromInline
    init() {
        x = 0; beta = 0; betaLow = 0; bmax = 0; gapToMax = 0; lnBeta = 0; inverseLnBeta = 0; lnGap = 0
        branch = .middle; s = 0; left = 0; right = 0; lastStep = 0
    }

    @inline(__always) @usableFromInline
    init(x: Double, beta: Double, betaLow: Double, bmax: Double, gapToMax: Double, guess: LetsBeRationalGuess) {
        self.x = x
        self.beta = beta
        self.betaLow = betaLow
        self.bmax = bmax
        self.gapToMax = gapToMax
        branch = guess.branch
        lnBeta = guess.branch == .lower ? Double.log(beta) + betaLow / beta : 0
        inverseLnBeta = 1 / lnBeta
        lnGap = guess.branch == .upper ? Double.log(gapToMax) : 0
        s = guess.s
        left = guess.lowerBound
        right = guess.upperBound
        lastStep = 0
    }

    /// true after a converged accurate step, after the last allowed step, or on NaN.
    @inline(__always) @usableFromInline
    func isFinished(iteration: Int) -> Bool {
        (iteration > 1 && Swift.abs(lastStep) <= NormalisedImpliedVolatility.convergedRelativeStep * s)
            || iteration >= NormalisedImpliedVolatility.maximumIterations || !(lastStep == lastStep)
    }

    /// `step(accurate: false)` (its own copy, so that the choice of evaluation is folded).
    @inline(never) @usableFromInline
    mutating func fastStep() -> Double { step(accurate: false) }

    /// `step(accurate: true)`.
    @inline(never) @usableFromInline
    mutating func accurateStep() -> Double { step(accurate: true) }

    /// One Householder(3) step from s: updates the bracket and `lastStep`, returns the next iterate
    /// (s itself is left unchanged).
    @inline(__always) @usableFromInline
    mutating func step(accurate: Bool) -> Double {
        let p = accurate ? OutOfTheMoneyPoint(x: x, s: s) : OutOfTheMoneyPoint(fastX: x, s: s)
        let hs = p.h * p.inverseS
        let bpp = (p.h - p.t) * (p.h + p.t) * p.inverseS    // b''/b'
        let bppp = bpp * bpp - 3 * hs * hs - 0.25           // b'''/b'
        let nu: Double, h2: Double, h3: Double
        switch branch {
        case .lower:
            // g = 1/ln b − 1/ln β: ν = (ln β − ln b)·ln b/(ln β·b'/b).
            let lnb: Double, bpob: Double, invLnb: Double, bOverVega: Double
            if !p.isUpper {
                lnb = (Double.log(p.ratio) - (p.halfSquares + NormalisedBlack.logSqrtTwoPi)) - p.halfSquaresLow
                let w = 1 / (lnb * p.ratio)
                invLnb = p.ratio * w
                bpob = lnb * w
                bOverVega = p.ratio
            } else {
                let inverseVega = HouseholderState.inverseVega(p)
                let b = bmax * inverseVega - p.ratio             // b/vega
                lnb = Double.log(b / inverseVega)
                invLnb = 1 / lnb
                bpob = 1 / b
                bOverVega = b
            }
            nu = (lnBeta - lnb) * lnb * inverseLnBeta * bOverVega
            let k = 1 + 2 * invLnb
            h2 = bpp - bpob * k
            h3 = bppp + bpob * (2 * bpob * (1 + 3 * invLnb * (1 + invLnb)) - 3 * bpp * k)
        case .middle:
            // g = b − β: ν = (β − b)/b'.
            let inverseVega = HouseholderState.inverseVega(p)
            if !p.isUpper {
                nu = (beta * inverseVega - p.ratio) + betaLow * inverseVega
            } else {
                nu = p.ratio - gapToMax * inverseVega
            }
            h2 = bpp
            h3 = bppp
        case .upper:
            // g = ln(b_max − β) − ln(b_max − b): ν = (ln D − ln(b_max − β))·D/b', D = b_max − b.
            let lnD: Double, dOverVega: Double
            if p.isUpper {
                lnD = (Double.log(p.ratio) - (p.halfSquares + NormalisedBlack.logSqrtTwoPi)) - p.halfSquaresLow
                dOverVega = p.ratio
            } else {
                let inverseVega = HouseholderState.inverseVega(p)
                dOverVega = bmax * inverseVega - p.ratio
                lnD = Double.log(dOverVega / inverseVega)
            }
            let dpob = 1 / dOverVega
            nu = (lnD - lnGap) * dOverVega
            h2 = bpp + dpob
            h3 = bppp + dpob * (3 * bpp + 2 * dpob)
        }
        // ν > 0 ⇔ b(s) < β ⇔ the root lies above s.
        if nu > 0 { if s > left { left = s } } else if nu < 0 { if s < right { right = s } }
        let factor = (1 + 0.5 * h2 * nu) / (1 + nu * (h2 + h3 * nu * (1.0 / 6)))
        var step = factor > 0 && factor.isFinite ? nu * factor : nu
        var next = s + step
        if !(next >= left && next <= right) {
            // Outside the bracket (or NaN): fall back to bisection, geometric when unbounded.
            next = right.isFinite ? 0.5 * (left + right) : (left > 0 ? 2 * left : 2 * s)
            step = next - s
        }
        lastStep = step
        return next
    }

    /// 1/vega = √(2π)·e^{(h²+t²)/2}.
    @inline(__always) @usableFromInline
    static func inverseVega(_ p: OutOfTheMoneyPoint) -> Double {
        ScaledComplementaryErrorFunction.sqrtTwoPi * (Double.exp(p.halfSquares) * (1 + p.halfSquaresLow))
    }
}
