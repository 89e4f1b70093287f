import OptionsMath

/// The identity of one listed option: root, expiry date, strike and right.
///
/// Strikes are held as integer thousandths (`strikeMilli`, the OSI encoding) so keys compare
/// exactly. Parsed from OSI-style symbols: `SPXW220610C00800000` (Cboe, unpadded),
/// `SPXW  220610C00800000` (OCC, root padded to six), optionally prefixed `O:` or `.`.
public struct ContractKey: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// Option root (trading class), e.g. "SPX", "SPXW".
    public let root: String
    /// Expiry date.
    public let expiry: CivilDate
    /// Strike × 1000.
    public let strikeMilli: Int64
    /// Call or put.
    public let right: OptionRight

    /// Creates a key from its parts.
    public init(root: String, expiry: CivilDate, strikeMilli: Int64, right: OptionRight) {
        self.root = root
        self.expiry = expiry
        self.strikeMilli = strikeMilli
        self.right = right
    }

    /// Strike in price units.
    public var strike: Double { Double(strikeMilli) / 1000 }

    /// The underlying's symbol implied by the root: weekly/PM index roots map to their index
    /// (SPXW → SPX, NDXP → NDX, RUTW → RUT, VIXW → VIX, XSP stays XSP); other roots are the ticker.
    public var underlyingSymbol: String { ContractKey.underlying(ofRoot: root) }

    /// See `underlyingSymbol`.
    public static func underlying(ofRoot root: String) -> String {
        switch root {
        case "SPXW", "SPXPM": return "SPX"
        case "NDXP": return "NDX"
        case "RUTW": return "RUT"
        case "VIXW": return "VIX"
        default: return root
        }
    }

    /// AM or PM settlement, from the root.
    public var settlement: SettlementStyle { SettlementStyle.forRoot(root) }

    /// The instant the contract settles (and after which it no longer exists).
    public var settlementInstant: Instant { settlement.settlementInstant(on: expiry) }

    /// Parses an OSI-style symbol; nil when malformed (bad date, right, strike digits or root).
    public init?(osiSymbol raw: Substring) {
        var utf8 = Array(raw.utf8)
        guard let key = utf8.withUnsafeMutableBufferPointer({ ContractKey(osiBytes: UnsafeBufferPointer($0)) }) else { return nil }
        self = key
    }

    /// Parses an OSI-style symbol from its bytes (ASCII); nil when malformed. Accepts the
    /// unpadded (`SPXW220610C00800000`), padded (`SPXW  220610C00800000`), `O:`- and `.`-prefixed forms;
    /// years are 20yy.
    public init?(osiBytes raw: UnsafeBufferPointer<UInt8>) {
        var lower = 0, upper = raw.count
        while lower < upper, raw[lower] == 0x20 { lower += 1 }
        while upper > lower, raw[upper - 1] == 0x20 { upper -= 1 }
        if upper - lower >= 2, raw[lower] == UInt8(ascii: "O"), raw[lower + 1] == UInt8(ascii: ":") { lower += 2 }
        if lower < upper, raw[lower] == UInt8(ascii: ".") { lower += 1 }
        guard upper - lower >= 16 else { return nil }
        let tail = upper - 15  // yymmdd + right + 8 strike digits
        var rootBytes: [UInt8] = []
        for k in lower..<tail where raw[k] != 0x20 {
            let b = raw[k]
            guard (b >= 65 && b <= 90) || (b >= 48 && b <= 57) || (b >= 97 && b <= 122) else { return nil }
            rootBytes.append(b >= 97 ? b - 32 : b)
        }
        guard !rootBytes.isEmpty, rootBytes.count <= 6 else { return nil }
        func digits(_ from: Int, _ to: Int) -> Int64? {
            var value: Int64 = 0
            for k in from..<to {
                let b = raw[k]
                guard b >= 48, b <= 57 else { return nil }
                value = value * 10 + Int64(b - 48)
            }
            return value
        }
        guard let yy = digits(tail, tail + 2), let mm = digits(tail + 2, tail + 4), let dd = digits(tail + 4, tail + 6),
              let date = CivilDate(year: 2000 + Int(yy), month: Int(mm), day: Int(dd)),
              let strike = digits(tail + 7, upper), strike > 0
        else { return nil }
        switch raw[tail + 6] {
        case UInt8(ascii: "C"), UInt8(ascii: "c"): right = .call
        case UInt8(ascii: "P"), UInt8(ascii: "p"): right = .put
        default: return nil
        }
        root = String(decoding: rootBytes, as: UTF8.self)
        expiry = date
        strikeMilli = strike
    }

    /// Unpadded OSI symbol, e.g. `SPXW220610C00800000`.
    public var osiSymbol: String {
        let yy = twoDigits(expiry.year % 100), mm = twoDigits(expiry.month), dd = twoDigits(expiry.day)
        let strikeDigits = String(strikeMilli)
        return root + yy + mm + dd + String(right.letter)
            + String(repeating: "0", count: max(0, 8 - strikeDigits.count)) + strikeDigits
    }

    public var description: String { osiSymbol }

    /// Orders by expiry, root, strike, then call before put: each expiry contiguous and each
    /// call/put pair adjacent.
    public static func < (a: ContractKey, b: ContractKey) -> Bool {
        (a.expiry, a.root, a.strikeMilli, a.right.rawValue) < (b.expiry, b.root, b.strikeMilli, b.right.rawValue)
    }
}
