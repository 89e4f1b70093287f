/// A dense matrix of `Double` in row-major order: element (i, j) is `storage[i * columns + j]`.
///
/// The one container every BLAS/LAPACK wrapper in this module takes, so callers never pass raw
/// pointers or leading dimensions. Value semantics (copy on write through the backing array).
public struct Matrix: Equatable, Sendable {
    /// Number of rows.
    public let rows: Int
    /// Number of columns.
    public let columns: Int
    /// Row-major elements, `rows * columns` of them.
    public var storage: [Double]

    /// A `rows × columns` matrix filled with `value` (default 0).
    public init(rows: Int, columns: Int, repeating value: Double = 0) {
        precondition(rows >= 0 && columns >= 0, "matrix dimensions must be non-negative")
        self.rows = rows
        self.columns = columns
        self.storage = [Double](repeating: value, count: rows * columns)
    }

    /// A matrix over existing row-major elements; `storage.count` must equal `rows * columns`.
    public init(rows: Int, columns: Int, storage: [Double]) {
        precondition(storage.count == rows * columns, "storage does not match \(rows)×\(columns)")
        self.rows = rows
        self.columns = columns
        self.storage = storage
    }

    /// A matrix from nested rows (all of equal length); convenient in tests and small fits.
    public init(_ nestedRows: [[Double]]) {
        let columnCount = nestedRows.first?.count ?? 0
        precondition(nestedRows.allSatisfy { $0.count == columnCount }, "ragged rows")
        self.init(rows: nestedRows.count, columns: columnCount, storage: nestedRows.flatMap { $0 })
    }

    /// Element (row, column).
    public subscript(row: Int, column: Int) -> Double {
        get { storage[row * columns + column] }
        set { storage[row * columns + column] = newValue }
    }

    /// The transpose, as a new matrix.
    public var transposed: Matrix {
        var result = Matrix(rows: columns, columns: rows)
        for i in 0..<rows {
            for j in 0..<columns { result[j, i] = self[i, j] }
        }
        return result
    }
}
