// Put-call parity forwards against the closed form F = S e^{(r−q)T}, D = e^{−rT}.
//
// | case                                           | expected                                  | tolerance        |
// |------------------------------------------------|-------------------------------------------|------------------|
// | exact BSM mids (C − P from the parity identity) | r, q of the generator                     | 1e-10 rel in F, D |
// | symmetric ±spread quotes + 3 gross outliers    | outliers rejected, F within 1e-6 rel      |                  |
// | 2 usable pairs                                 | fallback to assumed rates / previous      | exact            |
// | 0DTE pairs whose slope implies r = +700 %       | D = e^{−rT} from the given r; F by parity | closed form, 1e-12 rel |
import Exposure
import Foundation
import XCTest

final class ForwardEstimatorTests: XCTestCase {
    let spot = 4500.0, r = 0.043, q = 0.012, t = 0.25

    func pairs(spread: Double, outliers: [Double: Double] = [:]) -> [ForwardEstimator.Pair] {
        let f = spot * exp((r - q) * t), d = exp(-r * t)
        return stride(from: 4000.0, through: 5000, by: 25).map { k in
            // Any call mid c and put mid p = c − D(F − K) satisfy parity exactly.
            let c = max(5, 0.5 * (f - k) + 60)
            let p = c - d * (f - k) + (outliers[k] ?? 0)
            return .init(strike: k, callBid: c - spread, callAsk: c + spread, putBid: p - spread, putAsk: p + spread)
        }
    }

    func testRecoversRatesFromExactParity() {
        let e = ForwardEstimator().estimate(pairs: pairs(spread: 0.05), spot: spot, years: t, rate: 0, dividendYield: 0)
        XCTAssertEqual(e.source, .parity)
        XCTAssertEqual(e.forward, spot * exp((r - q) * t), accuracy: 1e-10 * spot)
        XCTAssertEqual(e.discount, exp(-r * t), accuracy: 1e-10)
        XCTAssertEqual(-log(e.discount) / t, r, accuracy: 1e-8)
        XCTAssertEqual(r - log(e.forward / spot) / t, q, accuracy: 1e-8)
    }

    func testRejectsOutliers() {
        let e = ForwardEstimator().estimate(pairs: pairs(spread: 0.1, outliers: [4400: 25, 4550: -40, 4700: 18]),
                                            spot: spot, years: t, rate: 0, dividendYield: 0)
        XCTAssertEqual(e.source, .parity)
        XCTAssertEqual(e.outliers, 3)
        XCTAssertEqual(e.forward, spot * exp((r - q) * t), accuracy: 1e-6 * spot)
    }

    func testFallbacks() {
        let few = Array(pairs(spread: 0.05).filter { abs($0.strike - spot) <= 25 }.prefix(2))
        let assumed = ForwardEstimator().estimate(pairs: few, spot: spot, years: t, rate: r, dividendYield: q)
        XCTAssertEqual(assumed.source, .assumedRates)
        XCTAssertEqual(assumed.forward, spot * exp((r - q) * t), accuracy: 1e-9 * spot)
        let previous = ForwardEstimate(forward: 4520, discount: 0.99, source: .parity, pairsUsed: 10, outliers: 0)
        let carried = ForwardEstimator().estimate(pairs: few, spot: spot, years: t, rate: r, dividendYield: q, previous: previous)
        XCTAssertEqual(carried.source, .previousSnapshot)
        XCTAssertEqual(carried.forward, 4520)
        // crossed and zero-bid quotes are not usable
        let bad = pairs(spread: 0.05).map { ForwardEstimator.Pair(strike: $0.strike, callBid: 0, callAsk: $0.callAsk, putBid: $0.putBid, putAsk: $0.putAsk) }
        XCTAssertEqual(ForwardEstimator().estimate(pairs: bad, spot: spot, years: t, rate: r, dividendYield: q).source, .assumedRates)
    }

    func testImplausibleShortExpiryDiscountIsReplacedAndTheForwardRefitted() {
        // A 0DTE expiry (two hours): mids built with D = 0.9985, i.e. r = −ln(D)/T ≈ +657 %.
        let years = 2.0 / 24 / 365, f = 4501.25, d = 0.9985
        let quotes: [ForwardEstimator.Pair] = stride(from: 4450.0, through: 4550, by: 5).map { k in
            let c = max(0.5, f - k) + 3  // every put mid stays positive: all pairs usable
            let p = c - d * (f - k)
            return .init(strike: k, callBid: c - 0.05, callAsk: c + 0.05, putBid: p - 0.05, putAsk: p + 0.05)
        }
        let rate = 0.045
        let e = ForwardEstimator().estimate(pairs: quotes, spot: 4500, years: years, rate: rate, dividendYield: 0)
        XCTAssertEqual(e.source, .parityAssumedDiscount)
        let d0 = exp(-rate * years)
        XCTAssertEqual(e.discount, d0, accuracy: 1e-15)
        // Least squares in F alone with D fixed: F = mean(C − P)/D₀ + mean(K), by hand.
        let n = Double(quotes.count)
        let meanY = quotes.map { 0.5 * ($0.callBid + $0.callAsk) - 0.5 * ($0.putBid + $0.putAsk) }.reduce(0, +) / n
        let meanK = quotes.map(\.strike).reduce(0, +) / n
        XCTAssertEqual(e.forward, meanY / d0 + meanK, accuracy: 1e-12 * f)
        // A plausible discount on the same expiry is kept as fitted.
        var wide = ForwardEstimator()
        wide.plausibleRates = -10...10
        XCTAssertEqual(wide.estimate(pairs: quotes, spot: 4500, years: years, rate: rate, dividendYield: 0).source, .parity)
    }
}
