// `make bench-check`: regression checks that hold on noisy shared machines because they compare
// two measurements taken in the same process, seconds apart (never absolute times), with generous
// committed thresholds (Benchmarks/thresholds.json). Exit 1 on a real regression.
import Archives
import Foundation
import OptionsMath
import SyntheticMarket

@main
struct RatioCheck {
    static func main() throws {
        func best(_ repeats: Int, _ body: () -> Void) -> Double {
            var fastest = Double.infinity
            for _ in 0..<repeats {
                let start = DispatchTime.now().uptimeNanoseconds
                body()
                fastest = min(fastest, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
            }
            return fastest
        }

        // The numeric top-level keys are minimum ratios (malloc_budgets, an object, is MallocBudgetCheck's).
        let file = (try? JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: CommandLine.arguments.dropFirst().first ?? "thresholds.json")))) as? [String: Any] ?? [:]
        let thresholds = file.compactMapValues { ($0 as? NSNumber)?.doubleValue }
        var failures = 0
        func check(_ name: String, _ ratio: Double) {
            let minimum = thresholds[name] ?? 1
            let verdict = ratio >= minimum ? "ok" : "REGRESSION"
            if ratio < minimum { failures += 1 }
            print(name.padding(toLength: 44, withPad: " ", startingAt: 0) + String(format: " %8.2f (minimum %.2f) ", ratio, minimum) + verdict)
        }

        // 1. The SIMD gamma kernel against the plain scalar loop, 1M options.
        let n = 1_000_000
        var state: UInt64 = 7
        func uniform() -> Double { state = state &* 6364136223846793005 &+ 1442695040888963407; return Double(state >> 11) * 0x1.0p-53 }
        let S = [Double](repeating: 5000, count: n), K = (0..<n).map { _ in 3500 + 3000 * uniform() }
        let T = (0..<n).map { _ in 0.003 + 2 * uniform() }, V = (0..<n).map { _ in 0.08 + 0.7 * uniform() }
        let R = [Double](repeating: 0.04, count: n), Q = [Double](repeating: 0.013, count: n)
        var G = [Double](repeating: 0, count: n)
        let kernel = best(5) {
            S.withUnsafeBufferPointer { s in K.withUnsafeBufferPointer { k in T.withUnsafeBufferPointer { t in V.withUnsafeBufferPointer { v in
            R.withUnsafeBufferPointer { r in Q.withUnsafeBufferPointer { q in G.withUnsafeMutableBufferPointer { g in
                GreeksKernel.gamma(spot: s, strike: k, time: t, volatility: v, rate: r, dividendYield: q, into: g)
            }}}}}}}
        }
        var sink = 0.0
        let scalar = best(3) {
            for i in 0..<n {
                sink += BlackScholes.gamma(BlackScholesInputs(spot: S[i], strike: K[i], time: T[i], volatility: V[i], rate: 0.04, dividendYield: 0.013, right: .call))
            }
        }
        check("gamma_kernel_vs_scalar_loop", scalar / kernel)

        // 2. The DataShop reader against reading the same bytes (gzip and plain).
        var c = SyntheticDayConfiguration()
        c.contracts = 3_000
        c.intervalSeconds = 1800
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("gex-ratio-check.csv").path
        _ = try DataShopWriter.write(SyntheticDay(c), to: path)
        let read = best(3) {
            let stream = try! ByteStream(path: path)
            var buffer = [UInt8](repeating: 0, count: 1 << 20)
            while (try! stream.read(into: &buffer, from: 0)) > 0 {}
        }
        let parse = best(3) { _ = try! DataShopReader.read(paths: [path]) }
        check("datashop_parse_speed_percent_of_raw_read", read / parse * 100)
        try? FileManager.default.removeItem(atPath: path)
        print(sink > 0 ? "" : " ")

        exit(failures == 0 ? 0 : 1)
    }
}
