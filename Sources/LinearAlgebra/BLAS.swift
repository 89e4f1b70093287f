import CBLAS

/// Dense products through OpenBLAS (CBLAS interface, row-major, LP64 integers).
///
/// Results agree with a naive triple loop to a few ulp per accumulated term; they are not
/// promised bit-identical across different OpenBLAS thread counts (the library may split the
/// reduction differently), so callers that need determinism run BLAS single-threaded.
public enum BLAS {
    /// `C ← alpha · op(A) · op(B) + beta · C` (dgemm).
    /// - Parameters: `transposeA`/`transposeB` select op(X) = Xᵀ.
    /// - Precondition: the shapes agree; `C` is `op(A).rows × op(B).columns`.
    public static func gemm(
        _ a: Matrix, transposeA: Bool = false, _ b: Matrix, transposeB: Bool = false,
        into c: inout Matrix, alpha: Double = 1, beta: Double = 0
    ) {
        let m = transposeA ? a.columns : a.rows
        let k = transposeA ? a.rows : a.columns
        let kB = transposeB ? b.columns : b.rows
        let n = transposeB ? b.rows : b.columns
        precondition(k == kB, "gemm: inner dimensions \(k) and \(kB) differ")
        precondition(c.rows == m && c.columns == n, "gemm: C is \(c.rows)×\(c.columns), expected \(m)×\(n)")
        if m == 0 || n == 0 { return }
        a.storage.withUnsafeBufferPointer { pa in
            b.storage.withUnsafeBufferPointer { pb in
                c.storage.withUnsafeMutableBufferPointer { pc in
                    gemm(
                        m: m, n: n, k: k, alpha: alpha,
                        a: pa.baseAddress, lda: a.columns, transposeA: transposeA,
                        b: pb.baseAddress, ldb: b.columns, transposeB: transposeB,
                        beta: beta, c: pc.baseAddress, ldc: n)
                }
            }
        }
    }

    /// `C ← alpha · A · B + beta · C` over raw row-major buffers, for hot loops that reuse
    /// their own tiles. `m × k` times `k × n`; leading dimensions are row strides in elements.
    /// An empty inner dimension (`k == 0`) scales `C` by `beta`, as BLAS defines.
    public static func gemm(
        m: Int, n: Int, k: Int, alpha: Double,
        a: UnsafePointer<Double>?, lda: Int, transposeA: Bool = false,
        b: UnsafePointer<Double>?, ldb: Int, transposeB: Bool = false,
        beta: Double, c: UnsafeMutablePointer<Double>?, ldc: Int
    ) {
        cblas_dgemm(
            CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans,
            transposeB ? CblasTrans : CblasNoTrans,
            Int32(m), Int32(n), Int32(k), alpha, a, Int32(max(lda, 1)), b, Int32(max(ldb, 1)),
            beta, c, Int32(max(ldc, 1)))
    }

    /// `y ← alpha · op(A) · x + beta · y` (dgemv).
    public static func gemv(
        _ a: Matrix, transpose: Bool = false, _ x: [Double], into y: inout [Double],
        alpha: Double = 1, beta: Double = 0
    ) {
        let rowsOut = transpose ? a.columns : a.rows
        let inner = transpose ? a.rows : a.columns
        precondition(x.count == inner, "gemv: x has \(x.count) elements, expected \(inner)")
        precondition(y.count == rowsOut, "gemv: y has \(y.count) elements, expected \(rowsOut)")
        if a.rows == 0 || a.columns == 0 {
            for i in y.indices { y[i] *= beta }
            return
        }
        cblas_dgemv(
            CblasRowMajor, transpose ? CblasTrans : CblasNoTrans, Int32(a.rows), Int32(a.columns),
            alpha, a.storage, Int32(a.columns), x, 1, beta, &y, 1)
    }

    /// The number of threads OpenBLAS uses for one call.
    public static var threadCount: Int { Int(openblas_get_num_threads()) }

    /// Stops OpenBLAS's idle worker threads now. OpenBLAS starts them when the library loads, and each
    /// spins on `sched_yield` for about 0.1 s before it sleeps: on a 2-core machine that is CPU taken
    /// from the first 0.1 s of every process, BLAS or not (10 % of the samples of a 0.45 s `gex inspect`).
    /// The next call that needs several threads starts them again. Call it from one thread while no
    /// BLAS call is running (e.g. at the start of `main`).
    public static func stopIdleThreads() {
        _ = blas_thread_shutdown_()
    }

    /// Sets the OpenBLAS thread count. Use 1 whenever BLAS is called from inside a parallel
    /// region (oversubscription measured 1.5× slower) and wherever bit-reproducibility matters.
    public static func setThreadCount(_ count: Int) {
        openblas_set_num_threads(Int32(max(1, count)))
    }
}
