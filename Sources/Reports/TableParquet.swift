import MarketModel

/// Writes an `OutputTable` as Parquet: doubles as DOUBLE, text as STRING, instants as
/// TIMESTAMP(MICROS, UTC), dates as DATE, integers as INT64; every column nullable (null = no
/// value); the unit of every column in the key-value metadata as `unit:<column>`, plus `extra`.
public enum TableParquet {
    /// Writes `table` to `path` atomically, encoding on up to `workers` threads (nil: all cores).
    public static func write(_ table: OutputTable, to path: String, extra: [String: String] = [:], version: String,
                             workers: Int? = nil) throws {
        var metadata = extra
        for column in table.columns { metadata["unit:" + column.name] = column.unit }
        let columns: [(ParquetColumn, ParquetColumnData)] = table.columns.map { column in
            switch column.values {
            case .double(let v): return (.double(column.name, nullable: true), .double(v))
            case .int(let v): return (.int64(column.name, nullable: true), .int64(v))
            case .string(let v): return (.string(column.name, nullable: true), .string(v))
            case .timestamp(let v):
                return (.timestamp(column.name, unit: .micros, isAdjustedToUTC: true, nullable: true),
                        .timestampMicros(v.map { $0.map { $0.secondsSinceEpoch * 1_000_000 } }))
            case .date(let v): return (.date(column.name, nullable: true), .date(v.map { $0.map { Int32($0.daysSinceEpoch) } }))
            }
        }
        try ParquetWriter.write(columns: columns, keyValueMetadata: metadata, gexVersion: version, workers: workers, to: path)
    }
}
