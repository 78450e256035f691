// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "mlhub",
    products: [
        .library(name: "Tensors", targets: ["Tensors"]),
        .library(name: "NeuralNets", targets: ["NeuralNets"]),
        .library(name: "Datasets", targets: ["Datasets"]),
        .library(name: "Charts", targets: ["Charts"]),
        .library(name: "Demos", targets: ["Demos"]),
        .library(name: "Lessons", targets: ["Lessons"]),
        .library(name: "HubServer", targets: ["HubServer"]),
        .executable(name: "mlhub", targets: ["mlhub"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-numerics", from: "1.1.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        .package(url: "https://github.com/hummingbird-project/hummingbird-websocket", from: "2.8.1"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/JohnSundell/Ink", from: "0.6.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    ],
    targets: [
        .systemLibrary(
            name: "COpenBLAS",
            pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev", "liblapacke-dev"])]
        ),
        .target(name: "BLASKernelSelection"),
        .target(name: "ElementKernels"),
        // Products of a few rows by a matrix packed once (an LSTM's per-step recurrence).
        .target(name: "SmallGEMM"),
        .target(
            name: "Tensors",
            dependencies: [
                "COpenBLAS", "BLASKernelSelection", "ElementKernels",
                .product(name: "RealModule", package: "swift-numerics"),
            ]
        ),
        .target(name: "NeuralNets", dependencies: ["Tensors", "ElementKernels", "SmallGEMM"]),
        .target(name: "Datasets", dependencies: ["Tensors"], resources: [.copy("Bundled")]),
        .target(name: "Charts"),
        // TCP sockets on 127.0.0.1 for the load generator and the tests' own HTTP clients.
        .target(name: "LoopbackSockets"),
        .target(
            name: "Benchmarks",
            dependencies: [
                "Tensors", "NeuralNets", "Datasets", "Demos", "Lessons", "HubServer", "LoopbackSockets",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),
        // Interactive simulators as plain state machines: schema, step(n), snapshots. No HTTP.
        .target(name: "Demos", dependencies: ["Tensors", "NeuralNets", "Datasets"]),
        // The code every lesson shows: compiled here, run by LessonCodeTests, quoted by region.
        .target(name: "LessonCode", dependencies: ["Tensors", "NeuralNets", "Datasets", "Charts"], path: "Curriculum/code"),
        .target(
            name: "Lessons",
            dependencies: [
                "Tensors", "NeuralNets", "Datasets", "Charts", "Demos",
                .product(name: "Ink", package: "Ink"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .target(
            name: "HubServer",
            dependencies: [
                "Lessons", "Charts", "Demos",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            resources: [.copy("Public")]
        ),
        .target(
            name: "MLHubCommands",
            dependencies: [
                "Tensors", "NeuralNets", "Datasets", "Charts", "Benchmarks", "Demos", "Lessons", "HubServer",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "mlhub", dependencies: ["MLHubCommands"]),
        .target(name: "TestSupport", dependencies: ["Tensors"], path: "Tests/TestSupport"),
        .testTarget(name: "TensorsTests", dependencies: ["Tensors", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "NeuralNetsTests", dependencies: ["NeuralNets", "Tensors", "TestSupport", "SmallGEMM"], exclude: ["Fixtures"]),
        .testTarget(name: "DatasetsTests", dependencies: ["Datasets", "Tensors", "TestSupport"], exclude: ["Fixtures"]),
        .target(name: "BrowserTestSupport", dependencies: ["LoopbackSockets"], path: "Tests/BrowserTestSupport"),
        .testTarget(name: "ChartsTests", dependencies: ["Charts", "BrowserTestSupport"], exclude: ["Snapshots"]),
        .testTarget(name: "DemosTests", dependencies: ["Demos", "Tensors", "NeuralNets", "Datasets"]),
        .testTarget(name: "LessonsTests", dependencies: ["Lessons", "TestSupport"]),
        .testTarget(name: "LessonCodeTests", dependencies: ["LessonCode", "Tensors"]),
        .testTarget(
            name: "HubServerTests",
            dependencies: [
                "HubServer", "Lessons", "BrowserTestSupport", "TestSupport", "LoopbackSockets",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HummingbirdWSTesting", package: "hummingbird-websocket"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .testTarget(name: "MLHubCommandsTests", dependencies: ["MLHubCommands", "Benchmarks", "Tensors", "Datasets", "BrowserTestSupport"]),
    ]
)
