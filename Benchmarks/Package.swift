// swift-tools-version:6.1
//
// Benchmarks for GammaSurface, kept in their own package so that plain builds and tests of the
// product never pay for ordo-one/benchmark. Run with `make bench` (release, host SIMD).
import PackageDescription

let package = Package(
    name: "GammaSurfaceBenchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "GammaSurface", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "ExposureBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "Exposure", package: "GammaSurface"),
                .product(name: "LinearAlgebra", package: "GammaSurface"),
                .product(name: "SyntheticMarket", package: "GammaSurface"),
            ],
            path: "Benchmarks/ExposureBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]),
        .executableTarget(
            name: "PipelineBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "Archives", package: "GammaSurface"),
                .product(name: "Exposure", package: "GammaSurface"),
                .product(name: "Pipeline", package: "GammaSurface"),
                .product(name: "Reports", package: "GammaSurface"),
                .product(name: "SyntheticMarket", package: "GammaSurface"),
            ],
            path: "Benchmarks/PipelineBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]),
        .executableTarget(
            name: "ArchivesBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "Archives", package: "GammaSurface"),
                .product(name: "SyntheticMarket", package: "GammaSurface"),
            ],
            path: "Benchmarks/ArchivesBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]),
        .executableTarget(
            name: "PeerWorkloads",
            dependencies: [
                .product(name: "OptionsMath", package: "GammaSurface"),
                .product(name: "Pipeline", package: "GammaSurface"),
            ],
            path: "Sources/PeerWorkloads"),
        .executableTarget(name: "MallocBudgetCheck", path: "Sources/MallocBudgetCheck"),
        .executableTarget(
            name: "RatioCheck",
            dependencies: [
                .product(name: "Archives", package: "GammaSurface"),
                .product(name: "OptionsMath", package: "GammaSurface"),
                .product(name: "SyntheticMarket", package: "GammaSurface"),
            ],
            path: "Sources/RatioCheck"),
        .executableTarget(
            name: "OptionsMathBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "OptionsMath", package: "GammaSurface"),
                .product(name: "Pipeline", package: "GammaSurface"),
            ],
            path: "Benchmarks/OptionsMathBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]),
        .executableTarget(
            name: "LevelsBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "Archives", package: "GammaSurface"),
                .product(name: "Exposure", package: "GammaSurface"),
                .product(name: "OptionsMath", package: "GammaSurface"),
            ],
            path: "Benchmarks/LevelsBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]),
        .executableTarget(
            name: "WriterBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "Reports", package: "GammaSurface"),
            ],
            path: "Benchmarks/WriterBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]),
    ]
)
