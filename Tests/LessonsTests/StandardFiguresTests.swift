import Foundation
import Demos
@testable import Lessons
import Testing

/// Every registered figure renders with its defaults, and rejects bad parameter values with a
/// `FigureError` instead of trapping (lesson files can name any value).
@Suite struct StandardFiguresTests {
    static let names = FigureRegistry.standard.functions.keys.sorted()

    func render(_ name: String, _ given: [String: String] = [:]) throws -> String {
        let function = try #require(FigureRegistry.standard[name])
        return try function.render(FigureArguments(given, parameters: function.parameters))
    }

    @Test func theLessonsFiguresAreRegistered() {
        for name in ["broadcasting-diagram", "dataset-histogram", "matrix-transform", "digits-svd-error", "digits-low-rank",
                     "activation-functions", "gradient-norms-by-depth", "mlp-decision-surface",
                     "gradient-descent-step-sizes", "learning-rate-schedules"] {
            #expect(FigureRegistry.standard[name] != nil, "\(name) is not registered")
        }
    }

    @Test(arguments: names)
    func rendersWithDefaults(name: String) throws {
        let function = try #require(FigureRegistry.standard[name])
        #expect(!function.summary.isEmpty)
        for parameter in function.parameters { #expect(!parameter.help.isEmpty) }
        let svg = try render(name)
        #expect(svg.hasPrefix("<svg"))
        #expect(svg.hasSuffix("</svg>\n"))
        // A real title (not the charts' fallback "Chart") and a description.
        let title = try #require(svg.firstMatch(of: /<title[^>]*>([^<]+)<\/title>/)?.1)
        #expect(title.count > 10)
        #expect(svg.contains("<desc") && !svg.contains("No data"))
        #expect(svg.contains("viewBox"))
        // The same parameters give the same document.
        #expect(try render(name) == svg)
    }

    /// Parameter values outside what each figure accepts; each must throw `FigureError`.
    static let badValues: [(String, [String: String])] = [
        ("broadcasting-diagram", ["rows": "0"]), ("broadcasting-diagram", ["rows": "7"]),
        ("broadcasting-diagram", ["columns": "-1"]), ("broadcasting-diagram", ["columns": "100"]),
        ("broadcasting-diagram", ["operands": "row-row"]),
        ("dataset-histogram", ["dataset": "titanic"]), ("dataset-histogram", ["dataset": "digits"]),
        ("dataset-histogram", ["feature": "4"]), ("dataset-histogram", ["feature": "-1"]),
        ("dataset-histogram", ["dataset": "wine", "feature": "13"]), ("dataset-histogram", ["bins": "61"]),
        ("dataset-histogram", ["bins": "-2"]), ("dataset-histogram", ["byClass": "yes"]),
        ("matrix-transform", ["a": "3.5"]), ("matrix-transform", ["b": "-4"]), ("matrix-transform", ["c": "1e9"]),
        ("matrix-transform", ["d": "nan"]), ("matrix-transform", ["d": "inf"]), ("matrix-transform", ["e": "1"]),
        ("digits-svd-error", ["maxRank": "1"]), ("digits-svd-error", ["maxRank": "65"]),
        ("digits-low-rank", ["count": "0"]), ("digits-low-rank", ["count": "11"]), ("digits-low-rank", ["ranks": "0,2"]),
        ("digits-low-rank", ["ranks": "1,65"]), ("digits-low-rank", ["ranks": "1,2,3,4,5,6,7"]),
        ("digits-low-rank", ["ranks": ""]), ("digits-low-rank", ["ranks": "two"]),
        ("activation-functions", ["functions": "relu,swish"]), ("activation-functions", ["functions": ""]),
        ("activation-functions", ["functions": "relu,relu"]),
        ("activation-functions", ["functions": "sigmoid,tanh,relu,leaky-relu,prelu,elu,selu,gelu,silu"]),
        ("activation-functions", ["range": "0.5"]), ("activation-functions", ["range": "11"]),
        ("gradient-norms-by-depth", ["depth": "1"]), ("gradient-norms-by-depth", ["depth": "31"]),
        ("gradient-norms-by-depth", ["width": "3"]), ("gradient-norms-by-depth", ["width": "129"]),
        ("gradient-norms-by-depth", ["init": "lsuv"]), ("gradient-norms-by-depth", ["seed": "1000"]),
        ("gradient-norms-by-depth", ["seed": "-1"]),
        ("mlp-decision-surface", ["dataset": "spiral"]), ("mlp-decision-surface", ["hidden": "1"]),
        ("mlp-decision-surface", ["hidden": "17"]), ("mlp-decision-surface", ["activation": "sigmoid"]),
        ("mlp-decision-surface", ["steps": "9"]), ("mlp-decision-surface", ["steps": "501"]),
        ("mlp-decision-surface", ["seed": "1000"]),
        ("gradient-descent-step-sizes", ["condition": "0.5"]), ("gradient-descent-step-sizes", ["condition": "1001"]),
        ("gradient-descent-step-sizes", ["rates": ""]), ("gradient-descent-step-sizes", ["rates": "0.1,fast"]),
        ("gradient-descent-step-sizes", ["rates": "0,0.1"]), ("gradient-descent-step-sizes", ["rates": "0.1,11"]),
        ("gradient-descent-step-sizes", ["rates": "0.1,0.1"]), ("gradient-descent-step-sizes", ["rates": "nan"]),
        ("gradient-descent-step-sizes", ["rates": "0.1,0.2,0.3,0.4,0.5,0.6,0.7"]),
        ("gradient-descent-step-sizes", ["steps": "4"]), ("gradient-descent-step-sizes", ["steps": "501"]),
        ("learning-rate-schedules", ["schedules": "linear"]), ("learning-rate-schedules", ["schedules": ""]),
        ("learning-rate-schedules", ["schedules": "cosine,cosine"]), ("learning-rate-schedules", ["steps": "9"]),
        ("learning-rate-schedules", ["steps": "10001"]), ("learning-rate-schedules", ["rate": "0"]),
        ("learning-rate-schedules", ["rate": "11"]), ("learning-rate-schedules", ["warmup": "0"]),
        ("learning-rate-schedules", ["warmup": "0.6"]),
        ("optimizer-race-paths", ["steps": "2001"]), ("optimizer-race-paths", ["settings": "surface=moon"]),
        ("optimizer-race-losses", ["steps": "-1"]), ("optimizer-race-losses", ["settings": "sgd.lr=0"]),
    ]

    @Test(arguments: badValues.indices)
    func rejectsBadValues(index: Int) {
        let (name, given) = Self.badValues[index]
        #expect(throws: FigureError.self, "\(name) \(given)") { try render(name, given) }
    }

    @Test func everyRegisteredFigureHasABadValueCase() {
        // A figure whose every parameter is a bool has nothing out of range; the others must be covered.
        for (name, function) in FigureRegistry.standard.functions where function.parameters.contains(where: { $0.kind != .bool }) {
            #expect(Self.badValues.contains { $0.0 == name }, "\(name) has no out-of-range test")
        }
    }

    /// The extreme values each range allows still render.
    static let edgeValues: [(String, [String: String])] = [
        ("broadcasting-diagram", ["rows": "1", "columns": "1"]), ("broadcasting-diagram", ["rows": "6", "columns": "6", "operands": "matrix-row"]),
        ("broadcasting-diagram", ["operands": "matrix-column"]), ("broadcasting-diagram", ["operands": "matrix-scalar", "rows": "1"]),
        ("dataset-histogram", ["dataset": "diabetes", "feature": "9", "bins": "60"]),
        ("dataset-histogram", ["dataset": "breast-cancer", "feature": "29", "byClass": "false", "bins": "1"]),
        ("matrix-transform", ["a": "0", "b": "0", "c": "0", "d": "0"]),
        ("matrix-transform", ["a": "0", "b": "-1", "c": "1", "d": "0"]),
        ("matrix-transform", ["a": "1", "b": "1", "c": "0", "d": "1"]),
        ("matrix-transform", ["a": "2", "b": "0", "c": "0", "d": "2"]),
        ("matrix-transform", ["a": "-3", "b": "3", "c": "3", "d": "-3", "showEigen": "false", "showSingular": "false"]),
        ("digits-svd-error", ["maxRank": "64", "logScale": "true"]), ("digits-svd-error", ["maxRank": "2"]),
        ("digits-low-rank", ["count": "10", "ranks": "64"]), ("digits-low-rank", ["count": "1", "ranks": "1,2,3,4,5,6"]),
        ("activation-functions", ["functions": "prelu,selu,mish", "derivative": "true", "range": "10"]),
        ("activation-functions", ["functions": "relu", "range": "1"]),
        ("gradient-norms-by-depth", ["depth": "30", "width": "128", "init": "he"]),
        ("gradient-norms-by-depth", ["depth": "2", "width": "4", "init": "xavier", "seed": "999"]),
        ("mlp-decision-surface", ["dataset": "circles", "hidden": "16", "steps": "500", "activation": "relu"]),
        ("mlp-decision-surface", ["dataset": "moons", "hidden": "2", "steps": "10", "seed": "999"]),
        ("gradient-descent-step-sizes", ["condition": "1", "rates": "10", "steps": "5"]),
        ("gradient-descent-step-sizes", ["condition": "1000", "rates": "0.0001,0.001,0.0019,0.002,0.0021,10", "steps": "500"]),
        ("learning-rate-schedules", ["schedules": "constant,step,exponential,cosine,warmup-cosine,cosine-restarts,one-cycle",
                                     "steps": "10", "rate": "0.000001", "warmup": "0.01"]),
        ("learning-rate-schedules", ["schedules": "one-cycle,warmup-cosine,step", "steps": "10000", "rate": "10", "warmup": "0.5"]),
    ]

    @Test(arguments: edgeValues.indices)
    func rendersAtTheEdges(index: Int) throws {
        let (name, given) = Self.edgeValues[index]
        let svg = try render(name, given)
        #expect(svg.hasPrefix("<svg") && svg.contains("<title"))
    }

    @Test func matrixTransformReportsTheDecomposition() throws {
        // [[2, 1], [0.5, 1.5]]: trace 3.5 and determinant 2.5, so λ = 2.5 and 1; aᵀa has
        // trace 7.5, so σ² = (7.5 ± √31.25)/2, σ = 2.56 and 0.98.
        let svg = try render("matrix-transform")
        #expect(svg.contains("λ = 2.5, λ = 1"))
        #expect(svg.contains("Singular values 2.56 and 0.98"))
        #expect(svg.contains("Determinant 2.5"))
        // A quarter turn has the complex eigenvalues ±i.
        let rotation = try render("matrix-transform", ["a": "0", "b": "-1", "c": "1", "d": "0"])
        #expect(rotation.contains("complex, 0 ± 1i"))
    }

    @Test func broadcastingDiagramShowsTheEnginesSum() throws {
        let svg = try render("broadcasting-diagram")
        #expect(svg.contains("Broadcasting: [3, 1] + [1, 4] → [3, 4]"))
        // Hand-drawn figures carry the Charts style sheet itself, colour variables and dark theme included.
        #expect(svg.contains("--chart-c0") && svg.contains("prefers-color-scheme"))
        #expect(svg.contains("its first row is 1, 2, 3, 4 and its last row is 21, 22, 23, 24"))
        let scalar = try render("broadcasting-diagram", ["operands": "matrix-scalar", "rows": "2", "columns": "2"])
        // [[0, 1], [10, 11]] + 100.
        #expect(scalar.contains("its first row is 100, 101 and its last row is 110, 111"))
    }

    @Test func lowRankErrorsFollowEckartYoung() {
        // Singular values 3, 2, 1 (sum of squares 14): leaving out all but the first k gives √(rest/14).
        let errors = StandardFigures.lowRankErrors([3, 2, 1], maxRank: 3)
        let expected = [1, (5.0 / 14).squareRoot(), (1.0 / 14).squareRoot(), 0]
        #expect(errors.count == 4)
        #expect(zip(errors, expected).allSatisfy { abs($0 - $1) < 1e-12 })
    }

    @Test func eigenvaluesOfTwoByTwoMatrices() {
        // [[2, 1], [0.5, 1.5]]: λ = 2.5 with (2, 1)/√5 and λ = 1 with (1, −1)/√2, up to sign.
        guard case .real(let pairs) = StandardFigures.eigen2x2(a: 2, b: 1, c: 0.5, d: 1.5) else {
            Issue.record("expected real eigenvalues")
            return
        }
        #expect(pairs.map(\.value) == [2.5, 1])
        #expect(abs(abs(pairs[0].vector.0) - 2 / 5.0.squareRoot()) < 1e-12 && abs(pairs[0].vector.0 - 2 * pairs[0].vector.1) < 1e-12)
        #expect(abs(pairs[1].vector.0 + pairs[1].vector.1) < 1e-12)
        // A shear keeps only the x axis; a quarter turn keeps nothing; 2I keeps everything.
        guard case .real(let shear) = StandardFigures.eigen2x2(a: 1, b: 1, c: 0, d: 1) else {
            Issue.record("expected a real eigenvalue")
            return
        }
        #expect(shear.count == 1 && shear[0].value == 1 && abs(shear[0].vector.1) < 1e-12)
        guard case .complex(let re, let im) = StandardFigures.eigen2x2(a: 0, b: -1, c: 1, d: 0) else {
            Issue.record("expected complex eigenvalues")
            return
        }
        #expect(re == 0 && im == 1)
        guard case .scalar(let value) = StandardFigures.eigen2x2(a: 2, b: 0, c: 0, d: 2) else {
            Issue.record("expected a multiple of the identity")
            return
        }
        #expect(value == 2)
    }

    @Test func deepSigmoidGradientsVanish() {
        // σ′ ≤ ¼, so twenty sigmoid layers shrink the gradient by many orders of magnitude,
        // while He-initialised ReLU layers keep it within a small factor.
        let sigmoid = StandardFigures.layerGradientNorms(depth: 20, width: 32, activation: { $0.sigmoid() }, he: false, seed: 0)
        let relu = StandardFigures.layerGradientNorms(depth: 20, width: 32, activation: { $0.relu() }, he: true, seed: 0)
        #expect(sigmoid.count == 20 && relu.count == 20)
        #expect(sigmoid[0] / sigmoid[19] < 1e-6)
        #expect(relu[0] / relu[19] > 0.05 && relu[0] / relu[19] < 20)
    }

    @Test func significantNumbers() {
        #expect(FigureSupport.significant(0.25) == "0.25")
        #expect(FigureSupport.significant(3.14159) == "3.1")
        #expect(FigureSupport.significant(1.26e-12) == "1.3 × 10⁻¹²")
        #expect(FigureSupport.significant(-45000) == "−4.5 × 10⁴")
    }

    @Test func gradientDescentFollowsItsFactors() throws {
        // On ½(x² + 10y²) each step multiplies x by 1 − η and y by 1 − 10η.
        let losses = StandardFigures.bowlDescentLosses(condition: 10, learningRate: 0.18, steps: 50)
        #expect(losses.count == 51)
        let expected = 0.5 * (pow(1.8 * pow(0.82, 50.0), 2.0) + 10 * pow(1.2 * pow(0.8, 50.0), 2.0))
        #expect(abs(losses[50] - expected) < 1e-12)
        // 0.21 > 2/10: the loss grows by 1.21 per step along y until it passes 10⁸ and the run stops.
        let wild = StandardFigures.bowlDescentLosses(condition: 10, learningRate: 0.21, steps: 500)
        #expect(wild.count < 500 && wild.last! > wild.first!)
        // The lesson's claims about the figure: 0.18 ends lowest, 0.02 crawls, 0.21 blows up.
        let svg = try render("gradient-descent-step-sizes")
        #expect(svg.contains("η = 0.21 grows to") && svg.contains("η = 0.02 falls to 0.21"))
        let finals = [0.02, 0.1, 0.18].map { StandardFigures.bowlDescentLosses(condition: 10, learningRate: $0, steps: 50)[50] }
        #expect(finals[2] < finals[1] && finals[1] < finals[0] && finals[0] > 0.1)
    }

    @Test func schedulesMatchTheirFormulas() throws {
        // cosine over 100 steps from 0.1: 0.05 halfway; step decay ×0.1 every 33 steps; warm-up 10 steps.
        let cosine = try #require(StandardFigures.schedule("cosine", rate: 0.1, steps: 100, warmup: 0.1))
        #expect(abs(cosine.rate(50) - 0.05) < 1e-12)
        let step = try #require(StandardFigures.schedule("step", rate: 0.1, steps: 100, warmup: 0.1))
        #expect(abs(step.rate(32) - 0.1) < 1e-12 && abs(step.rate(33) - 0.01) < 1e-12)
        let warm = try #require(StandardFigures.schedule("warmup-cosine", rate: 0.1, steps: 100, warmup: 0.1))
        #expect(warm.rate(0) == 0 && abs(warm.rate(5) - 0.05) < 1e-12 && abs(warm.rate(10) - 0.1) < 1e-12)
        // Every schedule stays finite and within (0, rate] over a short and a long run.
        for name in StandardFigures.scheduleNames {
            for steps in [10, 20, 10_000] {
                let s = try #require(StandardFigures.schedule(name, rate: 0.1, steps: steps, warmup: 0.05))
                #expect((0..<steps).allSatisfy { s.rate($0).isFinite && s.rate($0) >= 0 && s.rate($0) <= 0.1 + 1e-12 }, "\(name), \(steps)")
            }
        }
    }

    @Test func theNetworkLearnsXor() throws {
        let svg = try render("mlp-decision-surface")
        let accuracy = try #require(svg.firstMatch(of: /training accuracy ([0-9.]+) %/)?.1)
        #expect(try #require(Double(accuracy)) >= 95)
    }
}

/// The lesson `math/calculus-optimization` describes what its optimizer-race links and embed
/// show, and `deep/neural-networks` what its simulator embed shows; these runs of the demos
/// check every such sentence.
extension StandardFiguresTests {
    @Suite struct LessonDemoClaims {
        /// Each racer's loss after every step, by racer id.
        func raceLosses(_ query: String, steps: Int) throws -> (losses: [String: [Double]], racers: [OptimizerRace.RacerState]) {
            let race = try query.hasPrefix("preset=") ? OptimizerRace(preset: String(query.dropFirst(7))) : OptimizerRace(query: query)
            try race.step(steps)
            let racers = try race.snapshot(.full).racers
            return (Dictionary(uniqueKeysWithValues: racers.map { ($0.id, $0.path?.loss ?? []) }), racers)
        }

        @Test func theFallbackFigureRunsThePreset() throws {
            // The lesson draws the embedded race's fallback from the preset's own settings.
            let query = try OptimizerRace.preset("ill-conditioned-bowl").query
            let lesson = try String(contentsOf: CurriculumLocation.root.appendingPathComponent("lessons/math/calculus-optimization.md"), encoding: .utf8)
            #expect(lesson.contains("settings: \"\(query)\""))
            #expect(lesson.contains("@demo optimizer-race?preset=ill-conditioned-bowl race-paths"))
        }

        @Test func momentumWinsTheNarrowValley() throws {
            let (losses, _) = try raceLosses("preset=ill-conditioned-bowl", steps: 300)
            let sgd = try #require(losses["sgd"]), momentum = try #require(losses["momentum"])
            let nesterov = try #require(losses["nesterov"]), adam = try #require(losses["adam"])
            // "momentum swings across the valley and is briefly behind SGD" in the first fifty steps.
            #expect(momentum[50] > sgd[50])
            // "the point still swings from wall to wall, for longer than SGD's does"
            let (_, racers) = try raceLosses("preset=ill-conditioned-bowl", steps: 20)
            let y = { (id: String) in abs(racers.first { $0.id == id }?.y ?? .nan) }
            #expect(y("momentum") > 100 * y("sgd"))
            // "By step 100, SGD's loss is still about 0.08 while momentum's is below 10⁻⁴."
            #expect(sgd[100] > 0.07 && sgd[100] < 0.09)
            #expect(momentum[100] < 1e-4)
            // Nesterov, at the smaller learning rate, "still finishes first".
            for step in [100, 300] { #expect(nesterov[step] < min(momentum[step], adam[step], sgd[step])) }
        }

        @Test func sgdPastTwoOverKappaFliesOff() throws {
            // "raised to 0.021 it flies off the surface within twenty steps"
            let (_, racers) = try raceLosses("condition=100&racers=sgd&sgd.lr=0.021", steps: 100)
            let sgd = try #require(racers.first)
            #expect(sgd.status == "diverged")
            #expect(try #require(sgd.stoppedAt) <= 20)
            // At 0.015 (the preset's rate) the same racer is fine.
            let (_, calm) = try raceLosses("condition=100&racers=sgd&sgd.lr=0.015&maxSteps=100", steps: 100)
            #expect(calm.first?.status == "finished")
        }

        @Test func momentumAndAdaptiveMethodsLeaveTheSaddleSooner() throws {
            let (losses, _) = try raceLosses("preset=saddle", steps: 300)
            // The step at which a racer has rolled off the ridge: its loss first drops below −0.1
            // (the saddle point has loss 0, the minima −0.25).
            func escape(_ id: String) throws -> Int { try #require(losses[id]?.firstIndex { $0 < -0.1 }, "\(id) never escapes") }
            #expect(try escape("sgd") > 100)                                   // "more than a hundred steps"
            for id in ["momentum", "nesterov"] { #expect((25...50).contains(try escape(id)), "\(id): about forty") }
            for id in ["adagrad", "rmsprop", "adam", "adamw"] { #expect(try escape(id) < 20, "\(id): under twenty") }
        }

        @Test func noisyGradientsNeverSettle() throws {
            // "no racer settles exactly at the minimum; each keeps wandering around it": over the
            // last 100 of 300 steps every racer's loss still rises above 0.05 (without noise they
            // are all below 10⁻⁴ by then).
            let (losses, _) = try raceLosses("preset=noisy-gradients", steps: 300)
            #expect(losses.count == 7)
            for (id, curve) in losses { #expect((curve.suffix(100).max() ?? 0) > 0.05, "\(id)") }
            // The preset's commentary: momentum wanders furthest, adding up the noise.
            func meanTail(_ id: String) -> Double { let tail = losses[id]?.suffix(100) ?? []; return tail.reduce(0, +) / Double(max(tail.count, 1)) }
            #expect(meanTail("momentum") > 2 * meanTail("sgd"))
            let (quiet, _) = try raceLosses("surface=bowl&maxSteps=300", steps: 300)
            for (id, curve) in quiet { #expect((curve.suffix(100).max() ?? 1) < 1e-4, "\(id) without noise") }
        }

        @Test func adamFollowsRosenbrocksValley() throws {
            // "after 2,000 steps Adam sits on the minimum … with a loss near 10⁻¹², RMSProp and
            // momentum are within 0.3 of it, and SGD … is still more than 1.5 away."
            let (losses, racers) = try raceLosses("preset=rosenbrock", steps: 2_000)
            func racer(_ id: String) throws -> OptimizerRace.RacerState { try #require(racers.first { $0.id == id }) }
            #expect(try racer("adam").loss < 1e-10 && racer("adam").distanceToMinimum < 1e-4)
            #expect(try racer("rmsprop").distanceToMinimum < 0.3)
            #expect(try racer("momentum").distanceToMinimum < 0.3)
            #expect(try racer("sgd").distanceToMinimum > 1.5)
            #expect(losses["sgd"]?.count == 2_001)
        }

        @Test func theEmbeddedSimulatorLearnsTheRings() throws {
            // deep/neural-networks embeds the simulator set up like its training code: one hidden
            // layer of eight tanh neurons on the two rings. It separates them.
            let lesson = try String(contentsOf: CurriculumLocation.root.appendingPathComponent("lessons/deep/neural-networks.md"), encoding: .utf8)
            let line = try #require(lesson.split(separator: "\n").first { $0.hasPrefix("@demo nn-simulator?") })
            let query = try #require(line.split(separator: " ")[1].split(separator: "?", maxSplits: 1).last)
            let simulator = try NeuralNetworkSimulator(query: String(query))
            try simulator.step(200)
            #expect((simulator.progress["testAccuracy"] ?? 0) > 0.95)
        }
    }
}

/// Where the bundled curriculum lives, from this file's place in the checkout.
enum CurriculumLocation {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Curriculum")
}
