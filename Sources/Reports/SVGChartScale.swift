import Foundation

// Scales and tick selection for the SVG charts: linear maps, "nice" 1-2-5 ticks and time-of-day ticks.

/// A linear map from a data interval onto a pixel interval (either may be reversed).
struct LinearScale {
    let domain: (Double, Double)
    let range: (Double, Double)

    init(domain: (Double, Double), range: (Double, Double)) {
        // A degenerate domain would divide by zero: widen it symmetrically.
        if !(domain.1 != domain.0) || !domain.0.isFinite || !domain.1.isFinite {
            let c = domain.0.isFinite ? domain.0 : 0
            let h = Swift.max(abs(c) * 0.01, 1)
            self.domain = (c - h, c + h)
        } else {
            self.domain = domain
        }
        self.range = range
    }

    /// The pixel position of `v`.
    func callAsFunction(_ v: Double) -> Double {
        range.0 + (v - domain.0) / (domain.1 - domain.0) * (range.1 - range.0)
    }

    /// Whether `v` lies inside the domain (inclusive).
    func contains(_ v: Double) -> Bool {
        v >= Swift.min(domain.0, domain.1) && v <= Swift.max(domain.0, domain.1)
    }

    /// Pixels per data unit (absolute).
    var pixelsPerUnit: Double { abs((range.1 - range.0) / (domain.1 - domain.0)) }
}

/// "Nice" axis ticks: steps of 1, 2 or 5 × 10^k, about `count` of them over the span.
enum NiceTicks {
    /// The 1-2-5 step (as mantissa × 10^exponent) closest to giving `count` ticks over `span`.
    static func stepParts(span: Double, count: Int) -> (mantissa: Int, exponent: Int) {
        guard span > 0, span.isFinite else { return (1, 0) }
        let raw = span / Double(Swift.max(1, count))
        var exponent = Int(floor(log10(raw)))
        let error = raw / pow(10, Double(exponent))
        // Thresholds at the geometric means of neighbouring steps (√2, √10, √50).
        var mantissa = error >= 50.0.squareRoot() ? 10 : error >= 10.0.squareRoot() ? 5 : error >= 2.0.squareRoot() ? 2 : 1
        if mantissa == 10 {
            mantissa = 1
            exponent += 1
        }
        return (mantissa, exponent)
    }

    /// The 1-2-5 step for about `count` ticks over `span`.
    static func step(span: Double, count: Int) -> Double {
        let p = stepParts(span: span, count: count)
        return value(Double(p.mantissa), exponent: p.exponent)
    }

    /// Tick values k·step inside [lo, hi], computed as (k·mantissa) / 10^−exponent for small steps so that
    /// 3 × 0.2 prints as 0.6, not 0.6000000000000001.
    static func values(lo: Double, hi: Double, count: Int) -> (step: Double, values: [Double]) {
        let p = stepParts(span: hi - lo, count: count)
        let s = value(Double(p.mantissa), exponent: p.exponent)
        guard lo.isFinite, hi.isFinite, hi > lo else { return (s, []) }
        let first = Int((lo / s - 1e-9).rounded(.up)), last = Int((hi / s + 1e-9).rounded(.down))
        guard first <= last else { return (s, []) }
        return (s, (first...last).map { value(Double($0 * p.mantissa), exponent: p.exponent) })
    }

    /// m × 10^e, dividing for negative e (exact for the decimal values ticks use).
    static func value(_ m: Double, exponent e: Int) -> Double {
        e >= 0 ? m * pow(10, Double(e)) : m / pow(10, Double(-e))
    }

    /// The finite extent of `values` (nil when there is none).
    static func extent<S: Sequence>(_ values: S) -> (Double, Double)? where S.Element == Double {
        var lo = Double.infinity, hi = -Double.infinity
        for v in values where v.isFinite {
            lo = Swift.min(lo, v)
            hi = Swift.max(hi, v)
        }
        return lo <= hi ? (lo, hi) : nil
    }

    /// `extent` widened by `fraction` of its span on both sides (a flat extent gets ±1 % of its value, at least ±1).
    static func padded(_ e: (Double, Double), fraction: Double) -> (Double, Double) {
        let span = e.1 - e.0
        if span <= 0 {
            let h = Swift.max(abs(e.0) * 0.01, 1)
            return (e.0 - h, e.1 + h)
        }
        return (e.0 - span * fraction, e.1 + span * fraction)
    }
}

/// Ticks on a time-of-day axis whose categories are labels like "09:31" (or "2024-01-19 09:31").
enum TimeTicks {
    /// Indices of labels on round times: the finest of 5, 10, 15, 30, 60, 120 minutes that gives at most
    /// `maxTicks` ticks. Labels that are not times fall back to evenly spaced indices.
    static func indices(_ labels: [String], maxTicks: Int) -> [Int] {
        guard !labels.isEmpty else { return [] }
        let minutes = labels.map(minuteOfDay)
        if minutes.allSatisfy({ $0 != nil }) {
            for every in [5, 10, 15, 30, 60, 120, 240] {
                // The first snapshot at or after each round time (the first label only when it is one).
                var picked: [Int] = []
                for (i, m) in minutes.enumerated() {
                    let isFirstInBucket = i == 0 ? m! % every == 0 : m! / every != minutes[i - 1]! / every
                    if isFirstInBucket { picked.append(i) }
                }
                if picked.count <= maxTicks, !picked.isEmpty { return picked }
            }
        }
        let n = labels.count
        let k = Swift.max(1, Swift.min(maxTicks, n))
        if k == 1 { return [0] }
        return (0..<k).map { Int((Double($0) * Double(n - 1) / Double(k - 1)).rounded()) }
    }

    /// Minutes since midnight of the trailing "HH:MM" of a label; nil when it has none.
    static func minuteOfDay(_ label: String) -> Int? {
        let chars = Array(label.trimmingCharacters(in: .whitespaces).suffix(5))
        guard chars.count == 5, chars[2] == ":", let h = Int(String(chars[0...1])), let m = Int(String(chars[3...4])),
              (0..<24).contains(h), (0..<60).contains(m) else { return nil }
        return h * 60 + m
    }
}
