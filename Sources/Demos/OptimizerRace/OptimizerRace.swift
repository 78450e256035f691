import Foundation
import NeuralNets
import Tensors

/// The optimizer race of `math/calculus-optimization`: SGD, momentum, Nesterov, AdaGrad,
/// RMSProp, Adam and AdamW (the engine's own optimizers, each on a 2-element parameter
/// `[x, y]`) start from one point of a 2-D loss surface and step downhill together.
///
/// Surfaces: a quadratic bowl with an adjustable condition number, Rosenbrock's valley, a
/// saddle, Beale's function and a bowl with noisy gradients. ``step(_:)`` takes optimizer
/// steps; ``snapshot(_:)`` gives each racer's path, loss and status (a racer whose point stops
/// being finite or leaves the box far behind is stopped and marked diverged); ``scene(_:)``
/// gives the surface's values on a grid for contours. Every change of a parameter restarts
/// the race.
public final class OptimizerRace: Demo {
    public private(set) var settings: DemoSettings
    var surface: Surface
    var racers: [Racer] = []
    public private(set) var stepCount = 0

    public static var presets: [DemoPreset] { RacePresets.all }

    public init(settings: DemoSettings) throws(DemoError) {
        try Self.checkSettings(settings)
        surface = Surface(rawValue: settings.string("surface")) ?? .bowl
        self.settings = settings
        try Self.checkStart(settings, surface)
        reset()
    }

    /// Throws unless the start lies in the surface's box.
    static func checkStart(_ settings: DemoSettings, _ surface: Surface) throws(DemoError) {
        let box = surface.box
        for (name, value, low, high) in [("startX", settings.double("startX"), box.xMin, box.xMax),
                                         ("startY", settings.double("startY"), box.yMin, box.yMax)] where !(low...high).contains(value) {
            throw DemoError.invalidValue(parameter: name, expected: "in \(DemoNumberFormat.plain(low))...\(DemoNumberFormat.plain(high)) on the \(surface.label.lowercased())",
                                         got: DemoNumberFormat.plain(value))
        }
    }

    /// The box beyond which a racer counts as diverged: the surface's box widened by its own
    /// size on every side.
    var limit: DemoBox {
        let b = surface.box, w = b.xMax - b.xMin, h = b.yMax - b.yMin
        return DemoBox(xMin: b.xMin - w, xMax: b.xMax + w, yMin: b.yMin - h, yMax: b.yMax + h)
    }

    var condition: Double { settings.double("condition") }

    /// Takes `count` steps for every racer still running.
    public func step(_ count: Int) throws(DemoError) {
        try Self.checkStepCount(count)
        let maxSteps = settings.int("maxSteps"), noise = settings.double("noise"), limit = limit, condition = condition
        for _ in 0..<count {
            guard stepCount < maxSteps else { break }
            for racer in racers { racer.step(surface: surface, condition: condition, noiseLevel: noise, limit: limit, maxSteps: maxSteps) }
            stepCount += 1
        }
    }

    /// Changes a parameter and restarts the race. Choosing a surface whose box does not hold
    /// the current start moves the start to that surface's default.
    public func set(_ name: String, to value: DemoValue) throws(DemoError) {
        var changed = try settings.setting(name, to: value)
        let newSurface = Surface(rawValue: changed.string("surface")) ?? .bowl
        if name == "surface" && !newSurface.box.contains(x: changed.double("startX"), y: changed.double("startY")) {
            changed = try changed.setting("startX", to: .double(newSurface.defaultStart.x))
                .setting("startY", to: .double(newSurface.defaultStart.y))
        }
        try Self.checkStart(changed, newSurface)
        settings = changed
        surface = newSurface
        reset()
    }

    /// Every racer back at the start, with fresh optimizer state and the same noise.
    public func reset() {
        let start = (x: settings.double("startX"), y: settings.double("startY"))
        let loss = surface.value(start.x, start.y, condition: condition)
        let seed = UInt64(clamping: settings.int("seed"))
        racers = settings.strings("racers").compactMap(Kind.init(rawValue:)).map {
            Racer(kind: $0, settings: settings, start: start, loss: loss, seed: seed)
        }
        stepCount = 0
    }

    /// True when every racer has stopped.
    public var finished: Bool { racers.allSatisfy { $0.status != .running } }

    public func snapshot(_ request: DemoSnapshotRequest) throws(DemoError) -> Snapshot {
        let request = try request.validated()
        return Snapshot(step: stepCount, surface: surface.rawValue, finished: finished, racers: racers.map { racer in
            let last = racer.steps
            let nearest = distanceToMinimum(racer.xs[last], racer.ys[last])
            return RacerState(id: racer.kind.rawValue, label: racer.kind.label, status: racer.status.rawValue, reason: racer.reason,
                              stoppedAt: racer.stoppedAt, x: racer.xs[last], y: racer.ys[last], loss: racer.losses[last],
                              distanceToMinimum: nearest,
                              path: request.detail == .full ? racer.path(from: Swift.min(request.since ?? -1, Int.max - 1) + 1) : nil)
        })
    }

    /// The distance from (x, y) to the nearest minimum.
    func distanceToMinimum(_ x: Double, _ y: Double) -> Double {
        var best = Double.infinity
        for m in surface.minima {
            let dx = x - m.x, dy = y - m.y
            best = Swift.min(best, (dx * dx + dy * dy).squareRoot())
        }
        return best
    }

    /// The surface's values on a grid over its box, for contours (`resolution` 2...200).
    public func scene(_ request: DemoSceneRequest = DemoSceneRequest()) throws(DemoError) -> Scene {
        let n = try request.validatedResolution()
        let condition = condition
        let values = surface.box.gridPoints(n).map { Float(surface.value($0.x, $0.y, condition: condition)) }
        return Scene(surface: surface.rawValue, label: surface.label, box: surface.box, grid: DemoGrid(resolution: n, values: values),
                     logScale: surface.prefersLogScale, minima: surface.minima.map { Point(x: $0.x, y: $0.y) },
                     start: Point(x: settings.double("startX"), y: settings.double("startY")))
    }

    public var progress: DemoProgress {
        DemoProgress(step: stepCount, unit: "step", finished: finished || stepCount >= settings.int("maxSteps"),
                     metrics: racers.map { DemoMetric("\($0.kind.rawValue).loss", $0.losses.last) })
    }
}
