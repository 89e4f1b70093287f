/// Trade prints of one underlying's day with the NBBO prevailing at each (for trade-side
/// classification), in time order. Structure of arrays; `contract[i]` indexes `DayStore.contracts`.
public struct TradePrints: Sendable {
    /// Index into the day store's contracts.
    public var contract: [Int32] = []
    /// Event time, nanoseconds since the Unix epoch (UTC).
    public var nanoseconds: [Int64] = []
    /// Price per share.
    public var price: [Double] = []
    /// Size in contracts.
    public var size: [Double] = []
    /// NBBO bid and ask in force just before the trade (NaN when none was known).
    public var bid: [Double] = [], ask: [Double] = []

    /// No prints.
    public init() {}

    /// Number of prints.
    public var count: Int { contract.count }

    /// Appends one print.
    public mutating func append(contract c: Int32, nanoseconds t: Int64, price p: Double, size s: Double, bid b: Double, ask a: Double) {
        contract.append(c)
        nanoseconds.append(t)
        price.append(p)
        size.append(s)
        bid.append(b)
        ask.append(a)
    }
}
