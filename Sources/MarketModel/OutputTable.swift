/// A column of an output table, typed for CSV and Parquet writers. Nil means "no value" (null in
/// Parquet, an empty cell in CSV) — never NaN: builders turn non-finite numbers into nil.
public enum OutputColumnValues: Sendable {
    /// Floating point.
    case double([Double?])
    /// Integers.
    case int(Int64Values)
    /// Text.
    case string([String?])
    /// Instants, stored as microseconds since the epoch (UTC).
    case timestamp([Instant?])
    /// Calendar dates.
    case date([CivilDate?])

    /// Integer values (a named wrapper keeps the enum's cases distinct in type).
    public typealias Int64Values = [Int64?]

    /// Number of values.
    public var count: Int {
        switch self {
        case .double(let v): return v.count
        case .int(let v): return v.count
        case .string(let v): return v.count
        case .timestamp(let v): return v.count
        case .date(let v): return v.count
        }
    }
}

/// One named column with its unit (recorded in the file's metadata).
public struct OutputColumn: Sendable {
    /// Column name (snake_case).
    public let name: String
    /// Unit or meaning, e.g. "USD per 1% move", "index points", "UTC".
    public let unit: String
    /// Values.
    public var values: OutputColumnValues

    /// Creates a column.
    public init(_ name: String, unit: String, _ values: OutputColumnValues) {
        self.name = name
        self.unit = unit
        self.values = values
    }
}

/// A table of equal-length columns, the unit every writer (CSV, Parquet) takes.
public struct OutputTable: Sendable {
    /// File stem, e.g. "levels".
    public let name: String
    /// Columns in order.
    public var columns: [OutputColumn]

    /// Creates a table; every column must have the same count.
    public init(name: String, columns: [OutputColumn]) {
        precondition(Set(columns.map(\.values.count)).count <= 1, "\(name): columns of unequal length")
        self.name = name
        self.columns = columns
    }

    /// Number of rows.
    public var rowCount: Int { columns.first?.values.count ?? 0 }

    /// `value` when finite, else nil.
    public static func finite(_ value: Double) -> Double? { value.isFinite ? value : nil }
}
