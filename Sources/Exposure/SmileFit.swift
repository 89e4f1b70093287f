import LinearAlgebra

/// A per-expiry smile σ(k) = a + b k + c k² in log-moneyness k = ln(K/F), fitted by LAPACK least
/// squares to the usable implied volatilities, used to fill contracts without a usable quote.
/// Outside the fitted range of k the smile is held flat at its edge value (no extrapolated
/// curvature), and it never returns less than `floor`.
public struct SmileFit: Sendable, Equatable {
    /// Coefficients a, b, c.
    public let coefficients: [Double]
    /// Fitted k range.
    public let lower: Double, upper: Double
    /// Smallest volatility returned.
    public var floor = 0.01

    /// Fits to (k, σ) points; nil with fewer than 3 points or a singular design (then 2 points give
    /// a line, 1 point a constant).
    public init?(logMoneyness k: [Double], volatility v: [Double]) {
        guard k.count == v.count, !k.isEmpty else { return nil }
        let columns = min(3, k.count)
        let design = Matrix(k.map { x in Array([1, x, x * x].prefix(columns)) })
        guard let solution = try? LeastSquares.solve(design, v) else { return nil }
        coefficients = solution.coefficients + Array(repeating: 0, count: 3 - columns)
        lower = k.min()!
        upper = k.max()!
    }

    /// σ at log-moneyness `k`.
    public func volatility(at k: Double) -> Double {
        let x = min(max(k, lower), upper)
        return max(coefficients[0] + coefficients[1] * x + coefficients[2] * x * x, floor)
    }
}
