// Bitwise comparison of two reads of the same input: every column of every store (floating-point
// columns by bit pattern, so NaN payloads and signed zeros count), rows read, defect tallies with
// their first file and line, unknown columns and file sizes. Used by the parallel-read tests.
import Archives
import MarketModel
import XCTest

enum ArchiveDayComparison {
    /// Every difference between `a` and `b`, one readable line each (empty when identical).
    static func differences(_ a: ArchiveDay, _ b: ArchiveDay) -> [String] {
        var out: [String] = []
        func check<T: Equatable>(_ name: String, _ x: T, _ y: T) { if x != y { out.append("\(name): \(x) vs \(y)") } }
        check("rowsRead", a.rowsRead, b.rowsRead)
        check("defects", describe(a.defects), describe(b.defects))
        check("unknownColumns", a.unknownColumns, b.unknownColumns)
        check("files", a.files.map { "\($0.path)=\($0.bytes)" }, b.files.map { "\($0.path)=\($0.bytes)" })
        return (out + storeDifferences(a, b)).map { $0.count > 400 ? String($0.prefix(400)) + "…" : $0 }
    }

    /// Every difference between the stores of `a` and `b` (underlyings, then every column).
    static func storeDifferences(_ a: ArchiveDay, _ b: ArchiveDay) -> [String] {
        var out: [String] = []
        func check<T: Equatable>(_ name: String, _ x: T, _ y: T) { if x != y { out.append("\(name): \(x) vs \(y)") } }
        check("stores", a.stores.map(\.underlying), b.stores.map(\.underlying))
        for (s, t) in zip(a.stores, b.stores) {
            let u = s.underlying
            check("\(u) contracts", s.contracts, t.contracts)
            check("\(u) settlement", s.settlement, t.settlement)
            check("\(u) times", s.times, t.times)
            check("\(u) multiplier", s.multiplier.map(\.bitPattern), t.multiplier.map(\.bitPattern))
            check("\(u) openInterest", s.openInterest.map(\.bitPattern), t.openInterest.map(\.bitPattern))
            check("\(u) bid", s.bid.map(\.bitPattern), t.bid.map(\.bitPattern))
            check("\(u) ask", s.ask.map(\.bitPattern), t.ask.map(\.bitPattern))
            check("\(u) bidSize", s.bidSize.map(\.bitPattern), t.bidSize.map(\.bitPattern))
            check("\(u) askSize", s.askSize.map(\.bitPattern), t.askSize.map(\.bitPattern))
            check("\(u) spot", s.spot.map(\.bitPattern), t.spot.map(\.bitPattern))
            check("\(u) spotSource", s.spotSource, t.spotSource)
            check("\(u) vendorIV", s.vendorIV?.map(\.bitPattern), t.vendorIV?.map(\.bitPattern))
            check("\(u) vendorGamma", s.vendorGamma?.map(\.bitPattern), t.vendorGamma?.map(\.bitPattern))
            check("\(u) quoteAge", s.quoteAge?.map(\.bitPattern), t.quoteAge?.map(\.bitPattern))
            check("\(u) trades", s.trades.map(describe), t.trades.map(describe))
        }
        return out.map { $0.count > 400 ? String($0.prefix(400)) + "…" : $0 }
    }

    /// Defect tallies as sorted text: reason, count, first file and first line.
    static func describe(_ d: DefectCounts) -> [String] {
        d.entries.map { "\($0.key) | \($0.value.count) | \($0.value.firstFile):\($0.value.firstLine)" }.sorted()
    }

    static func describe(_ t: TradePrints) -> String {
        "\(t.contract) \(t.nanoseconds) \(t.price.map(\.bitPattern)) \(t.size.map(\.bitPattern)) \(t.bid.map(\.bitPattern)) \(t.ask.map(\.bitPattern))"
    }
}
