import OptionsMath

/// Black-76 implied-volatility problems of one snapshot, solved in one batch call
/// (`ImpliedVolatility.black(price:forward:…)`), each answer handed back with its row.
struct IVBatch {
    var rows: [Int] = [], price: [Double] = [], forward: [Double] = [], strike: [Double] = [], years: [Double] = []
    var isCall: [Bool] = []

    mutating func reserve(_ n: Int) {
        rows.reserveCapacity(n); price.reserveCapacity(n); forward.reserveCapacity(n)
        strike.reserveCapacity(n); years.reserveCapacity(n); isCall.reserveCapacity(n)
    }

    mutating func append(row: Int, price p: Double, forward f: Double, strike k: Double, years t: Double, isCall c: Bool) {
        rows.append(row); price.append(p); forward.append(f); strike.append(k); years.append(t); isCall.append(c)
    }

    /// Solves every problem, then calls `answer(row, σ, status)` in the order they were appended.
    func run(_ answer: (Int, Double, ImpliedVolatilityStatus) -> Void) {
        var volatility = [Double](repeating: .nan, count: rows.count)
        var status = [UInt8](repeating: 0, count: rows.count)
        price.withUnsafeBufferPointer { P in forward.withUnsafeBufferPointer { F in strike.withUnsafeBufferPointer { K in
        years.withUnsafeBufferPointer { T in isCall.withUnsafeBufferPointer { C in
        volatility.withUnsafeMutableBufferPointer { V in status.withUnsafeMutableBufferPointer { S in
            ImpliedVolatility.black(price: P, forward: F, strike: K, time: T, isCall: C, volatility: V, status: S)
        }}}}}}}
        for k in rows.indices { answer(rows[k], volatility[k], ImpliedVolatilityStatus(rawValue: status[k]) ?? .invalidInput) }
    }
}

