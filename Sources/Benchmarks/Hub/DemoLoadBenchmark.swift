import Foundation
import Hummingbird
import HummingbirdWSClient
import HummingbirdWebSocket
import HubServer
import Lessons
import Logging
import NIOCore

/// Many learners playing the Neural Network Simulator at once while another reads a lesson:
/// the hub's real application (`buildRouter(hub:)` with WebSocket upgrade, as `mlhub serve`)
/// in this process on 127.0.0.1, with the default `DemoHostLimits` (one demo worker thread
/// per core).
///
/// 20 WebSocket clients (`WSClient`, each with its own learner cookie) do what the demo page
/// does: ask for 20 frames a second at the page's grid sizes (output 64, neurons 20), fetch the
/// scene, and press Play on the simulator's defaults. Once all play, 1 s of warm-up, then
/// 10 s measured: every client counts the frames it receives, while one keep-alive connection
/// requests a lesson page in a loop (`HTTPLoadGenerator`), recording each latency.
///
/// Reports the slowest session's frame rate (`demo.load.frames_per_s_min`, the figure that
/// must stay ≥ 20), the lesson page's 99th-percentile latency (`demo.load.lesson_p99_ms`,
/// ≤ 100 ms), the mean frame rate and the lesson requests per second.
/// `MLHUB_DEMO_LOAD_SESSIONS` and `MLHUB_DEMO_LOAD_SECONDS` change the 20 sessions and 10 s.
enum DemoLoadBenchmark {
    static let all: [Benchmark] = [
        Benchmark(
            name: "demo.load.frames_per_s_min", unit: "frames/s",
            summary: "20 simulator sessions playing at once over WebSockets (20 frames/s asked, output 64², neurons 20²) for 10 s: the slowest session's frames per second; also a lesson page's p99 latency meanwhile, the mean frame rate and the lesson requests per second",
            extras: [("lesson_p99_ms", "ms"), ("frames_per_s_mean", "frames/s"), ("lesson_rps", "requests/s")],
            extrasStem: "demo.load"
        ) {
            let environment = ProcessInfo.processInfo.environment
            let sessions = environment["MLHUB_DEMO_LOAD_SESSIONS"].flatMap(Int.init) ?? 20
            let seconds = environment["MLHUB_DEMO_LOAD_SECONDS"].flatMap(Double.init) ?? 10
            return Measurement.reported("demo load benchmark", extraCount: 3, { try run(sessions: sessions, seconds: seconds) }) { report in
                Measurement(value: report.framesPerSecond.min() ?? .nan, extras: [
                    report.lesson.latencyMilliseconds(quantile: 0.99), report.meanFramesPerSecond, report.lesson.requestsPerSecond,
                ])
            }
        },
    ]

    /// What the page asks for: the frame rate and grid sizes of `demo-nn-simulator.js` on a
    /// desktop screen.
    static let framesMessage = #"{"type":"frames","fps":20,"resolution":64,"neuronResolution":20,"stepsPerFrame":1}"#

    struct Report: Sendable, CustomStringConvertible {
        /// Frames each session received in the measured window, per second.
        let framesPerSecond: [Double]
        /// The lesson page requests made meanwhile.
        let lesson: HTTPLoadGenerator.Report
        /// Frame messages the sessions received in all (whole run) and their mean size.
        let frameBytes: Int
        let frameCount: Int

        var meanFramesPerSecond: Double { framesPerSecond.isEmpty ? .nan : framesPerSecond.reduce(0, +) / Double(framesPerSecond.count) }

        var description: String {
            let sorted = framesPerSecond.sorted()
            return String(format: "%d sessions: frames/s min %.1f, median %.1f, mean %.1f, max %.1f; frames of %.1f KiB on average; lesson page: %@",
                          framesPerSecond.count, sorted.first ?? .nan, sorted.isEmpty ? .nan : sorted[sorted.count / 2], meanFramesPerSecond,
                          sorted.last ?? .nan, frameCount == 0 ? 0 : Double(frameBytes) / Double(frameCount) / 1024, lesson.description)
        }
    }

    struct LoadError: Error, CustomStringConvertible {
        let description: String
    }

    /// Starts the hub, plays `sessions` simulators for 1 s of warm-up and `seconds` measured
    /// while requesting a lesson page, and stops everything.
    static func run(sessions: Int, seconds: Double) throws -> Report {
        let content = try HubContent(curriculum: try CurriculumLoader.load(from: HubConfiguration.bundledCurriculum))
        let hub = Hub(content: content, repository: try SQLiteHubRepository.inMemory())
        return try ThreadBridging.blocking {
            // Quiet: cancelling the server at the end logs errors about the closing connections.
            var logger = Logger(label: "mlhub.bench")
            logger.logLevel = .critical
            let server = try await RunningHub.start(hub, logger: logger)
            let outcome = await Result<Report, any Error>.of {
                try await measure(port: server.port, sessions: sessions, seconds: seconds)
            }
            await server.stop()
            return try outcome.get()
        }
    }

    private static func measure(port: Int, sessions: Int, seconds: Double) async throws -> Report {
        let board = Scoreboard(sessions: sessions)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<sessions {
                group.addTask {
                    do {
                        try await play(port: port, index: index, board: board)
                    } catch {
                        board.fail("session \(index): \(error)")
                        throw error
                    }
                }
            }
            // Everyone plays: warm up for a second, measure, then let the sessions go.
            try await board.waitUntilAllPlay(timeout: .seconds(60))
            let start = ContinuousClock.now
            board.setWindow(from: start + .seconds(1), to: start + .seconds(1 + seconds))
            let lesson = try await ThreadBridging.onOwnThread(name: "mlhub-demo-load-generator") {
                try HTTPLoadGenerator(port: port, path: HubBenchmarks.lessonPath, connections: 1).run(warmup: 1, duration: seconds)
            }
            try await Task.sleep(until: start + .seconds(1.2 + seconds), clock: .continuous)
            board.finish()
            try await group.waitForAll()
            return Report(framesPerSecond: board.rates, lesson: lesson, frameBytes: board.bytes, frameCount: board.frames)
        }
    }

    /// One learner: connect, ask for frames and the scene, play, count frames until told to stop.
    private static func play(port: Int, index: Int, board: Scoreboard) async throws {
        var logger = Logger(label: "mlhub.bench.demo-client")
        logger.logLevel = .critical
        let configuration = WebSocketClientConfiguration(
            maxFrameSize: 1 << 22, additionalHeaders: [.cookie: "mlhub_learner=bench-\(index)"]
        )
        try await WebSocketClient.connect(url: "ws://127.0.0.1:\(port)/api/demos/nn-simulator/live", configuration: configuration, logger: logger) {
            inbound, outbound, _ in
            var playing = false
            for try await message in inbound.messages(maxSize: 1 << 22) {
                guard case .text(let text) = message else { continue }
                // Frames start with their type; the other messages have sorted keys.
                if text.hasPrefix(#"{"type":"frame""#) {
                    board.frame(session: index, bytes: text.utf8.count)
                    if !playing {
                        playing = true
                        try await outbound.write(.text(#"{"type":"play"}"#))
                        board.playing()
                    }
                } else if text.contains(#""type":"hello""#) {
                    try await outbound.write(.text(framesMessage))
                    try await outbound.write(.text(#"{"type":"scene","resolution":60}"#))
                } else if text.contains(#""type":"error""#) || text.contains(#""type":"busy""#) {
                    board.fail("session \(index): \(text.prefix(300))")
                }
                if board.isFinished {
                    try await outbound.write(.text(#"{"type":"pause"}"#))
                    try await outbound.close(.normalClosure, reason: nil)
                    return
                }
            }
        }
    }
}

/// The sessions' shared tallies: who plays, and the frames each received in the window.
private final class Scoreboard: @unchecked Sendable {
    private let lock = NSLock()
    private var playingCount = 0
    private var frameCounts: [Int]
    /// The first and last frame each session received in the window.
    private var firstFrame: [ContinuousClock.Instant?]
    private var lastFrame: [ContinuousClock.Instant?]
    private var window: (from: ContinuousClock.Instant, to: ContinuousClock.Instant)?
    private var finished = false
    private var failure: String?
    private(set) var bytes = 0
    private(set) var frames = 0

    init(sessions: Int) {
        frameCounts = Array(repeating: 0, count: sessions)
        firstFrame = Array(repeating: nil, count: sessions)
        lastFrame = Array(repeating: nil, count: sessions)
    }

    func playing() { lock.withLock { playingCount += 1 } }

    func frame(session: Int, bytes size: Int) {
        let now = ContinuousClock.now
        lock.withLock {
            frames += 1
            bytes += size
            if let window, now >= window.from, now < window.to {
                frameCounts[session] += 1
                if firstFrame[session] == nil { firstFrame[session] = now }
                lastFrame[session] = now
            }
        }
    }

    func fail(_ message: String) { lock.withLock { failure = failure ?? message } }
    func setWindow(from: ContinuousClock.Instant, to: ContinuousClock.Instant) { lock.withLock { window = (from, to) } }
    func finish() { lock.withLock { finished = true } }
    var isFinished: Bool { lock.withLock { finished } }
    /// Each session's frame rate in the window: the frames after its first one over the time
    /// they took (no error from where the window cuts the frame intervals).
    var rates: [Double] {
        lock.withLock {
            frameCounts.indices.map { i in
                guard frameCounts[i] >= 2, let first = firstFrame[i], let last = lastFrame[i] else { return 0 }
                let span = last - first
                return Double(frameCounts[i] - 1) / (Double(span.components.seconds) + Double(span.components.attoseconds) / 1e18)
            }
        }
    }

    func waitUntilAllPlay(timeout: Duration) async throws {
        let deadline = ContinuousClock.now + timeout
        while true {
            let (count, failure) = lock.withLock { (playingCount, self.failure) }
            if let failure { throw DemoLoadBenchmark.LoadError(description: failure) }
            if count == frameCounts.count { return }
            guard ContinuousClock.now < deadline else {
                throw DemoLoadBenchmark.LoadError(description: "only \(count) of \(frameCounts.count) sessions played within \(timeout)")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
    }
}
