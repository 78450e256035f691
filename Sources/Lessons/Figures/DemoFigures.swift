import Charts
import Demos
import Foundation

/// Static figures of the live demos, for pages read without JavaScript: the optimizer race run
/// by the engine to the end, drawn as paths over the surface's contours and as loss curves.
extension StandardFigures {
    static let demos: [FigureFunction] = [optimizerRacePaths, optimizerRaceLosses]

    private static let raceParameters = [
        FigureParameter("settings", .string, default: "", help: "the race's settings as a /demos/optimizer-race query (surface=rosenbrock&…); empty for the defaults"),
        FigureParameter("steps", .int, default: "0", help: "steps to run, 1…2000; 0 runs the settings' maxSteps (at most 2000)"),
    ]

    static let optimizerRacePaths = FigureFunction(
        name: "optimizer-race-paths",
        summary: "The optimizer race run by the engine: every racer's path over the contours of the loss surface.",
        parameters: raceParameters,
        render: { arguments in
            let race = try RaceRun(arguments)
            let box = race.scene.box, grid = race.scene.grid, n = grid.resolution
            let xs = (0..<n).map { box.xMin + (box.xMax - box.xMin) * Double($0) / Double(n - 1) }
            let ys = (0..<n).map { box.yMin + (box.yMax - box.yMin) * Double($0) / Double(n - 1) }
            // Steep walls and flat floors (Rosenbrock, Beale) read better as log10(1 + f).
            let log = race.scene.logScale
            let values = (0..<n).map { j in
                (0..<n).map { i -> Double in
                    let v = Double(grid.values[j * n + i])
                    return log ? Foundation.log10(1 + Swift.max(0, v)) : v
                }
            }
            let chart = ContourChart(
                title: "\(race.scene.label): \(race.snapshot.step) steps from (\(FigureSupport.number(race.scene.start.x)), \(FigureSupport.number(race.scene.start.y)))",
                xLabel: "x", yLabel: "y", x: xs, y: ys, values: values, levelCount: 8,
                colorMap: .viridis, colorBarLabel: log ? "log₁₀(1 + loss)" : "loss",
                points: LabeledPoints(x: race.scene.minima.map(\.x), y: race.scene.minima.map(\.y)),
                trajectories: race.snapshot.racers.map { racer in
                    // The chart marks every point of a path: about a hundred per racer is plenty.
                    let keep = RaceRun.thinned(racer.path?.x.count ?? 1, budget: 100)
                    return Trajectory(name: racer.label, x: keep.map { racer.path?.x[$0] ?? racer.x }, y: keep.map { racer.path?.y[$0] ?? racer.y })
                },
                description: race.summary)
            return try FigureSupport.render(chart, size: .square)
        })

    static let optimizerRaceLosses = FigureFunction(
        name: "optimizer-race-losses",
        summary: "The optimizer race run by the engine: each racer's loss against the step, on a log scale.",
        parameters: raceParameters,
        render: { arguments in
            let race = try RaceRun(arguments)
            let series = race.snapshot.racers.map { racer -> LineChart.Series in
                let losses = racer.path?.loss ?? [racer.loss]
                let keep = RaceRun.thinned(losses.count, budget: 300)
                // A log axis skips zeros; a loss of exactly 0 is drawn at the smallest float.
                return LineChart.Series(name: racer.label, x: keep.map(Double.init), y: keep.map { Swift.max(losses[$0], 1e-300) })
            }
            let chart = LineChart(
                title: "Loss against step: \(race.scene.label)", xLabel: "Step", yLabel: "Loss (log scale)",
                series: series, yScale: .log, description: race.summary)
            return try FigureSupport.render(chart)
        })

    /// One race, run to the end by the engine.
    private struct RaceRun {
        let snapshot: OptimizerRace.Snapshot
        let scene: OptimizerRace.Scene

        init(_ arguments: FigureArguments) throws(FigureError) {
            let steps = try arguments.int("steps", in: 0...2_000)
            do {
                let race = try OptimizerRace(query: arguments.string("settings"))
                var remaining = steps == 0 ? Swift.min(2_000, race.settings.int("maxSteps")) : steps
                while remaining > 0 && !race.finished {
                    let count = Swift.min(remaining, OptimizerRace.maximumStepsPerCall)
                    try race.step(count)
                    remaining -= count
                }
                snapshot = try race.snapshot(.full)
                scene = try race.scene(DemoSceneRequest(resolution: 30))
            } catch {
                throw FigureError("the optimizer race could not be run: \(error)")
            }
        }

        /// About `budget` indices of a path of `count` points to draw: every one of the first
        /// fifth of the budget (the first steps, where the racers differ most), the rest spread
        /// evenly, and the last point; so that a figure of 2,000 steps stays small.
        static func thinned(_ count: Int, budget: Int) -> [Int] {
            guard count > budget else { return Array(0..<count) }
            let head = budget / 5, rest = budget - head - 1
            let stride = Double(count - head - 1) / Double(rest)
            var indices = Array(0..<head)
            for k in 0..<rest { indices.append(head + Int((Double(k) * stride).rounded(.down))) }
            indices.append(count - 1)
            return indices
        }

        /// One sentence per racer: where it ended, or why it stopped.
        var summary: String {
            "Computed by the engine's optimizers. " + snapshot.racers.map { racer in
                if racer.status == "diverged" {
                    return "\(racer.label) diverged at step \(racer.stoppedAt ?? snapshot.step)"
                }
                return "\(racer.label) ends at loss \(FigureSupport.significant(racer.loss)), \(FigureSupport.number(racer.distanceToMinimum, digits: 3)) from the nearest minimum"
            }.joined(separator: "; ") + "."
        }
    }
}
