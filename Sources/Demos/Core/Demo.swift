import Foundation

/// An interactive simulator as a plain state machine: created from validated settings,
/// advanced by ``step(_:)``, observed through ``snapshot(_:)`` and ``scene(_:)``, changed live
/// by ``set(_:to:)``. No HTTP here: the server hosts sessions of demos and streams their
/// snapshots; the command line and the tests drive the same types directly.
///
/// Nothing reachable from input traps: values are validated against ``schema``, and a bad
/// value, step count or resolution throws ``DemoError``.
public protocol Demo: AnyObject {
    /// A frame: the numbers a page draws after each step (losses, surfaces, weights, paths).
    associatedtype Snapshot: Codable & Sendable
    /// The backdrop that changes only when the settings do (data points, a surface's contour
    /// grid); fetched separately so that frames stay small.
    associatedtype Scene: Codable & Sendable

    /// The stable id used in addresses and on the command line (`nn-simulator`).
    static var id: String { get }
    /// The parameters, their ranges and defaults.
    static var schema: DemoSchema { get }
    /// Ready setups with commentary, each a settings query.
    static var presets: [DemoPreset] { get }

    /// A demo at step 0 with these settings.
    /// - Throws: ``DemoError/wrongDemo(expected:got:)`` for another demo's settings, or an
    ///   error the settings imply (a combination the demo cannot build).
    init(settings: DemoSettings) throws(DemoError)

    /// The current settings, live changes included (``DemoSettings/query`` is the page address).
    var settings: DemoSettings { get }
    /// Steps taken since the last rebuild or ``reset()``: epochs for the network simulator,
    /// optimizer steps for the race.
    var stepCount: Int { get }
    /// The most steps one ``step(_:)`` call takes, so that one request cannot hold a session
    /// for long.
    static var maximumStepsPerCall: Int { get }
    /// Advances by `count` steps (`1...maximumStepsPerCall`).
    func step(_ count: Int) throws(DemoError)
    /// The current frame; `request` chooses light or full and the grid resolutions.
    func snapshot(_ request: DemoSnapshotRequest) throws(DemoError) -> Snapshot
    /// The backdrop (see ``Scene``).
    func scene(_ request: DemoSceneRequest) throws(DemoError) -> Scene
    /// Changes one parameter, validated against the schema; what follows (continue, rebuild,
    /// regenerate) is the parameter's ``DemoParameter/Effect``.
    func set(_ parameter: String, to value: DemoValue) throws(DemoError)
    /// Back to step 0 with the current settings: the same data and, for the same seed, the
    /// same initial weights or start.
    func reset()
    /// The figures a command line prints while running (losses, accuracies).
    var progress: DemoProgress { get }
}

extension Demo {
    /// The demo with the defaults overridden by `query`.
    public init(query: String) throws(DemoError) {
        try self.init(settings: DemoSettings(schema: Self.schema, query: query))
    }

    /// The demo set up as preset `id`.
    public init(preset id: String) throws(DemoError) {
        try self.init(settings: Self.preset(id).settings(for: Self.schema))
    }

    /// The preset called `id`.
    public static func preset(_ id: String) throws(DemoError) -> DemoPreset {
        guard let preset = presets.first(where: { $0.id == id }) else {
            throw DemoError.unknownPreset(id, known: presets.map(\.id))
        }
        return preset
    }

    /// Changes one parameter from its query text (`"4,4"`, `"0.1"`).
    public func set(_ parameter: String, text: String) throws(DemoError) {
        try set(parameter, to: Self.schema.parameter(parameter).parse(text))
    }

    /// The frame as JSON.
    public func snapshotJSON(_ request: DemoSnapshotRequest = .full) throws(DemoError) -> Data {
        try DemoJSON.encode(snapshot(request))
    }

    /// The scene as JSON.
    public func sceneJSON(_ request: DemoSceneRequest = DemoSceneRequest()) throws(DemoError) -> Data {
        try DemoJSON.encode(scene(request))
    }

    /// Throws unless `count` is in `1...maximumStepsPerCall`.
    static func checkStepCount(_ count: Int, name: String = "steps") throws(DemoError) {
        guard count >= 1 && count <= maximumStepsPerCall else {
            throw DemoError.invalidValue(parameter: name, expected: "an integer in 1...\(maximumStepsPerCall)", got: String(count))
        }
    }

    /// Throws unless `settings` belong to this demo.
    static func checkSettings(_ settings: DemoSettings) throws(DemoError) {
        guard settings.schema.demo == id else { throw DemoError.wrongDemo(expected: id, got: settings.schema.demo) }
    }
}

/// What a frame should hold.
///
/// JSON: `{"detail": "full", "resolution": 100, "neuronResolution": 32, "since": 120}`
/// (every key optional).
public struct DemoSnapshotRequest: Sendable, Codable, Equatable {
    public enum Detail: String, Sendable, Codable {
        /// Step counter and current losses only, for the frames between full ones.
        case light
        /// Everything the page draws.
        case full
    }

    public var detail: Detail
    /// Grid points per side of the output surface (`2...200`).
    public var resolution: Int
    /// Grid points per side of each hidden neuron's surface (`2...64`).
    public var neuronResolution: Int
    /// For paths: only the points after this step (`nil`: from the start).
    public var since: Int?

    public init(detail: Detail = .full, resolution: Int = 100, neuronResolution: Int = 32, since: Int? = nil) {
        self.detail = detail
        self.resolution = resolution
        self.neuronResolution = neuronResolution
        self.since = since
    }

    public static let light = DemoSnapshotRequest(detail: .light)
    public static let full = DemoSnapshotRequest(detail: .full)

    enum CodingKeys: String, CodingKey { case detail, resolution, neuronResolution, since }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        detail = try c.decodeIfPresent(Detail.self, forKey: .detail) ?? .full
        resolution = try c.decodeIfPresent(Int.self, forKey: .resolution) ?? 100
        neuronResolution = try c.decodeIfPresent(Int.self, forKey: .neuronResolution) ?? 32
        since = try c.decodeIfPresent(Int.self, forKey: .since)
    }

    /// Throws unless the resolutions are within their ranges.
    public func validated(resolutions: ClosedRange<Int> = 2...200, neuronResolutions: ClosedRange<Int> = 2...64) throws(DemoError) -> DemoSnapshotRequest {
        guard resolutions.contains(resolution) else {
            throw DemoError.invalidValue(parameter: "resolution", expected: "an integer in \(resolutions.lowerBound)...\(resolutions.upperBound)", got: String(resolution))
        }
        guard neuronResolutions.contains(neuronResolution) else {
            throw DemoError.invalidValue(parameter: "neuronResolution", expected: "an integer in \(neuronResolutions.lowerBound)...\(neuronResolutions.upperBound)", got: String(neuronResolution))
        }
        if let since, since < 0 {
            throw DemoError.invalidValue(parameter: "since", expected: "a step ≥ 0", got: String(since))
        }
        return self
    }
}

/// What a scene should hold. JSON: `{"resolution": 80}`.
public struct DemoSceneRequest: Sendable, Codable, Equatable {
    /// Grid points per side of a contour grid (`2...200`).
    public var resolution: Int

    public init(resolution: Int = 80) { self.resolution = resolution }

    func validatedResolution() throws(DemoError) -> Int {
        guard (2...200).contains(resolution) else {
            throw DemoError.invalidValue(parameter: "resolution", expected: "an integer in 2...200", got: String(resolution))
        }
        return resolution
    }
}

/// The figures a run reports as it goes: `{"step": 50, "unit": "epoch", "finished": false,
/// "metrics": [{"name": "trainLoss", "value": 0.21}, …]}` (`value` null when undefined).
public struct DemoProgress: Sendable, Codable, Equatable {
    public var step: Int
    /// What a step is (`"epoch"`, `"step"`).
    public var unit: String
    /// `true` when further steps change nothing (diverged, or the race is over).
    public var finished: Bool
    public var metrics: [DemoMetric]

    public init(step: Int, unit: String, finished: Bool, metrics: [DemoMetric]) {
        self.step = step
        self.unit = unit
        self.finished = finished
        self.metrics = metrics
    }

    /// The value of the metric called `name`.
    public subscript(name: String) -> Double? { metrics.first { $0.name == name }?.value }
}

/// One named figure.
public struct DemoMetric: Sendable, Codable, Equatable {
    public var name: String
    public var value: Double?

    public init(_ name: String, _ value: Double?) {
        self.name = name
        self.value = value.flatMap { $0.isFinite ? $0 : nil }
    }
}
