import MarketModel

/// Field parsers for Databento's CSV encodings: timestamps as ISO 8601 UTC with nanoseconds
/// (`pretty_ts`) or integer nanoseconds; prices as decimals (`pretty_px`) or integers in units
/// of 1e-9, where i64::MAX means "undefined".
enum DatabentoFields {
    /// Nanoseconds since the epoch, or nil when the cell is empty, malformed or outside 1970–2261.
    static func nanoseconds(_ cell: UnsafeBufferPointer<UInt8>) -> Int64? {
        guard !cell.isEmpty else { return nil }
        if cell.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
            var v: Int64 = 0
            for b in cell { let (m, o1) = v.multipliedReportingOverflow(by: 10); let (a, o2) = m.addingReportingOverflow(Int64(b - 0x30)); guard !o1, !o2 else { return nil }; v = a }
            return v
        }
        // YYYY-MM-DDTHH:MM:SS[.fffffffff]Z
        guard cell.count >= 20, cell[4] == 0x2D, cell[7] == 0x2D, cell[10] == 0x54, cell[13] == 0x3A, cell[16] == 0x3A,
              cell[cell.count - 1] == 0x5A else { return nil }
        func digits(_ from: Int, _ to: Int) -> Int? {
            var v = 0
            for i in from..<to { let b = cell[i]; guard b >= 0x30 && b <= 0x39 else { return nil }; v = v * 10 + Int(b - 0x30) }
            return v
        }
        guard let y = digits(0, 4), let mo = digits(5, 7), let d = digits(8, 10), let h = digits(11, 13),
              let mi = digits(14, 16), let s = digits(17, 19), h < 24, mi < 60, s < 61,
              (1970...2261).contains(y),  // Int64 nanoseconds since 1970 end in 2262: a later year would overflow
              let date = CivilDate(year: y, month: mo, day: d)?.daysSinceEpoch else { return nil }
        var fraction: Int64 = 0
        if cell.count > 20 {
            guard cell[19] == 0x2E, cell.count - 21 <= 9, let f = digits(20, cell.count - 1) else { return nil }
            fraction = Int64(f)
            for _ in 0..<(9 - (cell.count - 21)) { fraction *= 10 }
        }
        return (Int64(date) * 86_400 + Int64(h * 3600 + mi * 60 + s)) * 1_000_000_000 + fraction
    }

    /// A price: NaN for an empty or undefined cell, nil when malformed.
    static func price(_ cell: UnsafeBufferPointer<UInt8>) -> Double? {
        if cell.isEmpty { return .nan }
        if cell.contains(0x2E) || cell.contains(0x65) || cell.contains(0x45) { return DecimalParser.parse(cell) }
        guard let raw = DecimalParser.parse(cell) else { return nil }
        if raw >= 9.2e18 { return .nan }  // i64::MAX: UNDEF_PRICE
        return raw * 1e-9
    }
}
