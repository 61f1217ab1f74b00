// swift-tools-version: 6.1
// A libFuzzer target for the CSV reader and the dataset loader. Not part of the main
// package's build or test run; see README.md for the commands.
import PackageDescription

let package = Package(
    name: "pantau-fuzz",
    dependencies: [
        .package(name: "pantau", path: "../.."),
    ],
    targets: [
        .target(name: "CFuzzDriver"),
        .executableTarget(
            name: "PantauFuzz",
            dependencies: ["CFuzzDriver", .product(name: "PantauKit", package: "pantau")],
            // lld: GNU gold warns "Cannot export local symbol '__asan_extra_spill_area'".
            linkerSettings: [.unsafeFlags(["-use-ld=lld"], .when(platforms: [.linux]))]
        ),
    ],
    swiftLanguageModes: [.v6]
)
