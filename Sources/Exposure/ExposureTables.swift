import MarketModel
import OptionsMath

/// Dealer GEX at one strike, summed over every kept expiry; in the report's unit.
public struct StrikeExposure: Sendable, Codable, Equatable {
    /// Strike in price units.
    public let strike: Double
    /// Σ over calls at this strike of s·Γ·OI·M·scale(S).
    public let call: Double
    /// Σ over puts at this strike.
    public let put: Double
    /// call + put.
    public var net: Double { call + put }
    /// Call open interest (contracts).
    public let callOpenInterest: Double
    /// Put open interest (contracts).
    public let putOpenInterest: Double
}

/// Dealer GEX of one expiry date (all roots), in the report's unit.
public struct ExpiryExposure: Sendable, Codable, Equatable {
    /// Expiry date.
    public let expiry: CivilDate
    /// Roots listed for this date (e.g. ["SPX", "SPXW"]).
    public let roots: [String]
    /// Σ over calls.
    public let call: Double
    /// Σ over puts.
    public let put: Double
    /// call + put.
    public var net: Double { call + put }
    /// Contracts of this expiry.
    public let contracts: Int
}

/// Per-contract GEX at spot aggregated by strike and by expiry.
///
/// By-strike sums are a scatter (one add per contract into its strike's slot), not a BLAS
/// product: the one-hot contracts × strikes matrix would be > 99.5 % zeros, so a dense gemv
/// would spend almost all its flops on them. Sums run in chain order (deterministic).
public enum ExposureTables {
    /// Per-contract GEX: s·Γ·OI·M·scale(spot).
    public static func contractGEX(chain: ChainSnapshot, gamma: [Double], sign: DealerSign,
                                   unit: ExposureUnit) -> [Double] {
        let scale = unit.scale(spot: chain.spot)
        return (0..<chain.count).map { i in
            let g = gamma[i].isFinite ? gamma[i] : 0
            return sign.sign(for: chain.keys[i].right) * g * chain.openInterest[i] * chain.multiplier[i] * scale
        }
    }

    /// GEX by strike, ascending strike.
    public static func byStrike(chain: ChainSnapshot, contractGEX: [Double]) -> [StrikeExposure] {
        var slots: [Int64: (call: Double, put: Double, callOI: Double, putOI: Double)] = [:]
        for i in 0..<chain.count {
            let key = chain.keys[i]
            var slot = slots[key.strikeMilli] ?? (0, 0, 0, 0)
            if key.right == .call {
                slot.call += contractGEX[i]
                slot.callOI += chain.openInterest[i]
            } else {
                slot.put += contractGEX[i]
                slot.putOI += chain.openInterest[i]
            }
            slots[key.strikeMilli] = slot
        }
        return slots.keys.sorted().map { k in
            let s = slots[k]!
            return StrikeExposure(strike: Double(k) / 1000, call: s.call, put: s.put,
                                  callOpenInterest: s.callOI, putOpenInterest: s.putOI)
        }
    }

    /// GEX by expiry date, ascending.
    public static func byExpiry(chain: ChainSnapshot, contractGEX: [Double]) -> [ExpiryExposure] {
        var slots: [CivilDate: (call: Double, put: Double, count: Int, roots: Set<String>)] = [:]
        for i in 0..<chain.count {
            let key = chain.keys[i]
            var slot = slots[key.expiry] ?? (0, 0, 0, [])
            if key.right == .call { slot.call += contractGEX[i] } else { slot.put += contractGEX[i] }
            slot.count += 1
            slot.roots.insert(key.root)
            slots[key.expiry] = slot
        }
        return slots.keys.sorted().map { d in
            let s = slots[d]!
            return ExpiryExposure(expiry: d, roots: s.roots.sorted(), call: s.call, put: s.put, contracts: s.count)
        }
    }
}
