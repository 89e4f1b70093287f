import MarketModel

/// One day-store builder per underlying, in discovery order, with the symbol → slot index
/// (looked up only when the symbol changes from one row to the next).
struct DataShopBuilders {
    var list: [DayStoreBuilder] = []
    var index: [String: Int] = [:]

    mutating func slot(for symbol: String, hasVendorGreeks: Bool) -> Int {
        if let known = index[symbol] { return known }
        index[symbol] = list.count
        list.append(DayStoreBuilder(underlying: symbol, hasVendorGreeks: hasVendorGreeks))
        return list.count - 1
    }

    /// Moves every builder of `later` (rows that come after all of this one's in the input) into the
    /// builder of the same underlying here, in `later`'s discovery order: the result is what one
    /// builder fed with both row sequences in order would hold (`DayStoreBuilder.absorb`).
    mutating func absorb(_ later: consuming DataShopBuilders) {
        var later = later
        for (symbol, slot) in later.index.sorted(by: { $0.value < $1.value }) {
            let piece = later.list[slot]
            later.list[slot] = DayStoreBuilder(underlying: symbol, hasVendorGreeks: false)  // `piece` owns the rows alone
            let mine = self.slot(for: symbol, hasVendorGreeks: piece.hasVendorGreeks)
            list[mine].absorb(piece)
        }
    }
}
