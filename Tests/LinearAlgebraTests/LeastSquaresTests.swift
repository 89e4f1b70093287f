// LAPACK dgels through LinearAlgebra against closed forms.
//
// | check                           | closed form                                              | tolerance |
// |---------------------------------|----------------------------------------------------------|-----------|
// | exact line y = 1 + 2t           | (1, 2), residual 0                                       | 1e-14     |
// | noisy line                      | slope = Σ(t−t̄)(y−ȳ)/Σ(t−t̄)², intercept = ȳ − slope·t̄    | 1e-12     |
// | quadratic through 3 points      | Lagrange interpolation coefficients                      | 1e-12     |
// | rank-deficient / underdetermined| typed error, no result                                   | —         |
import LinearAlgebra
import XCTest

final class LeastSquaresTests: XCTestCase {
    func testExactLine() throws {
        let t = [0.0, 1, 2, 3]
        let solution = try LeastSquares.solve(Matrix(t.map { [1, $0] }), t.map { 1 + 2 * $0 })
        XCTAssertEqual(solution.coefficients[0], 1, accuracy: 1e-14)
        XCTAssertEqual(solution.coefficients[1], 2, accuracy: 1e-14)
        XCTAssertEqual(solution.residualSumOfSquares, 0, accuracy: 1e-24)
    }

    func testNoisyLineMatchesNormalEquations() throws {
        let t = [0.0, 1, 2, 3, 4, 5, 6]
        let y = [1.1, 2.9, 5.2, 6.8, 9.1, 11.2, 12.7]
        let tMean = t.reduce(0, +) / Double(t.count), yMean = y.reduce(0, +) / Double(y.count)
        let sxy = zip(t, y).map { ($0 - tMean) * ($1 - yMean) }.reduce(0, +)
        let sxx = t.map { ($0 - tMean) * ($0 - tMean) }.reduce(0, +)
        let slope = sxy / sxx, intercept = yMean - slope * tMean
        let solution = try LeastSquares.solve(Matrix(t.map { [1, $0] }), y)
        XCTAssertEqual(solution.coefficients[1], slope, accuracy: 1e-12)
        XCTAssertEqual(solution.coefficients[0], intercept, accuracy: 1e-12)
        let rss = zip(t, y).map { pow($1 - intercept - slope * $0, 2) }.reduce(0, +)
        XCTAssertEqual(solution.residualSumOfSquares, rss, accuracy: 1e-12)
    }

    func testQuadraticThroughThreePoints() throws {
        // y = 3 − x + 0.5 x² sampled at −1, 2, 4 → exactly determined.
        let xs = [-1.0, 2, 4]
        let solution = try LeastSquares.solve(Matrix(xs.map { [1, $0, $0 * $0] }), xs.map { 3 - $0 + 0.5 * $0 * $0 })
        XCTAssertEqual(solution.coefficients[0], 3, accuracy: 1e-12)
        XCTAssertEqual(solution.coefficients[1], -1, accuracy: 1e-12)
        XCTAssertEqual(solution.coefficients[2], 0.5, accuracy: 1e-12)
    }

    func testRankDeficientAndUnderdeterminedAreErrors() {
        XCTAssertThrowsError(try LeastSquares.solve(Matrix([[1, 0], [2, 0], [3, 0]]), [1, 2, 3])) {
            XCTAssertEqual($0 as? LeastSquaresError, .rankDeficient)
        }
        XCTAssertThrowsError(try LeastSquares.solve(Matrix([[1, 2, 3]]), [1])) {
            XCTAssertEqual($0 as? LeastSquaresError, .underdetermined(rows: 1, columns: 3))
        }
    }
}
