import RealModule

/// The normalised Black function of P. Jäckel ("Let's Be Rational", 2015):
///
///     b(x, s, θ) = θ·[ e^{x/2}·N(θ(x/s + s/2)) − e^{−x/2}·N(θ(x/s − s/2)) ]
///
/// with x = ln(F/K), s = σ√T (total standard deviation), θ = +1 call / −1 put. The undiscounted
/// Black price is √(F·K)·b(x, s, θ). b is dimensionless; 0 ≤ b < e^{θx/2}.
///
/// Evaluation (all through the Mills ratio R = (1 − N)/n, never through N itself): with
/// h = x/s, t = s/2 and the out-of-the-money call (x ≤ 0; other cases follow from put–call
/// symmetry b(x, s, −1) = b(−x, s, +1) and b = intrinsic + out-of-the-money part),
/// - h + t ≤ 0.85: b = v·[R(−h−t) − R(t−h)], v = e^{−(h²+t²)/2}/√(2π) = ∂b/∂s;
/// - h + t > 0.85: b = e^{x/2} − v·[R(h+t) + R(t−h)], the second term computed without
///   cancellation (it is e^{x/2}N(−h−t) + e^{−x/2}N(h−t)).
///
/// Accuracy contract: each leg e^{x/2}N(h+t), e^{−x/2}N(h−t) carries about one ulp (R ≤ 0.61 ulp, the
/// exponential ½ ulp, its argument (h²+t²)/2 formed as a double-double), so that
/// |b̂ − b| ≤ 1.5ε·(b + legs): full relative accuracy wherever the legs do not cancel, the attainable
/// accuracy where they do (far out of the money at small s). Measured against mpmath on 19,000
/// points: 0.72ε·(b + legs) for |x| ≤ 1, 1.08ε·(b + legs) up to |x| = 30 (`SpecialFunctionTests`
/// keeps a representative set).
///
/// Edge behaviour: s ≤ 0 gives the intrinsic value; s = +∞ gives e^{θx/2}; b underflows to 0 when
/// (h² + t²)/2 > ~745 out of the money; NaN in gives NaN out. Never traps, no allocation.
public enum NormalisedBlack {
    /// 1/√(2π).
    @usableFromInline static let inverseSqrtTwoPi = 0.398_942_280_401_432_677_939_946_059_934_381_868_475_858_631_164_9
    /// ln √(2π).
    @usableFromInline static let logSqrtTwoPi = 0.918_938_533_204_672_741_780_329_736_405_617_639_861_397_473_637_8
    /// √(π/2) = R(0).
    @usableFromInline static let sqrtHalfPi = 1.253_314_137_315_500_251_207_882_642_405_522_626_503_493_370_305

    /// b(x, s, θ) for any real x and s ≥ 0 (dimensionless; see the type's contract).
    public static func price(x: Double, s: Double, right: OptionRight) -> Double {
        let thetaX = right == .call ? x : -x
        if !(s > 0) {
            return s == 0 ? intrinsic(x: x, right: right) : .nan
        }
        if s == .infinity { return x.isNaN ? x : Double.exp(0.5 * thetaX) }
        let otm = outOfTheMoneyCall(x: -Swift.abs(thetaX), s: s)
        return thetaX > 0 ? intrinsic(x: x, right: right) + otm : otm
    }

    /// Normalised intrinsic value max(θ(e^{x/2} − e^{−x/2}), 0) = 2 sinh(|x|/2) in the money.
    public static func intrinsic(x: Double, right: OptionRight) -> Double {
        let thetaX = right == .call ? x : -x
        return thetaX > 0 ? 2 * Double.sinh(0.5 * thetaX) : 0
    }

    /// Normalised vega ∂b/∂s = e^{−(h²+t²)/2}/√(2π) with h = x/s, t = s/2 (the same for calls and
    /// puts). 0 for s ≤ 0 or s = +∞.
    public static func vega(x: Double, s: Double) -> Double {
        guard s > 0 else { return s == 0 ? 0 : .nan }
        let h = x / s, t = 0.5 * s
        return inverseSqrtTwoPi * Double.exp(-halfSumOfSquares(h, t))
    }

    /// The out-of-the-money call b(x, s, +1) for x ≤ 0, s > 0 (no intrinsic part).
    public static func outOfTheMoneyCall(x: Double, s: Double) -> Double {
        let point = OutOfTheMoneyPoint(x: x, s: s)
        let v = inverseSqrtTwoPi * (Double.exp(-point.halfSquares) * (1 - point.halfSquaresLow))
        if point.isUpper {
            return Double.exp(0.5 * x) - v * point.millsSum
        }
        return v * point.millsDifference
    }

    /// (h² + t²)/2.
    @inline(__always) @usableFromInline
    static func halfSumOfSquares(_ h: Double, _ t: Double) -> Double {
        0.5 * (h * h + t * t)
    }
}

/// One evaluation of the out-of-the-money call (x ≤ 0, s > 0) in the Mills-ratio form shared by
/// `NormalisedBlack` and the implied-volatility iteration: everything except the exponential.
/// `init(x:s:)` carries (h² + t²)/2 as a double-double (the roundings of h = x/s, of the squares and
/// of their sum), which keeps each leg within about one ulp however large h is; `init(fastX:s:)`
/// drops that low part (relative error ≲ ε·(h² + t²)/2 per leg) for iterates that are not final.
@usableFromInline struct OutOfTheMoneyPoint {
    /// h = x/s (x·(1/s); the accurate form carries the residual in its corrections).
    @usableFromInline var h: Double
    /// t = s/2.
    @usableFromInline var t: Double
    /// 1/s.
    @usableFromInline var inverseS: Double
    /// (h² + t²)/2, so that the vega is e^{−halfSquares}/√(2π).
    @usableFromInline var halfSquares: Double
    /// Low-order part of (h² + t²)/2 (roundings of h, the squares and the sum); 0 when fast.
    @usableFromInline var halfSquaresLow: Double
    /// true when h + t > 0.85: then `ratio` = R(h+t) + R(t−h) = (e^{x/2} − b)/vega;
    /// otherwise `ratio` = R(−h−t) − R(t−h) = b/vega.
    @usableFromInline var isUpper: Bool
    @usableFromInline var ratio: Double

    @inline(__always) @usableFromInline
    init(x: Double, s: Double) {
        // h = x/s carried as h + hLow (FMA residual); t = s/2 is exact.
        let inverseS = 1 / s
        let h = x * inverseS
        let hLow = x.addingProduct(-h, s) * inverseS
        let t = 0.5 * s
        self.h = h
        self.t = t
        self.inverseS = inverseS
        // (h² + t²)/2 with the roundings of h, h², t² and of the sum carried in halfSquaresLow.
        let hh = h * h
        let hhLow = (-hh).addingProduct(h, h) + 2 * h * hLow
        let tt = t * t
        let ttLow = (-tt).addingProduct(t, t)
        let (squares, squaresError) = twoSum(hh, tt)
        halfSquares = 0.5 * squares
        halfSquaresLow = 0.5 * (squaresError + (hhLow + ttLow))
        let sum = h + t
        let rFar = ScaledComplementaryErrorFunction.millsRatioAboveMinusOne(t - h)
        if sum > 0.85 {
            isUpper = true
            ratio = ScaledComplementaryErrorFunction.millsRatioAboveMinusOne(sum) + rFar
        } else {
            isUpper = false
            ratio = ScaledComplementaryErrorFunction.millsRatioAboveMinusOne(-sum) - rFar
        }
    }

    @inline(__always) @usableFromInline
    init(fastX x: Double, s: Double) {
        let inverseS = 1 / s
        let h = x * inverseS
        let t = 0.5 * s
        self.h = h
        self.t = t
        self.inverseS = inverseS
        halfSquares = 0.5 * (h * h + t * t)
        halfSquaresLow = 0
        let sum = h + t
        let rFar = ScaledComplementaryErrorFunction.millsRatioAboveMinusOneFast(t - h)
        if sum > 0.85 {
            isUpper = true
            ratio = ScaledComplementaryErrorFunction.millsRatioAboveMinusOneFast(sum) + rFar
        } else {
            isUpper = false
            ratio = ScaledComplementaryErrorFunction.millsRatioAboveMinusOneFast(-sum) - rFar
        }
    }

    /// b/vega (only when !isUpper).
    @inlinable var millsDifference: Double { ratio }
    /// (e^{x/2} − b)/vega (only when isUpper).
    @inlinable var millsSum: Double { ratio }
}

/// Error-free sum: a + b = s + e exactly (Knuth's TwoSum, no magnitude precondition).
@inline(__always) @usableFromInline
func twoSum(_ a: Double, _ b: Double) -> (sum: Double, error: Double) {
    let s = a + b
    let bb = s - a
    return (s, (a - (s - bb)) + (b - bb))
}
