// Reads Parquet files back with three independent readers (pyarrow, polars, DuckDB) from a Python venv
// and decodes what they saw: values, types, pyarrow's view of the footer (schema, statistics, sizes) and
// key-value metadata. Test-only; the Swift package never runs Python.
import Foundation
import XCTest

/// What the Python peers read from one file.
struct PeerFile: Decodable {
    /// pyarrow's table (`error` set when it could not read the file).
    let pyarrow: PeerTable
    /// polars' data frame.
    let polars: PeerTable
    /// DuckDB's `read_parquet` result.
    let duckdb: PeerTable
    /// pyarrow's `FileMetaData` (empty when pyarrow failed).
    let metadata: PeerMetadata?
}

/// One reader's columns; every value is text (floats as Python `repr`, integers in decimal, timestamps
/// and dates as integers in `units`, bytes in hex) or nil for null.
struct PeerTable: Decodable {
    let error: String?
    let columns: [String]?
    let types: [String]?
    let units: [String?]?
    let values: [[String?]]?
    let kv: [String: String]?
    /// DuckDB only: [row group, column, stats_null_count].
    let null_counts: [[Int?]]?
    /// DuckDB only: the raw schema elements, root first: [name, type, repetition_type, converted_type,
    /// num_children] as text (nil where the field is not set).
    let schema: [[PeerScalar?]]?
}

/// A JSON string or integer.
enum PeerScalar: Decodable, Equatable, CustomStringConvertible {
    case text(String)
    case int(Int)
    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let i = try? container.decode(Int.self) { self = .int(i) } else { self = .text(try container.decode(String.self)) }
    }
    var description: String {
        switch self {
        case .text(let s): return s
        case .int(let i): return String(i)
        }
    }
}

/// pyarrow's `pq.read_metadata` view of the footer.
struct PeerMetadata: Decodable {
    struct SchemaColumn: Decodable {
        let name: String
        let physical: String
        let logical: String
        let converted: String
        let max_def: Int
    }
    struct Chunk: Decodable {
        let compression: String
        let encodings: [String]
        let num_values: Int
        let compressed: Int
        let uncompressed: Int
        let data_page_offset: Int
        let has_stats: Bool
        let has_min_max: Bool?
        let null_count: Int?
        let min: String?
        let max: String?
    }
    struct RowGroup: Decodable {
        let num_rows: Int
        let chunks: [Chunk]
    }
    let created_by: String?
    let format_version: String?
    let num_rows: Int?
    let num_row_groups: Int?
    let schema: [SchemaColumn]?
    let row_groups: [RowGroup]?
    let kv: [String: String]?
}

enum ParquetPeers {
    /// The peer interpreter: `GEX_PEERS_PYTHON`, else `Benchmarks/.venv/bin/python` under the package
    /// root; skips the test when neither exists.
    static func python() throws -> String {
        if let configured = ProcessInfo.processInfo.environment["GEX_PEERS_PYTHON"], !configured.isEmpty {
            guard FileManager.default.isExecutableFile(atPath: configured) else {
                throw PeerError("GEX_PEERS_PYTHON=\(configured) is not an executable; run `make peers-venv`")
            }
            return configured
        }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let venv = root.appendingPathComponent("Benchmarks/.venv/bin/python").path
        if FileManager.default.isExecutableFile(atPath: venv) { return venv }
        throw XCTSkip("""
            Parquet round-trip peers not found: run `make peers-venv` (creates Benchmarks/.venv from \
            Benchmarks/peers/requirements.txt: pyarrow, polars, duckdb) or set GEX_PEERS_PYTHON to a Python \
            that has them.
            """)
    }

    struct PeerError: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    /// Runs the reader script over `paths` (one interpreter start for all) and decodes its JSON.
    static func read(_ paths: [String]) throws -> [String: PeerFile] {
        let python = try python()
        let directory = NSTemporaryDirectory() + "gex-peers-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let scriptPath = directory + "/read_parquet_peers.py"
        try script.write(toFile: scriptPath, atomically: true, encoding: .utf8)
        FileManager.default.createFile(atPath: directory + "/out.json", contents: nil)
        FileManager.default.createFile(atPath: directory + "/err.txt", contents: nil)
        let stdout = try FileHandle(forWritingTo: URL(fileURLWithPath: directory + "/out.json"))
        let stderr = try FileHandle(forWritingTo: URL(fileURLWithPath: directory + "/err.txt"))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [scriptPath] + paths
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        process.waitUntilExit()
        try stdout.close()
        try stderr.close()
        let output = try Data(contentsOf: URL(fileURLWithPath: directory + "/out.json"))
        guard process.terminationStatus == 0 else {
            let message = (try? String(contentsOfFile: directory + "/err.txt", encoding: .utf8)) ?? ""
            throw PeerError("\(python) exited \(process.terminationStatus): \(message)")
        }
        return try JSONDecoder().decode([String: PeerFile].self, from: output)
    }

    /// The reader script: argv = Parquet paths; prints {path: {pyarrow, polars, duckdb, metadata}}.
    static let script = #"""
        import json, sys

        def fmt(v, kind):
            if v is None:
                return None
            if kind == "float":
                return repr(float(v))
            if kind == "bool":
                return "true" if v else "false"
            if kind == "bytes":
                return bytes(v).hex()
            if kind == "str":
                return v
            return str(int(v))

        def read_pyarrow(path):
            import pyarrow as pa, pyarrow.parquet as pq
            table = pq.read_table(path)
            cols, types, units, values = [], [], [], []
            for field in table.schema:
                arr = table.column(field.name).combine_chunks()
                t = field.type
                unit = None
                if pa.types.is_timestamp(t):
                    vals, kind, unit = arr.cast(pa.int64()).to_pylist(), "int", t.unit
                elif pa.types.is_date32(t):
                    vals, kind, unit = arr.cast(pa.int32()).to_pylist(), "int", "d"
                elif pa.types.is_floating(t):
                    vals, kind = arr.to_pylist(), "float"
                elif pa.types.is_boolean(t):
                    vals, kind = arr.to_pylist(), "bool"
                elif pa.types.is_binary(t) or pa.types.is_large_binary(t) or pa.types.is_binary_view(t):
                    vals, kind = arr.to_pylist(), "bytes"
                elif pa.types.is_string(t) or pa.types.is_large_string(t) or pa.types.is_string_view(t):
                    vals, kind = arr.to_pylist(), "str"
                else:
                    vals, kind = arr.to_pylist(), "int"
                cols.append(field.name); types.append(str(t)); units.append(unit); values.append([fmt(v, kind) for v in vals])
            md = pq.read_metadata(path)
            schema = []
            for j in range(md.num_columns):
                c = md.schema.column(j)
                schema.append({"name": c.name, "physical": c.physical_type, "logical": str(c.logical_type),
                               "converted": c.converted_type, "max_def": c.max_definition_level})
            groups = []
            for i in range(md.num_row_groups):
                rg = md.row_group(i)
                chunks = []
                for j in range(rg.num_columns):
                    cc = rg.column(j)
                    st = cc.statistics
                    kind = {"DOUBLE": "float", "FLOAT": "float", "BOOLEAN": "bool", "BYTE_ARRAY": "bytes"}.get(cc.physical_type, "int")
                    entry = {"compression": cc.compression, "encodings": list(cc.encodings), "num_values": cc.num_values,
                             "compressed": cc.total_compressed_size, "uncompressed": cc.total_uncompressed_size,
                             "data_page_offset": cc.data_page_offset, "has_stats": st is not None}
                    if st is not None:
                        entry["has_min_max"] = st.has_min_max
                        entry["null_count"] = st.null_count if st.has_null_count else None
                        if st.has_min_max:
                            mn, mx = st.min_raw, st.max_raw
                            if kind == "bytes":
                                mn = mn.encode() if isinstance(mn, str) else mn
                                mx = mx.encode() if isinstance(mx, str) else mx
                            entry["min"], entry["max"] = fmt(mn, kind), fmt(mx, kind)
                    chunks.append(entry)
                groups.append({"num_rows": rg.num_rows, "chunks": chunks})
            kv = {k.decode(): v.decode() for k, v in (md.metadata or {}).items()}
            meta = {"created_by": md.created_by, "format_version": md.format_version, "num_rows": md.num_rows,
                    "num_row_groups": md.num_row_groups, "schema": schema, "row_groups": groups, "kv": kv}
            return {"columns": cols, "types": types, "units": units, "values": values}, meta

        def read_polars(path):
            import polars as pl
            df = pl.read_parquet(path)
            cols, types, units, values = [], [], [], []
            for name in df.columns:
                s = df.get_column(name)
                t = s.dtype
                unit = None
                if isinstance(t, pl.Datetime):
                    vals, kind, unit = s.cast(pl.Int64).to_list(), "int", t.time_unit
                elif t == pl.Date:
                    vals, kind, unit = s.cast(pl.Int32).to_list(), "int", "d"
                elif t in (pl.Float32, pl.Float64):
                    vals, kind = s.to_list(), "float"
                elif t == pl.Boolean:
                    vals, kind = s.to_list(), "bool"
                elif t == pl.Binary:
                    vals, kind = s.to_list(), "bytes"
                elif t == pl.String:
                    vals, kind = s.to_list(), "str"
                else:
                    vals, kind = s.to_list(), "int"
                cols.append(name); types.append(str(t)); units.append(unit); values.append([fmt(v, kind) for v in vals])
            kv = pl.read_parquet_metadata(path) if hasattr(pl, "read_parquet_metadata") else None
            return {"columns": cols, "types": types, "units": units, "values": values, "kv": kv}

        def read_duckdb(path):
            import duckdb
            con = duckdb.connect()
            con.execute("SET TimeZone = 'UTC'")
            lit = "'" + path.replace("'", "''") + "'"
            described = con.execute(f"DESCRIBE SELECT * FROM read_parquet({lit})").fetchall()
            cols, types, units, exprs, kinds = [], [], [], [], []
            for row in described:
                name, t = row[0], row[1]
                q = '"' + name.replace('"', '""') + '"'
                unit = None
                if t.startswith("TIMESTAMP") and t.endswith("_NS"):
                    e, k, unit = f"epoch_ns({q})", "int", "ns"
                elif t.startswith("TIMESTAMP") and t.endswith("_MS"):
                    e, k, unit = f"epoch_ms({q})", "int", "ms"
                elif t.startswith("TIMESTAMP"):
                    e, k, unit = f"epoch_us({q})", "int", "us"
                elif t == "DATE":
                    e, k, unit = f"({q} - DATE '1970-01-01')", "int", "d"
                elif t in ("DOUBLE", "FLOAT"):
                    e, k = q, "float"
                elif t == "BOOLEAN":
                    e, k = q, "bool"
                elif t == "BLOB":
                    e, k = q, "bytes"
                elif t == "VARCHAR":
                    e, k = q, "str"
                else:
                    e, k = q, "int"
                cols.append(name); types.append(t); units.append(unit); exprs.append(e); kinds.append(k)
            rows = con.execute(f"SELECT {', '.join(exprs)} FROM read_parquet({lit})").fetchall() if exprs else []
            values = [[fmt(r[j], kinds[j]) for r in rows] for j in range(len(cols))]
            kv = {bytes(k).decode(): bytes(v).decode() for k, v in
                  con.execute(f"SELECT key, value FROM parquet_kv_metadata({lit})").fetchall()}
            nulls = [[r[0], r[1], r[2]] for r in con.execute(
                f"SELECT row_group_id, column_id, stats_null_count FROM parquet_metadata({lit}) ORDER BY 1, 2").fetchall()]
            schema = [[r[0], r[1], r[2], r[3], r[4]] for r in con.execute(
                f"SELECT name, type, repetition_type, converted_type, num_children FROM parquet_schema({lit})").fetchall()]
            return {"columns": cols, "types": types, "units": units, "values": values, "kv": kv, "null_counts": nulls,
                    "schema": schema}

        def guarded(fn, path):
            try:
                return fn(path)
            except Exception as e:  # reported to the Swift test, which fails with the message
                return {"error": f"{type(e).__name__}: {e}"}

        out = {}
        for path in sys.argv[1:]:
            pa_result = guarded(read_pyarrow, path)
            if isinstance(pa_result, dict):
                out[path] = {"pyarrow": pa_result, "metadata": {}}
            else:
                out[path] = {"pyarrow": pa_result[0], "metadata": pa_result[1]}
            out[path]["polars"] = guarded(read_polars, path)
            out[path]["duckdb"] = guarded(read_duckdb, path)
        json.dump(out, sys.stdout, ensure_ascii=True, allow_nan=False)
        """#
}
