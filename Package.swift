// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "mlhub",
    products: [
        .library(name: "Tensors", targets: ["Tensors"]),
        .executable(name: "mlhub", targets: ["mlhub"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-numerics", from: "1.1.1"),
    ],
    targets: [
        .systemLibrary(
            name: "COpenBLAS",
            pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev", "liblapacke-dev"])]
        ),
        .target(name: "BLASKernelSelection"),
        .target(name: "ElementKernels"),
        .target(
            name: "Tensors",
            dependencies: [
                "COpenBLAS", "BLASKernelSelection", "ElementKernels",
                .product(name: "RealModule", package: "swift-numerics"),
            ]
        ),
        .target(name: "Benchmarks", dependencies: ["Tensors"]),
        .target(
            name: "MLHubCommands",
            dependencies: [
                "Tensors", "Benchmarks",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "mlhub", dependencies: ["MLHubCommands"]),
        .testTarget(name: "TensorsTests", dependencies: ["Tensors"], exclude: ["Fixtures"]),
        .testTarget(name: "MLHubCommandsTests", dependencies: ["MLHubCommands", "Benchmarks", "Tensors"]),
    ]
)
