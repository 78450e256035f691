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
                xLabel: "x", yLabel: "y", x: xs, y: ys, values: values, levelCount: 12,
                colorMap: .viridis, colorBarLabel: log ? "log₁₀(1 + loss)" : "loss",
                points: LabeledPoints(x: race.scene.minima.map(\.x), y: race.scene.minima.map(\.y)),
                trajectories: race.snapshot.racers.map { racer in
                    Trajectory(name: racer.label, x: racer.path?.x ?? [racer.x], y: racer.path?.y ?? [racer.y])
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
                // A log axis skips zeros; a loss of exactly 0 is drawn at the smallest float.
                return LineChart.Series(name: racer.label, y: losses.map { Swift.max($0, 1e-300) })
            }
            let chart = LineChart(
                title: "Loss against step on the \(race.scene.label.lowercased())", xLabel: "Step", yLabel: "Loss (log scale)",
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
                scene = try race.scene(DemoSceneRequest(resolution: 60))
            } catch {
                throw FigureError("the optimizer race could not be run: \(error)")
            }
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
