import Foundation
import OptionsMath
import XCTest

/// Rows of the mpmath reference set (`../shared/reference/README.md`): inputs and the eight greeks,
/// as structure-of-arrays columns ready for the batch kernels.
struct ReferenceGreeks {
    static let greekNames = ["price", "delta", "gamma", "vega", "theta", "vanna", "charm", "rho"]

    var spot: [Double] = [], strike: [Double] = [], time: [Double] = [], sigma: [Double] = []
    var rate: [Double] = [], yield: [Double] = [], isCall: [Bool] = []
    /// expected[g][i]: greek g (order of `greekNames`) of row i.
    var expected: [[Double]] = Array(repeating: [], count: 8)
    var count: Int { spot.count }

    init(csv text: String) throws {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true)
        let header = lines.removeFirst().split(separator: ",").map(String.init)
        guard header == ["id", "S", "K", "T", "sigma", "r", "q", "cp"] + Self.greekNames else {
            throw NSError(domain: "ReferenceGreeks", code: 1,
                          userInfo: [NSLocalizedDescriptionKey: "unexpected header \(header)"])
        }
        for line in lines {
            let f = line.split(separator: ",").map { Double($0)! }
            spot.append(f[1]); strike.append(f[2]); time.append(f[3]); sigma.append(f[4])
            rate.append(f[5]); yield.append(f[6]); isCall.append(f[7] > 0)
            for g in 0..<8 { expected[g].append(f[8 + g]) }
        }
    }

    /// The committed slice `Fixtures/greeks_slice.csv`.
    static func slice() throws -> ReferenceGreeks {
        let url = try XCTUnwrap(Bundle.module.url(forResource: "Fixtures/greeks_slice",
                                                  withExtension: "csv"))
        return try ReferenceGreeks(csv: String(contentsOf: url, encoding: .utf8))
    }

    /// The full 50,000-row set at `../shared/reference/greeks_dev.csv.gz` relative to the package
    /// root, decompressed with `gzip -dc`; skips the test when the file is absent.
    static func fullSet() throws -> ReferenceGreeks {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let file = root.appendingPathComponent("../shared/reference/greeks_dev.csv.gz").standardized
        guard FileManager.default.fileExists(atPath: file.path) else {
            throw XCTSkip("reference set not found at \(file.path) (it lives in the shared/ folder "
                          + "beside the package); the committed slice test still runs")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["gzip", "-dc", file.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw XCTSkip("gzip -dc failed on \(file.path) (status \(process.terminationStatus))")
        }
        return try ReferenceGreeks(csv: String(decoding: data, as: UTF8.self))
    }

    func inputs(_ i: Int) -> BlackScholesInputs {
        BlackScholesInputs(spot: spot[i], strike: strike[i], time: time[i], volatility: sigma[i],
                           rate: rate[i], dividendYield: yield[i], right: isCall[i] ? .call : .put)
    }
}

/// Median and maximum of |x − ref| / max(|ref|, floorFactor × max|ref|).
struct ErrorSummary: CustomStringConvertible {
    var median: Double, max: Double, worstRow: Int

    init(_ actual: [Double], _ reference: [Double], floorFactor: Double = 1e-12) {
        let scale = reference.map { Swift.abs($0) }.max() ?? 0
        let floor = floorFactor * scale
        var errors = [Double](repeating: 0, count: actual.count)
        var worst = 0.0, worstRow = -1
        for i in actual.indices {
            let denominator = Swift.max(Swift.abs(reference[i]), floor)
            let e = actual[i] == reference[i] ? 0
                : (denominator > 0 ? Swift.abs(actual[i] - reference[i]) / denominator : .infinity)
            let err = e.isNaN ? Double.infinity : e
            errors[i] = err
            if err > worst || worstRow < 0 { worst = err; worstRow = i }
        }
        errors.sort()
        median = errors.isEmpty ? 0 : errors[errors.count / 2]
        max = worst
        self.worstRow = worstRow
    }

    var description: String {
        "median \(String(format: "%.2e", median)) max \(String(format: "%.2e", max)) (row \(worstRow))"
    }
}

extension Greeks {
    subscript(index: Int) -> Double {
        [price, delta, gamma, vega, theta, vanna, charm, rho][index]
    }
}

/// Eight NaN-filled output columns of `count` rows handed to `body` as a `GreeksOutput`,
/// returned as arrays (index order of `ReferenceGreeks.greekNames`).
func withOutputColumns(_ count: Int, _ body: (GreeksOutput) -> Void) -> [[Double]] {
    let n = Swift.max(count, 1)
    let storage = UnsafeMutableBufferPointer<Double>.allocate(capacity: 8 * n)
    defer { storage.deallocate() }
    storage.initialize(repeating: .nan)
    func column(_ k: Int) -> UnsafeMutableBufferPointer<Double> {
        UnsafeMutableBufferPointer(rebasing: storage[(k * n)..<(k * n + count)])
    }
    body(GreeksOutput(price: column(0), delta: column(1), gamma: column(2), vega: column(3),
                      theta: column(4), vanna: column(5), charm: column(6), rho: column(7)))
    return (0..<8).map { Array(column($0)) }
}
