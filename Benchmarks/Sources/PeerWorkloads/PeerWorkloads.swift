// Our side of the peers harness: the same workloads as Benchmarks/peers/kernel_peers.py (same input
// distribution, same sizes), timed in-process (best of 3), printed as JSON {workload: per_second}.
import Foundation
import OptionsMath
import Pipeline

@main
struct PeerWorkloads {
    static func main() {
        let n = Int(CommandLine.arguments.dropFirst().first ?? "") ?? 1_000_000
        var state: UInt64 = 1
        func uniform() -> Double { state = state &* 6364136223846793005 &+ 1442695040888963407; return Double(state >> 11) * 0x1.0p-53 }
        let spot = [Double](repeating: 5000, count: n)
        let strike = (0..<n).map { _ in ((0.7 + 0.6 * uniform()) * 1000).rounded() * 5 }
        let time = (0..<n).map { _ in Elementary.exp(Elementary.log(1.0 / 365) + uniform() * (Elementary.log(2) - Elementary.log(1.0 / 365))) }
        let sigma = (0..<n).map { _ in 0.08 + 0.72 * uniform() }
        let isCall = (0..<n).map { _ in uniform() < 0.5 }
        let columns = OptionColumns(spot: spot, strike: strike, time: time, volatility: sigma, rate: [Double](repeating: 0.04, count: n),
                                    dividendYield: [Double](repeating: 0.013, count: n), isCall: isCall)
        func best(_ body: () -> Void) -> Double {
            var fastest = Double.infinity
            for _ in 0..<3 {
                let start = DispatchTime.now().uptimeNanoseconds
                body()
                fastest = min(fastest, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
            }
            return fastest
        }
        var out: [String: [String: Double]] = [:]
        for workers in [1, 2] {
            let g = best { _ = ParallelGreeks.greeks(columns, greeks: .gamma, workers: workers) }
            out["ours_gamma_\(workers)thread"] = ["per_second": Double(n) / g, "seconds": g, "n": Double(n)]
            let s = best { _ = ParallelGreeks.greeks(columns, greeks: .seven, workers: workers) }
            out["ours_seven_greeks_\(workers)thread"] = ["per_second": Double(n) / s, "seconds": s, "n": Double(n)]
        }
        let prices = ParallelGreeks.greeks(columns, greeks: .price).price
        for workers in [1, 2] {
            let v = best { _ = ParallelImpliedVolatility.blackScholes(price: prices, options: columns, workers: workers) }
            out["ours_iv_\(workers)thread"] = ["per_second": Double(n) / v, "seconds": v, "n": Double(n)]
        }
        let data = try! JSONSerialization.data(withJSONObject: out, options: [.sortedKeys, .prettyPrinted])
        print(String(decoding: data, as: UTF8.self))
    }
}
