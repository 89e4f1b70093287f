/// The strikes where dealer gamma (or open interest) concentrates.
///
/// - Call Wall: strike with the largest call-side |GEX|; Put Wall: largest put-side |GEX|.
///   Magnitudes make the walls independent of the sign preset (with `classic` they are the
///   largest positive call GEX and the most negative put GEX, as published).
/// - Absolute Gamma Strike: largest |call GEX| + |put GEX| (not netted).
/// - OI walls: largest call / put open interest — labelled as such, never mixed with GEX walls.
/// Only strikes with |K − spot| ≤ band × spot take part when a band is given. Ties go to the
/// lower strike. A side with no exposure at all has no wall (nil).
public struct Walls: Sendable, Codable, Equatable {
    /// Call Wall strike.
    public let callWall: Double?
    /// Put Wall strike.
    public let putWall: Double?
    /// Absolute Gamma Strike.
    public let absoluteGammaStrike: Double?
    /// Strike with the largest call open interest.
    public let callOpenInterestWall: Double?
    /// Strike with the largest put open interest.
    public let putOpenInterestWall: Double?

    /// Finds the walls among `strikes` for a spot and an optional band (fraction of spot).
    public init(strikes: [StrikeExposure], spot: Double, band: Double?) {
        let eligible = strikes.filter { band == nil || abs($0.strike - spot) <= band! * spot }
        func argmax(_ value: (StrikeExposure) -> Double) -> Double? {
            var best: StrikeExposure?
            var bestValue = 0.0
            for s in eligible {
                let v = value(s)
                if v > bestValue { best = s; bestValue = v }  // strict: ties keep the lower strike
            }
            return best?.strike
        }
        callWall = argmax { abs($0.call) }
        putWall = argmax { abs($0.put) }
        absoluteGammaStrike = argmax { abs($0.call) + abs($0.put) }
        callOpenInterestWall = argmax(\.callOpenInterest)
        putOpenInterestWall = argmax(\.putOpenInterest)
    }
}
