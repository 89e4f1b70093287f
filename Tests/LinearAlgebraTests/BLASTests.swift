// OpenBLAS dgemm/dgemv through LinearAlgebra against closed forms.
//
// | check                              | closed form                                   | tolerance |
// |------------------------------------|-----------------------------------------------|-----------|
// | 2×3 · 3×2 product                  | hand-multiplied integers                      | exact     |
// | J · J (n×n all-ones)               | n · J                                         | exact     |
// | Vandermonde · ones                 | Σ_j t^j = (t^n − 1)/(t − 1)                   | 1e-12 rel |
// | gemm with beta = 1 accumulation    | C + A·B                                       | exact     |
// | gemv and transposed gemv           | row sums, column sums (integers)              | exact     |
// | J · J on 2 threads after stopping  | n · J (the worker threads start again)        | exact     |
// | the idle worker threads            |                                               |           |
import LinearAlgebra
import XCTest

final class BLASTests: XCTestCase {
    func testSmallIntegerProduct() {
        let a = Matrix([[1, 2, 3], [4, 5, 6]])
        let b = Matrix([[7, 8], [9, 10], [11, 12]])
        var c = Matrix(rows: 2, columns: 2)
        BLAS.gemm(a, b, into: &c)
        XCTAssertEqual(c, Matrix([[58, 64], [139, 154]]))
    }

    func testTransposedOperandsMatchExplicitTransposes() {
        let a = Matrix([[1, -2, 3], [0.5, 5, -6]])
        let b = Matrix([[2, 1], [0, 3], [-1, 4]])
        var direct = Matrix(rows: 3, columns: 3)
        BLAS.gemm(a, transposeA: true, b.transposed, into: &direct)
        var viaFlags = Matrix(rows: 3, columns: 3)
        BLAS.gemm(a.transposed, b, transposeB: true, into: &viaFlags)
        XCTAssertEqual(direct, viaFlags)
        XCTAssertEqual(direct[0, 0], 1 * 2 + 0.5 * 1)
    }

    func testAllOnesSquaredIsNTimesAllOnes() {
        let n = 97
        let ones = Matrix(rows: n, columns: n, repeating: 1)
        var c = Matrix(rows: n, columns: n)
        BLAS.gemm(ones, ones, into: &c)
        XCTAssertTrue(c.storage.allSatisfy { $0 == Double(n) })
    }

    func testVandermondeRowSumsAreGeometricSeries() {
        let ts = stride(from: 1.01, through: 1.5, by: 0.01).map { $0 }
        let n = 30
        let v = Matrix(ts.map { t in (0..<n).map { pow(t, Double($0)) } })
        var y = [Double](repeating: 0, count: ts.count)
        BLAS.gemv(v, [Double](repeating: 1, count: n), into: &y)
        for (i, t) in ts.enumerated() {
            let closed = (pow(t, Double(n)) - 1) / (t - 1)
            XCTAssertEqual(y[i], closed, accuracy: 1e-12 * closed)
        }
    }

    func testGemmAccumulatesWithBeta() {
        let a = Matrix([[1, 2], [3, 4]])
        let b = Matrix([[5, 6], [7, 8]])
        var c = Matrix([[1, 1], [1, 1]])
        BLAS.gemm(a, b, into: &c, alpha: 2, beta: 1)
        XCTAssertEqual(c, Matrix([[39, 45], [87, 101]]))
    }

    func testGemvRowAndColumnSums() {
        let a = Matrix([[1, 2, 3], [4, 5, 6]])
        var rows = [0.0, 0]
        BLAS.gemv(a, [1, 1, 1], into: &rows)
        XCTAssertEqual(rows, [6, 15])
        var columns = [0.0, 0, 0]
        BLAS.gemv(a, transpose: true, [1, 1], into: &columns)
        XCTAssertEqual(columns, [5, 7, 9])
    }

    func testThreadCountCanBeSet() {
        let before = BLAS.threadCount
        BLAS.setThreadCount(1)
        XCTAssertEqual(BLAS.threadCount, 1)
        BLAS.setThreadCount(before)
    }

    /// After `stopIdleThreads`, a product big enough for OpenBLAS to split across threads still runs
    /// (the pool starts again) and is exact; twice, so a second stop after a restart is safe too.
    func testProductsRunAfterTheIdleThreadsAreStopped() {
        let before = BLAS.threadCount
        defer { BLAS.setThreadCount(before) }
        let n = 400
        let ones = Matrix(rows: n, columns: n, repeating: 1)
        for _ in 0..<2 {
            BLAS.stopIdleThreads()
            BLAS.setThreadCount(2)
            var c = Matrix(rows: n, columns: n)
            BLAS.gemm(ones, ones, into: &c)
            XCTAssertTrue(c.storage.allSatisfy { $0 == Double(n) })
        }
    }
}
