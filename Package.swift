// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "pantau",
    products: [
        .executable(name: "pantau", targets: ["pantau"]),
        .library(name: "PantauKit", targets: ["PantauKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
    ],
    targets: [
        .systemLibrary(name: "CNcurses", path: "Sources/CNcurses"),
        .target(name: "PantauKit"),
        .target(name: "PantauTUI", dependencies: ["PantauKit", "CNcurses"]),
        .executableTarget(
            name: "pantau",
            dependencies: [
                "PantauKit", "PantauTUI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "PantauKitTests", dependencies: ["PantauKit"]),
        .testTarget(
            name: "PantauTUITests",
            dependencies: ["PantauTUI", "PantauKit"],
            exclude: ["__Snapshots__"]
        ),
        .testTarget(name: "PantauEndToEndTests", dependencies: ["pantau"]),
    ],
    swiftLanguageModes: [.v6]
)
