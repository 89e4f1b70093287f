import ArgumentParser

/// Options shared by the column-transform commands `gex greeks` and `gex iv`.
struct BatchFileOptions: ParsableArguments {
    @Option(help: "Input CSV (.csv, .csv.gz or .zip).")
    var input: String

    @Option(help: "Output CSV (written atomically).")
    var output: String

    @Option(help: "Worker threads (default: all cores).")
    var workers: Int?

    func validate() throws {
        if let workers, workers < 1 { throw ValidationError("--workers must be at least 1") }
    }
}
