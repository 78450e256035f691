import Charts
import Foundation
import NeuralNets
import Tensors

// Figures of the lesson "Calculus and optimization": gradient descent on a bowl with several
// learning rates, and the learning-rate schedules of the NeuralNets library. (The optimizer
// race's own paths and losses are the demo figures in DemoFigures.swift.)

extension StandardFigures {
    static let calculus: [FigureFunction] = [gradientDescentStepSizes, learningRateSchedules]

    // MARK: - Gradient descent and its learning rate

    /// The losses of plain gradient descent (the engine's `SGD`) on the bowl ½(x² + κy²) from
    /// (−1.8, 1.2): entry 0 is the starting loss. A run stops early, without trapping, once its
    /// loss passes 10⁸ or stops being finite.
    static func bowlDescentLosses(condition: Double, learningRate: Double, steps: Int) -> [Double] {
        func loss(_ p: [Double]) -> Double { 0.5 * (p[0] * p[0] + condition * p[1] * p[1]) }
        let parameter = Tensor([-1.8, 1.2], shape: [2])
        let optimizer = SGD([parameter], learningRate: learningRate)
        var losses = [loss(parameter.scalars())]
        for _ in 0..<steps {
            let p: [Double] = parameter.scalars()
            parameter.grad = Tensor([p[0], condition * p[1]], shape: [2])
            optimizer.step()
            let value = loss(parameter.scalars())
            guard value.isFinite, value <= 1e8 else { break }
            losses.append(value)
        }
        return losses
    }

    static let gradientDescentStepSizes = FigureFunction(
        name: "gradient-descent-step-sizes",
        summary: "Plain gradient descent on a quadratic bowl with several learning rates: the loss at every step.",
        parameters: [
            FigureParameter("condition", .double, default: "10", help: "how many times steeper the bowl is along y than along x, 1…1000"),
            FigureParameter("rates", .string, default: "0.02,0.1,0.18,0.21", help: "1 to 6 learning rates, each in 0.0001…10"),
            FigureParameter("steps", .int, default: "50", help: "gradient steps, 5…500"),
        ],
        render: { arguments in
            let condition = try arguments.double("condition", in: 1...1_000)
            let rates = try learningRates(arguments.string("rates"))
            let steps = try arguments.int("steps", in: 5...500)
            var series: [LineChart.Series] = [], outcomes: [String] = []
            for rate in rates {
                let losses = bowlDescentLosses(condition: condition, learningRate: rate, steps: steps)
                let label = "η = \(FigureSupport.number(rate, digits: 4))"
                series.append(.init(name: label, x: losses.indices.map(Double.init), y: losses))
                if losses.count <= steps {
                    outcomes.append("\(label) blows up (loss above 10⁸ after \(losses.count) steps)")
                } else {
                    outcomes.append("\(label) \(losses[steps] > losses[0] ? "grows" : "falls") to \(FigureSupport.significant(losses[steps]))")
                }
            }
            let kappa = FigureSupport.number(condition, digits: 2)
            let chart = LineChart(
                title: "Gradient descent on ½(x² + \(kappa)y²) from (−1.8, 1.2)", xLabel: "Step", yLabel: "Loss (log scale)",
                series: series, yScale: .log,
                description: "Each step multiplies x by 1 − η and y by 1 − \(kappa)η, so the descent is stable only for η below "
                    + "2/\(kappa) = \(FigureSupport.significant(2 / condition)). After \(steps) steps: "
                    + outcomes.joined(separator: "; ") + ".")
            return try FigureSupport.render(chart)
        })

    /// A list of learning rates written as "0.01,0.1": 1 to 6 numbers in 0.0001…10, no repeats.
    private static func learningRates(_ text: String) throws(FigureError) -> [Double] {
        var rates: [Double] = []
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            let trimmed = part.trimmingCharacters(in: .whitespaces)
            guard let rate = Double(trimmed), rate.isFinite, (0.0001...10).contains(rate) else {
                throw FigureError("parameter 'rates' must list numbers in 0.0001...10, got '\(trimmed)'")
            }
            guard !rates.contains(rate) else { throw FigureError("parameter 'rates' lists \(trimmed) twice") }
            rates.append(rate)
        }
        guard (1...6).contains(rates.count) else {
            throw FigureError("parameter 'rates' must list 1 to 6 numbers, got \(rates.count)")
        }
        return rates
    }

    // MARK: - Learning-rate schedules

    /// The schedules the figure can draw, built for a run of `steps` steps starting at `rate`,
    /// with `warmup` the fraction of the run spent warming up where a schedule has one.
    static func schedule(_ name: String, rate: Double, steps: Int, warmup: Double) -> (label: String, rate: LearningRateSchedule)? {
        let warmupSteps = max(1, Int((warmup * Double(steps)).rounded()))
        switch name {
        case "constant": return ("constant", Schedules.constant(rate))
        case "step": return ("step (×0.1 every \(max(1, steps / 3)))", Schedules.step(initial: rate, stepSize: max(1, steps / 3), gamma: 0.1))
        case "exponential": return ("exponential", Schedules.exponential(initial: rate, gamma: pow(0.01, 1 / Double(steps))))
        case "cosine": return ("cosine", Schedules.cosineAnnealing(initial: rate, period: steps))
        case "warmup-cosine":
            return ("warm-up \(warmupSteps), then cosine",
                    Schedules.warmup(steps: warmupSteps, then: Schedules.cosineAnnealing(initial: rate, period: max(1, steps - warmupSteps))))
        case "cosine-restarts":
            return ("cosine with restarts", Schedules.cosineWithRestarts(initial: rate, firstPeriod: max(1, steps / 7), periodFactor: 2))
        case "one-cycle":
            // At least two warm-up steps, so that the peak comes after step 0.
            let fraction = min(0.9, max(warmup, 2.5 / Double(steps)))
            return ("one-cycle", Schedules.oneCycle(maximum: rate, totalSteps: steps, warmupFraction: fraction))
        default: return nil
        }
    }

    static let scheduleNames = ["constant", "step", "exponential", "cosine", "warmup-cosine", "cosine-restarts", "one-cycle"]

    static let learningRateSchedules = FigureFunction(
        name: "learning-rate-schedules",
        summary: "Learning-rate schedules from the NeuralNets library, plotted over a training run.",
        parameters: [
            FigureParameter("schedules", .string, default: "constant,step,cosine,warmup-cosine",
                            help: "1 to 7 of constant, step, exponential, cosine, warmup-cosine, cosine-restarts, one-cycle"),
            FigureParameter("steps", .int, default: "100", help: "the length of the run, 10…10000 steps"),
            FigureParameter("rate", .double, default: "0.1", help: "the initial (or, for one-cycle, the peak) learning rate, 0.000001…10"),
            FigureParameter("warmup", .double, default: "0.1", help: "the fraction of the run spent warming up, 0.01…0.5"),
        ],
        render: { arguments in
            let names = try FigureSupport.names(arguments.string("schedules"), name: "schedules", choices: scheduleNames, limit: 7)
            let steps = try arguments.int("steps", in: 10...10_000)
            let rate = try arguments.double("rate", in: 0.000001...10)
            let warmup = try arguments.double("warmup", in: 0.01...0.5)
            // At most 500 samples per curve; the exact steps where the step schedule drops are kept.
            let sampleCount = min(steps, 500)
            var sampled = Set((0..<sampleCount).map { Int((Double($0) * Double(steps - 1) / Double(sampleCount - 1)).rounded()) })
            for k in 1...3 {
                let drop = k * max(1, steps / 3)
                if drop < steps { sampled.formUnion([drop - 1, drop]) }
            }
            let ts = sampled.sorted()
            var series: [LineChart.Series] = []
            for name in names {
                guard let entry = schedule(name, rate: rate, steps: steps, warmup: warmup) else { continue }
                series.append(.init(name: entry.label, x: ts.map(Double.init), y: ts.map { entry.rate($0) }))
            }
            let chart = LineChart(
                title: "Learning-rate schedules over \(steps) steps", xLabel: "Step", yLabel: "Learning rate", series: series,
                description: "Each schedule starts from \(FigureSupport.significant(rate))"
                    + (names.contains("warmup-cosine") || names.contains("one-cycle")
                        ? "; the warm-up lasts \(FigureSupport.number(100 * warmup, digits: 1)) % of the run" : "")
                    + ". Values computed by the NeuralNets library's Schedules.")
            return try FigureSupport.render(chart)
        })
}
