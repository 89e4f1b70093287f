/// Roots of a gamma profile ("Zero Gamma", the gamma flip).
///
/// Two definitions, both over a profile sampled on ascending levels:
/// - `perfilievCrossings`: every index where sign(G) changes (numpy `diff(sign(G)) != 0`,
///   zeros counted as a sign), each located by linear interpolation between the two levels —
///   Perfiliev's published rule; his zero gamma is the first of them.
/// - `refinedRoots`: every bracket with a sign change refined on the *repriced* profile by the
///   Illinois variant of regula falsi to |bracket| ≤ `tolerance`, plus runs of levels where G is
///   exactly 0 between values of opposite sign (the run's middle level).
///   Accurate to `tolerance` in the root (the profile is smooth between levels); a root between two
///   levels of equal sign (a double root, or two roots within one step) is not seen, so the grid
///   must be fine enough (the exact convention uses 0.1 % of spot).
public enum ZeroGamma {
    /// Perfiliev's interpolated sign changes, in ascending order of level.
    public static func perfilievCrossings(levels: [Double], profile: [Double]) -> [Double] {
        precondition(levels.count == profile.count, "levels and profile differ in length")
        var roots: [Double] = []
        for i in 0..<max(0, levels.count - 1) where sign(profile[i]) != sign(profile[i + 1]) {
            let neg = profile[i], pos = profile[i + 1]
            let lower = levels[i], upper = levels[i + 1]
            roots.append(upper - (upper - lower) * pos / (pos - neg))
        }
        return roots
    }

    /// Every root of `f` seen on the grid, refined on `f` itself, ascending.
    public static func refinedRoots(levels: [Double], profile: [Double], tolerance: Double,
                                    function f: (Double) -> Double) -> [Double] {
        precondition(levels.count == profile.count, "levels and profile differ in length")
        var roots: [Double] = []
        var i = 0
        while i < levels.count {
            if profile[i] == 0 {
                // A run of exact zeros is a root only where the profile changes sign across it: zeros
                // far from every strike (gamma underflow), at the grid's ends, or an identically
                // zero profile (no open interest, no gamma) are no crossing.
                var end = i
                while end + 1 < levels.count, profile[end + 1] == 0 { end += 1 }
                if i > 0, end + 1 < levels.count, (profile[i - 1] < 0) != (profile[end + 1] < 0) {
                    roots.append(levels[(i + end) / 2])
                }
                i = end + 1
                continue
            }
            if i + 1 < levels.count, profile[i + 1] != 0, (profile[i] < 0) != (profile[i + 1] < 0) {
                roots.append(illinois(f, levels[i], profile[i], levels[i + 1], profile[i + 1], tolerance))
            }
            i += 1
        }
        return roots
    }

    /// Why there is no Zero Gamma, in words, or nil when `roots` holds one: "no zero gamma within
    /// ±X % of spot" (`halfWidth` = X / 100), or "profile identically zero …" when every level is 0.
    public static func absenceNote(roots: [Double], profile: [Double], halfWidth: Double) -> String? {
        guard roots.isEmpty else { return nil }
        if profile.allSatisfy({ $0 == 0 }) { return "profile identically zero (no open interest or no gamma): no zero gamma" }
        let percent = (halfWidth * 100 * 100).rounded() / 100
        let text = percent == percent.rounded() ? String(Int(percent)) : String(percent)
        return "no zero gamma within ±\(text) % of spot"
    }

    /// Roots ordered by distance from `spot` (nearest first; ties: lower first).
    public static func nearestFirst(_ roots: [Double], spot: Double) -> [Double] {
        roots.sorted { (abs($0 - spot), $0) < (abs($1 - spot), $1) }
    }

    /// numpy's sign: −1, 0 or +1 (NaN maps to 0).
    static func sign(_ x: Double) -> Int { x > 0 ? 1 : (x < 0 ? -1 : 0) }

    /// Illinois regula falsi on a sign-changing bracket [a, b]; returns within `tolerance`.
    static func illinois(_ f: (Double) -> Double, _ a0: Double, _ fa0: Double, _ b0: Double,
                         _ fb0: Double, _ tolerance: Double) -> Double {
        var a = a0, fa = fa0, b = b0, fb = fb0
        var side = 0
        for _ in 0..<200 {
            if abs(b - a) <= tolerance { break }
            var c = (a * fb - b * fa) / (fb - fa)
            if !(c > min(a, b) && c < max(a, b)) { c = 0.5 * (a + b) }
            let fc = f(c)
            if fc == 0 { return c }
            if (fc < 0) == (fb < 0) {
                b = c; fb = fc
                if side == -1 { fa *= 0.5 }
                side = -1
            } else {
                a = c; fa = fc
                if side == 1 { fb *= 0.5 }
                side = 1
            }
            // Guarantee the bracket shrinks geometrically even when the secant stalls.
            if abs(b - a) > tolerance, side != 0, abs(c - a) < tolerance || abs(c - b) < tolerance {
                let m = 0.5 * (a + b), fm = f(m)
                if fm == 0 { return m }
                if (fm < 0) == (fa < 0) { a = m; fa = fm } else { b = m; fb = fm }
            }
        }
        return abs(fa) < abs(fb) ? a : b
    }
}
