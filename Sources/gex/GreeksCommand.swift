import ArgumentParser
import Archives
import Foundation
import OptionsMath
import Pipeline
import Reports

/// `gex greeks`: the SIMD greeks kernels on the user's own options.
struct GreeksCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "greeks",
        abstract: "Black–Scholes–Merton greeks for every row of a CSV (columns S,K,T,sigma,r,q,cp).",
        discussion: """
            Input columns by header name: S (spot), K (strike), T (years, ACT/365), sigma (0.2 = 20 %), r and q
            (continuous), cp (+1/-1 or C/P). Other columns are passed through. Output adds
            price,delta,gamma,vega,theta,vanna,charm,rho per share: vega per 1.00 of vol, theta and charm per
            year of calendar time passing, rho per 1.00 of rate. Values are written with 17 significant digits.
            Example: gex greeks --input options.csv.gz --output greeks.csv
            """)

    @OptionGroup var files: BatchFileOptions

    func run() throws {
        do {
            try CSVBatchTransform.run(
                input: files.input, output: files.output, numeric: ["S", "K", "T", "sigma", "r", "q"], right: "cp",
                addedHeader: "price,delta,gamma,vega,theta,vanna,charm,rho"
            ) { chunk in
                let c = chunk.columns
                let g = ParallelGreeks.greeks(
                    OptionColumns(spot: c[0], strike: c[1], time: c[2], volatility: c[3], rate: c[4], dividendYield: c[5], isCall: chunk.isCall),
                    greeks: .all, workers: files.workers)
                let columns = [g.price, g.delta, g.gamma, g.vega, g.theta, g.vanna, g.charm, g.rho]
                return (0..<chunk.rowCount).map { i in columns.map { $0[i].isFinite ? ",\($0[i])" : "," }.joined() }
            }
        } catch {
            throw ExitStatus.report(error)
        }
    }
}
