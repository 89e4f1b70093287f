import Foundation
import MarketModel

/// What the lines above a chain's header say: underlying, spot, as-of text, layout.
struct ChainPreamble {
    let layout: CboeChainFile.Layout
    let underlying: String
    let tickerHint: String?
    let spot: Double
    let asOfText: String
    let asOfLine: Int

    init(lines: [Substring], file: String) throws(ArchiveError) {
        let nonEmpty = lines.enumerated().filter { !$0.element.trimmingWhitespace.replacingAll(",", with: "").isEmpty }
        if let lastLine = nonEmpty.first(where: { $0.element.contains("Last:") }) {
            layout = .current
            let cells = CSVLine.cells(lastLine.element)
            underlying = cells.first.map { $0.trimmingWhitespace } ?? ""
            tickerHint = nil
            guard let cell = cells.first(where: { $0.contains("Last:") }),
                  let value = Self.number(after: "Last:", in: cell), value > 0, value.isFinite else {
                throw ArchiveError(.badData, file: file, line: lastLine.offset + 1, reason: "cannot read a positive spot after 'Last:'")
            }
            spot = value
            guard let dateLine = nonEmpty.first(where: { $0.element.contains("Date:") }) else {
                throw ArchiveError(.badData, file: file, reason: "no 'Date:' line above the header; pass the as-of time with --asof")
            }
            asOfText = Self.dateText(dateLine.element)
            asOfLine = dateLine.offset + 1
        } else if nonEmpty.count >= 2 {
            layout = .legacy
            let first = CSVLine.cells(nonEmpty[0].element)
            guard first.count >= 2, let value = Double(first[1].trimmingWhitespace), value > 0, value.isFinite else {
                throw ArchiveError(.badData, file: file, line: nonEmpty[0].offset + 1,
                    reason: "no 'Last:' and no legacy spot in the first line's second field")
            }
            spot = value
            underlying = first[0].trimmingWhitespace
            tickerHint = underlying.hasPrefix("^")
                ? String(underlying.dropFirst().prefix(while: { $0 != " " && $0 != "(" })) : nil
            asOfText = CSVLine.cells(nonEmpty[1].element).first.map { $0.trimmingWhitespace } ?? ""
            asOfLine = nonEmpty[1].offset + 1
        } else {
            throw ArchiveError(.badData, file: file, reason: "no preamble above the header: spot and as-of time are missing")
        }
    }

    /// The number following `label` in a cell such as `Last: 4500.5298`.
    static func number(after label: String, in cell: Substring) -> Double? {
        guard let range = cell.range(of: label) else { return nil }
        return Double(cell[range.upperBound...].trimmingWhitespace.replacingAll(",", with: ""))
    }

    /// The text after `Date:` up to the next `Label:` field (the Date cell may be unquoted and
    /// then split at its own commas: `Date: 9 June 2023, 1:40 PM EDT,Bid: 4299.33,...`).
    static func dateText(_ line: Substring) -> String {
        let unquoted = line.replacingAll("\"", with: "")
        guard let range = unquoted.range(of: "Date:") else { return "" }
        var pieces: [String] = []
        for piece in unquoted[range.upperBound...].split(separator: ",", omittingEmptySubsequences: false) {
            let trimmed = piece.trimmingWhitespace
            let head = trimmed.prefix(while: { $0 != " " })
            if head.hasSuffix(":"), head.dropLast().allSatisfy(\.isLetter) { break }  // next field, e.g. "Bid:"
            if trimmed.isEmpty { continue }
            pieces.append(trimmed)
        }
        return pieces.joined(separator: ", ")
    }

    /// The underlying's ticker from its option roots: the shortest root (SPX for SPX/SPXW).
    static func ticker(fromRoots roots: [String]) -> String? {
        Set(roots).min { ($0.count, $0) < ($1.count, $1) }
    }
}
