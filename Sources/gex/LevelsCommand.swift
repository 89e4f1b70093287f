import ArgumentParser
import Archives
import Exposure
import Foundation
import MarketModel
import Reports

extension LevelsConvention: ExpressibleByArgument {}
extension GammaSource: ExpressibleByArgument {}
extension DealerSign: ExpressibleByArgument {}

/// `gex levels FILE`: GEX, Zero Gamma, regime and walls from a Cboe chain download.
struct LevelsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "levels",
        abstract: "Levels from a Cboe delayed-quote chain (quotedata.csv, current or legacy .dat).",
        discussion: """
            Defaults (--convention exact): 401 levels over ±20 % of spot, exact seconds to each
            settlement instant (SPX AM 09:30 ET, SPXW PM 16:00 ET), model gamma from the file's IV,
            walls within ±10 % of spot. --convention perfiliev reproduces Perfiliev's published
            method exactly. GEX is in USD per 1 % move.
            """)

    @Argument(help: "The chain file (quotedata.csv or legacy .dat).")
    var file: String

    @Option(help: "Method family: exact or perfiliev.")
    var convention: LevelsConvention = .exact

    @Option(help: "Dealer sign preset: classic (+call −put), customers-long (−call +put), short-both.")
    var sign: DealerSign = .classic

    @Option(name: .customLong("gamma-source"), help: "Gamma for GEX and walls: model or file (default: model for exact, file for perfiliev).")
    var gammaSource: GammaSource?

    @Option(help: "Risk-free rate, continuous (exact convention; default 0.04).")
    var rate: Double?

    @Option(name: .customLong("dividend-yield"), help: "Dividend yield, continuous (exact convention; default 0.013).")
    var dividendYield: Double?

    @Option(help: "Number of profile levels (exact convention, ≥ 2; default 401).")
    var levels: Int?

    @Option(help: "Profile half-width as a fraction of spot (default 0.2: 0.8–1.2 × spot).")
    var range: Double?

    @Option(name: .customLong("wall-band"), help: "Walls only within this fraction of spot; 'all' for no band (default 0.1; perfiliev: all).")
    var wallBand: String?

    @Option(help: "As-of time when the file's cannot be read: YYYY-MM-DDTHH:MM (US/Eastern) or with Z/±HH:MM.")
    var asof: String?

    @Flag(help: "Print one JSON object instead of the table.")
    var json = false

    @Option(help: "Also write by_strike.csv, by_expiry.csv, profile.csv and metadata.json into this directory.")
    var out: String?

    @OptionGroup var limits: LimitOptions

    func validate() throws {
        if let levels, levels < 2 { throw ValidationError("--levels must be at least 2") }
        if let range, !(range > 0 && range < 1) { throw ValidationError("--range must be between 0 and 1") }
        if let rate, !rate.isFinite { throw ValidationError("--rate must be a number") }
        if let dividendYield, !dividendYield.isFinite { throw ValidationError("--dividend-yield must be a number") }
        if let wallBand, wallBand != "all", !(Double(wallBand).map { $0 > 0 } ?? false) {
            throw ValidationError("--wall-band must be a positive fraction of spot or 'all'")
        }
        if let asof, AsOfParser.parseISO(asof) == nil {
            throw ValidationError("--asof '\(asof)' is not YYYY-MM-DDTHH:MM[:SS][Z|±HH:MM] (a US/Eastern wall-clock time without an offset)")
        }
        if convention == .perfiliev, rate != nil || dividendYield != nil || levels != nil {
            throw ValidationError("--convention perfiliev fixes r = q = 0 and 60 levels; drop --rate/--dividend-yield/--levels")
        }
    }

    func run() throws {
        do {
            let parsed = try CboeChainReader.read(path: file, asOf: asof.flatMap(AsOfParser.parseISO), limits: limits.limits)
            let configuration = makeConfiguration()
            let report = LevelsEngine.compute(chain: parsed.chain, configuration: configuration)
            let input = LevelsInput(
                path: file, layout: parsed.layout.rawValue, asOfText: parsed.asOfText, asOfSource: parsed.asOfSource,
                rowsRead: parsed.rowsRead, expiredDropped: parsed.expiredDropped,
                expiredExpiries: parsed.expiredExpiries, skipped: parsed.skipped, coverage: parsed.coverage)
            let document = LevelsJSON.encode(LevelsJSON.object(report: report, input: input, version: GexCommand.version))
            if let out { try LevelsCSV.write(report: report, metadata: document, to: out) }
            print(json ? document : LevelsText.render(report: report, input: input), terminator: "")
        } catch {
            throw ExitStatus.report(error)
        }
    }

    func makeConfiguration() -> LevelsConfiguration {
        var c = convention == .perfiliev ? LevelsConfiguration.perfiliev : LevelsConfiguration.exact
        c.dealerSign = sign
        if let gammaSource { c.gammaSource = gammaSource }
        if let rate { c.rate = rate }
        if let dividendYield { c.dividendYield = dividendYield }
        if let levels { c.gridPoints = levels }
        if let range { c.gridHalfWidth = range }
        if let wallBand { c.wallBand = wallBand == "all" ? nil : Double(wallBand) }
        return c
    }
}
