#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch

/// A compressed DataShop file read on two threads: a producer decompresses blocks into a small
/// ring of buffers while the calling thread splits and parses the lines of the blocks before.
/// Lines are cut exactly as `LineReader` cuts them (a block is parsed up to its last LF, the rest
/// carried into the next), numbered on from block to block. Any failure — the file's own (a cap,
/// a corrupt stream) or an edge this path does not take on (a carried line near the line
/// cap) — throws, and `DataShopReader.read` reads the file again on
/// one thread, which reports it exactly.
enum DataShopPipelinedRead {
    /// Decompressed bytes per block (tests use tiny blocks to put every boundary everywhere).
    static let defaultBlockBytes = 1 << 20

    static func read(_ source: ByteStream, path: String, limits: ArchiveLimits, blockBytes: Int = defaultBlockBytes,
                     into state: inout DataShopReadState) throws(ArchiveError) {
        let ring = BlockRing(source: source, blockBytes: max(1, blockBytes), slots: 4)
        ring.start()
        defer { ring.stop() }
        let maximumLength = max(0, limits.maximumLineBytes - 3)
        var work: [UInt8] = []  // the carried partial line, then the next block appended
        var rows: DataShopRows?
        var linesBefore = 0
        var first = true
        func parse(_ region: Range<Int>, in buffer: UnsafeBufferPointer<UInt8>) throws(ArchiveError) {
            let offset = linesBefore
            linesBefore += try MemoryLines.forEach(buffer.baseAddress!, region, maximumLength: maximumLength, file: path) {
                line, number throws(ArchiveError) in
                if rows == nil {
                    rows = try state.header(line, path: path, line: offset + number, limits: limits)
                    return
                }
                try rows!.add(line: line, number: offset + number, into: &state.builders, defects: &state.defects)
            }
        }
        while true {
            let count = try ring.takeBlock { work.append(contentsOf: $0) }
            if first, count > 0 {
                guard work.count >= 3 else { continue }  // too few bytes yet to tell whether a BOM starts the data
                if work[0] == 0xEF, work[1] == 0xBB, work[2] == 0xBF { work.removeFirst(3) }
                first = false
            }
            if count == 0 {  // end of data: the last line, without a terminator
                if !work.isEmpty { try work.withUnsafeBufferPointer { (b) throws(ArchiveError) in try parse(0..<b.count, in: b) } }
                break
            }
            let cut: Int? = work.withUnsafeBufferPointer { b in  // after the last LF (usually a line's length from the end)
                b.lastIndex(of: 0x0A).map { $0 + 1 }
            }
            guard let cut else {
                guard work.count <= maximumLength else { throw fallback(path) }
                continue
            }
            try work.withUnsafeBufferPointer { (b) throws(ArchiveError) in try parse(0..<cut, in: b) }
            work.removeFirst(cut)
        }
        guard let rows else { throw fallback(path) }
        ring.stop()  // joins the producer: `bytesRead` is final only after it returned
        try state.endFile(path: path, rowCount: rows.rowCount, bytes: ring.bytesRead, limits: limits)
    }

    static func fallback(_ path: String) -> ArchiveError {
        ArchiveError(.badData, file: path, reason: "not read on two threads (read again on one)")
    }
}

/// The producer side: `slots` buffers of `blockBytes`, filled from `source` on a background thread
/// and handed to the consumer in order. Semaphores order every hand-over (a slot is written only
/// after the consumer freed it, read only after the producer filled it); `source` is touched only
/// by the producer until `stop()` has joined it.
private final class BlockRing: @unchecked Sendable {
    private let source: ByteStream
    private let blockBytes: Int, slots: Int
    private let memory: UnsafeMutablePointer<UInt8>
    /// Bytes in each slot; 0 at the end of data; −1 after a failure (in `failure`).
    private let lengths: UnsafeMutablePointer<Int>
    private var failure: ArchiveError?
    private var cancelledFlag = false
    private var mutex = pthread_mutex_t()
    /// Set by `stop()`, read by the producer (under `mutex`: the two threads may touch it at once).
    private var cancelled: Bool {
        get { pthread_mutex_lock(&mutex); defer { pthread_mutex_unlock(&mutex) }; return cancelledFlag }
        set { pthread_mutex_lock(&mutex); cancelledFlag = newValue; pthread_mutex_unlock(&mutex) }
    }
    private let filled = DispatchSemaphore(value: 0), free: DispatchSemaphore, finished = DispatchSemaphore(value: 0)
    private var started = false, stopped = false
    private var consumerSlot = 0
    /// On-disk bytes read, valid after `stop()`.
    private(set) var bytesRead = 0

    init(source: ByteStream, blockBytes: Int, slots: Int) {
        self.source = source
        self.blockBytes = blockBytes
        self.slots = slots
        memory = .allocate(capacity: blockBytes * slots)
        lengths = .allocate(capacity: slots)
        lengths.initialize(repeating: 0, count: slots)
        // Created at 0 and raised: libdispatch traps when a semaphore is released below its initial value.
        free = DispatchSemaphore(value: 0)
        for _ in 0..<slots { free.signal() }
        pthread_mutex_init(&mutex, nil)
    }

    deinit {
        pthread_mutex_destroy(&mutex)
        memory.deallocate()
        lengths.deallocate()
    }

    func start() {
        started = true
        DispatchQueue.global(qos: .userInitiated).async { self.produce() }
    }

    private func produce() {
        var buffer = [UInt8](repeating: 0, count: blockBytes)
        var slot = 0
        while true {
            free.wait()
            if cancelled { break }
            let n: Int
            do throws(ArchiveError) { n = try source.read(into: &buffer, from: 0) } catch {
                failure = error
                lengths[slot] = -1
                filled.signal()
                break
            }
            buffer.withUnsafeBufferPointer { unsafe (memory + slot * blockBytes).update(from: $0.baseAddress!, count: n) }
            lengths[slot] = n
            filled.signal()
            if n == 0 { break }
            slot = (slot + 1) % slots
        }
        bytesRead = source.bytesRead
        finished.signal()
    }

    /// Waits for the next block, hands its bytes to `body`, frees its slot; returns its size (0 at the end).
    func takeBlock(_ body: (UnsafeBufferPointer<UInt8>) -> Void) throws(ArchiveError) -> Int {
        filled.wait()
        let n = lengths[consumerSlot]
        if n < 0 { throw failure! }
        body(UnsafeBufferPointer(start: memory + consumerSlot * blockBytes, count: n))
        consumerSlot = (consumerSlot + 1) % slots
        free.signal()
        return n
    }

    /// Stops the producer (if still running) and waits for it to return.
    func stop() {
        guard started, !stopped else { return }
        stopped = true
        cancelled = true  // seen by the producer after its next `free.wait()`, which the signal below ends
        free.signal()
        finished.wait()
    }
}
