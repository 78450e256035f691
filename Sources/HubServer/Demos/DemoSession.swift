import Demos
import Foundation

/// One learner's live demo: the demo itself and how the page wants it played. Every touch of
/// the demo happens on a ``DemoWorkers`` thread under `lock`, so training never runs on an
/// event loop and two messages never change the demo at once.
final class DemoSession: @unchecked Sendable {
    let key: String
    let demoID: String
    private let lock = NSLock()
    private var demo: any Demo
    private let limits: DemoHostLimits

    // Playback state, under `lock`.
    private var playing = false
    private var framesPerSecond = 20
    private var stepsPerFrame = 1
    private var request = DemoSnapshotRequest(detail: .full, resolution: 60, neuronResolution: 24)
    /// The page is not being looked at (a background tab): training goes on, frames pause.
    private var pageHidden = false
    /// The step of the last frame sent, while the page holds everything up to it: the next
    /// frame then carries only what is new (`since`; the race's paths). `nil`: send it all.
    private var sentThrough: Int?
    private var cpuUsed: Duration = .zero
    private var lastActivity = ContinuousClock.now
    /// Which socket drives the session; a newer socket takes over from an older one.
    private var attachment = 0
    /// The file name the page gave with its last CSV upload (for the run history).
    private var uploadFileName: String?

    init(key: String, demo: any Demo, limits: DemoHostLimits) {
        self.key = key
        self.demoID = type(of: demo).id
        self.demo = demo
        self.limits = limits
    }

    /// Marks a new socket as the driver and returns its number.
    func attach() -> Int {
        lock.withLock {
            attachment += 1
            lastActivity = .now
            sentThrough = nil
            return attachment
        }
    }

    func isAttached(_ number: Int) -> Bool { lock.withLock { attachment == number } }

    var isPlaying: Bool { lock.withLock { playing } }
    var frameInterval: Duration { lock.withLock { .seconds(1) / max(1, framesPerSecond) } }
    var idleFor: Duration { lock.withLock { ContinuousClock.now - lastActivity } }

    func touch() { lock.withLock { lastActivity = .now } }

    /// The hello message for a newly attached page.
    func hello() -> String {
        lock.withLock {
            DemoServerMessage.hello(demo: demoID, query: demo.settings.query, stepCount: demo.stepCount, limits: limits)
        }
    }

    /// Trains one frame's worth and returns the frame; nil when paused, or when the page is
    /// hidden and training goes on (no snapshot is made for nobody). Runs on a worker.
    func playFrame() throws -> String? {
        try lock.withLock {
            guard playing else { return nil }
            let start = ContinuousClock.now
            defer { cpuUsed += ContinuousClock.now - start }
            if cpuUsed > limits.cpuBudget {
                playing = false
                return DemoServerMessage.error(
                    "This session has used its \(limits.cpuBudget.components.seconds) s of compute and is paused. Reload the page to start a fresh one."
                )
            }
            if demo.progress.finished {
                playing = false
            } else {
                try demo.step(stepsPerFrame)
            }
            if pageHidden && playing { return nil }
            return try makeFrame()
        }
    }

    /// Applies one message from the page and returns the replies. Runs on a worker.
    /// Bad input changes nothing and comes back as an error message.
    func handle(_ message: DemoClientMessage) -> [String] {
        lock.withLock {
            lastActivity = .now
            do {
                return try apply(message)
            } catch let error as DemoError {
                return [DemoServerMessage.error(error.description)]
            } catch {
                return [DemoServerMessage.error("\(error)")]
            }
        }
    }

    private func apply(_ message: DemoClientMessage) throws -> [String] {
        switch message.type {
        case .play, .pause, .step, .scene, .save: break
        // Anything else may change what the page holds (a reset, new data, a page that lost its
        // state and asks for frames again): the next frame is whole.
        case .reset, .set, .configure, .frames, .upload: sentThrough = nil
        }
        switch message.type {
        case .play:
            playing = true
            return [settingsMessage()]
        case .pause:
            playing = false
            return [settingsMessage(), frame()].compactMap { $0 }
        case .reset:
            demo.reset()
            return [settingsMessage(), frame()].compactMap { $0 }
        case .step:
            try demo.step(try required(message.count, "count"))
            return [frame()].compactMap { $0 }
        case .set:
            try demo.set(try required(message.name, "name"), text: try required(message.value, "value"))
            return [settingsMessage(), frame()].compactMap { $0 }
        case .configure:
            let settings = try DemoSettings(schema: type(of: demo).schema, query: try required(message.query, "query"))
            demo = try type(of: demo).init(settings: settings)
            return [settingsMessage(), frame()].compactMap { $0 }
        case .frames:
            if let fps = message.fps {
                guard (1...limits.maxFramesPerSecond).contains(fps) else {
                    throw DemoError.invalidValue(parameter: "fps", expected: "an integer in 1...\(limits.maxFramesPerSecond)", got: String(fps))
                }
                framesPerSecond = fps
            }
            if let steps = message.stepsPerFrame {
                let maximum = type(of: demo).maximumStepsPerCall
                guard (1...maximum).contains(steps) else {
                    throw DemoError.invalidValue(parameter: "stepsPerFrame", expected: "an integer in 1...\(maximum)", got: String(steps))
                }
                stepsPerFrame = steps
            }
            var next = request
            next.resolution = message.resolution ?? next.resolution
            next.neuronResolution = message.neuronResolution ?? next.neuronResolution
            request = try next.validated()
            pageHidden = message.hidden ?? pageHidden
            return pageHidden ? [] : [frame()].compactMap { $0 }
        case .scene:
            return [DemoServerMessage.scene(try demo.sceneJSON(DemoSceneRequest(resolution: message.resolution ?? 80)))]
        case .upload:
            guard let simulator = demo as? NeuralNetworkSimulator else {
                throw DemoError.invalidValue(parameter: "type", expected: "a message this demo understands", got: "upload")
            }
            _ = try simulator.loadCSV(try required(message.csv, "csv"))
            uploadFileName = message.name.map(Self.displayFileName)
            return [settingsMessage(), DemoServerMessage.scene(try demo.sceneJSON()), frame()].compactMap { $0 }
        case .save:
            return []
        }
    }

    /// What a saved run records: the settings (and, for uploaded data, what the file held,
    /// since the settings alone cannot rebuild it), the progress figures and, for the network
    /// simulator, the trained weights as safetensors. Runs on a worker.
    func runRecord() throws -> (configuration: String, summary: String, weights: Data?) {
        try lock.withLock {
            let configuration = try JSONEncoder().encode(RunConfiguration(
                query: demo.settings.query,
                data: (demo as? NeuralNetworkSimulator)?.uploadedData.map { RunConfiguration.UploadedData($0, file: uploadFileName) }
            ))
            let summary = try JSONEncoder().encode(demo.progress)
            let weights = try (demo as? NeuralNetworkSimulator)?.exportSafetensors()
            return (String(decoding: configuration, as: UTF8.self), String(decoding: summary, as: UTF8.self), weights)
        }
    }

    /// A file name as a learner's page reports it, made safe to show: control characters
    /// dropped, at most 100 characters.
    static func displayFileName(_ name: String) -> String {
        String(String.UnicodeScalarView(name.unicodeScalars.filter { !$0.properties.isDefaultIgnorableCodePoint && $0.properties.generalCategory != .control }).prefix(100))
    }

    private func settingsMessage() -> String {
        DemoServerMessage.settings(query: demo.settings.query, stepCount: demo.stepCount, playing: playing)
    }

    private func frame() -> String? {
        try? makeFrame()
    }

    /// A frame with what the page does not have yet.
    private func makeFrame() throws -> String {
        var incremental = request
        incremental.since = sentThrough
        let snapshot = try demo.snapshotJSON(incremental)
        sentThrough = demo.stepCount
        return DemoServerMessage.frame(playing: playing, snapshot: snapshot)
    }

    private func required<T>(_ value: T?, _ field: String) throws(DemoError) -> T {
        guard let value else {
            throw DemoError.invalidValue(parameter: field, expected: "a value", got: "nothing")
        }
        return value
    }
}
