// OptionsMath kernels on 1M SPX-like options (S = 5000, K 0.7–1.3 S, T 1 day–2 years log-uniform,
// σ 8–80 %, r 4 %, q 1.3 %, calls/puts 50/50; the same distribution as Benchmarks/peers/kernel_peers.py):
// gamma-only and the seven greeks on 1 and 2 threads, and the plain scalar loop beside them; implied
// volatility through the batch kernel into preallocated columns (allocates nothing) and through the sharded
// Pipeline API (allocates its output columns).
// One iteration = the whole 1M-option batch (100k with GEX_BENCH_QUICK=1): options/s = 1M / time.
import Benchmark
import Foundation
import OptionsMath
import Pipeline

struct Inputs {
    var spot, strike, time, sigma, rate, dividend: [Double]
    var isCall: [Bool]

    init(count: Int) {
        var state: UInt64 = 0x5EED
        func uniform() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) * 0x1.0p-53
        }
        spot = Array(repeating: 5000, count: count)
        strike = (0..<count).map { _ in ((0.7 + 0.6 * uniform()) * 1000).rounded() * 5 }
        time = (0..<count).map { _ in Elementary.exp(Elementary.log(1.0 / 365) + uniform() * (Elementary.log(2) - Elementary.log(1.0 / 365))) }
        sigma = (0..<count).map { _ in 0.08 + 0.72 * uniform() }
        rate = Array(repeating: 0.04, count: count)
        dividend = Array(repeating: 0.013, count: count)
        isCall = (0..<count).map { _ in uniform() < 0.5 }
    }

    var columns: OptionColumns {
        OptionColumns(spot: spot, strike: strike, time: time, volatility: sigma, rate: rate, dividendYield: dividend, isCall: isCall)
    }
}

let benchmarks: @Sendable () -> Void = {
    let quick = ProcessInfo.processInfo.environment["GEX_BENCH_QUICK"] == "1"
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .mallocCountTotal], scalingFactor: .one,
        maxDuration: .seconds(quick ? 1 : 3), maxIterations: quick ? 2 : 50)
    let n = quick ? 100_000 : 1_000_000
    let inputs = Inputs(count: n)
    var gamma = [Double](repeating: 0, count: n)

    Benchmark("GammaKernel_1M_1thread") { benchmark in
        for _ in benchmark.scaledIterations {
            inputs.spot.withUnsafeBufferPointer { S in inputs.strike.withUnsafeBufferPointer { K in
            inputs.time.withUnsafeBufferPointer { T in inputs.sigma.withUnsafeBufferPointer { V in
            inputs.rate.withUnsafeBufferPointer { R in inputs.dividend.withUnsafeBufferPointer { Q in
            gamma.withUnsafeMutableBufferPointer { G in
                GreeksKernel.gamma(spot: S, strike: K, time: T, volatility: V, rate: R, dividendYield: Q, into: G)
            }}}}}}}
            blackHole(gamma[n / 2])
        }
    }

    Benchmark("ScalarGammaLoop_1M_1thread") { benchmark in
        for _ in benchmark.scaledIterations {
            var total = 0.0
            for i in 0..<n {
                total += BlackScholes.gamma(BlackScholesInputs(spot: inputs.spot[i], strike: inputs.strike[i], time: inputs.time[i],
                                                               volatility: inputs.sigma[i], rate: 0.04, dividendYield: 0.013, right: .call))
            }
            blackHole(total)
        }
    }

    let prices = ParallelGreeks.greeks(inputs.columns, greeks: .price).price
    var volatility = [Double](repeating: 0, count: n), status = [UInt8](repeating: 0, count: n)
    Benchmark("ImpliedVolatilityKernel_1M_1thread") { benchmark in
        for _ in benchmark.scaledIterations {
            prices.withUnsafeBufferPointer { P in inputs.spot.withUnsafeBufferPointer { S in inputs.strike.withUnsafeBufferPointer { K in
            inputs.time.withUnsafeBufferPointer { T in inputs.rate.withUnsafeBufferPointer { R in inputs.dividend.withUnsafeBufferPointer { Q in
            inputs.isCall.withUnsafeBufferPointer { C in volatility.withUnsafeMutableBufferPointer { V in status.withUnsafeMutableBufferPointer { St in
                ImpliedVolatility.blackScholes(price: P, spot: S, strike: K, time: T, rate: R, dividendYield: Q, isCall: C,
                                               volatility: V, status: St)
            }}}}}}}}}
            blackHole(volatility[n / 2])
        }
    }
    for workers in [1, 2] {
        Benchmark("ImpliedVolatility_1M_\(workers)threads") { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(ParallelImpliedVolatility.blackScholes(price: prices, options: inputs.columns, workers: workers).volatility[n / 2])
            }
        }
        Benchmark("GammaKernel_1M_\(workers)threads_sharded") { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(ParallelGreeks.greeks(inputs.columns, greeks: .gamma, workers: workers).gamma[n / 2])
            }
        }
        Benchmark("SevenGreeks_1M_\(workers)threads") { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(ParallelGreeks.greeks(inputs.columns, greeks: .seven, workers: workers).charm[n / 2])
            }
        }
    }
}
