// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "mlhub",
    products: [
        .library(name: "Tensors", targets: ["Tensors"]),
        .library(name: "NeuralNets", targets: ["NeuralNets"]),
        .library(name: "Datasets", targets: ["Datasets"]),
        .library(name: "Charts", targets: ["Charts"]),
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
        .target(name: "NeuralNets", dependencies: ["Tensors", "ElementKernels"]),
        .target(name: "Datasets", dependencies: ["Tensors"], resources: [.copy("Bundled")]),
        .target(name: "Charts"),
        .target(name: "Benchmarks", dependencies: ["Tensors", "NeuralNets", "Datasets"]),
        .target(
            name: "MLHubCommands",
            dependencies: [
                "Tensors", "NeuralNets", "Datasets", "Charts", "Benchmarks",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "mlhub", dependencies: ["MLHubCommands"]),
        .target(name: "TestSupport", dependencies: ["Tensors"], path: "Tests/TestSupport"),
        .testTarget(name: "TensorsTests", dependencies: ["Tensors", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "NeuralNetsTests", dependencies: ["NeuralNets", "Tensors", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "DatasetsTests", dependencies: ["Datasets", "Tensors", "TestSupport"], exclude: ["Fixtures"]),
        .target(name: "BrowserTestSupport", path: "Tests/BrowserTestSupport"),
        .testTarget(name: "ChartsTests", dependencies: ["Charts", "BrowserTestSupport"], exclude: ["Snapshots"]),
        .testTarget(name: "MLHubCommandsTests", dependencies: ["MLHubCommands", "Benchmarks", "Tensors", "Datasets", "BrowserTestSupport"]),
    ]
)
