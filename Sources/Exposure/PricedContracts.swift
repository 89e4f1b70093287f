import MarketModel
import OptionsMath

/// The per-contract inputs of one chain, ready for repricing: strikes, years to settlement,
/// volatilities and signed position weights (structure of arrays, chain order).
///
/// `weight[i] = s_i · OI_i · M_i` (dealer sign × open interest × multiplier): multiplying it by
/// a per-share gamma gives the dealers' gamma in shares per point.
public struct PricedContracts: Sendable {
    /// Strike in price units.
    public var strike: [Double] = []
    /// Years to settlement under the configured time convention (> 0 for every kept contract).
    public var years: [Double] = []
    /// Volatility for repricing; 0 when the source has none (the contract then carries no gamma).
    public var volatility: [Double] = []
    /// Dealer sign × OI × multiplier.
    public var weight: [Double] = []
    /// Call or put.
    public var right: [OptionRight] = []
    /// Continuous rate and dividend yield per contract (per expiry when implied from forwards).
    public var rate: [Double] = [], dividendYield: [Double] = []
    /// `right == .call`, kept as a column for the batch kernels.
    public var isCall: [Bool] = []
    /// Contracts whose implied volatility was missing, zero or negative (repriced with gamma 0).
    public private(set) var missingVolatility = 0

    /// Contracts from explicit columns (equal lengths); `right` from `isCall`.
    public init(strike: [Double], years: [Double], volatility: [Double], weight: [Double], isCall: [Bool],
                rate: [Double], dividendYield: [Double]) {
        self.strike = strike
        self.years = years
        self.volatility = volatility
        self.weight = weight
        self.right = isCall.map { $0 ? .call : .put }
        self.isCall = isCall
        self.rate = rate
        self.dividendYield = dividendYield
        missingVolatility = volatility.filter { !($0 > 0) }.count
    }

    /// Prepares the contracts of `chain` for `configuration`.
    public init(chain: ChainSnapshot, configuration: LevelsConfiguration) {
        for i in 0..<chain.count {
            let key = chain.keys[i]
            let sigma = chain.impliedVolatility[i]
            let usable = sigma.isFinite && sigma > 0
            if !usable { missingVolatility += 1 }
            strike.append(key.strike)
            years.append(configuration.timeToExpiry.years(
                from: chain.asOf, to: key.settlementInstant, expiry: key.expiry))
            volatility.append(usable ? sigma : 0)
            weight.append(configuration.dealerSign.sign(for: key.right)
                * chain.openInterest[i] * chain.multiplier[i])
            right.append(key.right)
            isCall.append(key.right == .call)
            rate.append(configuration.rate)
            dividendYield.append(configuration.dividendYield)
        }
    }

    /// Number of contracts.
    public var count: Int { strike.count }

    /// Model gamma per share of contract `i` at hypothetical spot `spot` (0 without volatility).
    public func gamma(_ i: Int, spot: Double) -> Double {
        BlackScholes.gamma(BlackScholesInputs(
            spot: spot, strike: strike[i], time: years[i], volatility: volatility[i], rate: rate[i],
            dividendYield: dividendYield[i], right: right[i]))
    }

    /// Repricing coefficients of these contracts around `spot` (> 0), for profiles, root
    /// refinement and flows at hypothetical spots (see `SpotRepricing`).
    public func repricing(at spot: Double) -> SpotRepricing {
        SpotRepricing(referenceSpot: spot, strike: strike, time: years, volatility: volatility, rate: rate,
                      dividendYield: dividendYield, isCall: isCall)
    }
}
