// swift-tools-version: 6.1
// Benchmarks of pantau on the synthetic national dataset (docs/performance.md). A
// separate package so that the main package's build and `swift test` stay as they are.
//
//   swift package --allow-writing-to-package-directory benchmark      # micro benchmarks
//   swift run -c release pantau-keys                                   # keystroke p50/p99
//   swift run -c release pantau-history --data DIR --state FILE        # a long follow-up log
//   swift run -c release pantau-limit DIR …                            # the parse-and-index limit beside the loader
import Foundation
import PackageDescription

/// SwiftPM names a path dependency after its directory, which is whatever the clone is called.
let pantau = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .standardizedFileURL.lastPathComponent.lowercased()

let package = Package(
    name: "PantauBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", exact: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "PantauBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "PantauKit", package: pantau),
                .product(name: "PantauTUI", package: pantau),
                .product(name: "PantauNational", package: pantau),
            ],
            path: "Benchmarks/PantauBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "pantau-keys",
            dependencies: [
                .product(name: "PantauKit", package: pantau),
                .product(name: "PantauTUI", package: pantau),
                .product(name: "PantauNational", package: pantau),
            ]
        ),
        .executableTarget(
            name: "pantau-limit",
            dependencies: [
                .product(name: "PantauKit", package: pantau),
            ]
        ),
        .executableTarget(
            name: "pantau-history",
            dependencies: [
                .product(name: "PantauKit", package: pantau),
                .product(name: "PantauTUI", package: pantau),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
