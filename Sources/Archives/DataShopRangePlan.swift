#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch

/// A plain DataShop file cut into line ranges for a parallel read: the header line, then the body
/// split into `workers` ranges of about equal size, each cut just after an LF (always a line
/// boundary, CRLF included). Each range is parsed on its own thread with its own row parser,
/// builders and defect tally (no shared mutable state, no locks); the results are merged in
/// range order, line numbers shifted by the lines of the ranges before, so the merged read is
/// exactly the one-thread read.
struct DataShopRangePlan {
    /// The header line's bytes (after a UTF-8 byte-order mark, without its terminator).
    let header: Range<Int>
    /// Range k is `cuts[k]..<cuts[k + 1]`; the first starts after the header line, the last ends at the file's end.
    let cuts: [Int]

    /// The plan, or nil when the file has no body to share out (empty, header only, or a header
    /// longer than the line cap): such a file is read the ordinary way, which reports it.
    init?(_ file: MappedFile, workers: Int, maximumLineBytes: Int) {
        guard let base = file.base, workers > 1 else { return nil }
        let n = file.count
        let start = n >= 3 && base[0] == 0xEF && base[1] == 0xBB && base[2] == 0xBF ? 3 : 0
        let window = min(n - start, maximumLineBytes + 1)  // the header ends within the line cap, or the file is refused
        let lf = unsafe memchr(base + start, 0x0A, window).map { unsafe UnsafeRawPointer($0).assumingMemoryBound(to: UInt8.self) - base }
        let cr = unsafe memchr(base + start, 0x0D, window).map { unsafe UnsafeRawPointer($0).assumingMemoryBound(to: UInt8.self) - base }
        guard let end = [lf, cr].compactMap({ $0 }).min(), end - start <= maximumLineBytes else { return nil }
        var bodyStart = end + 1
        if end == cr, bodyStart < n, base[bodyStart] == 0x0A { bodyStart += 1 }
        guard bodyStart < n else { return nil }
        header = start..<end
        var cuts = [bodyStart]
        for k in 1..<workers {
            let nominal = max(bodyStart + (n - bodyStart) / workers * k, cuts[k - 1])
            var cut = n
            if nominal < n, let p = unsafe memchr(base + nominal, 0x0A, n - nominal) {
                cut = unsafe UnsafeRawPointer(p).assumingMemoryBound(to: UInt8.self) - base + 1
            }
            cuts.append(cut)
        }
        cuts.append(n)
        self.cuts = cuts
    }

    /// What one range produced.
    struct RangeResult {
        var builders = DataShopBuilders()
        var defects = DefectCounts()
        var rowCount = 0
        /// Lines in the range (for the line numbers of the ranges after it).
        var lineCount = 0
        var error: ArchiveError?
    }

    /// Parses every range in parallel and merges the results, in range order, into `state`.
    func read(_ file: MappedFile, path: String, limits: ArchiveLimits, into state: inout DataShopReadState) throws(ArchiveError) {
        let base = file.base!
        let rows = try state.header(UnsafeBufferPointer(start: base + header.lowerBound, count: header.count), path: path,
                                    line: 1, limits: limits)
        let ranges = cuts.count - 1
        var results = [RangeResult](repeating: RangeResult(), count: ranges)
        results.withUnsafeMutableBufferPointer { out in
            let job = RangeJob(file: file, cuts: cuts, rows: rows, results: out, path: path,
                               maximumLineBytes: max(0, limits.maximumLineBytes - 3))
            DispatchQueue.concurrentPerform(iterations: ranges) { job.parse($0) }
        }
        var lineOffset = 1  // the header line
        var rowCount = 0
        for k in 0..<ranges {
            var result = results[k]
            results[k] = RangeResult()  // `result` owns the range's builders alone
            if let error = result.error { throw error }
            state.defects.absorb(result.defects, lineOffset: lineOffset)
            state.builders.absorb(result.builders)
            result.builders = DataShopBuilders()
            rowCount += result.rowCount
            lineOffset += result.lineCount
        }
        try state.endFile(path: path, rowCount: rowCount, bytes: file.count, limits: limits)
    }
}

/// What every worker of one parallel read shares: read-only inputs, and one result slot per range
/// (each written by exactly one iteration of `concurrentPerform`, read after it returns).
private struct RangeJob: @unchecked Sendable {
    let file: MappedFile
    let cuts: [Int]
    let rows: DataShopRows
    let results: UnsafeMutableBufferPointer<DataShopRangePlan.RangeResult>
    let path: String
    /// The line cap, a few bytes under the real one: a borderline line makes the parallel read fail,
    /// and the one-thread read that follows decides exactly (the parallel read never accepts more).
    let maximumLineBytes: Int

    func parse(_ k: Int) {
        var rows = self.rows  // a fresh parser: its caches start empty, like the template's
        var result = DataShopRangePlan.RangeResult()
        do throws(ArchiveError) {
            result.lineCount = try MemoryLines.forEach(file.base!, cuts[k]..<cuts[k + 1], maximumLength: maximumLineBytes, file: path,
                                                       forget: { file.forget($0) }) { line, number throws(ArchiveError) in
                try rows.add(line: line, number: number, into: &result.builders, defects: &result.defects)
            }
            result.rowCount = rows.rowCount
        } catch {
            result.error = error
        }
        results[k] = result
    }
}
