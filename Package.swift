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
        .target(
            name: "Tensors",
            dependencies: [
                "COpenBLAS", "BLASKernelSelection",
                .product(name: "RealModule", package: "swift-numerics"),
            ]
        ),
        .executableTarget(
            name: "mlhub",
            dependencies: [
                "Tensors",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "TensorsTests", dependencies: ["Tensors"]),
    ]
)
