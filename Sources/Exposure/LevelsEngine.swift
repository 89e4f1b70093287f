import MarketModel
import OptionsMath

/// Computes GEX, the profile, Zero Gamma, regime and walls of one chain snapshot.
///
/// The chain must hold only live contracts (settlement after `asOf`); readers drop and count
/// expired ones. Pure computation: no I/O.
public enum LevelsEngine {
    /// Runs the configured convention on `chain`.
    public static func compute(chain: ChainSnapshot, configuration c: LevelsConfiguration) -> LevelsReport {
        let contracts = PricedContracts(chain: chain, configuration: c)
        let spot = chain.spot

        var missingVendorGamma = 0
        let gammaAtSpot: [Double] = (0..<chain.count).map { i in
            switch c.gammaSource {
            case .model:
                return contracts.gamma(i, spot: spot)
            case .file:
                let g = chain.vendorGamma[i]
                if !g.isFinite { missingVendorGamma += 1 }
                return g.isFinite ? g : 0
            }
        }
        let perContract = ExposureTables.contractGEX(chain: chain, gamma: gammaAtSpot, sign: c.dealerSign, unit: c.unit)
        var callGEX = 0.0, putGEX = 0.0
        for i in 0..<chain.count {
            if chain.keys[i].right == .call { callGEX += perContract[i] } else { putGEX += perContract[i] }
        }
        let byStrike = ExposureTables.byStrike(chain: chain, contractGEX: perContract)

        let levels = GammaProfile.grid(from: spot * (1 - c.gridHalfWidth), to: spot * (1 + c.gridHalfWidth),
                                       count: c.gridPoints)
        let repricing = contracts.repricing(at: spot)
        let profile = GammaProfile(contracts: contracts, repricing: repricing, membership: ProfileVariant.membership(of: chain),
                                   levels: levels, unit: c.unit)
        let reprice = { (x: Double) in
            GammaProfile.value(at: x, contracts: contracts, repricing: repricing, unit: c.unit)
        }
        let all = profile.curve(.all)
        let roots: [Double]
        let zeroGamma: Double?
        switch c.convention {
        case .perfiliev:
            roots = ZeroGamma.perfilievCrossings(levels: levels, profile: all)
            zeroGamma = roots.first
        case .exact:
            roots = ZeroGamma.refinedRoots(levels: levels, profile: all, tolerance: 1e-9 * spot, function: reprice)
            zeroGamma = ZeroGamma.nearestFirst(roots, spot: spot).first
        }
        let atSpot = reprice(spot)
        return LevelsReport(
            configuration: c, underlying: chain.underlying, asOf: chain.asOf, spot: spot,
            netGEX: callGEX + putGEX, callGEX: callGEX, putGEX: putGEX, byStrike: byStrike,
            byExpiry: ExposureTables.byExpiry(chain: chain, contractGEX: perContract), profile: profile,
            zeroGamma: zeroGamma, zeroGammas: roots.sorted(), profileAtSpot: atSpot,
            regime: GammaRegime(profileAtSpot: atSpot),
            walls: Walls(strikes: byStrike, spot: spot, band: c.wallBand),
            contractCount: chain.count, missingVolatility: contracts.missingVolatility,
            missingVendorGamma: missingVendorGamma)
    }
}
