import LinearAlgebra
import MarketModel
import OptionsMath

/// Dealer gamma exposure repriced over a grid of hypothetical spots, for several contract subsets.
///
/// G_v(S′) = Σ_i m_{iv} · s_i · OI_i · M_i · Γ_i(S′) · scale(S′), with Γ recomputed at every S′
/// (sticky strike: each contract keeps its volatility) and scale from the `ExposureUnit`
/// (S′²·0.01 for $ per 1 %).
///
/// Computed as one dense product per block of contracts: a gamma tile (levels × contracts, from
/// `SpotRepricing.fillTile`: one FMA and one vector exp per cell), stacked over the delta tile
/// when DEX is requested, against an aggregation matrix (contracts × variants, holding weight ×
/// membership) — one BLAS `dgemm` per block with `beta = 1` accumulating into the (transposed)
/// levels × variants results. The block size is fixed, so the summation order (and the result,
/// for a fixed BLAS thread count) never depends on anything but the input.
public struct GammaProfile: Sendable {
    /// Hypothetical spot levels, ascending.
    public let levels: [Double]
    /// Variants in the column order of `values`.
    public let variants: [ProfileVariant]
    /// levels × variants exposures, in `unit`.
    public let values: Matrix
    /// Unit of `values`.
    public let unit: ExposureUnit
    /// levels × variants DEX profiles (dollars of delta, Σ w·Δ(S′)·S′), when requested (else 0 × variants).
    public let dollarDeltaValues: Matrix

    /// DEX profile of all contracts (column `all` of `dollarDeltaValues`), when requested (else empty).
    public var dollarDelta: [Double] { (0..<dollarDeltaValues.rows).map { dollarDeltaValues[$0, 0] } }

    /// Contracts per gamma tile (a fixed constant: part of the determinism contract).
    public static let contractBlock = 512

    /// The profile of column `variant`.
    public func curve(_ variant: ProfileVariant) -> [Double] {
        guard let v = variants.firstIndex(of: variant) else { return [] }
        return (0..<levels.count).map { values[$0, v] }
    }

    /// `count` evenly spaced levels from `lower` to `upper` inclusive (numpy.linspace).
    public static func grid(from lower: Double, to upper: Double, count: Int) -> [Double] {
        precondition(count >= 2, "a profile grid needs at least two levels")
        let step = (upper - lower) / Double(count - 1)
        return (0..<count).map { $0 == count - 1 ? upper : lower + Double($0) * step }
    }

    /// Builds the profile of `contracts` over `levels` for the membership columns given, from their
    /// repricing coefficients (`contracts.repricing(at:)`, any reference spot); with `withDelta`, also
    /// the dollar-delta (DEX) profiles of the same variants from the same pass.
    ///
    /// Per block of contracts, the tile row of level S′ holds S′·Γ_i(S′) (and, in a second stack of
    /// rows, Δ_i(S′)) from `SpotRepricing.fillTile` — one FMA and one vector exp per (level,
    /// contract), each lane group's coefficients kept in registers across the levels — and one
    /// `dgemm` per block sums both against the aggregation matrix; the per-level factor
    /// scale(S′)/S′ (and S′ for DEX) is applied to the small levels × variants result, not to
    /// every tile cell. Γ is bitwise the level-by-level `scaledGamma`; Δ carries the profile Mills
    /// ratio's ≤ 4e-16 absolute error.
    public init(contracts: PricedContracts, repricing: SpotRepricing, membership: Matrix01, levels: [Double],
                unit: ExposureUnit, withDelta: Bool = false) {
        precondition(membership.rows == contracts.count, "membership rows must match contracts")
        precondition(repricing.count == contracts.count, "repricing coefficients must match contracts")
        let variantCount = membership.columns
        // Aggregation transposed (variants × contracts) and results transposed (variants × levels):
        // C^T = A^T · tile^T runs ~20 % faster in OpenBLAS than tile · A for these shapes (8 × 200 × 512).
        var aggregation = Matrix(rows: variantCount, columns: contracts.count)
        for i in 0..<contracts.count {
            for v in 0..<variantCount {
                aggregation[v, i] = contracts.weight[i] * membership.flags[i * variantCount + v]
            }
        }
        // One stacked tile per block: rows 0..<levels hold S′·Γ, rows levels..<2·levels Δ (with
        // DEX), so that one dgemm reduces both (the same sums, half the calls).
        let rows = withDelta ? 2 * levels.count : levels.count
        var transposed = Matrix(rows: variantCount, columns: rows)
        let block = GammaProfile.contractBlock
        // Rows padded by 8 cells: a stride of exactly 512 doubles (4 KiB) would put a lane group's
        // 201 stores in one L1 set (measured: gamma-only profile 2× slower).
        // 64-byte aligned, so that a lane group's 8 cells of a row are one whole cache line.
        let rowPadding = 8, capacity = rows * (block + rowPadding)
        let tile = UnsafeMutableBufferPointer<Double>(
            start: UnsafeMutableRawPointer.allocate(byteCount: capacity * MemoryLayout<Double>.stride, alignment: 64)
                .initializeMemory(as: Double.self, repeating: 0, count: capacity),
            count: capacity)
        defer { tile.deallocate() }
        let moves = levels.map { Elementary.log($0 / repricing.referenceSpot) }
        var start = 0
        while start < contracts.count {
            let width = min(block, contracts.count - start)
            let stride = width + rowPadding, cells = levels.count * stride
            repricing.fillTile(logMoves: moves, range: start..<(start + width),
                               gamma: UnsafeMutableBufferPointer(rebasing: tile[0..<cells]),
                               delta: withDelta ? UnsafeMutableBufferPointer(rebasing: tile[cells..<(2 * cells)]) : nil,
                               rowStride: stride)
            Self.accumulate(tile, rows: rows, width: width, stride: stride, aggregation: aggregation, start: start,
                            into: &transposed)
            start += width
        }
        var result = Matrix(rows: levels.count, columns: variantCount)
        var deltaResult = Matrix(rows: withDelta ? levels.count : 0, columns: variantCount)
        for (j, level) in levels.enumerated() {
            let gammaFactor = unit.scale(spot: level) / level
            for v in 0..<variantCount {
                result[j, v] = transposed[v, j] * gammaFactor
                if withDelta { deltaResult[j, v] = transposed[v, levels.count + j] * level }
            }
        }
        self.levels = levels
        self.variants = Array(ProfileVariant.allCases.prefix(variantCount))
        self.values = result
        self.unit = unit
        self.dollarDeltaValues = deltaResult
    }

    /// resultᵀ (variants × rows) += aggregationᵀ[:, start..<start+width] · tileᵀ, where tile is
    /// rows × width row-major with row stride `stride` — BLAS dgemm (A no-trans, B trans).
    private static func accumulate(_ tile: UnsafeMutableBufferPointer<Double>, rows: Int, width: Int, stride: Int, aggregation: Matrix, start: Int,
                                   into result: inout Matrix) {
        let variantCount = aggregation.rows
        aggregation.storage.withUnsafeBufferPointer { a in
            result.storage.withUnsafeMutableBufferPointer { r in
                BLAS.gemm(m: variantCount, n: rows, k: width, alpha: 1,
                          a: a.baseAddress! + start, lda: aggregation.columns,
                          b: UnsafePointer(tile.baseAddress), ldb: stride, transposeB: true,
                          beta: 1, c: r.baseAddress, ldc: rows)
            }
        }
    }

    /// The "all" profile repriced exactly at one hypothetical spot (no grid): used to refine
    /// roots and to read the regime at spot. Summed in a fixed lane order (deterministic).
    public static func value(at spot: Double, contracts: PricedContracts, repricing: SpotRepricing, unit: ExposureUnit) -> Double {
        let scaled = repricing.weightedScaledGamma(logMove: Elementary.log(spot / repricing.referenceSpot), weight: contracts.weight)
        return scaled * unit.scale(spot: spot) / spot
    }

    /// Σ w·Δ(S′)·S′ over all contracts at one hypothetical spot, in dollars of delta.
    public static func dollarDelta(at spot: Double, contracts: PricedContracts, repricing: SpotRepricing) -> Double {
        repricing.weightedDelta(logMove: Elementary.log(spot / repricing.referenceSpot), weight: contracts.weight) * spot
    }
}
