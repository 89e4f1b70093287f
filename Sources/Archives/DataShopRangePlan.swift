#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch

/// A plain DataShop file cut into line ranges for a parallel read: the header line, then the body
/// cut into pieces of about equal size, each cut just after an LF (always a line boundary, CRLF
/// included) and moved on to the next change of quote time when one is near, so that a piece
/// starts on a whole snapshot. `workers` threads take the pieces in turn (several per thread, so a
/// slower core takes fewer), each piece parsed with its own row parser, builders and defect tally
/// (no shared mutable state in the hot loop); the results are merged in piece order, line numbers
/// shifted by the lines of the pieces before, so the merged read is exactly the one-thread read.
/// A piece that starts on a whole snapshot numbers its contracts as the file's first snapshot
/// does, so merging it moves its snapshot rows instead of copying them cell by cell.
struct DataShopRangePlan {
    /// The header line's bytes (after a UTF-8 byte-order mark, without its terminator).
    let header: Range<Int>
    /// The bytes after the header line, to the end of the file.
    let body: Range<Int>

    /// Pieces per worker thread (load balancing between cores of unequal speed).
    static let piecesPerWorker = 4
    /// How far a cut may move forward to reach the next quote time (bytes; about one SPX snapshot).
    static let alignmentWindow = 8 << 20

    /// The plan, or nil when the file has no body to share out (empty, header only, or a header
    /// longer than the line cap): such a file is read the ordinary way, which reports it.
    init?(_ file: MappedFile, maximumLineBytes: Int) {
        guard let base = file.base else { return nil }
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
        body = bodyStart..<n
    }

    /// Piece boundaries: piece k is `cuts[k]..<cuts[k + 1]`. Each inner cut follows an LF; with a
    /// `timeColumn`, it then moves to the first line (within `alignmentWindow`) whose cell in that
    /// column differs from the line before's.
    static func cuts(_ base: UnsafePointer<UInt8>, body: Range<Int>, pieces: Int, timeColumn: Int?) -> [Int] {
        let n = body.upperBound
        func lineAfter(_ p: Int) -> Int {  // the start of the line after the one holding byte p (n when none)
            guard p < n, let lf = unsafe memchr(base + p, 0x0A, n - p) else { return n }
            return unsafe UnsafeRawPointer(lf).assumingMemoryBound(to: UInt8.self) - base + 1
        }
        func cell(_ column: Int, ofLineAt start: Int) -> UnsafeBufferPointer<UInt8> {  // unquoted; stops at the line's end
            var i = start, c = 0, cellStart = start
            while i < n, base[i] != 0x0A, base[i] != 0x0D {
                if base[i] == 0x2C {
                    if c == column { break }
                    c += 1
                    cellStart = i + 1
                }
                i += 1
            }
            return UnsafeBufferPointer(start: base + cellStart, count: c == column ? i - cellStart : 0)
        }
        var cuts = [body.lowerBound]
        for k in 1..<max(1, pieces) {
            var cut = lineAfter(max(body.lowerBound + (body.count / pieces) * k, cuts[k - 1]))
            if let timeColumn, cut < n {
                var line = cut
                let first = Array(cell(timeColumn, ofLineAt: line))
                while line < n, line - cut < alignmentWindow {
                    let next = lineAfter(line)
                    guard next < n else { break }
                    let time = cell(timeColumn, ofLineAt: next)
                    if !DataShopRows.same(first, time) {
                        cut = next
                        break
                    }
                    line = next
                }
            }
            cuts.append(max(cut, cuts[k - 1]))
        }
        cuts.append(n)
        return cuts
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

    /// Parses the pieces on `workers` threads and merges the results, in piece order, into `state`.
    /// `alignToSnapshots: false` keeps the plain LF cuts (tests: cuts anywhere).
    func read(_ file: MappedFile, path: String, limits: ArchiveLimits, workers: Int, alignToSnapshots: Bool = true,
              into state: inout DataShopReadState) throws(ArchiveError) {
        let base = file.base!
        let rows = try state.header(UnsafeBufferPointer(start: base + header.lowerBound, count: header.count), path: path,
                                    line: 1, limits: limits)
        let cuts = Self.cuts(base, body: body, pieces: workers * Self.piecesPerWorker,
                             timeColumn: alignToSnapshots ? rows.columns.time : nil)
        let ranges = cuts.count - 1
        var results = [RangeResult](repeating: RangeResult(), count: ranges)
        results.withUnsafeMutableBufferPointer { out in
            let job = RangeJob(file: file, cuts: cuts, rows: rows, results: out, path: path,
                               maximumLineBytes: max(0, limits.maximumLineBytes - 3))
            DispatchQueue.concurrentPerform(iterations: min(workers, ranges)) { _ in
                while let k = job.queue.next() { job.parse(k) }
            }
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
    let queue: PieceQueue
    let cuts: [Int]
    let rows: DataShopRows
    let results: UnsafeMutableBufferPointer<DataShopRangePlan.RangeResult>
    let path: String
    /// The line cap, a few bytes under the real one: a borderline line makes the parallel read fail,
    /// and the one-thread read that follows decides exactly (the parallel read never accepts more).
    let maximumLineBytes: Int

    init(file: MappedFile, cuts: [Int], rows: DataShopRows, results: UnsafeMutableBufferPointer<DataShopRangePlan.RangeResult>,
         path: String, maximumLineBytes: Int) {
        self.file = file
        self.queue = PieceQueue(count: cuts.count - 1)
        self.cuts = cuts
        self.rows = rows
        self.results = results
        self.path = path
        self.maximumLineBytes = maximumLineBytes
    }

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
            queue.cancel()  // the pieces after this one would be parsed for nothing: the merge stops here
        }
        results[k] = result
    }
}

/// Hands out piece indices 0, 1, 2, … to whichever worker asks next (a lock taken once per piece,
/// never inside the line loop).
private final class PieceQueue: @unchecked Sendable {
    private var nextPiece = 0
    private let count: Int
    private var mutex = pthread_mutex_t()

    init(count: Int) {
        self.count = count
        pthread_mutex_init(&mutex, nil)
    }

    deinit { pthread_mutex_destroy(&mutex) }

    /// Hands out no more pieces (those taken so far are finished; pieces are taken in order, so all
    /// before a failed one are among them).
    func cancel() {
        pthread_mutex_lock(&mutex)
        nextPiece = count
        pthread_mutex_unlock(&mutex)
    }

    /// The next piece not yet taken, or nil when all are.
    func next() -> Int? {
        pthread_mutex_lock(&mutex)
        defer { pthread_mutex_unlock(&mutex) }
        guard nextPiece < count else { return nil }
        nextPiece += 1
        return nextPiece - 1
    }
}
