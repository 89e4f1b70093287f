/// Column positions of a Cboe chain header, found by name.
struct ChainColumns {
    /// Positions of one side's fields.
    struct Side {
        let symbol: Int, bid: Int, ask: Int, iv: Int, gamma: Int, openInterest: Int
    }

    let expiration: Int
    let strike: Int
    let call: Side
    let put: Side
    let count: Int

    init(header rawCells: [Substring], file: String, line: Int) throws(ArchiveError) {
        let cells = rawCells.map { $0.trimmingWhitespace }
        func first(_ names: [String], after start: Int, before end: Int) throws(ArchiveError) -> Int {
            for i in start..<max(start, end) where names.contains(cells[i]) { return i }
            throw ArchiveError(.badData, file: file, line: line,
                reason: "header has no '\(names[0])' column \(start == 0 ? "" : "on the \(start > strikeGuess ? "put" : "call") side")")
        }
        let strikeGuess = cells.firstIndex(of: "Strike") ?? cells.count
        guard let callsAt = cells.firstIndex(of: "Calls") else {
            throw ArchiveError(.badData, file: file, line: line, reason: "header has no 'Calls' column")
        }
        guard let putsAt = cells.firstIndex(of: "Puts"), putsAt > callsAt else {
            throw ArchiveError(.badData, file: file, line: line, reason: "header has no 'Puts' column after 'Calls'")
        }
        guard strikeGuess < cells.count else {
            throw ArchiveError(.badData, file: file, line: line, reason: "header has no 'Strike' column")
        }
        expiration = 0
        strike = strikeGuess
        func side(_ symbolAt: Int, _ end: Int) throws(ArchiveError) -> Side {
            Side(symbol: symbolAt,
                 bid: try first(["Bid"], after: symbolAt, before: end),
                 ask: try first(["Ask"], after: symbolAt, before: end),
                 iv: try first(["IV"], after: symbolAt, before: end),
                 gamma: try first(["Gamma"], after: symbolAt, before: end),
                 openInterest: try first(["Open Interest", "Open Int"], after: symbolAt, before: end))
        }
        call = try side(callsAt, putsAt)
        put = try side(putsAt, cells.count)
        count = cells.count
    }
}
