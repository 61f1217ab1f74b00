// swift-tools-version: 6.1
import PackageDescription

// The commit `pantau --version` names: scripts/package-deb sets PANTAU_BUILD_COMMIT; a
// plain `swift build` has none and says "unknown commit". Only letters, digits and '-'
// are kept, so the value cannot break out of the C string it becomes.
let buildCommit = (Context.environment["PANTAU_BUILD_COMMIT"] ?? "").filter { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }

let package = Package(
    name: "pantau",
    products: [
        .executable(name: "pantau", targets: ["pantau"]),
        .library(name: "PantauKit", targets: ["PantauKit"]),
        // For the benchmark package in Benchmarks/ (docs/performance.md).
        .library(name: "PantauTUI", targets: ["PantauTUI"]),
        .library(name: "PantauNational", targets: ["PantauNational"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", exact: "0.6.0"),
        .package(url: "https://github.com/vapor/postgres-nio", exact: "1.33.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", exact: "0.9.20"),
    ],
    targets: [
        .systemLibrary(name: "CNcurses", path: "Sources/CNcurses"),
        // The system zlib: PantauKit reads the bundled gzip copy of the official region list.
        .systemLibrary(name: "CSystemZlib", path: "Sources/CSystemZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // The build's commit for `pantau --version` (one C function; see buildCommit above).
        .target(name: "CBuildInfo", cSettings: buildCommit.isEmpty ? [] : [.define("PANTAU_COMMIT", to: "\"\(buildCommit)\"")]),
        .target(name: "PantauKit", dependencies: ["CSystemZlib", .product(name: "GRDB", package: "GRDB.swift"), .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        // The follow-up store on a shared PostgreSQL server (kept out of PantauKit so the
        // model and the fuzz package stay free of SwiftNIO).
        .target(
            name: "PantauPostgres",
            dependencies: [
                "PantauKit",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        // Writes follow-up events in a loop until killed: the SIGKILL and two-writer tests run it.
        .executableTarget(name: "pantau-store-stress", dependencies: ["PantauKit", "PantauPostgres"]),
        // The synthetic national benchmark dataset (docs/performance.md) and its command-line writer.
        .target(name: "PantauNational", dependencies: ["PantauKit"]),
        .executableTarget(name: "pantau-generate", dependencies: ["PantauNational"]),
        .target(name: "PantauTUI", dependencies: ["PantauKit", "CNcurses", .product(name: "TOMLKit", package: "TOMLKit")]),
        .executableTarget(
            name: "pantau",
            dependencies: [
                "PantauKit", "PantauTUI", "PantauPostgres", "CBuildInfo", .product(name: "TOMLKit", package: "TOMLKit"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "PantauKitTests",
            dependencies: ["PantauKit", "PantauNational", "pantau-store-stress", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            exclude: ["FuzzCorpus"]  // read by FuzzRegressionTests from disk
        ),
        .testTarget(
            name: "PantauTUITests",
            dependencies: ["PantauTUI", "PantauKit", "PantauNational"],
            exclude: ["__Snapshots__"]
        ),
        .testTarget(name: "PantauEndToEndTests", dependencies: ["pantau", "PantauTestSupport"]),
        // The store tests against both backends, on a throwaway PostgreSQL server.
        .testTarget(name: "PantauPostgresTests", dependencies: ["PantauKit", "PantauTUI", "PantauPostgres", "pantau-store-stress", "pantau", "PantauTestSupport"]),
        // What the end-to-end and server tests share: a throwaway PostgreSQL server.
        .target(name: "PantauTestSupport", path: "Tests/Support"),
    ],
    swiftLanguageModes: [.v6]
)
