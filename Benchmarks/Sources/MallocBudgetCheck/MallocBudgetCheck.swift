// `make bench-check`, second half: every benchmark's allocations per iteration against its committed
// budget. Input: the p90 `mallocCountTotal` of each benchmark, exported by ordo-one/benchmark
// (`--metric mallocCountTotal --format metricP90AbsoluteThresholds --path DIR`, GEX_BENCH_QUICK=1 inputs,
// warm-up iteration excluded), and `malloc_budgets` in Benchmarks/thresholds.json keyed "Target.Benchmark".
// Counts are deterministic (no timing involved). Fails (exit 1) when a count exceeds its budget, when a
// benchmark has no budget, and when a budget names a benchmark that produced no count.
import Foundation

@main
struct MallocBudgetCheck {
    static func main() throws {
        let arguments = CommandLine.arguments.dropFirst()
        guard arguments.count == 2, let thresholdsPath = arguments.first, let countsDirectory = arguments.last else {
            FileHandle.standardError.write(Data("usage: MallocBudgetCheck THRESHOLDS_JSON P90_DIRECTORY\n".utf8))
            exit(2)
        }
        let budgets = try MallocBudgets.load(thresholdsPath)
        let counts = try MallocBudgets.measuredCounts(in: countsDirectory)
        var failures = 0
        for name in Set(budgets.keys).union(counts.keys).sorted() {
            let count = counts[name].map(String.init) ?? "-", budget = budgets[name].map(String.init) ?? "-"
            let verdict: String
            switch (counts[name], budgets[name]) {
            case let (c?, b?): verdict = c <= b ? "ok" : "OVER BUDGET"
            case (_?, nil): verdict = "NO BUDGET (add it to malloc_budgets in \(thresholdsPath))"
            default: verdict = "NO COUNT (benchmark renamed, removed or failed to run)"
            }
            if verdict != "ok" { failures += 1 }
            print(name.padding(toLength: 52, withPad: " ", startingAt: 0)
                  + count.leftPadded(to: 10) + budget.leftPadded(to: 10) + "  " + verdict)
        }
        if counts.isEmpty { print("no malloc counts in \(countsDirectory)"); failures += 1 }
        print(failures == 0 ? "malloc budgets: all \(counts.count) benchmarks within budget"
                            : "malloc budgets: \(failures) failure(s)")
        exit(failures == 0 ? 0 : 1)
    }
}

/// Reading budgets and measured counts.
enum MallocBudgets {
    /// `malloc_budgets` of the thresholds file: "Target.Benchmark" → allowed mallocs per iteration.
    static func load(_ path: String) throws -> [String: Int] {
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any]
        guard let budgets = object?["malloc_budgets"] as? [String: Any] else {
            throw CheckError("\(path) has no \"malloc_budgets\" object")
        }
        return budgets.compactMapValues { ($0 as? NSNumber)?.intValue }
    }

    /// The p90 malloc count of every `Target.Benchmark.p90.json` file in `directory`.
    static func measuredCounts(in directory: String) throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for file in try FileManager.default.contentsOfDirectory(atPath: directory) where file.hasSuffix(".p90.json") {
            let data = try Data(contentsOf: URL(fileURLWithPath: directory).appendingPathComponent(file))
            guard let metrics = try JSONSerialization.jsonObject(with: data) as? [String: Any],
                  let count = (metrics["mallocCountTotal"] as? NSNumber)?.intValue else { continue }
            counts[String(file.dropLast(".p90.json".count))] = count
        }
        return counts
    }
}

/// A readable failure.
struct CheckError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

extension String {
    func leftPadded(to width: Int) -> String { String(repeating: " ", count: max(0, width - count)) + self }
}
