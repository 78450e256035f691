import Foundation
import Hummingbird
import HummingbirdWebSocket
import HubServer
import Lessons
import Logging
import NIOCore

/// The hub server under load: the real application (`buildRouter(hub:)` behind the server
/// pipeline `mlhub serve` uses) serving the bundled curriculum from an in-memory learner
/// database, in this process on 127.0.0.1, driven by `HTTPLoadGenerator` over 32 keep-alive
/// connections.
///
/// `MLHUB_HUB_BENCH_SECONDS` and `MLHUB_HUB_BENCH_CONNECTIONS` change the 10 s and the 32
/// connections (for profiling on a shorter run).
enum HubBenchmarks {
    static let lessonPath = "/lessons/deep/neural-networks"

    static let all: [Benchmark] = [
        Benchmark(
            name: "hub.lesson_page.rps", unit: "requests/s",
            summary: "GET \(lessonPath) from the in-process hub under 32 concurrent keep-alive connections for 10 s (after 1 s of warm-up); also p99, p50 and non-200 responses",
            extras: [("p99_ms", "ms"), ("p50_ms", "ms"), ("errors", "requests")],
            extrasStem: "hub.lesson_page"
        ) {
            let environment = ProcessInfo.processInfo.environment
            let seconds = environment["MLHUB_HUB_BENCH_SECONDS"].flatMap(Double.init) ?? 10
            let connections = environment["MLHUB_HUB_BENCH_CONNECTIONS"].flatMap(Int.init) ?? 32
            return Measurement.reported("hub benchmark", extraCount: 3, { try lessonPageLoad(seconds: seconds, connections: connections) }) { report in
                Measurement(value: report.requestsPerSecond, extras: [
                    report.latencyMilliseconds(quantile: 0.99), report.latencyMilliseconds(quantile: 0.5), Double(report.errors),
                ])
            }
        },
    ]

    /// Starts the hub, loads it for 1 s of warm-up and `seconds` measured, and stops it.
    static func lessonPageLoad(seconds: Double, connections: Int) throws -> HTTPLoadGenerator.Report {
        let content = try HubContent(curriculum: try CurriculumLoader.load(from: HubConfiguration.bundledCurriculum))
        let hub = Hub(content: content, repository: try SQLiteHubRepository.inMemory())
        return try ThreadBridging.blocking {
            // Quiet: cancelling the server at the end logs errors about the closing connections.
            var logger = Logger(label: "mlhub.bench")
            logger.logLevel = .critical
            let server = try await RunningHub.start(hub, logger: logger)
            let report = await Result<HTTPLoadGenerator.Report, any Error>.of {
                try await ThreadBridging.onOwnThread(name: "mlhub-load-generator") {
                    try HTTPLoadGenerator(port: server.port, path: lessonPath, connections: connections).run(warmup: 1, duration: seconds)
                }
            }
            await server.stop()
            return try report.get()
        }
    }
}
