import Foundation
import OptionsMath

/// One row of the mpmath implied-volatility reference (`iv_dev.csv.gz` or the committed slice):
/// `id,S,K,T,r,q,cp,price,sigma,attainable,identifiable`.
struct ImpliedVolatilityReferenceRow {
    var id: Int
    var spot, strike, time, rate, dividendYield: Double
    var isCall: Bool
    var price, sigma, attainable: Double
    var identifiable: Bool

    /// Parses the CSV text (header line first). Rows that do not parse are skipped and counted.
    static func parse(_ text: String) -> (rows: [ImpliedVolatilityReferenceRow], rejected: Int) {
        var rows: [ImpliedVolatilityReferenceRow] = []
        var rejected = 0
        for line in text.split(separator: "\n").dropFirst() {
            let f = line.split(separator: ",", omittingEmptySubsequences: false)
            guard f.count == 11, let id = Int(f[0]), let s = Double(f[1]), let k = Double(f[2]),
                  let t = Double(f[3]), let r = Double(f[4]), let q = Double(f[5]), let cp = Double(f[6]),
                  let p = Double(f[7]), let sigma = Double(f[8]), let a = Double(f[9]), let i = Int(f[10])
            else { rejected += 1; continue }
            rows.append(ImpliedVolatilityReferenceRow(
                id: id, spot: s, strike: k, time: t, rate: r, dividendYield: q, isCall: cp > 0, price: p,
                sigma: sigma, attainable: a, identifiable: i == 1))
        }
        return (rows, rejected)
    }
}

/// What a solve over reference rows measured (see `ImpliedVolatilityTests` for the criteria).
struct ImpliedVolatilityMeasurement {
    var identifiableCount = 0
    /// Identifiable rows whose status was not ok or whose σ̂ was not finite.
    var failures: [Int] = []
    /// max |σ̂ − σ| / max(attainable, ε σ) over identifiable rows, and the row id where it occurs.
    var maxRatio = 0.0
    var worstId = -1
    var medianError = Double.nan
    /// Status counts over the non-identifiable rows.
    var nonIdentifiableStatus: [ImpliedVolatilityStatus: Int] = [:]
    /// Non-identifiable rows with status ok whose σ̂ does not reprice within rounding.
    var repriceViolations: [Int] = []
    /// max |P(σ̂) − P| / tolerance over the non-identifiable ok rows.
    var maxRepriceRatio = 0.0
    /// Rows where the scalar entry point and the batch disagree (bitwise).
    var batchMismatches = 0

    var summary: String {
        let statuses = ImpliedVolatilityStatus.allCases.map { "\($0.reason)=\(nonIdentifiableStatus[$0] ?? 0)" }
        return "identifiable \(identifiableCount), failures \(failures.count), max ratio \(maxRatio) (id \(worstId)), "
            + "median |σ̂−σ| \(medianError); non-identifiable: \(statuses.joined(separator: " ")), "
            + "reprice violations \(repriceViolations.count), max reprice ratio \(maxRepriceRatio), "
            + "batch mismatches \(batchMismatches)"
    }

    /// Solves every row with the batch entry point (and, if asked, the scalar one too).
    static func measure(_ rows: [ImpliedVolatilityReferenceRow], compareScalar: Bool) -> ImpliedVolatilityMeasurement {
        let n = rows.count
        let price = rows.map(\.price), spot = rows.map(\.spot), strike = rows.map(\.strike)
        let time = rows.map(\.time), rate = rows.map(\.rate), dividend = rows.map(\.dividendYield)
        let isCall = rows.map(\.isCall)
        var volatility = [Double](repeating: 0, count: n)
        var status = [UInt8](repeating: 255, count: n)
        price.withUnsafeBufferPointer { p in spot.withUnsafeBufferPointer { s in
        strike.withUnsafeBufferPointer { k in time.withUnsafeBufferPointer { t in
        rate.withUnsafeBufferPointer { r in dividend.withUnsafeBufferPointer { q in
        isCall.withUnsafeBufferPointer { c in volatility.withUnsafeMutableBufferPointer { v in
        status.withUnsafeMutableBufferPointer { o in
            ImpliedVolatility.blackScholes(price: p, spot: s, strike: k, time: t, rate: r, dividendYield: q,
                                           isCall: c, volatility: v, status: o)
        } } } } } } } } }

        var m = ImpliedVolatilityMeasurement()
        var errors: [Double] = []
        for (i, row) in rows.enumerated() {
            let sigmaHat = volatility[i]
            let st = ImpliedVolatilityStatus(rawValue: status[i]) ?? .invalidInput
            if compareScalar {
                let (v, s) = ImpliedVolatility.blackScholes(
                    price: row.price, spot: row.spot, strike: row.strike, time: row.time, rate: row.rate,
                    dividendYield: row.dividendYield, right: row.isCall ? .call : .put)
                if s != st || !(v.bitPattern == sigmaHat.bitPattern) { m.batchMismatches += 1 }
            }
            if row.identifiable {
                m.identifiableCount += 1
                guard st == .ok, sigmaHat.isFinite else { m.failures.append(row.id); continue }
                let error = Swift.abs(sigmaHat - row.sigma)
                let ratio = error / Swift.max(row.attainable, Double.ulpOfOne * row.sigma)
                errors.append(error)
                if ratio > m.maxRatio { m.maxRatio = ratio; m.worstId = row.id }
            } else {
                m.nonIdentifiableStatus[st, default: 0] += 1
                if st == .ok {
                    let r = repriceRatio(row, sigmaHat)
                    m.maxRepriceRatio = Swift.max(m.maxRepriceRatio, r.isNaN ? .infinity : r)
                    if !(r <= 1) { m.repriceViolations.append(row.id) }
                }
            }
        }
        errors.sort()
        if !errors.isEmpty { m.medianError = errors[errors.count / 2] }
        return m
    }

    /// |P(σ̂) − P| / tolerance with tolerance = 8ε·(P + S e^{−qT}N(w d1) + K e^{−rT}N(w d2)) + 1e-300:
    /// the rounding of the price and of the two legs (the floor is the reference's own underflow
    /// cut). P(σ̂) is formed with the normalised Black function, K e^{−rT} e^{x/2} b(x, σ̂√T, θ).
    static func repriceRatio(_ row: ImpliedVolatilityReferenceRow, _ sigma: Double) -> Double {
        let x = Foundation.log(row.spot / row.strike) + (row.rate - row.dividendYield) * row.time
        let s = sigma * row.time.squareRoot()
        let right: OptionRight = row.isCall ? .call : .put
        let scale = row.strike * Foundation.exp(-row.rate * row.time + 0.5 * x)
        let repriced = scale * NormalisedBlack.price(x: x, s: s, right: right)
        let w = right.sign
        let d1 = x / s + 0.5 * s, d2 = x / s - 0.5 * s
        let legs = row.spot * Foundation.exp(-row.dividendYield * row.time) * StandardNormal.cdf(w * d1)
            + row.strike * Foundation.exp(-row.rate * row.time) * StandardNormal.cdf(w * d2)
        let tolerance = 8 * Double.ulpOfOne * (row.price + legs) + 1e-300
        return Swift.abs(repriced - row.price) / tolerance
    }
}
