// Implied volatility ("Let's Be Rational" class) against mpmath references.
//
// | test                     | reference source                                          | tolerance                                      | measured worst case (debug and release)     |
// |--------------------------|-----------------------------------------------------------|------------------------------------------------|---------------------------------------------|
// | testFixtureSlice         | Fixtures/iv_slice.csv: 2,750 hardest rows of iv_dev       | identifiable: 0 failures, ratio ≤ 2,           | 1,668 identifiable: 0 failures, ratio 0.74, |
// |                          | (scripts/iv_fixture_slice.py), incl. 1,082 non-identif.   | median |σ̂−σ| ≤ 5e-16; others: status not ok   | median 1.1e-16; others: 926 not-identifiable |
// |                          |                                                           | or reprice within 8ε(P + legs) + 1e-300;       | + 156 ok, reprice ≤ 0.04 of tolerance;      |
// |                          |                                                           | batch bitwise equal to the scalar entry point  | 0 batch/scalar mismatches                   |
// | testFullReferenceSet     | ../shared/reference/iv_dev.csv.gz (200,000 rows, mpmath   | same (skipped when the file is absent)         | 139,719 identifiable: 0 failures, ratio     |
// |                          | 50 digits)                                                |                                                | 1.10, median 1.1e-16; 56,493 not-identif.   |
// |                          |                                                           |                                                | + 3,788 ok, reprice ≤ 0.08 of tolerance     |
// | testBadInputStatuses,    | constructed cases                                         | exact statuses, NaN σ                          | —                                           |
// | testBatchNeverTraps…     |                                                           |                                                |                                             |
// | testBlackRoundTrip       | prices from NormalisedBlack                               | 4ε(p + F + K)/vega                             | —                                           |
// | testPutCallParity        | call from NormalisedBlack, put by parity                  | 1e-6 σ between the two, 1e-9 σ to the input    | —                                           |
// | testBlackBatchRowByRow   | Black-76 prices from Foundation erfc (independent formula)| batch bitwise = scalar `black` on every row    | —                                           |
// |                          | + bad rows (NaN, negative, 0, expired, above bound)       | (ok or not); σ̂ within 1e-7 of σ where vega    |                                             |
// |                          |                                                           | is not tiny                                    |                                             |
//
// ratio = |σ̂ − σ| / max(attainable, ε σ), attainable = ε(P + S e^{−qT}N(w d1) + K e^{−rT}N(w d2))/vega, ε = 2⁻⁵².
import Foundation
import OptionsMath
import XCTest

final class ImpliedVolatilityTests: XCTestCase {
    static let maximumRatio = 2.0
    static let maximumMedianError = 5e-16

    private func check(_ m: ImpliedVolatilityMeasurement, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(m.failures.count, 0, "failures at ids \(m.failures.prefix(10))", file: file, line: line)
        XCTAssertLessThanOrEqual(m.maxRatio, Self.maximumRatio, "worst id \(m.worstId)", file: file, line: line)
        XCTAssertLessThanOrEqual(m.medianError, Self.maximumMedianError, file: file, line: line)
        XCTAssertEqual(m.repriceViolations.count, 0, "reprice violations at ids \(m.repriceViolations.prefix(10))",
                       file: file, line: line)
    }

    func testFixtureSlice() throws {
        let url = try XCTUnwrap(Bundle.module.url(forResource: "iv_slice", withExtension: "csv",
                                                  subdirectory: "Fixtures"))
        let (rows, rejected) = ImpliedVolatilityReferenceRow.parse(try String(contentsOf: url, encoding: .utf8))
        XCTAssertEqual(rejected, 0)
        XCTAssertEqual(rows.count, 2750)
        let m = ImpliedVolatilityMeasurement.measure(rows, compareScalar: true)
        print("iv_slice: \(m.summary)")
        XCTAssertGreaterThan(m.identifiableCount, 1500)
        XCTAssertEqual(m.batchMismatches, 0, "batch and scalar entry points must agree bitwise")
        check(m)
    }

    func testFullReferenceSet() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let path = root.appendingPathComponent("../shared/reference/iv_dev.csv.gz").standardized.path
        guard FileManager.default.fileExists(atPath: path) else {
            throw XCTSkip("iv_dev.csv.gz: ../shared/reference not present")
        }
        let gzip = ["/bin/gzip", "/usr/bin/gzip"].first { FileManager.default.isExecutableFile(atPath: $0) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try XCTUnwrap(gzip, "no gzip"))
        process.arguments = ["-dc", path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0)
        let (rows, rejected) = ImpliedVolatilityReferenceRow.parse(String(decoding: data, as: UTF8.self))
        XCTAssertEqual(rejected, 0)
        XCTAssertEqual(rows.count, 200_000)
        let start = Date()
        let m = ImpliedVolatilityMeasurement.measure(rows, compareScalar: false)
        print("iv_dev (200,000 rows, \(String(format: "%.3f", Date().timeIntervalSince(start))) s): \(m.summary)")
        check(m)
    }

    // MARK: - statuses

    private func bsm(_ price: Double, _ s: Double = 100, _ k: Double = 100, _ t: Double = 0.5,
                     _ r: Double = 0.03, _ q: Double = 0.01, _ right: OptionRight = .call)
        -> (volatility: Double, status: ImpliedVolatilityStatus) {
        ImpliedVolatility.blackScholes(price: price, spot: s, strike: k, time: t, rate: r, dividendYield: q,
                                       right: right)
    }

    func testBadInputStatuses() {
        XCTAssertEqual(bsm(.nan).status, .invalidInput)
        XCTAssertEqual(bsm(.infinity).status, .invalidInput)
        XCTAssertEqual(bsm(-1).status, .invalidInput)
        XCTAssertEqual(bsm(5, .nan).status, .invalidInput)
        XCTAssertEqual(bsm(5, -100).status, .invalidInput)
        XCTAssertEqual(bsm(5, 0).status, .invalidInput)
        XCTAssertEqual(bsm(5, 100, 0).status, .invalidInput)
        XCTAssertEqual(bsm(5, 100, .infinity).status, .invalidInput)
        XCTAssertEqual(bsm(5, 100, 100, -0.1).status, .invalidInput)
        XCTAssertEqual(bsm(5, 100, 100, .nan).status, .invalidInput)
        XCTAssertEqual(bsm(5, 100, 100, 0.5, .nan).status, .invalidInput)
        XCTAssertEqual(bsm(5, 100, 100, 0.5, 0.03, .infinity).status, .invalidInput)
        XCTAssertEqual(bsm(5, 100, 100, 0).status, .expired)
        for status in [bsm(.nan), bsm(5, 100, 100, 0)] { XCTAssertTrue(status.volatility.isNaN) }

        // Below intrinsic: a deep in-the-money call under S e^{−qT} − K e^{−rT} ≈ 50.7.
        XCTAssertEqual(bsm(40, 150, 100).status, .belowIntrinsic)
        XCTAssertEqual(bsm(30, 100, 150, 0.5, 0.03, 0.01, .put).status, .belowIntrinsic)
        // At or above the maximum: S e^{−qT} for a call, K e^{−rT} for a put.
        XCTAssertEqual(bsm(100 * Foundation.exp(-0.005)).status, .aboveMaximum)
        XCTAssertEqual(bsm(120).status, .aboveMaximum)
        XCTAssertEqual(bsm(100 * Foundation.exp(-0.015), 100, 100, 0.5, 0.03, 0.01, .put).status, .aboveMaximum)
        // Price 0 out of the money, or exactly the intrinsic value: σ not determined.
        XCTAssertEqual(bsm(0, 100, 150).status, .notIdentifiable)
        let intrinsic = 150 * Foundation.exp(-0.005) - 100 * Foundation.exp(-0.015)
        XCTAssertEqual(bsm(intrinsic, 150, 100).status, .notIdentifiable)
        XCTAssertEqual(bsm(0, 150, 100).status, .belowIntrinsic)

        XCTAssertEqual(ImpliedVolatility.black(price: 1, forward: 100, strike: 100, time: 0, right: .call).status,
                       .expired)
        XCTAssertEqual(ImpliedVolatility.black(price: 1, forward: 0, strike: 100, time: 1, right: .call).status,
                       .invalidInput)
        XCTAssertEqual(ImpliedVolatility.black(price: 100, forward: 100, strike: 90, time: 1, right: .call).status,
                       .aboveMaximum)
    }

    func testStatusReasons() {
        XCTAssertEqual(ImpliedVolatilityStatus.allCases.map(\.reason),
                       ["ok", "invalid-input", "expired", "below-intrinsic", "above-maximum", "not-identifiable"])
        XCTAssertEqual(ImpliedVolatilityStatus.allCases.map(\.rawValue), [0, 1, 2, 3, 4, 5])
    }

    // MARK: - round trips and consistency

    /// Undiscounted Black price √(FK)·b(x, σ√T, θ).
    private func blackPrice(_ f: Double, _ k: Double, _ t: Double, _ sigma: Double, _ right: OptionRight) -> Double {
        let x = Foundation.log(f / k)
        return k * Foundation.exp(0.5 * x) * NormalisedBlack.price(x: x, s: sigma * t.squareRoot(), right: right)
    }

    func testBlackRoundTrip() {
        for f in [80.0, 100, 125] {
            for t in [1.0 / 365, 0.25, 2] {
                for sigma in [0.05, 0.2, 0.8, 3] {
                    for right in OptionRight.allCases {
                        let p = blackPrice(f, 100, t, sigma, right)
                        let (v, status) = ImpliedVolatility.black(price: p, forward: f, strike: 100, time: t,
                                                                  right: right)
                        // Tolerance: the attainable accuracy, ε(p + F + K)/vega, four times.
                        let x = Foundation.log(f / 100), s = sigma * t.squareRoot()
                        let vega = 100 * Foundation.exp(0.5 * x) * NormalisedBlack.vega(x: x, s: s) * t.squareRoot()
                        let tolerance = 4 * Double.ulpOfOne * (p + f + 100) / vega
                        let intrinsic = Swift.max(right.sign * (f - 100), 0)
                        guard tolerance < 1e-6 * sigma, p - intrinsic > 1e-12 * f else { continue }
                        XCTAssertEqual(status, .ok, "F \(f) T \(t) σ \(sigma) \(right)")
                        XCTAssertEqual(v, sigma, accuracy: Swift.max(tolerance, 2 * Double.ulpOfOne * sigma),
                                       "F \(f) T \(t) σ \(sigma) \(right)")
                    }
                }
            }
        }
    }

    func testPutCallParity() {
        let s = 100.0, r = 0.04, q = 0.015
        for k in [60.0, 90, 100, 110, 160] {
            for t in [0.02, 0.5, 3] {
                for sigma in [0.1, 0.35, 1.2] {
                    let x = Foundation.log(s / k) + (r - q) * t
                    let scale = k * Foundation.exp(-r * t + 0.5 * x)
                    let call = scale * NormalisedBlack.price(x: x, s: sigma * t.squareRoot(), right: .call)
                    let put = call - s * Foundation.exp(-q * t) + k * Foundation.exp(-r * t)
                    let c = ImpliedVolatility.blackScholes(price: call, spot: s, strike: k, time: t, rate: r,
                                                           dividendYield: q, right: .call)
                    let p = ImpliedVolatility.blackScholes(price: put, spot: s, strike: k, time: t, rate: r,
                                                           dividendYield: q, right: .put)
                    // Only where both prices carry a time value well above their rounding.
                    let noise = 1e-9 * (s + k)
                    let intrinsicCall = Swift.max(s * Foundation.exp(-q * t) - k * Foundation.exp(-r * t), 0)
                    let intrinsicPut = Swift.max(k * Foundation.exp(-r * t) - s * Foundation.exp(-q * t), 0)
                    guard call - intrinsicCall > noise, put - intrinsicPut > noise else { continue }
                    XCTAssertEqual(c.status, .ok)
                    XCTAssertEqual(p.status, .ok)
                    // The parity put carries the rounding of the legs: compare at 1e-6 relative.
                    XCTAssertEqual(c.volatility, p.volatility, accuracy: 1e-6 * sigma, "K \(k) T \(t) σ \(sigma)")
                    XCTAssertEqual(c.volatility, sigma, accuracy: 1e-9 * sigma, "K \(k) T \(t) σ \(sigma)")
                }
            }
        }
    }

    func testBatchNeverTrapsAndPadsShortInputs() {
        let price = [5.0, .nan, -1, 0, 1e300, 5, .infinity]
        let spot = [100.0, 100, 100, 100, 100, 1e-310, 100]
        let strike = [100.0, 100, 100, 100, 100, 1e300, 100]
        let time = [0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5]
        let rate = [0.03, 0.03, 0.03, 0.03, 0.03, 0.03, 0.03]
        let dividend = [0.0, 0, 0, 0, 0, 0, 0]
        let isCall = [true, true, false, true, false, true, true]
        var volatility = [Double](repeating: 0, count: 9)
        var status = [UInt8](repeating: 0, count: 9)
        price.withUnsafeBufferPointer { p in spot.withUnsafeBufferPointer { s in
        strike.withUnsafeBufferPointer { k in time.withUnsafeBufferPointer { t in
        rate.withUnsafeBufferPointer { r in dividend.withUnsafeBufferPointer { q in
        isCall.withUnsafeBufferPointer { c in volatility.withUnsafeMutableBufferPointer { v in
        status.withUnsafeMutableBufferPointer { o in
            ImpliedVolatility.blackScholes(price: p, spot: s, strike: k, time: t, rate: r, dividendYield: q,
                                           isCall: c, volatility: v, status: o)
        } } } } } } } } }
        XCTAssertEqual(status[0], ImpliedVolatilityStatus.ok.rawValue)
        XCTAssertEqual(volatility[0], bsm(5, 100, 100, 0.5, 0.03, 0).volatility)
        XCTAssertEqual(Array(status[1...3]), [1, 1, 3], "NaN, negative, 0 for an in-the-money call")
        XCTAssertEqual(status[4], ImpliedVolatilityStatus.aboveMaximum.rawValue)
        XCTAssertEqual(status[6], ImpliedVolatilityStatus.invalidInput.rawValue)
        XCTAssertEqual(Array(status[7...8]), [1, 1], "slots past the common count")
        for i in 1..<9 where status[i] != 0 { XCTAssertTrue(volatility[i].isNaN) }
    }

    /// The Black-76 batch against the scalar entry point, row by row, on prices from an independent
    /// erfc-based Black formula and on rows that must fail.
    func testBlackBatchRowByRow() {
        func black(_ f: Double, _ k: Double, _ t: Double, _ sigma: Double, _ call: Bool) -> Double {
            let v = sigma * t.squareRoot(), d1 = log(f / k) / v + 0.5 * v, d2 = d1 - v
            let n = { (x: Double) in 0.5 * erfc(-x / 2.0.squareRoot()) }
            return call ? f * n(d1) - k * n(d2) : k * n(-d2) - f * n(-d1)
        }
        var rng = SystemRandomNumberGenerator()
        var price: [Double] = [], forward: [Double] = [], strike: [Double] = [], time: [Double] = [], isCall: [Bool] = []
        var sigmas: [Double] = []
        for _ in 0..<5_000 {
            let f = Double.random(in: 3000...6000, using: &rng), k = f * Double.random(in: 0.7...1.3, using: &rng)
            let t = exp(Double.random(in: log(1e-4)...log(3), using: &rng)), sigma = Double.random(in: 0.05...1.2, using: &rng)
            let call = Bool.random(using: &rng)
            price.append(black(f, k, t, sigma, call)); forward.append(f); strike.append(k); time.append(t); isCall.append(call)
            sigmas.append(sigma)
        }
        // Rows that must fail: NaN, negative, zero, expired, above the upper bound, invalid forward.
        price += [.nan, -1, 0, 5, 1e9, 5]; forward += [4000, 4000, 4000, 4000, 4000, -1]; strike += [4000, 4000, 3000, 4000, 4000, 4000]
        time += [0.5, 0.5, 0.5, 0, 0.5, 0.5]; isCall += [true, true, true, true, true, true]
        var volatility = [Double](repeating: 0, count: price.count), status = [UInt8](repeating: 0, count: price.count)
        price.withUnsafeBufferPointer { p in forward.withUnsafeBufferPointer { f in strike.withUnsafeBufferPointer { k in
        time.withUnsafeBufferPointer { t in isCall.withUnsafeBufferPointer { c in
        volatility.withUnsafeMutableBufferPointer { v in status.withUnsafeMutableBufferPointer { o in
            ImpliedVolatility.black(price: p, forward: f, strike: k, time: t, isCall: c, volatility: v, status: o)
        }}}}}}}
        var recovered = 0
        for i in price.indices {
            let scalar = ImpliedVolatility.black(price: price[i], forward: forward[i], strike: strike[i], time: time[i],
                                                 right: isCall[i] ? .call : .put)
            XCTAssertEqual(status[i], scalar.status.rawValue, "row \(i)")
            XCTAssertEqual(volatility[i].bitPattern, scalar.volatility.bitPattern, "row \(i)")
            if i < sigmas.count, status[i] == ImpliedVolatilityStatus.ok.rawValue {
                let v = sigmas[i] * time[i].squareRoot(), d1 = log(forward[i] / strike[i]) / v + 0.5 * v
                let vega = forward[i] * exp(-0.5 * d1 * d1) / (2 * Double.pi).squareRoot() * time[i].squareRoot()
                if vega > 1e-3 * forward[i] * time[i].squareRoot() {
                    XCTAssertEqual(volatility[i], sigmas[i], accuracy: 1e-7, "row \(i)")
                    recovered += 1
                }
            }
        }
        XCTAssertGreaterThan(recovered, 2_000)
        XCTAssertEqual(Array(status.suffix(6)).filter { $0 == ImpliedVolatilityStatus.ok.rawValue }.count, 0, "every bad row fails")
    }
}
