/// A whole profile tile at once: every level of the grid for a block of contracts.
extension SpotRepricing {
    /// S′·Γ (and Δ) of contracts `range` at S′ = S₀·e^{logMoves[j]} for every level j, row-major
    /// with row stride `rowStride` (≥ range.count; default range.count): cell (j, i) at
    /// `gamma[j·rowStride + i]` (and `delta[j·rowStride + i]`), the same values bit for bit as
    /// `scaledGamma` / `scaledGammaAndDelta` level by level. Cells past range.count in a row are
    /// not written.
    ///
    /// Loop order: lanes of 8 contracts outside, levels inside, so that a lane group's α, β and
    /// scales stay in registers and each cell costs one broadcast move, one FMA and the kernel.
    /// A stride that is not a multiple of 4 KiB (e.g. range.count + 8) keeps a lane group's column
    /// of stores out of a single L1 set. `gamma` (and `delta`, when given) must hold at least
    /// (levels − 1) × rowStride + range.count values.
    public func fillTile(logMoves: [Double], range: Range<Int>, gamma: UnsafeMutableBufferPointer<Double>,
                         delta: UnsafeMutableBufferPointer<Double>?, rowStride: Int? = nil) {
        let width = range.count, levels = logMoves.count, stride = rowStride ?? width
        let needed = levels == 0 ? 0 : (levels - 1) * stride + width
        precondition(range.lowerBound >= 0 && range.upperBound <= count && stride >= width && gamma.count >= needed
                     && (delta.map { $0.count >= needed } ?? true),
                     "SpotRepricing.fillTile: range outside the contracts or tile too short")
        alpha.withUnsafeBufferPointer { A in beta.withUnsafeBufferPointer { B in gammaScale.withUnsafeBufferPointer { G in
        deltaScale.withUnsafeBufferPointer { D in sign.withUnsafeBufferPointer { W in logMoves.withUnsafeBufferPointer { moves in
            var i = range.lowerBound
            while i < range.upperBound {
                let lanes = min(8, range.upperBound - i)
                let column = i - range.lowerBound
                let group = LaneGroup(alpha: Self.lane(A, i), beta: Self.lane(B, i), gammaScale: Self.lane(G, i),
                                      deltaScale: Self.lane(D, i), sign: Self.lane(W, i))
                if let delta {
                    Self.fillGammaAndDelta(group, moves, stride: stride, column: column, lanes: lanes, gamma, delta)
                } else {
                    Self.fillGamma(group, moves, stride: stride, column: column, lanes: lanes, gamma)
                }
                i += 8
            }
        }}}}}}
    }

    /// The per-contract coefficients of 8 lanes.
    @usableFromInline
    struct LaneGroup {
        var alpha, beta, gammaScale, deltaScale, sign: D8
    }

    @inline(always)
    static func fillGamma(_ c: LaneGroup, _ moves: UnsafeBufferPointer<Double>, stride: Int, column: Int, lanes: Int,
                          _ gamma: UnsafeMutableBufferPointer<Double>) {
        for j in 0..<moves.count {
            let d1 = clampedD1(c, moves[j])
            let g = c.gammaScale * SIMDMath.expInRange(-0.5 * (d1 * d1))  // |d1| ≤ 40: x ≥ −800
            put(g, gamma, j * stride + column, lanes)
        }
    }

    @inline(always)
    static func fillGammaAndDelta(_ c: LaneGroup, _ moves: UnsafeBufferPointer<Double>, stride: Int, column: Int, lanes: Int,
                                  _ gamma: UnsafeMutableBufferPointer<Double>, _ delta: UnsafeMutableBufferPointer<Double>) {
        for j in 0..<moves.count {
            let (g, d) = gammaAndDelta(c, clampedD1(c, moves[j]))
            put(g, gamma, j * stride + column, lanes)
            put(d, delta, j * stride + column, lanes)
        }
    }

    /// d1 of a lane group at one level (as `d1Lanes`).
    @inline(always)
    static func clampedD1(_ c: LaneGroup, _ move: Double) -> D8 {
        clampedD1(alpha: c.alpha, beta: c.beta, D8(repeating: move))
    }

    /// (S′·Γ, Δ) of one lane group from its d1 (as `gammaAndDeltaLanes`).
    @inline(always)
    static func gammaAndDelta(_ c: LaneGroup, _ d1: D8) -> (D8, D8) {
        let density = SIMDMath.expInRange(-0.5 * (d1 * d1))  // √(2π)·φ(d1); |d1| ≤ 40: x ≥ −800
        let a = magnitude(d1)
        let tail = (0.398_942_280_401_432_7 * density) * ProfileMillsRatio.value(a)  // N(−|d1|)
        let n = tail.replacing(with: 1 - tail, where: c.sign * d1 .> 0).replacing(with: 0.5, where: d1 .== 0)
        return (c.gammaScale * density, c.deltaScale * n)
    }

    /// Stores the first `lanes` lanes of `v` at `offset`.
    @inline(always)
    static func put(_ v: D8, _ output: UnsafeMutableBufferPointer<Double>, _ offset: Int, _ lanes: Int) {
        if lanes == 8 {
            BatchColumns.store(v, output, offset)
        } else {
            BatchColumns.storeTail(v, output, offset, count: offset + lanes)
        }
    }
}
