/// Row-level defects a reader skipped, counted per reason with the first place each was seen.
public struct DefectCounts: Sendable {
    /// One reason's tally.
    public struct Entry: Sendable {
        /// Rows skipped for this reason.
        public var count: Int
        /// File of the first occurrence.
        public var firstFile: String
        /// Line of the first occurrence (1-based).
        public var firstLine: Int
    }

    /// Tallies by reason.
    public private(set) var entries: [String: Entry] = [:]

    /// An empty tally.
    public init() {}

    /// Counts one defect.
    public mutating func add(_ reason: String, file: String, line: Int) {
        if entries[reason] == nil {
            entries[reason] = Entry(count: 1, firstFile: file, firstLine: line)
        } else {
            entries[reason]!.count += 1
        }
    }

    /// Counts `count` defects at once (e.g. duplicates found while building).
    public mutating func add(_ reason: String, count: Int, file: String) {
        guard count > 0 else { return }
        if entries[reason] == nil {
            entries[reason] = Entry(count: count, firstFile: file, firstLine: 0)
        } else {
            entries[reason]!.count += count
        }
    }

    /// Adds the tallies of `later`, a reader's count over lines that come after all of this one's,
    /// its line numbers shifted by `lineOffset` (a range's numbers are relative to the range).
    mutating func absorb(_ later: DefectCounts, lineOffset: Int) {
        for (reason, entry) in later.entries {
            if entries[reason] == nil {
                entries[reason] = Entry(count: entry.count, firstFile: entry.firstFile, firstLine: entry.firstLine + lineOffset)
            } else {
                entries[reason]!.count += entry.count
            }
        }
    }

    /// Total rows skipped.
    public var total: Int { entries.values.reduce(0) { $0 + $1.count } }
}
