// Benchmarks of the `gex levels` slice on the committed real SPX chain (19,624 live contracts):
// parsing, the scalar gamma kernel, and the whole levels computation (profile = gamma tiles ×
// aggregation matrix through BLAS dgemm, roots, walls). Throughput is reported per contract.
import Archives
import Benchmark
import Exposure
import Foundation
import OptionsMath

let chainPath = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("data/spx_quotedata_2023-09-14.csv").path

let benchmarks: @Sendable () -> Void = {
    let quick = ProcessInfo.processInfo.environment["GEX_BENCH_QUICK"] == "1"
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .mallocCountTotal],
        maxDuration: .seconds(quick ? 1 : 3), maxIterations: quick ? 3 : 1_000)

    let text = (try? String(contentsOfFile: chainPath, encoding: .utf8)) ?? ""
    guard let parsed = try? CboeChainReader.parse(text: text, file: chainPath) else {
        fatalError("cannot read the benchmark chain at \(chainPath)")
    }
    let chain = parsed.chain

    Benchmark("ParseCboeChain_SPX", configuration: .init(scalingFactor: .one)) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try? CboeChainReader.parse(text: text, file: chainPath))
        }
    }

    let options = (0..<chain.count).map { i in
        BlackScholesInputs(spot: chain.spot, strike: chain.keys[i].strike, time: 0.05 + Double(i % 50) * 0.01,
                           volatility: 0.1 + Double(i % 7) * 0.05, rate: 0.04, dividendYield: 0.013,
                           right: chain.keys[i].right)
    }
    Benchmark("ScalarGamma_20k") { benchmark in
        for _ in benchmark.scaledIterations {
            var total = 0.0
            for o in options { total += BlackScholes.gamma(o) }
            blackHole(total)
        }
    }

    Benchmark("LevelsExact_SPXChain") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(LevelsEngine.compute(chain: chain, configuration: .exact))
        }
    }

    Benchmark("LevelsPerfiliev_SPXChain") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(LevelsEngine.compute(chain: chain, configuration: .perfiliev))
        }
    }
}
