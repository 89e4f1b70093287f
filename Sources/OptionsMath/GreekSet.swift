/// Which greeks a batch kernel computes in its single pass (`GreeksKernel`).
///
/// Units follow `Greeks` and the reference set: price per share, vega per 1.00 of volatility,
/// theta and charm per year of calendar time passing, rho per 1.00 of rate. Requesting fewer
/// greeks skips their work (e.g. without price/delta/theta/charm/rho no normal CDF is evaluated).
public struct GreekSet: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8

    @inlinable public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// Option value.
    public static let price = GreekSet(rawValue: 1 << 0)
    /// ∂V/∂S (∂V/∂F for Black-76).
    public static let delta = GreekSet(rawValue: 1 << 1)
    /// ∂²V/∂S² (∂²V/∂F² for Black-76).
    public static let gamma = GreekSet(rawValue: 1 << 2)
    /// ∂V/∂σ per 1.00 of volatility.
    public static let vega = GreekSet(rawValue: 1 << 3)
    /// ∂V/∂t, calendar time passing, per year.
    public static let theta = GreekSet(rawValue: 1 << 4)
    /// ∂²V/∂S∂σ.
    public static let vanna = GreekSet(rawValue: 1 << 5)
    /// ∂Δ/∂t, calendar time passing, per year.
    public static let charm = GreekSet(rawValue: 1 << 6)
    /// ∂V/∂r per 1.00 of rate.
    public static let rho = GreekSet(rawValue: 1 << 7)

    /// All eight.
    public static let all: GreekSet = [.price, .delta, .gamma, .vega, .theta, .vanna, .charm, .rho]
    /// All but rho: what exposure reports use.
    public static let seven: GreekSet = [.price, .delta, .gamma, .vega, .theta, .vanna, .charm]

    /// Bits of the greeks that need the normal CDF legs A·N(w·d1), B·N(w·d2)
    /// (price, delta, theta, charm, rho).
    static let needsLegsBits: UInt8 = 0b1101_0011

    /// `contains` for a single-bit member, as a plain bit test (OptionSet.contains is not
    /// inlined into the kernels and would cost a call per vector and greek).
    @inline(always)
    func has(_ member: GreekSet) -> Bool { rawValue & member.rawValue != 0 }
}

/// Output columns of a batch kernel, one optional buffer per greek.
///
/// A column must be non-nil, with at least as many elements as the inputs, for every greek that
/// is requested; columns of greeks not requested are ignored (they may be nil). Only the first
/// `count` elements are written; nothing else is touched (no padding writes past the end).
public struct GreeksOutput {
    public var price: UnsafeMutableBufferPointer<Double>?
    public var delta: UnsafeMutableBufferPointer<Double>?
    public var gamma: UnsafeMutableBufferPointer<Double>?
    public var vega: UnsafeMutableBufferPointer<Double>?
    public var theta: UnsafeMutableBufferPointer<Double>?
    public var vanna: UnsafeMutableBufferPointer<Double>?
    public var charm: UnsafeMutableBufferPointer<Double>?
    public var rho: UnsafeMutableBufferPointer<Double>?

    /// Memberwise; every column defaults to nil.
    public init(price: UnsafeMutableBufferPointer<Double>? = nil,
                delta: UnsafeMutableBufferPointer<Double>? = nil,
                gamma: UnsafeMutableBufferPointer<Double>? = nil,
                vega: UnsafeMutableBufferPointer<Double>? = nil,
                theta: UnsafeMutableBufferPointer<Double>? = nil,
                vanna: UnsafeMutableBufferPointer<Double>? = nil,
                charm: UnsafeMutableBufferPointer<Double>? = nil,
                rho: UnsafeMutableBufferPointer<Double>? = nil) {
        self.price = price; self.delta = delta; self.gamma = gamma; self.vega = vega
        self.theta = theta; self.vanna = vanna; self.charm = charm; self.rho = rho
    }

    /// The column of one greek (a single-member set), or nil.
    func column(_ greek: GreekSet) -> UnsafeMutableBufferPointer<Double>? {
        switch greek {
        case .price: price
        case .delta: delta
        case .gamma: gamma
        case .vega: vega
        case .theta: theta
        case .vanna: vanna
        case .charm: charm
        default: rho
        }
    }

    /// API-misuse check: every requested greek has a column of at least `count` elements.
    func validate(_ greeks: GreekSet, count: Int) {
        for bit in 0..<8 where greeks.contains(GreekSet(rawValue: 1 << bit)) {
            let g = GreekSet(rawValue: 1 << bit)
            guard let c = column(g) else { preconditionFailure("GreeksOutput: no column for \(g)") }
            precondition(c.count >= count, "GreeksOutput: column for \(g) shorter than the inputs")
        }
    }
}
