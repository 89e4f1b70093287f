/// Time-zone words found at the end of as-of lines, and their UTC offsets.
enum TimeZoneWords {
    /// Fixed offsets in hours for common abbreviations.
    static let fixed: [String: Int] = [
        "utc": 0, "gmt": 0, "z": 0, "wet": 0, "bst": 1, "cet": 1, "west": 1, "cest": 2, "eet": 2, "eest": 3,
        "cst": -6, "cdt": -5, "mst": -7, "mdt": -6, "pst": -8, "pdt": -7, "est": -5, "edt": -4,
    ]

    /// The zone a word names: `eastern` for ET (rules applied by date), or a fixed offset in seconds.
    /// Nil when the word is not a zone (or an ambiguous one such as IST).
    static func offset(_ word: String) -> (eastern: Bool, seconds: Int64)? {
        let w = word.lowercased().trimmingTrailingDot
        if w == "et" || w == "eastern" { return (true, 0) }
        // IST (India/Ireland/Israel) and other ambiguous words are not in the table: refused.
        if let h = fixed[w] { return (false, Int64(h * 3600)) }
        for prefix in ["utc", "gmt"] where w.hasPrefix(prefix) {
            return signedOffset(String(w.dropFirst(prefix.count))).map { (false, $0) }
        }
        if w.first == "+" || w.first == "-" { return signedOffset(w).map { (false, $0) } }
        return nil
    }

    /// `+2`, `-05:00`, `+0530` → seconds.
    static func signedOffset(_ s: String) -> Int64? {
        guard let sign = s.first, sign == "+" || sign == "-" else { return nil }
        let body = s.dropFirst().filter { $0 != ":" }
        guard !body.isEmpty, body.count <= 4, body.allSatisfy(\.isASCIIDigitCharacter) else { return nil }
        let value = Int(body)!
        let (h, m) = body.count <= 2 ? (value, 0) : (value / 100, value % 100)
        guard h <= 14, m < 60 else { return nil }
        return Int64((h * 3600 + m * 60) * (sign == "-" ? -1 : 1))
    }
}
