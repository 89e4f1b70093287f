import CLAPACKE

/// Why a least-squares solve produced no solution.
public enum LeastSquaresError: Error, Equatable, Sendable {
    /// Fewer equations than unknowns, or an empty system.
    case underdetermined(rows: Int, columns: Int)
    /// The design matrix is rank-deficient (LAPACK `info > 0`: a zero diagonal in R).
    case rankDeficient
    /// LAPACK rejected argument number `argument` (`info < 0`): a programming error.
    case invalidArgument(argument: Int)
}

/// The solution of an overdetermined system `A x ≈ b` in the 2-norm.
public struct LeastSquaresSolution: Sendable {
    /// The minimiser x (`A.columns` elements).
    public let coefficients: [Double]
    /// Σ (b − A x)², from the tail of LAPACK's transformed right-hand side.
    public let residualSumOfSquares: Double
}

/// Linear least squares through LAPACK `dgels` (QR factorisation; full column rank required).
///
/// Accurate to a small multiple of ε · cond(A) relative (Householder QR is backward stable).
public enum LeastSquares {
    /// Solves `min ‖A x − b‖₂` for a full-rank `A` with `A.rows ≥ A.columns`.
    public static func solve(_ a: Matrix, _ b: [Double]) throws(LeastSquaresError) -> LeastSquaresSolution {
        let m = a.rows, n = a.columns
        precondition(b.count == m, "least squares: b has \(b.count) elements, A has \(m) rows")
        guard n > 0, m >= n else { throw .underdetermined(rows: m, columns: n) }
        var design = a.storage
        var rhs = b
        let info = LAPACKE_dgels(
            LAPACK_ROW_MAJOR, CChar(UInt8(ascii: "N")), Int32(m), Int32(n), 1,
            &design, Int32(n), &rhs, 1)
        if info > 0 { throw .rankDeficient }
        if info < 0 { throw .invalidArgument(argument: Int(-info)) }
        var rss = 0.0
        for i in n..<m { rss += rhs[i] * rhs[i] }
        return LeastSquaresSolution(coefficients: Array(rhs[0..<n]), residualSumOfSquares: rss)
    }
}
