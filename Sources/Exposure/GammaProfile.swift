import LinearAlgebra
import MarketModel

/// Dealer gamma exposure repriced over a grid of hypothetical spots, for several contract subsets.
///
/// G_v(S′) = Σ_i m_{iv} · s_i · OI_i · M_i · Γ_i(S′) · scale(S′), with Γ recomputed at every S′
/// (sticky strike: each contract keeps its volatility) and scale from the `ExposureUnit`
/// (S′²·0.01 for $ per 1 %).
///
/// Computed as one dense product per block of contracts: a gamma tile (levels × contracts) times
/// an aggregation matrix (contracts × variants, holding weight × membership) — BLAS `dgemm`
/// with `beta = 1` accumulating into the levels × variants result. The block size is fixed, so
/// the summation order (and the result, for a fixed BLAS thread count) never depends on anything
/// but the input.
public struct GammaProfile: Sendable {
    /// Hypothetical spot levels, ascending.
    public let levels: [Double]
    /// Variants in the column order of `values`.
    public let variants: [ProfileVariant]
    /// levels × variants exposures, in `unit`.
    public let values: Matrix
    /// Unit of `values`.
    public let unit: ExposureUnit
    /// DEX profile of all contracts, Σ w·Δ(S′)·S′ in dollars of delta, when requested (else empty).
    public let dollarDelta: [Double]

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

    /// Builds the profile of `contracts` over `levels` for the membership columns given.
    public init(contracts: PricedContracts, membership: Matrix01, levels: [Double], unit: ExposureUnit, withDelta: Bool = false) {
        precondition(membership.rows == contracts.count, "membership rows must match contracts")
        let variantCount = membership.columns
        var aggregation = Matrix(rows: contracts.count, columns: variantCount)
        for i in 0..<contracts.count {
            for v in 0..<variantCount {
                aggregation[i, v] = contracts.weight[i] * membership.flags[i * variantCount + v]
            }
        }
        var result = Matrix(rows: levels.count, columns: variantCount)
        let block = GammaProfile.contractBlock
        var tile = [Double](repeating: 0, count: levels.count * block)
        var spotColumn = [Double](repeating: 0, count: block)
        var deltaRow = [Double](repeating: 0, count: block)
        var dex = [Double](repeating: 0, count: withDelta ? levels.count : 0)
        let scales = levels.map { unit.scale(spot: $0) }
        var start = 0
        while start < contracts.count {
            let width = min(block, contracts.count - start)
            tile.withUnsafeMutableBufferPointer { t in
                spotColumn.withUnsafeMutableBufferPointer { column in
                    for (j, level) in levels.enumerated() {
                        let row = UnsafeMutableBufferPointer(rebasing: t[(j * width)..<(j * width + width)])
                        if withDelta {
                            deltaRow.withUnsafeMutableBufferPointer { d in
                                contracts.delta(start..<(start + width), spot: level, spotColumn: column, into: d, gamma: row)
                                var sum = 0.0
                                for c in 0..<width where contracts.weight[start + c] != 0 { sum += contracts.weight[start + c] * d[c] }
                                dex[j] += sum * level
                            }
                        } else {
                            contracts.gamma(start..<(start + width), spot: level, spotColumn: column, into: row)
                        }
                        for c in 0..<width { row[c] *= scales[j] }
                    }
                }
            }
            tile.withUnsafeBufferPointer { t in
                aggregation.storage.withUnsafeBufferPointer { a in
                    result.storage.withUnsafeMutableBufferPointer { r in
                        BLAS.gemm(m: levels.count, n: variantCount, k: width, alpha: 1,
                                  a: t.baseAddress, lda: width,
                                  b: a.baseAddress! + start * variantCount, ldb: variantCount,
                                  beta: 1, c: r.baseAddress, ldc: variantCount)
                    }
                }
            }
            start += width
        }
        self.levels = levels
        self.variants = Array(ProfileVariant.allCases.prefix(variantCount))
        self.values = result
        self.unit = unit
        self.dollarDelta = dex
    }

    /// The "all" profile repriced exactly at one hypothetical spot (no grid): used to refine
    /// roots and to read the regime at spot. Gamma through the SIMD kernel; summed in contract order.
    public static func value(at spot: Double, contracts: PricedContracts, unit: ExposureUnit) -> Double {
        var gamma = [Double](repeating: 0, count: contracts.count)
        var column = [Double](repeating: 0, count: contracts.count)
        gamma.withUnsafeMutableBufferPointer { g in
            column.withUnsafeMutableBufferPointer { c in contracts.gamma(0..<contracts.count, spot: spot, spotColumn: c, into: g) }
        }
        var total = 0.0
        for i in 0..<contracts.count where contracts.weight[i] != 0 { total += contracts.weight[i] * gamma[i] }
        return total * unit.scale(spot: spot)
    }
}
