// swift-tools-version:6.1
//
// GammaSurface: dealer gamma-exposure analytics from options market data.
// Layers (one-way imports, see README "Layout"):
//   L0 CBLAS, CLAPACKE        system libraries (OpenBLAS, LAPACKE); CZlib, CZstd, CCrypto (zlib, Zstandard, OpenSSL libcrypto)
//   L1 OptionsMath            pure kernels (no I/O, no Foundation)
//   L1 LinearAlgebra          the only Swift code that calls BLAS/LAPACK
//   L2 MarketModel            contracts, calendar, time to expiry, conventions
//   L3 Exposure               profiles, Zero Gamma, walls, exposures
//   L4 Archives, Reports      readers and writers (Foundation)
//   L5 gex                    the command-line tool
import PackageDescription

/// SIMD code generation is opt-in so that a plain `swift build` stays portable.
/// `GEX_SIMD=avx2` adds AVX2+FMA, `GEX_SIMD=avx512` adds AVX-512F on top; the
/// Makefile detects the host and sets it for release builds (`make run`, `make bench`).
let simdLevel = Context.environment["GEX_SIMD"] ?? "portable"
let simdClangFlags: [String] = {
    switch simdLevel {
    case "avx2": return ["-mavx2", "-mfma"]
    case "avx512": return ["-mavx2", "-mfma", "-mavx512f"]
    default: return []
    }
}()
let simdSwift: [SwiftSetting] = simdClangFlags.isEmpty
    ? [] : [.unsafeFlags(simdClangFlags.flatMap { ["-Xcc", $0] })]
/// The same level for C targets (CShims).
let simdC: [CSetting] = simdClangFlags.isEmpty ? [] : [.unsafeFlags(simdClangFlags)]
/// `GEX_FMA` is defined exactly when the target has fused multiply-add instructions. Kernels use
/// `.addingProduct` only under `#if GEX_FMA`: without hardware FMA it becomes a libm call
/// (12–60× slower, docs/swift-performance.md §2); the portable build uses plain `a * b + c`.
let fmaSwift: [SwiftSetting] = simdClangFlags.contains("-mfma") ? [.define("GEX_FMA")] : []

let package = Package(
    name: "GammaSurface",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "gex", targets: ["gex"]),
        .library(name: "OptionsMath", targets: ["OptionsMath"]),
        .library(name: "LinearAlgebra", targets: ["LinearAlgebra"]),
        .library(name: "MarketModel", targets: ["MarketModel"]),
        .library(name: "Exposure", targets: ["Exposure"]),
        .library(name: "Archives", targets: ["Archives"]),
        .library(name: "Reports", targets: ["Reports"]),
        .library(name: "Pipeline", targets: ["Pipeline"]),
        .library(name: "SyntheticMarket", targets: ["SyntheticMarket"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-numerics", from: "1.0.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CBLAS", path: "Sources/CBLAS", pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(
            name: "CLAPACKE", path: "Sources/CLAPACKE", pkgConfig: "lapacke",
            providers: [.apt(["liblapacke-dev"])]),
        .systemLibrary(
            name: "CZlib", path: "Sources/CZlib", pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]),
        // C leaf: vector square root for OptionsMath, CSV comma masks for Archives (see Sources/CShims/include).
        .target(name: "CShims", cSettings: simdC),
        .systemLibrary(
            name: "CZstd", path: "Sources/CZstd", pkgConfig: "libzstd",
            providers: [.apt(["libzstd-dev"])]),
        .systemLibrary(
            name: "CCrypto", path: "Sources/CCrypto", pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]),
        .target(
            name: "OptionsMath",
            dependencies: ["CShims", .product(name: "RealModule", package: "swift-numerics")],
            swiftSettings: simdSwift + fmaSwift),
        .target(name: "LinearAlgebra", dependencies: ["CBLAS", "CLAPACKE"]),
        .target(name: "MarketModel", dependencies: ["OptionsMath"]),
        .target(
            name: "Exposure", dependencies: ["OptionsMath", "LinearAlgebra", "MarketModel"],
            swiftSettings: simdSwift),
        .target(name: "Archives", dependencies: ["MarketModel", "CZlib", "CShims"], swiftSettings: simdSwift),
        .target(name: "SyntheticMarket", dependencies: ["OptionsMath", "MarketModel", "CZlib"]),
        .target(name: "Pipeline", dependencies: ["MarketModel", "Exposure", "OptionsMath"]),
        .target(name: "Reports", dependencies: ["MarketModel", "Exposure", "CZstd", "CCrypto"]),
        .executableTarget(
            name: "gex",
            dependencies: [
                "Archives", "Reports", "Exposure", "MarketModel", "LinearAlgebra", "Pipeline", "OptionsMath", "SyntheticMarket",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .testTarget(name: "OptionsMathTests", dependencies: ["OptionsMath"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "LinearAlgebraTests", dependencies: ["LinearAlgebra"]),
        .testTarget(name: "MarketModelTests", dependencies: ["MarketModel"]),
        .testTarget(name: "ExposureTests", dependencies: ["Exposure", "MarketModel", "OptionsMath", "SyntheticMarket"]),
        .testTarget(name: "ArchivesTests", dependencies: ["Archives", "MarketModel", "SyntheticMarket"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "PipelineTests", dependencies: ["Pipeline", "Exposure", "MarketModel"]),
        .testTarget(name: "SyntheticMarketTests", dependencies: ["SyntheticMarket", "Archives", "MarketModel", "OptionsMath"]),
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "Archives", "Exposure", "MarketModel"]),
    ]
)

// libFuzzer targets (Tests/Fuzz), only with `GEX_FUZZ=1`: plain `swift build` / `swift test` never
// see them. `make fuzz` (scripts/fuzz.sh) builds each with `--sanitize=fuzzer --sanitize=address`
// and edge/compare coverage in every module.
if Context.environment["GEX_FUZZ"] == "1" {
    let parseAsLibrary: [SwiftSetting] = [.unsafeFlags(["-parse-as-library"])]
    package.targets.append(.target(name: "FuzzSupport", dependencies: ["Archives"], path: "Tests/Fuzz/FuzzSupport"))
    for name in ["FuzzChain", "FuzzDataShop", "FuzzOPRA", "FuzzByteStream", "FuzzNumbers"] {
        package.targets.append(.executableTarget(name: name, dependencies: ["FuzzSupport", "Archives", "MarketModel"],
                                                 path: "Tests/Fuzz/\(name)", swiftSettings: parseAsLibrary))
    }
}
