import RealModule

/// Which transformed objective the iteration uses (fixed by the position of β, as in the paper).
@usableFromInline enum ObjectiveBranch: UInt8 {
    /// β < b_l: g(s) = 1/ln b(s) − 1/ln β.
    case lower
    /// b_l ≤ β ≤ b_u: g(s) = b(s) − β.
    case middle
    /// β > b_u: g(s) = ln(b_max − β) − ln(b_max − b(s)).
    case upper
}

/// The four-branch rational initial guess of "Let's Be Rational" (Jäckel 2015, §3–4) for the
/// out-of-the-money call (x ≤ 0, 0 < β < b_max = e^{x/2}).
///
/// With the inflection point s_c = √(−2x) (where ∂²b/∂s² = 0), b_c = b(s_c) and v_c = ∂b/∂s(s_c),
/// the tangent at s_c meets 0 at s_l = s_c − b_c/v_c and b_max at s_u = s_c + (b_max − b_c)/v_c.
/// In the Mills-ratio form these are b_c/v_c = √(π/2) − R(s_c), s_u = s_c + √(π/2) + R(s_c),
/// v_c = b_max/√(2π). Then
/// - β < b_l: rational cubic interpolation of f_l(β) where f_l(s) = (2π|x|/√27)·N(x/(√3 s))³ is
///   the lower map (f_l ≈ b for s → 0, df/dβ = 1 at β = 0), matched to f_l's value, slope and
///   curvature at b_l; s = f_l⁻¹(f);
/// - b_l ≤ β < b_c and b_c ≤ β ≤ b_u: rational cubic interpolation of s(β) with zero curvature at
///   b_c (the inflection point);
/// - β > b_u: interpolation of f_u(β) where f_u(s) = N(−s/2) (f_u ≈ (b_max − b)/2 as s → ∞,
///   df/dβ = −½ at b_max), s = −2 N⁻¹(f).
/// The interpolants use the shape-preserving control parameter (see `RationalCubic`).
/// Also returned: the bracket [lowerBound, upperBound] that the branch implies for s.
@usableFromInline struct LetsBeRationalGuess {
    @usableFromInline var s: Double
    @usableFromInline var branch: ObjectiveBranch
    @usableFromInline var lowerBound: Double
    @usableFromInline var upperBound: Double

    /// √3.
    @usableFromInline static let sqrtThree = 1.732_050_807_568_877_293_527_446_341_505_872_366_942_805_253_810_4
    /// 2π/√27.
    @usableFromInline static let lowerMapScale = 1.209_199_576_156_145_233_729_385_505_094_770_488_189_377_498_728_5

    /// - Parameters: x ≤ 0, 0 < beta < bmax = e^{x/2}, gapToMax = bmax − beta (> 0, accurate).
    @inline(__always) @usableFromInline
    init(x: Double, beta: Double, bmax: Double, gapToMax: Double) {
        self.init(anchor: GuessAnchor(x: x, beta: beta, bmax: bmax), x: x, beta: beta, bmax: bmax,
                  gapToMax: gapToMax)
    }

    /// Second stage: branch selection and interpolation, given the anchor of the same (x, β).
    @inline(__always) @usableFromInline
    init(anchor a: GuessAnchor, x: Double, beta: Double, bmax: Double, gapToMax: Double) {
        if a.isBelowCentre {
            let sl = a.sSide, bl = a.bSide
            if beta < bl {
                s = LetsBeRationalGuess.lowerBranch(x: x, beta: beta, sl: sl, bl: bl, vl: a.vSide)
                branch = .lower
                lowerBound = 0
                upperBound = sl
            } else {
                let h = a.bc - bl
                let inverseH = 1 / h
                let dl = 1 / a.vSide, dr = 1 / a.vc
                let r = RationalCubic.fitRight(h: h, yl: sl, yr: a.sc, dl: dl, dr: dr, secondDerivative: 0)
                s = RationalCubic.interpolate(tau: (beta - bl) * inverseH, oneMinusTau: (a.bc - beta) * inverseH,
                                              h: h, yl: sl, yr: a.sc, dl: dl, dr: dr, r: r)
                branch = .middle
                lowerBound = sl
                upperBound = a.sc
            }
        } else {
            let su = a.sSide, bu = a.bSide
            if beta <= bu {
                let h = bu - a.bc
                let inverseH = 1 / h
                let dl = 1 / a.vc, dr = 1 / a.vSide
                let r = RationalCubic.fitLeft(h: h, yl: a.sc, yr: su, dl: dl, dr: dr, secondDerivative: 0)
                s = RationalCubic.interpolate(tau: (beta - a.bc) * inverseH, oneMinusTau: (bu - beta) * inverseH,
                                              h: h, yl: a.sc, yr: su, dl: dl, dr: dr, r: r)
                branch = .middle
                lowerBound = a.sc
                upperBound = su
            } else {
                s = LetsBeRationalGuess.upperBranch(x: x, gapToMax: gapToMax, su: su, bu: bu, bmax: bmax)
                branch = .upper
                lowerBound = su
                upperBound = .infinity
            }
        }
    }

    /// Lower branch: interpolate f_l(β) on [0, b_l], then invert the lower map.
    @inline(never) @usableFromInline
    static func lowerBranch(x: Double, beta: Double, sl: Double, bl: Double, vl: Double) -> Double {
        let ax = -x
        let inverseSl = 1 / sl
        let inverseScale = 1 / (lowerMapScale * ax)
        let inverseBl = 1 / bl
        let zl = x * inverseSl * (1 / sqrtThree)              // x/(√3 s_l) < 0
        let rl = ScaledComplementaryErrorFunction.millsRatioAboveMinusOne(-zl)
        // N(z_l)³ = n(z_l)³R(−z_l)³ and n(z_l)³ = e^{−3z²/2}/(2π)^{3/2} = v_l·e^{s_l²/8}/(2π), since
        // x²/s_l² = 3z_l²: the vega at s_l (from the anchor) saves an exponential.
        let growth = smallExp(0.125 * sl * sl)
        let fl = lowerMapScale * ax * (vl * growth * (1 / (2 * Double.pi))) * (rl * rl * rl)
        // df/dβ = z²R(−z)²e^{s²/8}; d²f/dβ² = df/dβ·[s/4 − (2/s)(1 + z² + z/R(−z))]/v_l.
        let dfl = zl * zl * rl * rl * growth
        let d2fl = dfl * (0.25 * sl * rl - 2 * inverseSl * ((1 + zl * zl) * rl + zl)) / (rl * vl)
        let r = RationalCubic.fitRight(h: bl, yl: 0, yr: fl, dl: 1, dr: dfl, secondDerivative: d2fl)
        let f = RationalCubic.interpolate(tau: beta * inverseBl, oneMinusTau: (bl - beta) * inverseBl, h: bl,
                                          yl: 0, yr: fl, dl: 1, dr: dfl, r: r)
        // f = (2π|x|/√27)·N(z)³  ⇒  z = N⁻¹(p) with ln p = ln(f/(2π|x|/√27))/3, s = x/(√3 z).
        // The tail of N⁻¹ needs only ln p, the centre p itself: no cube root.
        let lnP = Double.log(f * inverseScale) * (1.0 / 3)
        let z: Double
        if lnP < -3.719_339_528_592_236_5 {                   // p < 0.02425
            z = InverseNormal.lowerTailFromLog(lnP)
        } else {
            z = InverseNormal.approximate(Double.exp(lnP))
        }
        let s = x / (sqrtThree * z)
        return s > 0 && s < sl ? s : 0.5 * sl
    }

    /// e^a for the guess: Taylor polynomial (relative error < 4e-10) when 0 ≤ a ≤ ¼, else libm.
    @inline(__always) @usableFromInline
    static func smallExp(_ a: Double) -> Double {
        if a <= 0.25 {
            let p = ((((((a * (1.0 / 5040) + 1.0 / 720) * a + 1.0 / 120) * a + 1.0 / 24) * a + 1.0 / 6)
                * a + 0.5) * a + 1)
            return p * a + 1
        }
        return Double.exp(a)
    }

    /// Upper branch: interpolate f_u(β) = N(−s/2) on [b_u, b_max], then s = −2N⁻¹(f).
    @inline(never) @usableFromInline
    static func upperBranch(x: Double, gapToMax: Double, su: Double, bu: Double, bmax: Double) -> Double {
        let half = 0.5 * su
        let fu = StandardNormalTail.cdf(-half)
        let q = x / su
        let dfu = -0.5 * Double.exp(0.5 * q * q)
        let d2fu = ScaledComplementaryErrorFunction.sqrtTwoPi * 0.5 * q * q / su
            * Double.exp(q * q + 0.125 * su * su)
        let h = bmax - bu
        let r = RationalCubic.fitLeft(h: h, yl: fu, yr: 0, dl: dfu, dr: -0.5, secondDerivative: d2fu)
        let f = RationalCubic.interpolate(tau: (h - gapToMax) / h, oneMinusTau: gapToMax / h, h: h,
                                          yl: fu, yr: 0, dl: dfu, dr: -0.5, r: r)
        let s = -2 * InverseNormal.approximate(f)
        return s > su && s.isFinite ? s : 2 * su
    }
}

/// First stage of `LetsBeRationalGuess`: the inflection point s_c (b_c, v_c in closed form) and the
/// one evaluation of b that places β — at s_l = s_c − b_c/v_c when β < b_c, else at
/// s_u = s_c + (b_max − b_c)/v_c. Separate so that a batch can run it for many rows in a row.
@usableFromInline struct GuessAnchor {
    @usableFromInline var sc: Double
    @usableFromInline var bc: Double
    @usableFromInline var vc: Double
    /// β < b_c: the side point is (s_l, b_l, v_l), otherwise (s_u, b_u, v_u).
    @usableFromInline var isBelowCentre: Bool
    @usableFromInline var sSide: Double
    @usableFromInline var bSide: Double
    @usableFromInline var vSide: Double

    /// All zero (a placeholder for batch storage).
    @inline(__always) @usableFromInline
    init() {
        sc = 0; bc = 0; vc = 0; isBelowCentre = false; sSide = 0; bSide = 0; vSide = 0
    }

    @inline(__always) @usableFromInline
    init(x: Double, beta: Double, bmax: Double) {
        let c = NormalisedBlack.sqrtHalfPi
        let sc = (-2 * x).squareRoot()
        let rc = ScaledComplementaryErrorFunction.millsRatioAboveMinusOneFast(sc)
        // b_c/v_c = √(π/2) − R(s_c) and s_l = s_c − b_c/v_c; Taylor series in s_c where they cancel.
        let cMinusR: Double, sl: Double
        if sc < 0.1 {
            let z = sc
            let tail = (((((((-z / 945 + c / 384) * z - 1.0 / 105) * z + c / 48) * z - 1.0 / 15) * z
                + c / 8) * z - 1.0 / 3) * z + c / 2)
            sl = z * z * tail
            cMinusR = z - sl
        } else {
            cMinusR = c - rc
            sl = sc - cMinusR
        }
        self.sc = sc
        vc = bmax * NormalisedBlack.inverseSqrtTwoPi
        bc = vc * cMinusR
        isBelowCentre = beta < bc
        let side = isBelowCentre ? sl : sc + c + rc
        sSide = side
        let p = OutOfTheMoneyPoint(fastX: x, s: side)
        let v = NormalisedBlack.inverseSqrtTwoPi * Double.exp(-p.halfSquares)
        vSide = v
        bSide = p.isUpper ? bmax - v * p.ratio : v * p.ratio
    }
}
