/// Shape-preserving rational cubic interpolation (Delbourgo & Gregory 1983/1985) as used by the
/// "Let's Be Rational" initial guess.
///
/// On [xl, xr] with values yl, yr, end slopes dl, dr and control parameter r (r = 3 is the cubic
/// Hermite interpolant, r → ∞ the straight line), with h = xr − xl and τ = (x − xl)/h:
///
///     y(τ) = [yr τ³ + (r yr − h dr) τ²(1−τ) + (r yl + h dl) τ(1−τ)² + yl (1−τ)³] / [1 + (r−3) τ(1−τ)]
///
/// Its second derivatives at the ends are y''(xl) = 2(r(Δ − dl) − (dr − dl))/h and
/// y''(xr) = 2(r(dr − Δ) − (dr − dl))/h with Δ = (yr − yl)/h, which gives r for a prescribed
/// second derivative at either end. The interpolant is monotone for r ≥ (dl + dr)/Δ and keeps the
/// convexity of convex (or concave) data for r ≥ (dr − dl)/(Δ − dl) and r ≥ (dr − dl)/(dr − Δ);
/// `fitLeft`/`fitRight` never return less than those bounds. Pure arithmetic; never traps.
@usableFromInline enum RationalCubic {
    /// Control parameters at or above this are treated as ∞ (linear interpolation).
    @usableFromInline static let maximumControlParameter = 2 / (Double.ulpOfOne * Double.ulpOfOne)

    /// Interpolated value at τ = (x − xl)/h, given τ and 1 − τ separately (so that a point close to
    /// xr keeps its relative distance to xr).
    @inline(__always) @usableFromInline
    static func interpolate(tau: Double, oneMinusTau: Double, h: Double, yl: Double, yr: Double,
                            dl: Double, dr: Double, r: Double) -> Double {
        if !(r < maximumControlParameter) {
            return yl * oneMinusTau + yr * tau
        }
        let t = tau, u = oneMinusTau
        let numerator = yr * t * t * t + (r * yr - h * dr) * t * t * u
            + (r * yl + h * dl) * t * u * u + yl * u * u * u
        return numerator / (1 + (r - 3) * t * u)
    }

    /// The smallest r that keeps monotonicity and convexity/concavity of the data, together with the
    /// fitted r = (dr − dl + ½h·y'')/(Δ − dl) (left end) or /(dr − Δ) (right end): one reciprocal of
    /// (Δ − dl)(dr − Δ) serves all three quotients that share those denominators.
    @inline(__always) @usableFromInline
    static func fit(h: Double, slope: Double, dl: Double, dr: Double, secondDerivative: Double,
                    atRight: Bool) -> Double {
        let left = slope - dl, right = dr - slope
        let inverse = 1 / (left * right)
        let numerator = dr - dl + 0.5 * h * secondDerivative
        let r = numerator * (atRight ? left : right) * inverse
        var rMin = 0.0
        // Monotone data: all three slopes of one sign.
        if slope != 0 && dl * slope >= 0 && dr * slope >= 0 {
            let m = (dl + dr) / slope
            if m > rMin { rMin = m }
        }
        // Convex (dl < Δ < dr) or concave (dl > Δ > dr) data: (dr − dl)/(Δ − dl) and (dr − dl)/(dr − Δ).
        if left * right > 0 {
            let d = dr - dl
            let a = d * right * inverse, b = d * left * inverse
            if a > rMin { rMin = a }
            if b > rMin { rMin = b }
        }
        return r >= rMin ? r : rMin
    }

    /// r that gives second derivative `secondDerivative` at xl, raised to the shape-preserving minimum.
    @inline(__always) @usableFromInline
    static func fitLeft(h: Double, yl: Double, yr: Double, dl: Double, dr: Double,
                        secondDerivative: Double) -> Double {
        fit(h: h, slope: (yr - yl) / h, dl: dl, dr: dr, secondDerivative: secondDerivative, atRight: false)
    }

    /// r that gives second derivative `secondDerivative` at xr, raised to the shape-preserving minimum.
    @inline(__always) @usableFromInline
    static func fitRight(h: Double, yl: Double, yr: Double, dl: Double, dr: Double,
                         secondDerivative: Double) -> Double {
        fit(h: h, slope: (yr - yl) / h, dl: dl, dr: dr, secondDerivative: secondDerivative, atRight: true)
    }
}
