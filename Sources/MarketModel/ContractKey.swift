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

    /// AM or PM settlement, from the root.
    public var settlement: SettlementStyle { SettlementStyle.forRoot(root) }

    /// The instant the contract settles (and after which it no longer exists).
    public var settlementInstant: Instant { settlement.settlementInstant(on: expiry) }

    /// Parses an OSI-style symbol; nil when malformed (bad date, right, strike digits or root).
    public init?(osiSymbol raw: Substring) {
        var symbol = raw
        if symbol.hasPrefix("O:") { symbol = symbol.dropFirst(2) }
        if symbol.hasPrefix(".") { symbol = symbol.dropFirst() }
        let bytes = Array(symbol.utf8)
        guard bytes.count >= 16 else { return nil }
        let tail = bytes[(bytes.count - 15)...]  // yymmdd + right + 8 strike digits
        let rootBytes = bytes[..<(bytes.count - 15)].filter { $0 != UInt8(ascii: " ") }
        guard !rootBytes.isEmpty, rootBytes.count <= 6,
              rootBytes.allSatisfy({ ($0 >= 65 && $0 <= 90) || ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 122) })
        else { return nil }
        func digits(_ slice: ArraySlice<UInt8>) -> Int64? {
            var value: Int64 = 0
            for b in slice {
                guard b >= 48, b <= 57 else { return nil }
                value = value * 10 + Int64(b - 48)
            }
            return value
        }
        let start = tail.startIndex
        guard let yy = digits(tail[start..<start + 2]), let mm = digits(tail[start + 2..<start + 4]),
              let dd = digits(tail[start + 4..<start + 6]),
              let date = CivilDate(year: 2000 + Int(yy), month: Int(mm), day: Int(dd)),
              let strike = digits(tail[(start + 7)...])
        else { return nil }
        switch tail[start + 6] {
        case UInt8(ascii: "C"), UInt8(ascii: "c"): right = .call
        case UInt8(ascii: "P"), UInt8(ascii: "p"): right = .put
        default: return nil
        }
        guard strike > 0 else { return nil }
        root = String(decoding: rootBytes, as: UTF8.self).uppercased()
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
