/// Call or put. `sign` is the w = ±1 of the Black–Scholes formulas (+1 call, −1 put).
public enum OptionRight: UInt8, Sendable, Hashable, CaseIterable, Codable {
    case call = 0
    case put = 1

    /// +1 for a call, −1 for a put.
    @inlinable public var sign: Double { self == .call ? 1 : -1 }

    /// One-letter code as in OSI symbols: "C" or "P".
    public var letter: Character { self == .call ? "C" : "P" }
}
