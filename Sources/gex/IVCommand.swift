import ArgumentParser
import Archives
import Foundation
import OptionsMath
import Pipeline
import Reports

/// `gex iv`: implied volatility (Let's Be Rational class) for the user's own prices.
struct IVCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "iv",
        abstract: "Black–Scholes–Merton implied volatility for every row of a CSV (columns S,K,T,r,q,cp,price).",
        discussion: """
            Input columns by header name: S, K, T (years, ACT/365), r and q (continuous), cp (+1/-1 or C/P), price
            (per share). Other columns are passed through. Output adds iv (per unit, 0.2 = 20 %; empty when there is
            none) and iv_status: ok, invalid-input, expired, below-intrinsic, above-maximum or not-identifiable.
            Accuracy: within two attainable units (the rounding of the price and forward legs) wherever σ is determined.
            Example: gex iv --input quotes.csv --output with_iv.csv
            """)

    @OptionGroup var files: BatchFileOptions

    func run() throws {
        do {
            try CSVBatchTransform.run(
                input: files.input, output: files.output, numeric: ["S", "K", "T", "r", "q", "price"], right: "cp", addedHeader: "iv,iv_status"
            ) { chunk in
                let c = chunk.columns
                let options = OptionColumns(spot: c[0], strike: c[1], time: c[2], volatility: c[2], rate: c[3],
                                            dividendYield: c[4], isCall: chunk.isCall)
                let (sigma, status) = ParallelImpliedVolatility.blackScholes(price: c[5], options: options, workers: files.workers)
                return (0..<chunk.rowCount).map { i in
                    (sigma[i].isFinite ? ",\(sigma[i])," : ",,") + (ImpliedVolatilityStatus(rawValue: status[i]) ?? .invalidInput).reason
                }
            }
        } catch {
            throw ExitStatus.report(error)
        }
    }
}
