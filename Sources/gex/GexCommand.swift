import ArgumentParser
import LinearAlgebra

/// The `gex` command-line tool.
@main
struct GexCommand: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "gex",
        abstract: "Dealer gamma exposure (GEX), Zero Gamma and walls from options market data.",
        discussion: """
            Exit codes: 0 ok, 64 usage error, 65 bad input data, 74 I/O error, 1 anything else.

            Examples:
              gex levels data/spx_quotedata_2023-09-14.csv
              gex levels chain.csv --convention perfiliev --json
              gex levels chain.csv --sign customers-long --out out/levels
            """,
        version: version,
        subcommands: [LevelsCommand.self, RunCommand.self, BatchCommand.self, GreeksCommand.self, IVCommand.self, InspectCommand.self, GenerateCommand.self])

    /// Sets the allocator policy and stops OpenBLAS's spinning start-up threads, then parses and runs the subcommand.
    static func main() {
        MemoryPolicy.returnLargeBlocksToTheSystem()
        BLAS.stopIdleThreads()
        main(nil)
    }
}
