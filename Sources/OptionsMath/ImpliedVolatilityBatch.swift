/// The batch implied-volatility kernel behind `ImpliedVolatility.blackScholes(price:spot:…)` and
/// `ImpliedVolatility.black(price:forward:…)`.
///
/// One solve is a long chain of dependent operations (guess → step → step), so a row-by-row loop is
/// bound by latency. Here the rows are taken in blocks of `blockSize` and every stage — reduction,
/// guess anchor, guess, first (fast) Householder step, accurate steps — runs over the whole block
/// before the next stage starts: the rows of a stage are independent, and the processor overlaps
/// them. The arithmetic per row is exactly that of the scalar entry point (the results are
/// bit-identical); only the order of independent work differs.
///
/// Memory: one block of row states in a temporary allocation made once per call (on the stack for
/// this size), nothing allocated inside the loops. Never traps.
@usableFromInline enum ImpliedVolatilityBatch {
    @usableFromInline static let blockSize = 32

    /// Per-row state of one block.
    @usableFromInline struct Row {
        @usableFromInline var index: Int
        @usableFromInline var problem: ReducedProblem
        @usableFromInline var anchor: GuessAnchor
        @usableFromInline var state: HouseholderState

        @inline(__always) @usableFromInline
        init() {
            index = 0
            problem = ReducedProblem(status: .invalidInput)
            anchor = GuessAnchor()
            state = HouseholderState()
        }
    }

    @usableFromInline
    static func blackScholes(price: UnsafeBufferPointer<Double>, spot: UnsafeBufferPointer<Double>,
                             strike: UnsafeBufferPointer<Double>, time: UnsafeBufferPointer<Double>,
                             rate: UnsafeBufferPointer<Double>, dividendYield: UnsafeBufferPointer<Double>,
                             isCall: UnsafeBufferPointer<Bool>, volatility: UnsafeMutableBufferPointer<Double>,
                             status: UnsafeMutableBufferPointer<UInt8>) {
        var n = Swift.min(price.count, spot.count, strike.count, time.count)
        n = Swift.min(n, rate.count, dividendYield.count, isCall.count)
        solveRows(n, volatility, status) { i in
            ImpliedVolatility.reduceBlackScholes(price: price[i], spot: spot[i], strike: strike[i], time: time[i],
                                                 rate: rate[i], dividendYield: dividendYield[i], isCall: isCall[i])
        }
    }

    @usableFromInline
    static func black(price: UnsafeBufferPointer<Double>, forward: UnsafeBufferPointer<Double>,
                      strike: UnsafeBufferPointer<Double>, time: UnsafeBufferPointer<Double>,
                      isCall: UnsafeBufferPointer<Bool>, volatility: UnsafeMutableBufferPointer<Double>,
                      status: UnsafeMutableBufferPointer<UInt8>) {
        let n = Swift.min(price.count, forward.count, strike.count, time.count, isCall.count)
        solveRows(n, volatility, status) { i in
            ImpliedVolatility.reduceBlack(price: price[i], forward: forward[i], strike: strike[i], time: time[i],
                                          isCall: isCall[i])
        }
    }

    /// Rows 0..<min(n, outputs) by blocks: `reduce(i)` is stage 1 (checks and reduction; rows without
    /// a solve are written at once), then stages 2–5. Output slots past the rows solved get NaN and
    /// `invalidInput`.
    @inline(__always) @usableFromInline
    static func solveRows(_ inputRows: Int, _ volatility: UnsafeMutableBufferPointer<Double>,
                          _ status: UnsafeMutableBufferPointer<UInt8>, reduce: (Int) -> ReducedProblem) {
        let n = Swift.min(inputRows, volatility.count, status.count)
        withUnsafeTemporaryAllocation(of: Row.self, capacity: blockSize) { rows in
            rows.initialize(repeating: Row())
            var start = 0
            while start < n {
                let end = Swift.min(start + blockSize, n)
                var m = 0
                for i in start..<end {
                    let problem = reduce(i)
                    if problem.status == .ok {
                        rows[m].index = i
                        rows[m].problem = problem
                        m += 1
                    } else {
                        volatility[i] = .nan
                        status[i] = problem.status.rawValue
                    }
                }
                solveBlock(rows, m, volatility, status)
                start = end
            }
        }
        if volatility.count > n { for i in n..<volatility.count { volatility[i] = .nan } }
        if status.count > n {
            for i in n..<status.count { status[i] = ImpliedVolatilityStatus.invalidInput.rawValue }
        }
    }

    /// Stages 2–5 for the first m rows (all with a reduced problem to solve).
    @inline(__always) @usableFromInline
    static func solveBlock(_ rows: UnsafeMutableBufferPointer<Row>, _ m: Int,
                           _ volatility: UnsafeMutableBufferPointer<Double>,
                           _ status: UnsafeMutableBufferPointer<UInt8>) {
        anchorStage(rows, m)
        guessStage(rows, m)
        var remaining = firstStepStage(rows, m, volatility, status)
        var iteration = 1
        while remaining > 0 {
            iteration += 1
            remaining = accurateStepStage(rows, remaining, iteration, volatility, status)
        }
    }

    /// Stage 2: the anchor of the guess (one evaluation of b per row).
    @inline(never) @usableFromInline
    static func anchorStage(_ rows: UnsafeMutableBufferPointer<Row>, _ m: Int) {
        for k in 0..<m {
            let p = rows[k].problem
            rows[k].anchor = GuessAnchor(x: p.x, beta: p.beta, bmax: p.bmax)
        }
    }

    /// Stage 3: the guess and the iteration state.
    @inline(never) @usableFromInline
    static func guessStage(_ rows: UnsafeMutableBufferPointer<Row>, _ m: Int) {
        for k in 0..<m {
            let p = rows[k].problem
            let guess = LetsBeRationalGuess(anchor: rows[k].anchor, x: p.x, beta: p.beta, bmax: p.bmax,
                                            gapToMax: p.gapToMax)
            rows[k].state = HouseholderState(x: p.x, beta: p.beta, betaLow: p.betaLow, bmax: p.bmax,
                                             gapToMax: p.gapToMax, guess: guess)
        }
    }

    /// Stage 4: the first step, fast evaluation (never the last one unless NaN). Returns the number
    /// of rows still iterating, moved to the front.
    @inline(never) @usableFromInline
    static func firstStepStage(_ rows: UnsafeMutableBufferPointer<Row>, _ m: Int,
                               _ volatility: UnsafeMutableBufferPointer<Double>,
                               _ status: UnsafeMutableBufferPointer<UInt8>) -> Int {
        var remaining = 0
        for k in 0..<m {
            var state = rows[k].state
            let next = state.fastStep()
            if state.isFinished(iteration: 1) {
                finish(rows[k], state, volatility, status)
            } else {
                state.s = next
                if remaining != k {
                    rows[remaining].index = rows[k].index
                    rows[remaining].problem = rows[k].problem
                }
                rows[remaining].state = state
                remaining += 1
            }
        }
        return remaining
    }

    /// Stage 5: one accurate step for every row still iterating; finished rows are written.
    @inline(never) @usableFromInline
    static func accurateStepStage(_ rows: UnsafeMutableBufferPointer<Row>, _ remaining: Int, _ iteration: Int,
                                  _ volatility: UnsafeMutableBufferPointer<Double>,
                                  _ status: UnsafeMutableBufferPointer<UInt8>) -> Int {
        var kept = 0
        for k in 0..<remaining {
            var state = rows[k].state
            let next = state.accurateStep()
            if state.isFinished(iteration: iteration) {
                finish(rows[k], state, volatility, status)
            } else {
                state.s = next
                if kept != k {
                    rows[kept].index = rows[k].index
                    rows[kept].problem = rows[k].problem
                }
                rows[kept].state = state
                kept += 1
            }
        }
        return kept
    }

    @inline(__always) @usableFromInline
    static func finish(_ row: Row, _ state: HouseholderState, _ volatility: UnsafeMutableBufferPointer<Double>,
                       _ status: UnsafeMutableBufferPointer<UInt8>) {
        let (v, s) = row.problem.volatility(s: state.s, sLow: state.lastStep)
        volatility[row.index] = v
        status[row.index] = s.rawValue
    }
}
